"""The fields of the decision record, chosen to fit each kind of outcome.

Golden rule 7 asks for the decision and the reasons "whether or not you share", and, if you
share, what, with whom and why. A "Do not share" record has no "what was shared"; a share
record needs the lawful basis. The fields are the site's, not the guidance's, so they live
here rather than in content/flows/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DECISIONS = ("share", "do-not-share", "seek-advice")
SHARE = ("share",)
NOT_SHARE = ("do-not-share",)
ADVICE = ("seek-advice",)


@dataclass(frozen=True)
class RecordField:
    name: str
    label: str
    kind: Literal["text", "date", "time", "textarea", "radios"]
    decisions: tuple[str, ...] = DECISIONS
    optional: bool = False
    hint: str | None = None
    autocomplete: str | None = None
    options: tuple[str, ...] = ()


RECORD_FIELDS: tuple[RecordField, ...] = (
    RecordField("date", "Date of the decision", "date"),
    RecordField("time", "Time of the decision", "time"),
    RecordField("decided-by", "Who made the decision", "text", autocomplete="name"),
    RecordField("role", "Their role", "text", autocomplete="organization-title"),
    RecordField("organisation", "Their organisation", "text", autocomplete="organization"),
    RecordField(
        "case-reference",
        "Case reference",
        "text",
        optional=True,
        hint="Your organisation's reference for the case. Do not type the child's name.",
    ),
    RecordField("asked", "What information was asked for, and by whom", "textarea"),
    RecordField("shared-what", "What information was shared", "textarea", SHARE),
    RecordField("shared-with", "Who it was shared with", "textarea", SHARE),
    RecordField(
        "shared-how",
        "How it was shared",
        "text",
        SHARE,
        hint="For example, secure email or a phone call, and when.",
    ),
    RecordField(
        "lawful-basis",
        "The lawful basis for sharing",
        "textarea",
        SHARE,
        hint="For example, consent, or a lawful reason to share without it such as safeguarding a child.",
    ),
    RecordField("why-not", "Why the information was not shared", "textarea", NOT_SHARE),
    RecordField("advice", "What was advised, and what happens next", "textarea", ADVICE),
    RecordField(
        "consulted",
        "Who was consulted or gave advice",
        "textarea",
        hint="Name and role, for example your manager or information governance lead.",
    ),
    RecordField("told", "Has the person the information is about been told?", "radios", options=("Yes", "No")),
    RecordField("told-why-not", "If they have not been told, why not", "textarea"),
)
