"""Links between pages: the same target posixpath.relpath gives, for every kind of path pair."""

from __future__ import annotations

import itertools
import posixpath
import random

import pytest

from macros.corpus import relative_link

PATHS = [
    "index.md",
    "legislation/index.md",
    "legislation/care-act-2014.md",
    "legislation/care-act-2014/index.md",
    "guidance/consent.md",
    "a/b/c/d.md",
    "a/b/e.md",
    "a/b.md",
    "a/b.md/c.md",
    "b.md",
    "./x.md",
    "a//b.md",
    "a/../b.md",
    "/abs/x.md",
]


def by_relpath(from_doc: str, to_doc: str) -> str:
    if from_doc == to_doc:
        return posixpath.basename(to_doc)
    return posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")


@pytest.mark.parametrize(("from_doc", "to_doc"), list(itertools.product(PATHS, PATHS)))
def test_a_link_leads_where_relpath_says(from_doc: str, to_doc: str) -> None:
    assert relative_link(from_doc, to_doc) == by_relpath(from_doc, to_doc)


def test_random_folders_too() -> None:
    randomly = random.Random(7)
    names = ["a", "b", "c", "index.md", "x.md"]
    for _ in range(2000):
        from_doc = "/".join(randomly.choices(names, k=randomly.randint(1, 4)))
        to_doc = "/".join(randomly.choices(names, k=randomly.randint(1, 4)))
        assert relative_link(from_doc, to_doc) == by_relpath(from_doc, to_doc), (from_doc, to_doc)
