"""The HTML a content body may turn into: an allow-list of elements, attributes and addresses.

Each body (and each rule text) is rendered to HTML with the site's own Markdown settings and
handed to ``nh3`` (Python's binding of the Rust sanitizer ammonia) with the allow-list below. The
sanitizer is the judge: wherever its output differs from the input, the content holds markup the
site does not publish. The build then stops and names it, rather than quietly dropping it, because
a member of staff wrote it and needs to know.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown as markdown_lib
import nh3

TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ins", "li", "ol", "p", "pre", "span", "strong",
        "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
"""What Markdown makes of text, lists, tables, headings, notes (admonitions) and details."""

GLOBAL_ATTRIBUTES = frozenset({"id", "class"})
"""Attribute lists ``{: #id .class }`` may set these, and nothing else."""

ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"style"}),
    "td": frozenset({"style"}),
}
"""Per element: links, abbreviation tooltips, numbered lists and table column alignment."""

STYLE_PROPERTIES = frozenset({"text-align"})
"""Markdown tables align columns with an inline style; no other style is allowed."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Link addresses: web pages, email and phone; relative links to the site's own pages too."""

VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed"})

_Event = tuple[Any, ...]


@dataclass(frozen=True)
class Finding:
    """One piece of refused markup: a plain description, and text to find it by in the source."""

    message: str
    needle: str


def clean(html: str) -> str:
    """The allow-listed version of ``html``, as the sanitizer makes it."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )


ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""Ids a body may give: never one of the theme's own (``__config``, ``__search``…), which its
scripts look up, so content cannot stand in for them."""


def check_html(html: str) -> list[Finding]:
    """Every piece of markup the allow-list refuses; empty when all of it is allowed."""
    return list(_check_html(html))


@functools.lru_cache(maxsize=4096)
def _check_html(html: str) -> tuple[Finding, ...]:
    """check_html, kept per HTML text: a `make serve` rebuild re-checks only what changed."""
    original = _events(html)
    allowed = _events(clean(html))
    found: list[Finding] = [finding for event in original if (finding := _unsafe_value(event))]
    if original == allowed:
        return tuple(found)  # nothing refused: no need to find where the two differ
    matcher = difflib.SequenceMatcher(a=original, b=allowed, autojunk=False)
    for operation, start, end, _, _ in matcher.get_opcodes():
        if operation == "equal":
            continue
        for event in original[start:end]:
            finding = _explain(event)
            if finding and finding not in found:
                found.append(finding)
    if not found and original != allowed:
        found.append(Finding("markup that the site does not publish", ""))
    return tuple(found)


def _unsafe_value(event: _Event) -> Finding | None:
    """Allowed attributes whose values the page's scripts would misuse.

    The theme shows a link's or abbreviation's title as a tooltip by writing it as HTML, so a title
    must not hold markup even when written with character references; and an id must not be one of
    the theme's own.
    """
    if event[0] != "start":
        return None
    tag, attributes = event[1], dict(event[2])
    title = attributes.get("title", "")
    if "<" in title or ">" in title:
        return Finding(f"the title '{_shorten(title)}' on <{tag}>, which holds '<' or '>': write it in words", "title")
    identifier = attributes.get("id")
    if identifier is not None and not ID_PATTERN.match(identifier):
        return Finding(
            f"the id '{_shorten(identifier)}': ids are lower-case letters, digits, '-' and '_', starting with a "
            "letter or digit",
            identifier,
        )
    return None


def _explain(event: _Event) -> Finding | None:
    if event[0] == "comment":
        return Finding("an HTML comment ('<!-- … -->'): delete it, or write the note as text", "<!--")
    if event[0] != "start":
        return None
    tag, attributes = event[1], dict(event[2])
    if tag not in TAGS:
        return Finding(f"the HTML element <{tag}>, which content may not contain", f"<{tag}")
    for name, value in attributes.items():
        if name not in GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset()):
            return Finding(f"the attribute '{name}' on <{tag}> (attribute lists may only set an id or a class)", name)
        if name == "href" and not _allowed_address(value):
            return Finding(
                f"the link address '{_shorten(value)}': links must be web pages (https://…), email, phone or "
                "pages of this site",
                value[:20],
            )
        if name == "style" and not _allowed_style(value):
            return Finding(f"the style '{_shorten(value)}' on <{tag}>", "style")
    return Finding(f"the markup <{tag}>", f"<{tag}")


def _allowed_address(address: str) -> bool:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:"); so does this.
    squeezed = re.sub(r"[\x00-\x20]", "", address)
    scheme = urlsplit(squeezed).scheme.lower()
    return scheme == "" or scheme in URL_SCHEMES


def _allowed_style(style: str) -> bool:
    properties = [part.split(":", 1)[0].strip().lower() for part in style.split(";") if part.strip()]
    return all(name in STYLE_PROPERTIES for name in properties)


def _shorten(text: str, limit: int = 60) -> str:
    # Control characters are shown as escapes (\t), so the message says exactly what is there.
    visible = re.sub(r"[\x00-\x1f\x7f]", lambda match: repr(match.group())[1:-1], text)
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


def _normal_style(value: str) -> str:
    return ";".join(re.sub(r"\s+", "", part) for part in value.split(";") if part.strip())


def _events(html: str) -> list[_Event]:
    """The document as comparable events: start tags with sorted attributes, text, comments."""
    parser = _EventParser()
    parser.feed(html)
    parser.close()
    return parser.events


class _EventParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[_Event] = []

    def _attributes(self, attrs: Iterable[tuple[str, str | None]]) -> tuple[tuple[str, str], ...]:
        normal = []
        for name, value in attrs:
            text = value or ""
            if name == "style":
                text = _normal_style(text)
            normal.append((name, text))
        return tuple(sorted(normal))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, self._attributes(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + data)
        else:
            self.events.append(("data", data))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("comment", decl))

    def handle_pi(self, data: str) -> None:
        self.events.append(("comment", data))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("comment", data))


TIME_LIMIT = 5.0
"""Seconds one text may take to turn into HTML. Real items take milliseconds; some malformed text
(thousands of unmatched '[') takes Python-Markdown minutes, and would hold up every build."""

DEFINITION_MESSAGE = (
    "this text defines a link ('[name]: address') or an abbreviation ('*[ABC]: …') for the whole page, "
    "perhaps inside a quote or a list, which content may not do: write the address in the link itself, "
    "like [text](https://…); abbreviations come from the glossary."
)


class TooSlow(Exception):
    """A text took longer than the time limit to turn into HTML."""


class Unrenderable(Exception):
    """A text that cannot be turned into HTML within the build's limits; the message says why."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop the work after ``seconds`` (Unix main thread only; elsewhere there is no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class MarkdownToHtml:
    """Markdown to HTML with the site's own extensions, so the check sees what pages will hold."""

    def __init__(self, extensions: list[Any], configs: dict[str, dict[str, Any]]) -> None:
        # Tooltips for abbreviations come from the glossary at page time; they are escaped text.
        self._markdown = markdown_lib.Markdown(extensions=extensions, extension_configs=configs)
        self._settings = repr((extensions, sorted(configs.items())))
        self._defines = False

    @classmethod
    def from_config(cls, config: Any) -> MarkdownToHtml:
        """From MkDocs' validated config or mkdocs.yml as read by YAML (names or one-key mappings).

        Only the site's Markdown extensions count: an engine's own (Zensical adds extension objects
        and its macros extension, which would run the page functions again) are left out.
        """
        extensions: list[str] = []
        configs: dict[str, dict[str, Any]] = {}
        for entry in config.get("markdown_extensions") or []:
            if isinstance(entry, dict):
                for name, options in entry.items():
                    extensions.append(name)
                    if options:
                        configs[name] = dict(options)
            elif isinstance(entry, str) and not entry.startswith("zensical."):
                extensions.append(entry)
        for name, options in (config.get("mdx_configs") or {}).items():
            if name in extensions:
                configs.setdefault(name, {}).update({k: v for k, v in options.items() if k != "glossary"})
        return cls(extensions, configs)

    def convert(self, text: str) -> str:
        self._markdown.reset()
        html = str(self._markdown.convert(text))
        self._defines = bool(self._markdown.references) or any(
            getattr(extension, "abbrs", None) for extension in self._markdown.registeredExtensions
        )
        return html

    def convert_within_limits(self, text: str, *, what: str) -> str:
        """The HTML of ``text``, or Unrenderable naming ``what`` ("text", "page") in plain words:
        too slow (malformed text that would hold up every build) or nested too deeply.

        A text converted before with the same settings is not converted again: a `make serve`
        rebuild re-checks only the texts that changed.
        """
        known = _CONVERTED.get((self._settings, text))
        if known is not None:
            html, self._defines = known
            return html
        try:
            with time_limit(TIME_LIMIT):
                html = self.convert(text)
            _remember((self._settings, text), (html, self._defines))
            return html
        except TooSlow:
            raise Unrenderable(
                f"this {what} takes more than {TIME_LIMIT:.0f} seconds to turn into a web page, so it would hold up "
                "every build. Look for many '[', '<' or '*' without their closing partner."
            ) from None
        except (RecursionError, ValueError):
            raise Unrenderable(
                f"this {what} is nested too deeply (lists or quotes inside each other) to turn into a web page."
            ) from None

    def defines_anything(self) -> bool:
        """Whether the last text converted defined a link or an abbreviation for the whole page, found
        by Python-Markdown itself wherever it was written (in a quote, a list…)."""
        return self._defines


_CONVERTED: dict[tuple[str, str], tuple[str, bool]] = {}
"""(settings, text) → (HTML, whether it defines anything), for texts that converted within the limits."""

_CONVERTED_MOST = 4096


def _remember(key: tuple[str, str], value: tuple[str, bool]) -> None:
    if len(_CONVERTED) >= _CONVERTED_MOST:
        _CONVERTED.pop(next(iter(_CONVERTED)))  # the oldest: texts edited away
    _CONVERTED[key] = value
