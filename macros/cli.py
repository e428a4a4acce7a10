"""Commands for partnership staff, run through make: check, review, new.

    make check                              validate the content only (no site is built)
    make review                             list every item by review due date
    make new KIND=topic ID=my-item TITLE="My item"   start a new item
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from . import placeholders
from .audit import review_rows, review_summary
from .flow import load_flows
from .loader import load_corpus
from .pages import check_page_refs, check_pages, stub_text
from .problems import ContentError
from .validation import validate
from .schema import ID_PATTERN, KINDS

ROOT = Path.cwd()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV are not needed to find the menu."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # !ENV [NAME, default]: the value when NAME is not set, which is what `make` builds with.
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [None]
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env_default)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def check(root: Path) -> int:
    config = read_config(root / "mkdocs.yml")
    content = root / (config.get("extra", {}) or {}).get("content_dir", "content")
    docs = root / config.get("docs_dir", "docs")
    try:
        corpus, flows = validate(root, content, docs, config)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"The content is valid: {len(corpus.items)} items and {len(flows)} decision flow(s).")
    return 0


def review(root: Path, today: dt.date) -> int:
    config = read_config(root / "mkdocs.yml")
    content = root / (config.get("extra", {}) or {}).get("content_dir", "content")
    try:
        corpus = load_corpus(content, project_dir=root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    rows = review_rows(corpus, today)
    print(f"{'Review due':<12} {'Status':<11} {'Last reviewed':<14} {'Owner':<30} Item")
    for row in rows:
        status = f"overdue {-row.days}d" if row.status == "overdue" else row.status
        print(
            f"{row.item.review_due.isoformat():<12} {status:<11} {row.item.last_reviewed.isoformat():<14} "
            f"{row.item.owner[:30]:<30} {corpus.files[row.item.id]}"
        )
    print(review_summary(rows))
    return 0


_EXTRA_FIELDS = {
    "legislation": (
        f"sections:\n  - {placeholders.SECTION.text}\nsources:\n  - title: {placeholders.SOURCE_TITLE.text}\n"
        f"    url: {placeholders.SOURCE_URL.text}\n"
    ),
    "principle-set": (
        "member_label: Rule\nanchor_prefix: rule\nmembers:\n"
        f"  - name: {placeholders.MEMBER_NAME.text}\n    text: {placeholders.MEMBER_TEXT.text}\n"
    ),
    "myth": f"answered_by:\n  - {placeholders.ANSWERED_BY.text}\n",
    "glossary-term": "abbreviation: {abbreviation}\n",
}


def new(root: Path, kind: str, item_id: str, title: str, today: dt.date) -> int:
    """Write a new item marked origin: local, its page file and its menu entry; the placeholders it
    holds are refused by every check until replaced (placeholders.py)."""
    if kind not in KINDS:
        print(f"'{kind}' is not a kind of item. Use one of: {', '.join(KINDS)}.", file=sys.stderr)
        return 2
    if not re.match(ID_PATTERN, item_id or ""):
        print(f"'{item_id}' is not a valid id: use lower-case words joined by hyphens, like 'my-new-item'.", file=sys.stderr)
        return 2
    if not title.strip():
        print("Give the item a title, for example TITLE=\"Sharing with schools\".", file=sys.stderr)
        return 2
    folder = KINDS[kind].folder
    config = read_config(root / "mkdocs.yml")
    content_file = root / (config.get("extra", {}) or {}).get("content_dir", "content") / folder / f"{item_id}.md"
    page_file = root / config.get("docs_dir", "docs") / folder / f"{item_id}.md"
    if content_file.exists() or page_file.exists():
        print(f"{content_file.relative_to(root)} already exists: choose another ID.", file=sys.stderr)
        return 2
    # File names, not the loaded content: a new item may be started while another is half written.
    taken = sorted(content_file.parent.parent.glob(f"*/{item_id}.md"))
    if taken:
        print(f"The id '{item_id}' is already used by {taken[0].relative_to(root)}: choose another ID.", file=sys.stderr)
        return 2
    owner = ((config.get("extra", {}) or {}).get("partnership", {}) or {}).get("name", "Owner to be named")
    extra = _EXTRA_FIELDS.get(kind, "").format(abbreviation=item_id.upper().replace("-", ""))
    content_file.parent.mkdir(parents=True, exist_ok=True)
    content_file.write_text(
        "---\n"
        f"kind: {kind}\n"
        f"id: {item_id}\n"
        f"title: {yaml.safe_dump(title.strip(), default_style=chr(34)).strip()}\n"
        f"summary: {placeholders.SUMMARY.text}\n"
        f"{extra}"
        # Added by the partnership: the tests that hold the site to the published guidance leave it out.
        "origin: local\n"
        f"owner: {yaml.safe_dump(owner, default_style=chr(34)).strip()}\n"
        f"last_reviewed: {today.isoformat()}\n"
        f"review_due: {today.replace(year=today.year + 1).isoformat()}\n"
        "---\n"
        f"{placeholders.BODY_TEXT}",
        encoding="utf-8",
    )
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(stub_text(item_id), encoding="utf-8")
    index = page_file.parent / "index.md"
    new_kind = not index.exists()
    if new_kind:
        index.write_text(f'{{{{ kind_index("{kind}") }}}}\n', encoding="utf-8")
    placed = _add_to_menu(
        root / "mkdocs.yml", folder, [f"{folder}/{item_id}.md"] if not new_kind else [f"{folder}/index.md", f"{folder}/{item_id}.md"]
    )
    print(f"Created {content_file.relative_to(root)} and its page {page_file.relative_to(root)}.")
    print(
        f"Added it to the menu (nav in mkdocs.yml) after the other {folder} pages: move the line if it belongs elsewhere."
        if placed
        else f"Now add the line '- {folder}/{item_id}.md' to nav in mkdocs.yml where it belongs."
    )
    print(
        "Replace the placeholder text in the new file (make check names each one), then run `make check`.\n"
        "It is marked 'origin: local' (added by the partnership, not part of the published guidance): remove\n"
        "that line only if the item carries a section of the published guidance."
    )
    return 0


def _add_to_menu(config_file: Path, folder: str, pages: list[str]) -> bool:
    """Insert pages after the last menu line of their folder (or at the end of the menu when the
    folder has none yet), keeping mkdocs.yml as written."""
    lines = config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    except StopIteration:
        return False
    last = None
    end = len(lines)
    for number in range(start + 1, len(lines)):
        if lines[number].strip() and not lines[number][0].isspace():
            end = number  # the next top-level setting: the menu ends here
            break
        match = re.match(r"^(\s*)- (?:[^:]+: )?" + re.escape(folder) + r"/\S+\.md\s*$", lines[number])
        if match:
            last = (number, match.group(1))
    if last is None:
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        indent = re.match(r"^(\s*)", lines[start + 1]).group(1) if end > start + 1 else "  "
        last = (end - 1, indent)
    number, indent = last
    for offset, page in enumerate(pages, 1):
        lines.insert(number + offset, f"{indent}- {page}\n")
    config_file.write_text("".join(lines), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the content only")
    commands.add_parser("review", help="list every item by review due date")
    scaffold = commands.add_parser("new", help="start a new item")
    scaffold.add_argument("kind")
    scaffold.add_argument("id")
    scaffold.add_argument("title")
    arguments = parser.parse_args(argv)
    today = dt.date.today()
    if arguments.command == "check":
        return check(ROOT)
    if arguments.command == "review":
        return review(ROOT, today)
    return new(ROOT, arguments.kind, arguments.id, arguments.title, today)


if __name__ == "__main__":
    sys.exit(main())
