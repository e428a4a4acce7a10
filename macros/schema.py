"""The content schema: what a content file may say, one model per kind of item.

Partnership staff write these files by hand, so every model forbids unknown
fields (a typo such as ``titel`` must stop the build, not vanish) and every
text field must hold something.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Lower-case words joined by hyphens: the id is also the page's address."""

REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$"
"""An item id, optionally followed by ``#anchor`` to cite one rule of a set."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> dt.date:
    # YAML turns a well-formed 2026-11-26 into a date; anything else arrives
    # as a string or number, and pydantic's lax parsing would accept a bare
    # number as a Unix timestamp, which no author means.
    if isinstance(value, dt.datetime):
        raise ValueError("write a date without a time, as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a real date") from None
    raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD, for example 2026-11-26")


def _require_https(value: str) -> str:
    if not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"'{value}' is not a web address starting with https://")
    return value


_MARKUP = re.compile(r"<|\{[{%#]|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain_text(value: str) -> str:
    """Refuse markup in a field that is published as plain text.

    Titles, summaries, aliases and the like reach menus, page titles, <head>, search results
    and the feed, some through the theme's templates, which do not escape. Keeping markup out of
    them at the source makes them safe everywhere they are shown.
    """
    match = _MARKUP.search(value)
    if match:
        found = match.group(0)
        if found == "<":
            # A lone '>' cannot start markup (and separates parts of guidance_section); '<' can.
            raise ValueError(
                "'<' is not allowed here: this field is plain text, shown in titles, menus and search "
                "results, where it could start web page code. Write it in words instead (for example 'under 18' or 'less than')"
            )
        if found.startswith("{"):
            raise ValueError(
                f"'{found}' is not allowed here: links and other {{{{ … }}}} instructions belong in the text "
                "below the front matter, not in a field"
            )
        raise ValueError(f"'{found}' is web page code: write the character itself instead")
    if _CONTROL.search(value):
        raise ValueError("this field holds an invisible control character: retype it")
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Text = Annotated[str, Field(min_length=1), AfterValidator(_plain_text)]
"""A plain-text field: never markup, whatever page, menu or file it reaches."""
MarkdownText = Annotated[str, Field(min_length=1)]
"""A field written in Markdown like a body (a rule's text): checked as a body is."""
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Ref = Annotated[str, Field(pattern=REF_PATTERN)]
HttpsUrl = Annotated[str, AfterValidator(_require_https)]


class StrictModel(BaseModel):
    # Field docstrings become descriptions: FIELDS.md, the staff's field reference, is made from them.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, use_attribute_docstrings=True)


class Source(StrictModel):
    """A publication the item rests on, such as a section on legislation.gov.uk."""

    title: Text
    """The publication's name as a reader would recognise it, e.g. "Children Act 2004, section 11"."""
    url: HttpsUrl
    """Its web address, starting with https://."""


class Member(StrictModel):
    """One rule or principle of a principle set; its number is its position."""

    name: Text
    """Short name shown wherever the rule is cited, e.g. "Keep a record"."""
    text: MarkdownText
    """The rule itself, in Markdown."""


class Item(StrictModel):
    """Fields every content item has, whatever its kind."""

    kind: str
    """What sort of item this is; it must match the folder the file is in."""
    id: Id
    """The file name without .md, and the last part of the page's web address: lower-case words
    joined by hyphens, e.g. "crime-and-disorder-act-1998"."""
    title: Text
    """The page's heading and the name shown in the menu, search results and the browser tab."""
    short_title: Text | None = None
    """Shorter title for menus and links; defaults to the title."""
    summary: Text
    """One plain sentence: used on index pages and as the page's description."""
    aliases: list[Text] = []
    """Other names practitioners use, shown as "Also known as" and fed to search."""
    keywords: list[Text] = []
    """Words people search with that should find this item but are not names for it
    (e.g. "phone" for sharing securely). Used by search only, never shown."""
    related: list[Ref] = []
    """Ids of other items worth reading next, listed under "Related" (add "#rule-4" to point at one rule)."""
    sources: list[Source] = []
    """The publications the item rests on, each with a title and a url, listed under "Sources"."""
    exit_this_page: bool = False
    """Show the "Exit this page" button: for pages a person at risk at home may read."""
    guidance_section: Text | None = None
    """Where the item comes from in the published guidance, e.g. "2. The Legal Basis": the heading
    path the coverage map (tests/source_coverage.yml) lists it under. Leave it out with origin: local."""
    origin: Literal["guidance", "local"] = "guidance"
    """Write "origin: local" for an item the partnership added that is not part of the published
    guidance: its page then says so, and the tests that hold the site to the published guidance
    leave it out. Leave the field out for items carried from the published guidance."""
    owner: Text
    """Who answers for the item's accuracy and reviews it, e.g. the partnership's name."""
    last_reviewed: Date
    """When the item was last checked, as YYYY-MM-DD."""
    review_due: Date
    """When it must next be checked, as YYYY-MM-DD, after last_reviewed."""
    body: str = ""
    """The text of the page, in Markdown, written below the closing '---' (not as a field)."""

    @model_validator(mode="after")
    def _local_items_have_no_source_section(self) -> "Item":
        if self.origin == "local" and self.guidance_section is not None:
            raise ValueError(
                "an item with origin: local was added by the partnership, so it has no guidance_section: "
                "remove one of the two (keep guidance_section if the item is part of the published guidance)"
            )
        return self

    @property
    def is_local(self) -> bool:
        """Added by the partnership rather than carried from the published guidance."""
        return self.origin == "local"

    @model_validator(mode="after")
    def _review_due_after_review(self) -> "Item":
        if self.review_due <= self.last_reviewed:
            raise ValueError(
                f"review_due ({self.review_due.isoformat()}) must be after "
                f"last_reviewed ({self.last_reviewed.isoformat()})"
            )
        return self

    @property
    def link_text(self) -> str:
        return self.short_title or self.title


class Legislation(Item):
    kind: Literal["legislation"]
    sections: list[Text] = []
    """Section numbers the guidance cites, e.g. "115" or "201(3)(d)"."""
    articles: list[Text] = []
    """Article numbers the guidance cites, e.g. "8"."""


class DisclosureScheme(Item):
    kind: Literal["disclosure-scheme"]
    commenced: Date | None = None
    """When the scheme started, as YYYY-MM-DD."""


class Consideration(Item):
    kind: Literal["consideration"]


class PrincipleSet(Item):
    kind: Literal["principle-set"]
    member_label: Text
    """What one member is called where it is cited, e.g. "Golden rule"."""
    anchor_prefix: Id
    """Each member's anchor is this plus its number, e.g. rule-4."""
    members: Annotated[list[Member], Field(min_length=1)]
    """The rules in order, each with a name and a text; a rule's number is its place in the list."""

    def anchor(self, number: int) -> str:
        return f"{self.anchor_prefix}-{number}"


class Topic(Item):
    kind: Literal["topic"]


class Myth(Item):
    kind: Literal["myth"]
    answered_by: Annotated[list[Ref], Field(min_length=1)]
    """The laws, rules or principles that answer the myth."""


class Resource(Item):
    kind: Literal["resource"]
    links: list[Source] = []
    """The resources themselves, each with a title and a url, listed on the page."""


class GlossaryTerm(Item):
    kind: Literal["glossary-term"]
    abbreviation: Text
    """The short form as it appears in text, e.g. "DVDS"."""


AnyItem = Annotated[
    Union[
        Legislation,
        DisclosureScheme,
        Consideration,
        PrincipleSet,
        Topic,
        Myth,
        Resource,
        GlossaryTerm,
    ],
    Field(discriminator="kind"),
]


class Kind(BaseModel):
    """How one kind of item is stored and published."""

    model_config = ConfigDict(frozen=True)

    name: str
    folder: str
    """Folder under content/ and docs/, and the first part of the page's address."""
    heading: str
    """Title of the kind's index page."""
    model: type[Item]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(name="legislation", folder="legislation", heading="Legislation", model=Legislation),
        Kind(
            name="disclosure-scheme",
            folder="disclosure-schemes",
            heading="Disclosure schemes",
            model=DisclosureScheme,
        ),
        Kind(
            name="consideration",
            folder="considerations",
            heading="Other considerations",
            model=Consideration,
        ),
        Kind(
            name="principle-set",
            folder="principles",
            heading="Rules and principles",
            model=PrincipleSet,
        ),
        Kind(name="topic", folder="guidance", heading="Guidance", model=Topic),
        Kind(name="myth", folder="myths", heading="Myths", model=Myth),
        Kind(name="resource", folder="resources", heading="Resources", model=Resource),
        Kind(name="glossary-term", folder="glossary", heading="Glossary", model=GlossaryTerm),
    )
}

KIND_BY_FOLDER: dict[str, Kind] = {kind.folder: kind for kind in KINDS.values()}
