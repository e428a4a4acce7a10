"""FIELDS.md, the staff's reference of the fields of each kind, is made from the schema and kept current."""

from __future__ import annotations

import re

from conftest import ROOT

from macros import fields_reference
from macros.schema import KINDS


def test_fields_md_is_up_to_date() -> None:
    written = (ROOT / fields_reference.OUTPUT).read_text(encoding="utf-8")
    assert written == fields_reference.render(), "FIELDS.md is out of date with macros/schema.py: run `make fields`"


def test_every_field_is_explained() -> None:
    assert fields_reference.undocumented() == [], "give each of these fields a docstring in macros/schema.py"


def test_every_kind_and_field_is_in_the_reference() -> None:
    text = fields_reference.render()
    for kind in KINDS.values():
        assert f"`kind: {kind.name}`" in text
        for name in kind.model.model_fields:
            if name != "body":
                assert f"| `{name}` |" in text, f"{kind.name}.{name}"


def test_the_reference_says_what_to_write() -> None:
    rows = {
        match[0]: match[1]
        for match in re.findall(r"^\| `([a-z_]+)` \| (?:yes|no) \| ([^|]+) \|", fields_reference.render(), re.M)
    }
    assert rows["last_reviewed"].strip() == "a date written YYYY-MM-DD"
    assert rows["origin"].strip() == "`guidance` or `local`"
    assert rows["url"].strip() == "a web address starting `https://`"
    assert rows["answered_by"].strip().startswith("a list, one `- ` line each: item id")
    assert rows["exit_this_page"].strip() == "`true` or `false`"


def test_contributing_links_the_reference() -> None:
    assert "[FIELDS.md](FIELDS.md)" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
