"""Python-Markdown's ``abbr``, finding the glossary's abbreviations with one trie-shaped pattern.

``abbr`` looks for abbreviations with one alternation of every one of them, longest first
(``\\b(?:UK GDPR|CP-IS|DVDS|…)\\b``); Python's regular expressions try each alternative in turn at
every word boundary, so each page costs words × abbreviations, and the site, whose glossary grows
with it, grows quadratically (make bench). The same abbreviations as a trie (``\\b(?:C(?:P-IS|DA)|…)\\b``)
try one branch per letter and find the same matches: at each place the longest abbreviation that ends
at a word boundary, as the alternation does. Everything else is ``abbr`` unchanged.

mkdocs.yml names ``abbr``; under MkDocs the build puts this extension in its place with the same
options and the glossary (``explain_abbreviations`` below). Zensical keeps ``abbr``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString

from .schema import GlossaryTerm


@lru_cache(maxsize=8)
def pattern(abbreviations: frozenset[str]) -> re.Pattern[str]:
    """One pattern matching exactly what abbr's alternation of ``abbreviations`` matches."""
    trie: dict[str, Any] = {}
    for word in abbreviations:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return re.compile(rf"\b(?:{_branches(trie)})\b")


def _branches(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [re.escape(character) + _branches(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    group = "(?:" + "|".join(branches) + ")"
    # Longer first: the optional group is greedy, and gives way when no word boundary follows it.
    return group + "?" if ends_here else group


class GlossaryAbbrTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]  # Markdown has no type information
    """abbr's tree processor, walking the page once instead of by recursion.

    abbr visits every element of a page recursively and, for every element followed by text, finds
    its place among its parent's children: at 500 items that was 0.4 s of each build. Here each text
    is first searched once, and only the few that hold an abbreviation are split, with the same
    ``abbr`` elements in the same places (tests/test_abbreviations.py compares whole pages).
    """

    def run(self, root: Any) -> None:
        if not self.abbrs:
            return
        self.RE = pattern(frozenset(self.abbrs))
        parents: dict[Any, Any] | None = None
        # A list first: the abbr elements added below are not visited (their text is an abbreviation).
        for element in list(root.iter()):
            if self._holds_abbreviation(element.text):
                element.text, found = self._split(element.text)
                for position, abbr in enumerate(found):
                    element.insert(position, abbr)
            if element is not root and self._holds_abbreviation(element.tail):
                if parents is None:
                    parents = {child: parent for parent in root.iter() for child in parent}
                parent = parents[element]
                element.tail, found = self._split(element.tail)
                after = list(parent).index(element) + 1
                for position, abbr in enumerate(found, after):
                    parent.insert(position, abbr)

    def _holds_abbreviation(self, text: str | None) -> bool:
        return text is not None and not isinstance(text, AtomicString) and self.RE.search(text) is not None

    def _split(self, text: str) -> tuple[str, list[Any]]:
        """The text before the first abbreviation with a meaning, and an ``abbr`` element for each
        one, holding the text up to the next as its tail."""
        found = [match for match in self.RE.finditer(text) if self.abbrs[match.group(0)]]
        if not found:
            return text, []
        ends = [match.start() for match in found[1:]] + [len(text)]
        elements = [
            self.create_element(self.abbrs[match.group(0)], match.group(0), text[match.end() : end])
            for match, end in zip(found, ends, strict=True)
        ]
        return text[: found[0].start()], elements


class GlossaryAbbrExtension(AbbrExtension):  # type: ignore[misc]
    def __repr__(self) -> str:
        # Said by what it does, not where it sits in memory: `make serve` keeps a page's HTML while
        # the settings' text is the same, and each rebuild makes this object anew.
        return f"GlossaryAbbrExtension({sorted(self.getConfigs().items(), key=str)!r})"

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Same name and priority: replaces abbr's own tree processor.
        md.treeprocessors.register(GlossaryAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs: Any) -> GlossaryAbbrExtension:  # noqa: N802 - the name Python-Markdown looks for
    return GlossaryAbbrExtension(**kwargs)


def explain_abbreviations(config: Any, items: Iterable[Any]) -> None:
    """Give every abbreviation in the glossary a tooltip on every page, from the glossary items alone.

    The site's `abbr` in mkdocs.yml is replaced here by the same extension with the glossary and the
    trie-shaped pattern: named in mkdocs.yml instead, it would stop Zensical, which cannot import it.
    """
    glossary: dict[str, str] = {}
    for item in items:
        if isinstance(item, GlossaryTerm):
            glossary[item.abbreviation] = item.title
            # Plurals such as "YOIs" and "GPs" get the same explanation.
            glossary.setdefault(item.abbreviation + "s", item.title)
    extensions = config.get("markdown_extensions", [])
    if "abbr" in extensions and "mdx_configs" in config:
        config["mdx_configs"].setdefault("abbr", {})["glossary"] = glossary
        extensions[extensions.index("abbr")] = GlossaryAbbrExtension(**config["mdx_configs"]["abbr"])
