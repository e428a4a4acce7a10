"""The content schema: what a content file may say, one model per kind of item.

Partnership staff write these files by hand, so every model forbids unknown
fields (a typo such as ``titel`` must stop the build, not vanish) and every
text field must hold something.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .field_types import Date, FieldError, HttpsUrl, Id, MarkdownText, Ref, Text


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


class Update(StrictModel):
    """A currency note: what has changed in the law or national guidance since the guidance was published.

    Shown as a labelled callout near the top of the item's page and listed on the
    "Changes in law since publication" page. The guidance's own words are never
    rewritten: a note says what changed and points to the current authority.
    """

    type: Literal["change", "correction"] = "change"
    """"change": the law or guidance changed after publication. "correction": the published
    guidance was wrong when written (a wrong section number, say)."""
    what: Text
    """What changed, in plain English (Markdown, no raw HTML)."""
    date: Date | None = None
    """When the change took effect (or was made). Required for a change."""
    confirmed: StrictBool
    """Whether the change is confirmed, from the cited source, to be in force (for a correction:
    confirmed against the cited text). Write false, and say what is not known, when it is not."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """Where a reader can check it: legislation.gov.uk or GOV.UK first."""
    findings: list[Annotated[str, Field(pattern=r"^[A-Z]\d{1,2}$")]] = []
    """The content review's finding numbers this note answers, e.g. T2 (for auditors)."""

    @model_validator(mode="after")
    def _change_has_a_date(self) -> Update:
        if self.type == "change" and self.date is None:
            raise FieldError("date", "a change needs the 'date' it took effect, written YYYY-MM-DD")
        return self


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
    updates: list[Update] = []
    """Currency notes: "Since this guidance was published"."""
    owner: Text
    """Who answers for the item's accuracy and reviews it, e.g. the partnership's name."""
    status: Literal["transcribed", "reviewed"]
    """"transcribed": copied from the published guidance and checked against it, not yet reviewed
    against current law. "reviewed": reviewed against current law by ``reviewed_by`` on ``last_reviewed``."""
    transcribed: Date | None = None
    """When the item was transcribed from the published guidance."""
    last_reviewed: Date | None = None
    """When the item was last reviewed against current law; only for status: reviewed."""
    reviewed_by: Text | None = None
    """Who reviewed it (a named person or role); only for status: reviewed."""
    review_due: Date
    """When it must next be checked, as YYYY-MM-DD, after last_reviewed."""
    body: str = ""
    """The text of the page, in Markdown, written below the closing '---' (not as a field)."""

    @model_validator(mode="after")
    def _local_items_have_no_source_section(self) -> Item:
        if self.origin == "local" and self.guidance_section is not None:
            raise FieldError(
                "origin",
                "an item with origin: local was added by the partnership, so it has no guidance_section: "
                "remove one of the two (keep guidance_section if the item is part of the published guidance)",
            )
        return self

    @property
    def is_local(self) -> bool:
        """Added by the partnership rather than carried from the published guidance."""
        return self.origin == "local"

    @model_validator(mode="after")
    def _review_status_is_honest(self) -> Item:
        if self.status == "transcribed":
            if self.transcribed is None:
                raise FieldError(
                    "status",
                    "status: transcribed needs the date the item was transcribed: add 'transcribed: YYYY-MM-DD'",
                )
            if self.last_reviewed is not None or self.reviewed_by is not None:
                raise FieldError(
                    "last_reviewed" if self.last_reviewed is not None else "reviewed_by",
                    "a transcribed item has not been reviewed: remove 'last_reviewed' and 'reviewed_by', "
                    "or change status to 'reviewed' once the review has happened",
                )
        else:
            if self.last_reviewed is None or self.reviewed_by is None:
                raise FieldError(
                    "status",
                    "status: reviewed needs 'last_reviewed' (the date of the review) and 'reviewed_by' "
                    "(who reviewed it)",
                )
        return self

    @field_validator("review_due")
    @classmethod
    def _review_due_comes_after_the_status_date(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        # status, transcribed and last_reviewed are declared (so validated) before review_due.
        name = "last_reviewed" if info.data.get("status") == "reviewed" else "transcribed"
        start = info.data.get(name)
        if start is not None and value <= start:
            raise ValueError(f"review_due ({value.isoformat()}) must be after {name} ({start.isoformat()})")
        return value

    @property
    def reviewed(self) -> bool:
        """Whether a review against current law has actually happened."""
        return self.status == "reviewed"

    @property
    def status_date(self) -> dt.date:
        """The date the status refers to: the review's, or the transcription's."""
        date = self.last_reviewed if self.status == "reviewed" else self.transcribed
        assert date is not None  # guaranteed by the validator
        return date

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
    """When the scheme started, as YYYY-MM-DD: shown at the top of its page ("Started: 8 March 2014")."""


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
    Legislation | DisclosureScheme | Consideration | PrincipleSet | Topic | Myth | Resource | GlossaryTerm,
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
    own_page: bool = True
    """Whether each item has a page of its own; if not, it is a section of the kind's index page
    (the glossary: one page with an anchor per term)."""


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
        Kind(name="glossary-term", folder="glossary", heading="Glossary", model=GlossaryTerm, own_page=False),
    )
}

KIND_BY_FOLDER: dict[str, Kind] = {kind.folder: kind for kind in KINDS.values()}


PAGE_ADDRESS_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$"
"""A page's address inside the site without its ending, e.g. legislation/old-act."""

PageAddress = Annotated[str, Field(pattern=PAGE_ADDRESS_PATTERN)]


class Moved(StrictModel):
    """An address that now leads elsewhere: a renamed item, or a glossary term that became a section."""

    address: PageAddress
    to: Ref
    """The item (or item#anchor) now at the new address."""
    moved_on: Date | None = None


class Withdrawn(StrictModel):
    """An item taken out of the guidance; its address keeps a page saying so."""

    address: PageAddress
    title: Text
    withdrawn_on: Date
    replaced_by: Ref | None = None
    reason: Text | None = None


class Addresses(StrictModel):
    """Old addresses that must keep working (content/addresses.yml, written by make rename and make withdraw)."""

    moved: list[Moved] = []
    withdrawn: list[Withdrawn] = []


class Order(StrictModel):
    """The order of the printed whole guidance (content/order.yml); items not listed follow by kind."""

    whole_guidance: list[Id] = []
