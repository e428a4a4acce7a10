"""Amendments: each change to a content file that readers see, and its word-level redline."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path, PurePosixPath

import yaml
from jinja2 import TemplateSyntaxError
from markupsafe import Markup

from .content_files import ContentYamlLoader
from .corpus import Corpus
from .escaping import md_escape
from .front_matter import Split, split_front_matter
from .history import Change, History
from .refs import as_read
from .schema import Item
from .template_parsing import parse

VERBS = {"A": "New", "M": "Updated", "D": "Removed", "R": "Renamed"}

NO_NOTE = "no note was written for this change."
"""What readers see for a change committed without an "Amendment:" line."""


@dataclass(frozen=True)
class Amendment:
    change: Change
    item: Item | None
    """The item as it is now; None when its file has since been removed."""
    title: str
    old_title: str | None = None
    """For a rename, the title the item had before."""

    @property
    def verb(self) -> str:
        return VERBS.get(self.change.status, "Updated")

    @property
    def note(self) -> str:
        """What changed, for readers: the editor's "Amendment:" note.

        A commit without one was described for developers ("Second security review: …", finding
        codes), not for readers: its subject stays in the audit manifest, and readers are told
        plainly that no note was written; the redline beside it shows the words.
        """
        return self.change.note or NO_NOTE

    @property
    def redline(self) -> Markup:
        """The words that changed, struck through and inserted (empty for a new or removed item)."""
        if self.change.status in ("A", "D") or self.change.before is None or self.change.after is None:
            return Markup("")
        return redline(self.change.before, self.change.after)


def amendment_list(history: History, corpus: Corpus, *, everything: bool = False) -> list[Amendment]:
    """Every change to a content file that readers see, with the item it changed, newest first.

    Changes of layout or whitespace only are left out unless ``everything`` (for the audit manifest).
    """
    by_file = {file: item_id for item_id, file in corpus.files.items()}
    entries = []
    for change in history.changes:
        if not everything and not shown_to_readers(change):
            continue
        item_id = by_file.get(change.path)
        item = corpus.items.get(item_id) if item_id else None
        title = (
            item.link_text
            if item
            else (_title_in(change.before or change.after) or Path(change.path).stem.replace("-", " "))
        )
        old_title = None
        if change.status == "R":
            old_title = _title_in(change.before) or Path(change.old_path or change.path).stem.replace("-", " ")
        entries.append(Amendment(change=change, item=item, title=title, old_title=old_title))
    return entries


def shown_to_readers(change: Change) -> bool:
    """Whether readers see a change: it changes the words of an item or flow, not only their layout."""
    return change.published and _read_by_readers(change.path)


def _read_by_readers(path: str) -> bool:
    """Whether a file under content/ holds words readers read: an item (Markdown) or a decision flow.

    The site's own lists (old addresses, the print order, the search words) change how the site
    works, not what the guidance says: their changes are for auditors, in the manifest.
    """
    file = PurePosixPath(path)
    return file.suffix == ".md" or file.parent.name == "flows"


def _front_data(split: Split) -> object | None:
    """What an earlier version's front matter held, read as the build reads content (no aliases,
    dates as text), or None when the build would refuse it.

    git keeps versions the build refused: an alias bomb expanded here, or a number too long or a
    nesting too deep raised here, would stop every later build, since the fix's redline reads them.
    """
    if not split.found:
        return None
    try:
        data = yaml.load(split.front, Loader=ContentYamlLoader)  # noqa: S506 - a SafeLoader without aliases
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    return {} if data is None else data


def _title_in(text: str | None) -> str | None:
    """The short title (or title) in a content file's front matter, read from the file's text."""
    data = _front_data(split_front_matter(text or ""))
    if not isinstance(data, dict):
        return None
    title = data.get("short_title") or data.get("title")
    return str(title) if title else None


REDLINE_CONTEXT = 6
"""Unchanged words shown either side of each change."""


_READER_FIELDS = ("title", "short_title", "summary", "aliases", "members", "name", "text", "updates", "what")
"""Front matter fields whose words readers see on the page (and whose changes the redline shows)."""


def _reader_text(text: str) -> str:
    """The words of a content file that readers see: titles, summary, rules, notes and the body."""
    split = split_front_matter(text)
    data = _front_data(split)
    if data is None:
        return text
    parts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for entry in value:
                collect(entry)
        elif isinstance(value, dict):
            for key in _READER_FIELDS:
                if key in value:
                    collect(value[key])

    collect(data if isinstance(data, dict) else {})
    return "\n".join([*parts, split.body])


# Markdown that readers never see as characters: heading and quote marks, list bullets, emphasis,
# code marks, attribute lists and the address half of a link.
_BLOCK_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.M)
_ATTRIBUTE_LISTS = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}")
_LINKS = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\)")
_INLINE_MARKS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`+")


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    """The words of a content file as a reader would read them: links as their text, no template
    syntax and no Markdown marks, so a redline shows what changed on the page, not '##'.
    Kept per text: each version is the "after" of one change and the "before" of the next."""
    text = _reader_text(text)
    try:
        text = as_read(parse(text))
    except (TemplateSyntaxError, RecursionError):
        pass  # a version that never loaded: its words as written
    text = _LINKS.sub(r"\1", _ATTRIBUTE_LISTS.sub("", _BLOCK_MARKS.sub("", text)))
    return tuple(_INLINE_MARKS.sub("", text).split())


def md(value: str) -> Markup:
    return md_escape(value)


@functools.lru_cache(maxsize=4096)
def redline(before: str, after: str) -> Markup:
    """Word-level differences: deleted words in <del>, inserted in <ins>, each announced as such.

    Screen readers do not announce <del> and <ins> by default, so each carries visually hidden
    words ("deleted text", "inserted text"); a few unchanged words either side give the context.
    Kept per pair of texts: an item's page and the changes page show the same change, and history
    stays the same between `make serve` rebuilds.
    """
    old, new = _words(before), _words(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces: list[Markup] = []
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = list(old[i1:i2])
            first, last = index == 0, index == len(opcodes) - 1
            if len(words) > 2 * REDLINE_CONTEXT or first or last:
                head = [] if first else words[:REDLINE_CONTEXT]
                tail = [] if last else words[-REDLINE_CONTEXT:]
                if len(head) + len(tail) < len(words):
                    words = [*head, "…", *tail] if head or tail else []
                    if not head and not tail:
                        continue
            pieces.append(Markup(" ").join(md(word) for word in words))
            continue
        if tag in ("delete", "replace"):
            pieces.append(
                Markup(
                    '<del><span class="isg-visually-hidden">[deleted text: </span>{}<span class="isg-visually-hidden">]</span></del>'
                ).format(Markup(" ").join(md(word) for word in old[i1:i2]))
            )
        if tag in ("insert", "replace"):
            pieces.append(
                Markup(
                    '<ins><span class="isg-visually-hidden">[inserted text: </span>{}<span class="isg-visually-hidden">]</span></ins>'
                ).format(Markup(" ").join(md(word) for word in new[j1:j2]))
            )
    return Markup(" ").join(piece for piece in pieces if piece)


def item_amendments(history: History, corpus: Corpus, item_id: str) -> list[Amendment]:
    """The changes readers see in one item's history, newest first, followed back through renames."""
    item = corpus.items[item_id]
    entries = []
    for change in history.for_file(corpus.files[item_id]):
        if not change.published:
            continue
        old_title = None
        if change.status == "R":
            old_title = _title_in(change.before) or Path(change.old_path or change.path).stem.replace("-", " ")
        entries.append(Amendment(change=change, item=item, title=item.link_text, old_title=old_title))
    return entries


def amendments_by_release(history: History, corpus: Corpus) -> list[tuple[str, list[Amendment]]]:
    """Changes to content grouped by release (or by month before the first release), newest first."""
    entries = amendment_list(history, corpus)

    def group(entry: Amendment) -> str:
        if entry.change.release:
            return f"Release {entry.change.release}"
        if any(e.change.release for e in entries):
            return "Not yet in a release"
        return f"{entry.change.date:%B %Y}"

    return [(name, list(items)) for name, items in groupby(entries, key=group)]
