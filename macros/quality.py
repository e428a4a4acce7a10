"""Content quality checks: spelling, plain-English summaries, heading levels and link text.

The loader decides whether the content *can* be published; these checks decide
whether it *reads* well. They run in the tests (``tests/test_content_quality.py``),
not in the build, so a spelling slip never stops an urgent correction going out.

Every check is a small function that takes text (or files) and returns a list of
plain-English messages; an empty list means no problems. ``where`` names the file
and field in each message, and ``first_line`` (the line of the file on which the
text starts) lets messages give the exact line.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, TemplateSyntaxError, nodes

# --------------------------------------------------------------------------- spelling


def read_list(path: Path) -> list[str]:
    """The entries of a one-per-line list file, without blank lines and '#' comments."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


_CODESPELL_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+): (?P<wrong>.+?) ==> (?P<right>.+?)(?:  \| (?P<reason>.*))?$"
)


def spelling_problems(
    paths: Iterable[Path],
    *,
    ignore_words: Iterable[str] = (),
    root: Path | None = None,
    words_file: str = "the project word list",
) -> list[str]:
    """Misspellings codespell finds in the files, one message each, naming file and line.

    ``ignore_words`` are correct words codespell would flag (names, legal terms).
    Codespell runs in this process through its Python API (so, as on the command
    line, it also reads any codespell settings in the working directory), with its default
    dictionaries ("clear" and "rare"): common misspellings and rare words that
    are usually slips. It never sees British spellings such as "organisation"
    as mistakes.
    """
    from codespell_lib import (
        main as codespell,  # imported here: only the spelling test needs it
    )

    files = [str(path) for path in paths]
    if not files:
        return []
    args = ["--disable-colors"]
    words = sorted(set(ignore_words))
    if words:
        args += ["--ignore-words-list", ",".join(words)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = codespell(*args, "--", *files)
    if status not in (0, 65):  # 65 (EX_DATAERR) means "found misspellings"
        raise RuntimeError(f"codespell failed (exit status {status}): {err.getvalue() or out.getvalue()}")
    problems = []
    for line in out.getvalue().splitlines():
        match = _CODESPELL_LINE.match(line)
        if not match:
            continue
        shown = _shown(Path(match["file"]), root)
        wrong, right = match["wrong"], match["right"]
        suggestion = " or ".join(f"'{word.strip()}'" for word in right.split(","))
        message = f"{shown}, line {match['line']}: '{wrong}' looks misspelt: did you mean {suggestion}?"
        if match["reason"]:
            message += f" ({match['reason']})"
        problems.append(f"{message} If '{wrong}' is right here, add it to {words_file}.")
    return problems


@dataclass(frozen=True)
class Slip:
    """A known slip that a spelling checker cannot see, because the wrong word is a real word."""

    phrase: str
    correction: str

    @property
    def pattern(self) -> re.Pattern[str]:
        # Case-sensitive and whole words; a space also matches a line break, as text is wrapped.
        words = [re.escape(word) for word in self.phrase.split()]
        return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])")


def read_slips(path: Path) -> list[Slip]:
    """Slips written one a line as ``wrong phrase -> right phrase``."""
    slips = []
    for entry in read_list(path):
        phrase, arrow, correction = entry.partition("->")
        if not arrow or not phrase.strip() or not correction.strip():
            raise ValueError(f"{path.name}: '{entry}' should be written 'wrong phrase -> right phrase'")
        slips.append(Slip(phrase=phrase.strip(), correction=correction.strip()))
    return slips


def slip_problems(
    text: str, slips: Iterable[Slip], *, where: str = "the text", first_line: int | None = 1
) -> list[str]:
    """Every known slip in the text, with the correction."""
    found = []
    for slip in slips:
        for match in slip.pattern.finditer(text):
            at = _at(where, first_line, text.count("\n", 0, match.start()) + 1)
            found.append(
                (
                    match.start(),
                    f"{at}: '{' '.join(match.group(0).split())}' is a known slip: write '{slip.correction}'.",
                )
            )
    return [message for _, message in sorted(found)]


# --------------------------------------------------------------------------- summaries

MAX_SENTENCE_WORDS = 25
"""GOV.UK's style guide: sentences of 25 words at most."""

MIN_READING_EASE = 15.0
"""Lowest Flesch reading-ease score a summary may have (textstat; 100 is easiest).

GOV.UK writes for a reading age of 9, a score of about 90. Our summaries cannot
get there: they must name laws and bodies ("Unaccompanied Asylum-Seeking
Children", "the Information Commissioner's Office"), and Flesch scores those long
words as hard however plainly the rest is written. Measured on the 61 real
summaries (60 items and the decision flow, November 2026): median 50, lowest
16.8 ("Where to find the Information Commissioner's Office and practice guidance
on sharing adult safeguarding information."); a glossary line as plain as "UASC
is short for Unaccompanied Asylum-Seeking Children." scores 18.4. Two summaries
that strung legal adjectives together scored 10.6 and 11.5 and were rewritten.

So the floor is 15, a little below the plainest possible name-heavy summary: not
a target but a tripwire for legalese, which scores far lower even within 25
words. "Notwithstanding any statutory obligation of confidentiality, disclosure
is permissible where necessary or expedient for the purposes of this Act."
scores -26; "A data controller shall implement appropriate technical and
organisational measures to ensure a level of security appropriate to the risk."
scores 0.4. Scores are textstat 0.7.8's, with syllables from the CMU pronouncing
dictionary; another textstat version may score a point or two differently.
"""

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "cf.",
    "no.",
    "nos.",
    "para.",
    "paras.",
    "art.",
    "s.",
    "ss.",
    "v.",
    "vs.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "st.",
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"\S*[A-Za-z0-9]\S*")


def sentences(text: str) -> list[str]:
    """The sentences of a plain text (a full stop after e.g., s., No. and the like does not end one)."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.end()].split()
        if before and before[-1].lower().rstrip("\"'”’)]") in _ABBREVIATIONS:
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


def word_count(text: str) -> int:
    """Words as a reader counts them: "co-operate" and "2(1)" are one word each."""
    return len(_WORD.findall(text))


def reading_ease(text: str) -> float:
    """Flesch reading-ease score of the text (textstat), higher is easier."""
    import textstat  # imported here: loading its pronouncing dictionary takes a second

    return float(textstat.flesch_reading_ease(text))


def summary_problems(text: str, *, where: str = "summary") -> list[str]:
    """A summary is one plain sentence: at most 25 words, and easy enough to read."""
    text = " ".join(text.split())
    if not text:
        return [f"{where}: the summary is empty: write one plain sentence saying what this is."]
    problems = []
    found = sentences(_plain(text))
    if len(found) > 1:
        problems.append(
            f"{where}: the summary has {len(found)} sentences; a summary is one sentence. "
            "Keep the most important one and move the rest into the text."
        )
    if not re.search(r"[.!?][\"'”’)]*$", text):
        problems.append(f"{where}: the summary is one sentence, so end it with a full stop.")
    for sentence in found:
        words = word_count(sentence)
        if words > MAX_SENTENCE_WORDS:
            problems.append(
                f"{where}: a sentence has {words} words, more than {MAX_SENTENCE_WORDS} "
                f'("{_clip(sentence)}"). Cut it down or split the detail out into the text.'
            )
    score = reading_ease(_plain(text))
    if score < MIN_READING_EASE:
        problems.append(
            f"{where}: the summary is hard to read (Flesch reading ease {score:.0f}, lowest allowed "
            f"{MIN_READING_EASE:.0f}). Use shorter, everyday words: 'share' not 'disclose', "
            "'needed' not 'necessary', 'may' not 'is permissible'."
        )
    return problems


# --------------------------------------------------------------------------- headings

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}(?:[-*+]\s|\d+[.)]\s|>|#|\||`{3,}|~{3,})|^ {4}")


def _prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, line) outside fenced code blocks, numbered from 1."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), 1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            continue
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        yield number, line


def headings(markdown: str) -> list[tuple[int, int, str]]:
    """(line, level, text) of each heading, written '## Text' or underlined with '===' or '---'."""
    found: list[tuple[int, int, str]] = []
    previous: tuple[int, str] | None = None
    for number, line in _prose_lines(markdown):
        atx = _ATX.match(line)
        setext = _SETEXT.match(line)
        if atx:
            text = re.sub(r"[ \t]+#+$", "", atx.group(2) or "")
            found.append((number, len(atx.group(1)), _ATTR_LIST.sub("", text).strip()))
        elif setext and previous is not None and previous[0] == number - 1 and not _NOT_PARAGRAPH.match(previous[1]):
            found.append((previous[0], 1 if setext.group(1)[0] == "=" else 2, previous[1].strip()))
        previous = (number, line)
    return found


def heading_problems(markdown: str, *, top: int = 2, where: str = "the text", first_line: int | None = 1) -> list[str]:
    """Headings never skip a level: the first is level ``top``, and each is at most one deeper than the last.

    An item's page title is its only level-1 heading, so its body starts at
    '##' (top=2). A rule of a principle set, and a step of a decision flow,
    already sit under a '##' heading, so headings in their texts start at '###' (top=3).
    """
    problems = []
    previous: int | None = None
    for number, level, text in headings(markdown):
        at = _at(where, first_line, number)
        shown = f"'{text}'"
        if level < top:
            problems.append(
                f"{at}: the heading {shown} is level {level}, but headings here start at level {top} "
                f"('{'#' * top}'){': the page title is the only level-1 heading' if level == 1 else ''}."
            )
        elif previous is None and level > top:
            problems.append(
                f"{at}: the first heading {shown} is level {level}, which skips a level: "
                f"make it level {top} ('{'#' * top}')."
            )
        elif previous is not None and level > previous + 1:
            problems.append(
                f"{at}: the heading {shown} is level {level} after a level-{previous} heading, which skips a "
                f"level: make it level {previous + 1} ('{'#' * (previous + 1)}')."
            )
        previous = level
    return problems


# --------------------------------------------------------------------------- links

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
_EXTERNAL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


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
    if not _EXTERNAL.match(url) or re.match(r"^(?:https|mailto|tel):", url, re.I):
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
    for lineno, text in _ref_texts(markdown):
        found.append((lineno, link_text_problems(text, where=_at(where, first_line, lineno))))
    for lineno, line in _prose_lines(_blank_jinja(markdown)):
        on_line: list[str] = []
        found.append((lineno, on_line))
        at = _at(where, first_line, lineno)
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


def _ref_texts(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each {{ ref('id', 'text') }} that gives its own link text."""
    try:
        tree = Environment().parse(markdown)
    except TemplateSyntaxError:
        return []  # the loader reports a broken {{ … }}
    found = []
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "ref"):
            continue
        texts = call.args[1:2] + [kw.value for kw in call.kwargs if kw.key == "text"]
        for text in texts:
            if isinstance(text, nodes.Const) and isinstance(text.value, str):
                found.append((call.lineno, text.value))
    return found


def _blank_jinja(markdown: str) -> str:
    """The Markdown with each {{ … }} blanked out, keeping line breaks so line numbers stay right."""
    return _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)


# --------------------------------------------------------------------------- the content


@dataclass(frozen=True)
class Passage:
    """One piece of text in a content file, and where it is."""

    file: str
    """The file, relative to the project."""
    field: str
    """'body', 'summary', 'members[2].text', 'outcomes.no-purpose.text'…"""
    text: str
    line: int | None
    """The file line the text starts on."""
    exact: bool
    """Whether line + n - 1 is the file line of the text's line n (false for folded YAML text)."""
    kind: str
    """'body', 'summary', 'text' (Markdown shown under a heading), 'url' or 'link-title'."""

    @property
    def where(self) -> str:
        """The file, line and field, for messages about the whole passage."""
        line = f", line {self.line}" if self.line is not None else ""
        return f"{self.file}{line}, field '{self.field}'"

    @property
    def within(self) -> tuple[str, int | None]:
        """(where, first_line) to pass to a check, so its messages name the exact line when known."""
        if self.exact and self.line is not None:
            return f"{self.file}, field '{self.field}'", self.line
        return self.where, None


def content_files(content_dir: Path) -> list[Path]:
    """Every content file: content/<folder>/<id>.md and content/flows/*.yml."""
    flows = content_dir / "flows"
    return sorted(content_dir.glob("*/*.md")) + sorted([*flows.glob("*.yml"), *flows.glob("*.yaml")])


def passages(content_dir: Path, *, root: Path | None = None) -> list[Passage]:
    """Every body, summary, rule text, flow text, source address and source title in the content."""
    found: list[Passage] = []
    for path in content_files(content_dir):
        shown = _shown(path, root)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            found += _item_passages(text, shown)
        else:
            found += _flow_passages(text, shown)
    return found


def content_summary_problems(found: Iterable[Passage]) -> list[str]:
    """summary_problems for every item's and flow's summary."""
    return [message for p in found if p.kind == "summary" for message in summary_problems(p.text, where=p.where)]


def content_heading_problems(found: Iterable[Passage]) -> list[str]:
    """heading_problems for every body (headings start at '##') and rule or flow text (at '###')."""
    problems = []
    for p in found:
        if p.kind in ("body", "text"):
            where, first_line = p.within
            problems += heading_problems(p.text, top=2 if p.kind == "body" else 3, where=where, first_line=first_line)
    return problems


def content_link_problems(found: Iterable[Passage]) -> list[str]:
    """link_problems for every text, and the https and link-text rules for sources[] and links[]."""
    problems = []
    for p in found:
        where, first_line = p.within
        if p.kind in ("body", "text", "summary"):
            problems += link_problems(p.text, where=where, first_line=first_line)
        elif p.kind == "url":
            problems += url_problems(p.text, where=p.where)
            if not _EXTERNAL.match(p.text.strip()):
                problems.append(f"{p.where}: '{p.text}' is not a full web address: start it with https://.")
        elif p.kind == "link-title":
            problems += link_text_problems(p.text, where=p.where)
    return problems


def _item_passages(text: str, shown: str) -> list[Passage]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return [Passage(shown, "body", text, 1, True, "body")]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return []  # the loader reports an unclosed front matter
    found = [Passage(shown, "body", "\n".join(lines[end + 1 :]), end + 2, True, "body")]
    front = _compose("\n".join(lines[1:end]))
    if not isinstance(front, yaml.MappingNode):
        return found
    fields = _mapping(front)

    def add(field: str, node: yaml.Node, kind: str) -> None:
        if isinstance(node, yaml.ScalarNode):
            found.append(_scalar_passage(shown, field, node, kind, offset=2))

    if "summary" in fields:
        add("summary", fields["summary"], "summary")
    for name in ("sources", "links"):
        for number, entry in _sequence(fields.get(name)):
            entry_fields = _mapping(entry)
            if "url" in entry_fields:
                add(f"{name}[{number}].url", entry_fields["url"], "url")
            if "title" in entry_fields:
                add(f"{name}[{number}].title", entry_fields["title"], "link-title")
    for number, entry in _sequence(fields.get("updates")):
        # Currency notes are content too: their text, and the addresses and titles of their sources.
        update = _mapping(entry)
        if "what" in update:
            add(f"updates[{number}].what", update["what"], "text")
        for source_number, source in _sequence(update.get("sources")):
            source_fields = _mapping(source)
            if "url" in source_fields:
                add(f"updates[{number}].sources[{source_number}].url", source_fields["url"], "url")
            if "title" in source_fields:
                add(f"updates[{number}].sources[{source_number}].title", source_fields["title"], "link-title")
    for number, entry in _sequence(fields.get("members")):
        member = _mapping(entry)
        if "text" in member:
            add(f"members[{number}].text", member["text"], "text")
    return found


def _flow_passages(text: str, shown: str) -> list[Passage]:
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    found: list[Passage] = []
    fields = _mapping(root)

    def add(field: str, node: yaml.Node | None, kind: str) -> None:
        if isinstance(node, yaml.ScalarNode):
            found.append(_scalar_passage(shown, field, node, kind, offset=1))

    add("summary", fields.get("summary"), "summary")
    for name in ("urgent", "record"):
        add(name, fields.get(name), "text")
    for group, keys in (("questions", ("ask", "hint")), ("outcomes", ("title", "text"))):
        node = fields.get(group)
        if isinstance(node, yaml.MappingNode):
            for name, step in _mapping(node).items():
                step_fields = _mapping(step)
                for key in keys:
                    add(f"{group}.{name}.{key}", step_fields.get(key), "text")
    for number, step in _sequence(fields.get("how")):
        add(f"how[{number}].text", _mapping(step).get("text"), "text")
    return found


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # the loader reports broken YAML


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _sequence(node: yaml.Node | None) -> list[tuple[int, yaml.Node]]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    return list(enumerate(node.value, 1))


def _scalar_passage(shown: str, field: str, node: yaml.ScalarNode, kind: str, *, offset: int) -> Passage:
    # A block scalar (| or >) starts on the line after its indicator. Only a literal
    # block (|) keeps its line breaks, so only there do line numbers inside it hold.
    block = node.style in ("|", ">")
    line = node.start_mark.line + offset + (1 if block else 0)
    return Passage(shown, field, str(node.value), line, node.style == "|", kind)


# --------------------------------------------------------------------------- helpers


def _at(where: str, first_line: int | None, number: int) -> str:
    """'content/x.md, line 12, field 'body'' from where='content/x.md, field 'body'' and a line in the text."""
    if first_line is None:
        return where
    line = f"line {first_line + number - 1}"
    head, sep, tail = where.partition(", ")
    return f"{head}, {line}{sep}{tail}" if sep else f"{where}, {line}"


def _shown(path: Path, root: Path | None) -> str:
    if root is not None and path.resolve().is_relative_to(root.resolve()):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return str(path)


def _plain(text: str) -> str:
    """Text as a reader sees it: {{ ref('id', 'text') }} as its text, Markdown links as their text, no emphasis."""
    text = re.sub(r"\{\{\s*ref\(\s*(['\"])[^'\"]*\1\s*,\s*(?:text\s*=\s*)?(['\"])(.*?)\2\s*\)\s*\}\}", r"\3", text)
    text = re.sub(
        r"\{\{\s*ref\(\s*(['\"])([^'\"#]*)[^'\"]*\1\s*\)\s*\}\}", lambda m: m.group(2).replace("-", " "), text
    )
    text = re.sub(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def _clip(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
