"""Links: text that says where the link goes, and https addresses."""

from __future__ import annotations

import re

from jinja2 import TemplateSyntaxError

from macros.refs import RefCall, ref_calls
from macros.template_parsing import parse

from .text import position, prose_lines

BAD_LINK_TEXT = frozenset({"click here", "here", "this link", "link", "click this link", "click", "this"})
"""Link text that says nothing about where the link goes (GOV.UK: "never use 'click here'")."""

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# [text](destination "title") and ![alt](src): text may hold one level of [brackets].
_INLINE_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?(?P<url>[^\s)>]*)>?(?:\s+[\"'(].*?[\"')])?\s*\)"
)
_REFERENCE_LINK = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\[(?P<label>[^\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s.*)?$")
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_BARE_URL = re.compile(r"(?<![\w/])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"']")
_URL_TEXT = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S*$|^[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
EXTERNAL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def link_text_problems(text: str, *, where: str = "the text") -> list[str]:
    """Problems with one link's text: it must say where the link goes, in words."""
    plain = " ".join(re.sub(r"[*_`]", "", text).split())
    bare = plain.strip(" .,:;!?\"'“”‘’()").lower()
    if not bare:
        return [f"{where}: a link has no text: say in words where it goes."]
    if bare in BAD_LINK_TEXT or bare.startswith("click here"):
        return [
            f"{where}: the link text '{plain}' does not say where the link goes. "
            "Use words that do, such as the title of the page it opens."
        ]
    if _URL_TEXT.match(bare):
        return [f"{where}: the link text '{plain}' is a web address: use words that say where the link goes."]
    return []


def url_problems(url: str, *, where: str = "the text") -> list[str]:
    """An external link must be https (mailto: and tel: are fine); links within the site are not checked here."""
    url = url.strip()
    if not EXTERNAL.match(url) or re.match(r"^(?:https|mailto|tel):", url, re.I):
        return []
    if url.startswith("//") or re.match(r"^http:", url, re.I):
        return [f"{where}: the link '{url}' is not secure: use the https:// address."]
    return [f"{where}: the link '{url}' is not a web page: link to an https:// address."]


def link_problems(markdown: str, *, where: str = "the text", first_line: int | None = 1) -> list[str]:
    """Link text that does not say where the link goes, and external links that are not https.

    Covers Markdown links, reference links and their definitions, autolinks
    (<https://…>), bare web addresses and the text given to {{ ref('id', 'text') }}.
    """
    found: list[tuple[int, list[str]]] = []
    for call in _ref_calls(markdown):
        if call.text is not None:
            found.append((call.line, link_text_problems(call.text, where=position(where, first_line, call.line))))
    for lineno, line in prose_lines(_blank_jinja(markdown)):
        on_line: list[str] = []
        found.append((lineno, on_line))
        at = position(where, first_line, lineno)
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        definition = _DEFINITION.match(line)
        if definition:
            on_line += url_problems(definition["url"], where=at)
            continue
        rest = line
        for pattern in (_INLINE_LINK, _REFERENCE_LINK):
            for match in pattern.finditer(rest):
                if not match["image"]:
                    on_line += link_text_problems(match["text"], where=at)
                if "url" in match.groupdict():
                    on_line += url_problems(match["url"], where=at)
            # Blank what was checked, so the address is not found again as a bare one.
            rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
        for match in _AUTOLINK.finditer(rest):
            url = match["url"]
            if not url.lower().startswith(("mailto:", "tel:")):
                on_line.append(
                    f"{at}: the link <{url}> shows a web address as its text: write [words that say where it goes]({url})."
                )
            on_line += url_problems(url, where=at)
        rest = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), rest)
        for match in _BARE_URL.finditer(rest):
            url = match.group(0)
            target = f"https://{url}" if url.lower().startswith("www.") else url
            on_line.append(
                f"{at}: the web address '{url}' is written out in the text: make it a link with words that say "
                f"where it goes, such as [the page's title]({target})."
            )
            on_line += url_problems(url, where=at)
    return [message for _, messages in sorted(found, key=lambda pair: pair[0]) for message in messages]


def _ref_calls(markdown: str) -> list[RefCall]:
    """The {{ ref() }} calls of the text (refs.ref_calls), their own link text included."""
    try:
        return ref_calls(parse(markdown))
    except (TemplateSyntaxError, RecursionError):
        return []  # the build reports a broken {{ … }}


def _blank_jinja(markdown: str) -> str:
    """The Markdown with each {{ … }} blanked out, keeping line breaks so line numbers stay right."""
    return _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
