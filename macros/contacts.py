"""Where to make a referral: each member partnership's children's social care front door.

The numbers live in ``mkdocs.yml`` under ``extra.partnership.members`` and nowhere else. They
are left empty until each partnership confirms its own published contacts: a wrong number on a
safeguarding page is worse than none, so while any is missing the build says which (a notice,
not a failure) and the site points to the procedures site instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CONTACT_FIELDS = {
    "daytime": "daytime number",
    "out_of_hours": "out of hours number",
    "referral_url": "referral link",
}


@dataclass(frozen=True)
class AreaContacts:
    partnership: str
    area: str
    daytime: str | None = None
    out_of_hours: str | None = None
    referral_url: str | None = None

    @property
    def missing(self) -> list[str]:
        return [label for field, label in CONTACT_FIELDS.items() if not getattr(self, field)]


@dataclass(frozen=True)
class Contacts:
    areas: list[AreaContacts]
    procedures_url: str | None

    @property
    def complete(self) -> list[AreaContacts]:
        """Areas whose every contact is set: only these are offered, so no one gets half an answer."""
        return [area for area in self.areas if not area.missing]

    def missing_notice(self) -> str | None:
        """One line for the build output naming what is still to be filled in, or None."""
        gaps = [f"{area.area} ({', '.join(area.missing)})" for area in self.areas if area.missing]
        if not gaps:
            return None
        return (
            "Children's social care contacts are not set for: " + "; ".join(gaps) + ". Until they are, "
            "the decision tool points to the procedures site. Add them under extra.partnership.members "
            "in mkdocs.yml from each partnership's own published contacts."
        )


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _web_address(value: Any) -> str | None:
    """Only a web address counts: anything else (a typo, a javascript: URL) is treated as unset."""
    text = _text(value)
    return text if text and text.startswith(("https://", "http://")) else None


def read_contacts(extra: dict[str, Any]) -> Contacts:
    """The member partnerships from the site configuration; a member may be just its name."""
    partnership = extra.get("partnership") or {}
    areas: list[AreaContacts] = []
    for member in partnership.get("members") or []:
        if not isinstance(member, dict):
            areas.append(AreaContacts(partnership=str(member), area=str(member)))
            continue
        name = _text(member.get("name")) or ""
        areas.append(
            AreaContacts(
                partnership=name,
                area=_text(member.get("area")) or name,
                daytime=_text(member.get("daytime")),
                out_of_hours=_text(member.get("out_of_hours")),
                referral_url=_web_address(member.get("referral_url")),
            )
        )
    return Contacts(areas=areas, procedures_url=_text(partnership.get("procedures_url")))


def member_names(extra: dict[str, Any]) -> list[str]:
    return [area.partnership for area in read_contacts(extra).areas]


def tel_href(number: str) -> str:
    """A tel: address from a number as printed ("0300 123 5012" → "tel:03001235012")."""
    return "tel:" + re.sub(r"[^\d+]", "", number)
