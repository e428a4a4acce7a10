"""Turn items into page Markdown through Jinja templates, escaping every content field."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .amendments import Amendment, item_amendments
from .contacts import Contacts, tel_href
from .corpus import Corpus, relative_link
from .currency import CurrencyNote
from .escaping import md_escape
from .flow import Flow, question_order
from .flow_diagram import flow_svg, flow_svg_narrow
from .flow_record import RECORD_FIELDS
from .history import History
from .refs import link, resolve
from .reviews import ReviewRow, status_summary
from .schema import KINDS, GlossaryTerm, Item, Legislation, Moved, Withdrawn
from .templating import render_checked

CHANGES_IN_LAW_PAGE = "changes-in-law.md"
"""The page that lists every currency note ("Changes in law since publication")."""


def long_date(value: dt.date) -> str:
    """GOV.UK style: 26 November 2026."""
    return f"{value.day} {value:%B %Y}"


def legal_shorthand(item: Legislation) -> list[str]:
    """The ways people write a citation: "section 11", "s11", "s.11", "s 11", "article 8", "art 8"."""
    terms: list[str] = []
    for section in item.sections:
        number = re.match(r"\d+[A-Z]?", section)
        for value in dict.fromkeys([section, number.group(0) if number else section]):
            # "s 11" needs no term of its own: the search box splits it and "11" matches "section 11".
            terms += [f"section {value}", f"s{value}", f"s.{value}"]
    for article in item.articles:
        terms += [f"article {article}", f"art {article}", f"art.{article}"]
    return terms


def _demote_headings(markdown: str) -> Markup:
    """Push body headings one level down and drop their fixed ids, which would repeat on one page."""
    demoted = re.sub(r"^(#{2,5}) (.*?)(?:\s*\{\s*#[^}]*\})?\s*$", r"#\1 \2", str(markdown), flags=re.M)
    return Markup(demoted)


@functools.cache
def _site_templates() -> Environment:
    """The project's own templates, compiled once per process: a `make serve` rebuild, and Zensical,
    which builds a Renderer for every page, reuse them (Jinja still reloads a template edited on disk)."""
    templates = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    templates.filters["md_escape"] = md_escape
    templates.filters["long_date"] = long_date
    templates.filters["cell"] = lambda value: md_escape(value).replace("|", "\\|")
    return templates


_rendered: tuple[Corpus, dict[tuple[str, str], Markup]] | None = None
"""Bodies rendered for the current content (the corpus, by identity), by text and page."""


class Renderer:
    """Renders pages for one corpus; built once per build, used by every page."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        today: dt.date,
        history: History | None = None,
        repo_url: str | None = None,
        edit_uri: str | None = None,
        docs_dir: str = "docs",
        exit_page: dict[str, str] | None = None,
    ) -> None:
        self.exit_page = exit_page
        self.corpus = corpus
        self.today = today
        self.history = history or History(available=False, note="No change history was read for this build.")
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        # MkDocs' edit_uri leads from repo_url to the page files in docs/; content files sit beside
        # docs/ at the top of the repository, so their edit address is edit_uri without docs/.
        # An empty edit_uri (MkDocs' value for a host it does not know) means no edit link.
        self.edit_root: str | None = None
        if edit_uri:
            parts, docs = edit_uri.strip("/").split("/"), docs_dir.strip("/").split("/")
            self.edit_root = "/".join(parts[: -len(docs)] if parts[-len(docs) :] == docs else parts)
        self.templates = _site_templates()

    def ref(self, target: str, text: str | None = None, *, from_doc: str) -> Markup:
        """A Markdown link from the page ``from_doc`` to an item or one of its rules (refs.link)."""
        return link(self.corpus, target, text, from_doc=from_doc)

    def markdown(self, source: str, *, from_doc: str) -> Markup:
        """Render a content body: its {{ ref() }} calls become links relative to ``from_doc``.

        The links depend only on the content and the page, so each body is rendered once per page
        for the current content: the HTML check (validation.py) and the page itself share it.
        """
        global _rendered
        if _rendered is None or _rendered[0] is not self.corpus:
            _rendered = (self.corpus, {})
        bodies = _rendered[1]
        key = (source, from_doc)
        if key not in bodies:
            bodies[key] = render_checked(source, self._linker(from_doc))
        return bodies[key]

    def _linker(self, from_doc: str) -> Callable[..., Markup]:
        """ref() for templates, bound to the page being rendered."""
        return lambda target, text=None: self.ref(target, text, from_doc=from_doc)

    def _members(self, item: Item, from_doc: str) -> list[tuple[int, Any, Markup]]:
        """A principle set's rules, numbered from 1, their text rendered; empty for other kinds."""
        return [
            (number, member, self.markdown(member.text, from_doc=from_doc))
            for number, member in enumerate(getattr(item, "members", []), 1)
        ]

    def item_page(self, item_id: str, *, from_doc: str) -> str:
        item = self.corpus.items[item_id]
        return self.templates.get_template(f"{item.kind}.md.jinja").render(
            item=item,
            kind=KINDS[item.kind],
            body=self.markdown(item.body, from_doc=from_doc),
            members=self._members(item, from_doc),
            link=self._linker(from_doc),
            backlinks=self.corpus.backlinks[item_id],
            overdue=item.review_due < self.today,
            today=self.today,
            history=self.history,
            changes=item_amendments(self.history, self.corpus, item_id),
            uncommitted=self.corpus.files[item_id] in self.history.uncommitted,
            exit_page=self.exit_page,
            changes_in_law_url=relative_link(from_doc, CHANGES_IN_LAW_PAGE),
            anchor_prefix="",
            edit_url=self._edit_url(item_id),
            report_url=self._report_url(item_id),
        )

    def _edit_url(self, item_id: str) -> str | None:
        if not self.repo_url or self.edit_root is None:
            return None
        root = f"{self.edit_root}/" if self.edit_root else ""
        return f"{self.repo_url}/{root}{self.corpus.files[item_id]}"

    def _report_url(self, item_id: str) -> str | None:
        if not self.repo_url:
            return None
        title = quote(f"Problem with the page: {self.corpus.items[item_id].link_text}")
        body = quote(
            f"Page: {self.corpus.doc_path(item_id)}\nContent file: {self.corpus.files[item_id]}\n\nWhat is wrong:\n"
        )
        return f"{self.repo_url}/issues/new?title={title}&body={body}"

    def review_status(self, rows: list[ReviewRow], *, from_doc: str) -> str:
        return self.templates.get_template("review-status.md.jinja").render(
            rows=rows,
            today=self.today,
            summary=status_summary(rows).removeprefix("Review status: ").capitalize(),
            link=self._linker(from_doc),
        )

    def changes_in_law(self, notes: list[CurrencyNote], *, from_doc: str) -> str:
        """Every currency note on one page: changes in law newest first, then corrections."""
        changes = sorted(
            (note for note in notes if note.update.type == "change"),
            key=lambda note: (note.update.date, note.item.id),
            reverse=True,
        )
        corrections = [note for note in notes if note.update.type == "correction"]

        def note_url(note: CurrencyNote) -> str:
            # A section of a shared page (a glossary term) prefixes its notes' anchors with its id.
            prefix = f"{note.item.id}-" if self.corpus.anchor_of(note.item.id) else ""
            return f"{relative_link(from_doc, self.corpus.doc_path(note.item.id))}#{prefix}{note.anchor}"

        return self.templates.get_template("changes-in-law.md.jinja").render(
            changes=changes,
            corrections=corrections,
            unconfirmed=sum(1 for note in changes if not note.update.confirmed),
            note_url=note_url,
            link=self._linker(from_doc),
        )

    def amendments(self, groups: list[tuple[str, list[Amendment]]], *, from_doc: str) -> str:
        return self.templates.get_template("changes.md.jinja").render(
            groups=groups,
            history=self.history,
            link=self._linker(from_doc),
        )

    def whole_guidance(
        self,
        order: list[str],
        *,
        from_doc: str,
        figures: dict[str, Markup] | None = None,
        edition: dict[str, Any] | None = None,
    ) -> str:
        """Every item in guidance order on one page, for printing or saving as PDF.

        With ``edition`` (title, partnerships, version, commit, date, site address, PDF file), the
        page opens with a title page and a contents list; glossary terms are gathered into one table
        of abbreviations at the end instead of a part each. ``figures`` puts a figure (the decision
        flowchart) after the body of the item it belongs to.
        """
        figures = figures or {}
        template = self.templates.get_template("whole-item.md.jinja")
        parts = []
        glossary = [self.corpus.items[i] for i in order if isinstance(self.corpus.items[i], GlossaryTerm)]
        if edition is not None:
            notes = sum(len(self.corpus.items[i].updates) for i in order)
            transcribed = sum(1 for i in order if not self.corpus.items[i].reviewed)
            parts.append(
                self.templates.get_template("whole-edition.md.jinja").render(
                    edition=edition,
                    contents=[
                        self.corpus.items[i] for i in order if not isinstance(self.corpus.items[i], GlossaryTerm)
                    ],
                    glossary=glossary,
                    notes=notes,
                    transcribed=transcribed,
                    items=len(order),
                )
            )
        for item_id in order:
            item = self.corpus.items[item_id]
            if edition is not None and isinstance(item, GlossaryTerm):
                continue  # in the table of abbreviations below, not as a stub each
            parts.append(
                template.render(
                    item=item,
                    body=_demote_headings(self.markdown(item.body, from_doc=from_doc)),
                    members=self._members(item, from_doc),
                    sources=[*item.sources, *getattr(item, "links", [])],
                    changes_in_law_url=relative_link(from_doc, CHANGES_IN_LAW_PAGE),
                    anchor_prefix=f"{item.id}-",
                    figure=figures.get(item_id),
                    answered_by=Markup(", ").join(
                        self.ref(target, from_doc=from_doc) for target in getattr(item, "answered_by", [])
                    ),
                )
            )
        if edition is not None and glossary:
            parts.append(
                self.templates.get_template("whole-glossary.md.jinja").render(
                    glossary=glossary, changes_in_law_url=relative_link(from_doc, CHANGES_IN_LAW_PAGE)
                )
            )
        return "\n".join(parts)

    def kind_index(self, kind_name: str, *, from_doc: str, intro: str | None = None) -> str:
        """A kind's index page: a list of links, or for kinds without pages of their own (the
        glossary) every item in full, each under a heading with its id as anchor."""
        kind = KINDS[kind_name]
        items = self.corpus.of_kind(kind_name)
        if kind.own_page:
            return self.templates.get_template("index.md.jinja").render(
                kind=kind, intro=intro, items=items, link=self._linker(from_doc)
            )
        # Readers scan for the heading they see: the abbreviation, not the spelled-out name.
        items.sort(key=lambda item: str(getattr(item, "abbreviation", item.link_text)).casefold())
        return self.templates.get_template("sections.md.jinja").render(
            kind=kind,
            entries=[(item, self.markdown(item.body, from_doc=from_doc)) for item in items],
            changes_in_law_url=relative_link(from_doc, CHANGES_IN_LAW_PAGE),
        )

    def moved_page(self, entry: Moved, *, from_doc: str) -> str:
        return self.templates.get_template("moved.md.jinja").render(
            target=resolve(self.corpus, entry.to), link=self.ref(entry.to, from_doc=from_doc)
        )

    def withdrawn_page(self, entry: Withdrawn, *, from_doc: str) -> str:
        return self.templates.get_template("withdrawn.md.jinja").render(
            entry=entry,
            replacement=self.ref(entry.replaced_by, from_doc=from_doc) if entry.replaced_by else None,
            changes=relative_link(from_doc, "changes.md"),
        )

    def search_terms(self, item: Item) -> list[str]:
        """What search should match with the highest weight: names, keywords and legal shorthand."""
        # The short title is the name menus and links use ("Article 8 ECHR").
        terms = [*([item.short_title] if item.short_title else []), *item.aliases, *item.keywords]
        if isinstance(item, Legislation):
            terms += legal_shorthand(item)
        # People drop the apostrophe: "Sarahs Law" must find "Sarah's Law".
        terms += [re.sub(r"['’]s\b", "s", term) for term in terms if re.search(r"['’]s\b", term)]
        return list(dict.fromkeys(terms))


class FlowRenderer:
    """Renders a decision flow: the tool, its text version and its diagram, from one data file."""

    def __init__(self, renderer: Renderer, flows: dict[str, Flow], contacts: Contacts) -> None:
        self.renderer = renderer
        self.flows = flows
        self.contacts = contacts

    def contacts_html(self) -> Markup:
        """Where to make a referral, for the urgent box and every outcome."""
        template = self.renderer.templates.get_template("contacts.html.jinja")
        return Markup(template.render(contacts=self.contacts, tel=tel_href))

    def figure(self, flow_id: str) -> Markup:
        """The flowchart with its caption and text version, for the whole-guidance page and print."""
        flow = self.flows[flow_id]
        order = question_order(flow)
        numbers = {name: number for number, name in enumerate(order, 1)}

        def label(name: str) -> str:
            return f"go to question {numbers[name]}" if name in numbers else flow.outcomes[name].title

        return Markup(
            self.renderer.templates.get_template("flow-figure.md.jinja").render(
                flow=flow,
                questions=[(name, flow.questions[name]) for name in order],
                label=label,
                svg=flow_svg(flow, text_version_id=f"{flow.id}-text"),
            )
        )

    def render(self, flow_id: str, *, from_doc: str) -> str:
        flow = self.flows[flow_id]
        order = question_order(flow)
        numbers = {name: number for number, name in enumerate(order, 1)}

        def step_id(name: str) -> str:
            return f"{flow.id}-{name}"

        def label(name: str) -> str:
            if name in numbers:
                return f"go to question {numbers[name]}"
            return flow.outcomes[name].title

        def cite_list(targets: list[str]) -> Markup:
            links = [self.renderer.ref(target, from_doc=from_doc) for target in targets]
            if len(links) == 1:
                return links[0]
            return Markup(", ").join(links[:-1]) + Markup(" and ") + links[-1]

        return self.renderer.templates.get_template("flow.html.jinja").render(
            flow=flow,
            questions=[(name, flow.questions[name]) for name in order],
            outcomes=list(flow.outcomes.items()),
            step_id=step_id,
            label=label,
            cite_list=cite_list,
            svg=flow_svg(flow, text_version_id=f"{flow.id}-text"),
            svg_narrow=flow_svg_narrow(flow, text_version_id=f"{flow.id}-text"),
            record_fields=RECORD_FIELDS,
            contacts=self.contacts_html(),
        )
