"""The glossary's abbreviations are found exactly where Python-Markdown's abbr finds them."""

from __future__ import annotations

import random
import re

import markdown

from macros.abbreviations import GlossaryAbbrExtension, pattern

# Prefixes of one another, plurals, spaces, hyphens and characters regular expressions treat specially.
ABBREVIATIONS = ["CP", "CPS", "CP-IS", "UK", "UK GDPR", "GDPR", "GP", "GPs", "C++", "A.B", "DVDS", "DV", "YOI", "YOIs"]


def alternation(abbreviations: list[str]) -> re.Pattern[str]:
    """The pattern abbr itself builds (markdown.extensions.abbr.AbbrTreeprocessor.run)."""
    ordered = sorted(abbreviations, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in ordered)})\\b")


def test_the_same_matches_as_abbr_on_every_kind_of_neighbour() -> None:
    rng = random.Random(17)
    pieces = [*ABBREVIATIONS, "CPX", "UKG", "GPS", "the", "-", " ", ".", ",", "(", ")", "s", "'", "’", "\n", "x"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(40))
        expected = [(m.start(), m.group()) for m in alternation(ABBREVIATIONS).finditer(text)]
        assert [(m.start(), m.group()) for m in pattern(frozenset(ABBREVIATIONS)).finditer(text)] == expected, text


def test_pages_get_the_same_tooltips_as_with_abbr() -> None:
    glossary = {key: f"Meaning of {key}" for key in ABBREVIATIONS}
    text = "The CP-IS and CPS, the UK GDPR (not UK law), two GPs and C++ or A.B; DVDS, DV and YOIs.\n"
    theirs = markdown.markdown(text, extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    ours = markdown.markdown(
        text, extensions=["macros.abbreviations"], extension_configs={"macros.abbreviations": {"glossary": glossary}}
    )
    assert ours == theirs
    # The longest abbreviation wins: one tooltip for "UK GDPR" and for "CP-IS", the plural its own.
    for shown in ("UK GDPR", "CP-IS", "GPs", "YOIs"):
        assert f'<abbr title="Meaning of {shown}">{shown}</abbr>' in ours


def test_the_build_uses_it_in_place_of_abbr_with_the_glossary() -> None:
    from conftest import ROOT

    from macros.abbreviations import GlossaryAbbrExtension, explain_abbreviations
    from macros.loader import load_corpus

    config: dict[str, object] = {"markdown_extensions": ["toc", "abbr", "tables"], "mdx_configs": {}}
    explain_abbreviations(config, load_corpus(ROOT / "content", project_dir=ROOT).items.values())
    toc, extension, tables = config["markdown_extensions"]  # type: ignore[misc]
    assert (toc, tables) == ("toc", "tables") and isinstance(extension, GlossaryAbbrExtension)
    html = markdown.markdown("Ask the ICO or a GP.", extensions=[extension])
    assert '<abbr title="Information Commissioner' in html and '<abbr title="General Practitioner">GP</abbr>' in html


def test_the_extension_is_named_by_its_glossary_so_serve_keeps_unchanged_pages() -> None:
    # make serve keeps a page's HTML while the settings read the same; an address in memory in the
    # name made every rebuild convert every page again (1.16 s instead of 0.81 s per edit).
    same = [GlossaryAbbrExtension(glossary={"GP": "General practitioner"}) for _ in range(2)]
    assert repr(same[0]) == repr(same[1])
    assert " at 0x" not in repr(same[0])
    assert repr(GlossaryAbbrExtension(glossary={"GP": "General practice"})) != repr(same[0])


SITE_LIKE = ["tables", "attr_list", "admonition", "pymdownx.details", "pymdownx.superfences", "toc", "def_list"]


def both_ways(text: str, glossary: dict[str, str]) -> tuple[str, str]:
    theirs = markdown.markdown(
        text, extensions=[*SITE_LIKE, "abbr"], extension_configs={"abbr": {"glossary": glossary}}
    )
    ours = markdown.markdown(
        text,
        extensions=[*SITE_LIKE, "macros.abbreviations"],
        extension_configs={"macros.abbreviations": {"glossary": glossary}},
    )
    return theirs, ours


def test_every_real_text_gets_the_same_markup_as_with_abbr() -> None:
    from conftest import ROOT

    from macros.loader import load_corpus
    from macros.schema import GlossaryTerm

    items = load_corpus(ROOT / "content", project_dir=ROOT).items.values()
    glossary = {item.abbreviation: item.title for item in items if isinstance(item, GlossaryTerm)}
    glossary.update({key + "s": value for key, value in list(glossary.items())})
    texts = [item.body for item in items] + [member.text for item in items for member in getattr(item, "members", [])]
    wrapped = 0
    for text in texts:
        theirs, ours = both_ways(text, glossary)
        assert ours == theirs, text[:200]
        wrapped += ours.count("<abbr")
    assert wrapped > 50, "the real texts should hold many abbreviations"


def test_random_pages_get_the_same_markup_as_with_abbr() -> None:
    glossary = {key: f"Meaning of {key}" for key in ABBREVIATIONS} | {"EMPTY": ""}
    pieces = [
        *ABBREVIATIONS, "EMPTY", " ", " ", "\n", "\n\n", "the ", "**", "*", "`GP code`", "[a GP](https://x.org)",
        "\n\n- GP\n- UK GDPR and CP\n", "\n\n1. CPS\n    - nested DV\n", "\n\n| a | GP |\n|---|---|\n| CP | x DV |\n\n",
        "\n\n!!! note \"A GP note\"\n    Inside DVDS.\n\n", "\n\n# Heading CP-IS\n\n", "<br>", "&amp;", "CPX", "GPS",
        "\n\n```\nGP in code\n```\n\n", "\n\nTerm GP\n:   Definition CPS\n\n",
    ]  # fmt: skip
    randomly = random.Random(2026)
    for _ in range(400):
        text = "".join(randomly.choices(pieces, k=randomly.randint(1, 30)))
        theirs, ours = both_ways(text, glossary)
        assert ours == theirs, text
