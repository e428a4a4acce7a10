"""Commands for partnership staff, run through make: check, review, new.

make check                              validate the content only (no site is built)
make review                             list every item by review due date
make new KIND=topic ID=my-item TITLE="My item"   start a new item
make rename FROM=old-id TO=new-id       give an item a new id and address; the old one keeps working
make withdraw ID=some-id [REPLACED_BY=other-id] [REASON="…"]   take an item out, keeping a page at its address
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from . import edits, placeholders
from .field_types import ID_PATTERN
from .loader import load_corpus
from .pages import stub_text
from .paths import Paths
from .problems import ContentError
from .reviews import review_rows, review_state, review_summary, status_summary
from .schema import KINDS
from .validation import validate

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


def project(root: Path) -> tuple[Paths, dict[str, Any]]:
    """The project's paths and its mkdocs.yml, read the way every command reads them."""
    config = read_config(root / "mkdocs.yml")
    return Paths.from_config(config, root), config


def check(root: Path) -> int:
    paths, config = project(root)
    try:
        validated = validate(paths, config)
        corpus, flows = validated.corpus, validated.flows
    except ContentError as error:
        print(error.report("so it cannot be published yet", "run make check again"), file=sys.stderr)
        return 1
    print(f"The content is valid: {len(corpus.items)} items and {len(flows)} decision flow(s).")
    return 0


def review(root: Path, today: dt.date) -> int:
    paths, _ = project(root)
    try:
        corpus = load_corpus(paths.content, project_dir=paths.root)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    rows = review_rows(corpus, today)
    print(f"{'Review due':<12} {'Status':<11} {'Reviewed against current law?':<42} {'Owner':<30} Item")
    for row in rows:
        status = f"overdue {-row.days}d" if row.status == "overdue" else row.status
        print(
            f"{row.item.review_due.isoformat():<12} {status:<11} {review_state(row.item):<42} "
            f"{row.item.owner[:30]:<30} {corpus.files[row.item.id]}"
        )
    print(review_summary(rows))
    print(status_summary(rows))
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
    """Write a new item marked origin: local (and its page file, for kinds with pages of their own);
    nothing else needs editing. The placeholders it holds are refused by every check until replaced."""
    if kind not in KINDS:
        print(f"'{kind}' is not a kind of item. Use one of: {', '.join(KINDS)}.", file=sys.stderr)
        return 2
    if not re.match(ID_PATTERN, item_id or ""):
        print(
            f"'{item_id}' is not a valid id: use lower-case words joined by hyphens, like 'my-new-item'.",
            file=sys.stderr,
        )
        return 2
    if not title.strip():
        print('Give the item a title, for example TITLE="Sharing with schools".', file=sys.stderr)
        return 2
    folder = KINDS[kind].folder
    paths, config = project(root)
    content_file = paths.content / folder / f"{item_id}.md"
    page_file = paths.docs / folder / f"{item_id}.md"
    if content_file.exists() or page_file.exists():
        print(f"{paths.shown(content_file)} already exists: choose another ID.", file=sys.stderr)
        return 2
    # File names, not the loaded content: a new item may be started while another is half written.
    taken = sorted(content_file.parent.parent.glob(f"*/{item_id}.md"))
    if taken:
        print(f"The id '{item_id}' is already used by {paths.shown(taken[0])}: choose another ID.", file=sys.stderr)
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
        "status: reviewed\n"
        f"reviewed_by: {yaml.safe_dump(owner, default_style=chr(34)).strip()}\n"
        f"last_reviewed: {today.isoformat()}\n"
        f"review_due: {today.replace(year=today.year + 1).isoformat()}\n"
        "---\n"
        f"{placeholders.BODY_TEXT}",
        encoding="utf-8",
    )
    shown = [paths.shown(content_file)]
    if KINDS[kind].own_page:
        page_file.parent.mkdir(parents=True, exist_ok=True)
        page_file.write_text(stub_text(item_id), encoding="utf-8")
        shown.append(paths.shown(page_file))
        index = page_file.parent / "index.md"
        if not index.exists():
            index.write_text(f'{{{{ kind_index("{kind}") }}}}\n', encoding="utf-8")
            shown.append(paths.shown(index))
    print(f"Created {' and '.join(shown)}.")
    print("It appears in the menu with the other items of its folder: nothing else needs editing.")
    print(f"Now write its text in {shown[0]}, replacing every placeholder (make check names each one),")
    print("then run `make check`. It is marked 'origin: local' (added by the partnership, not part of the")
    print("published guidance): remove that line only if the item carries a section of the published guidance.")
    print(f"When it is ready: git add {' '.join(shown)} && git commit")
    return 0


def _edit(root: Path, change: Callable[[Paths, Any], list[str]]) -> int:
    """Run a multi-file edit on valid content, then check the result as the build would."""
    paths, config = project(root)
    try:
        corpus = validate(paths, config).corpus
    except ContentError as error:
        print(f"{error}\nNothing was changed: fix the content first.", file=sys.stderr)
        return 1
    try:
        done = change(paths, corpus)
    except edits.EditRefused as refused:
        print(f"Nothing was changed: {refused}", file=sys.stderr)
        return 2
    for line in done:
        print(line)
    try:
        validate(paths, config)
    except ContentError as error:
        print(f"{error}\nThe change was made, but the content now has the problems above.", file=sys.stderr)
        return 1
    print("The content is valid. Check the changes with `git status`, then commit them all: git add -A && git commit")
    return 0


def rename(root: Path, old: str, new: str, today: dt.date) -> int:
    return _edit(root, lambda paths, corpus: edits.rename(paths, corpus, old, new, today))


def withdraw(root: Path, item_id: str, replaced_by: str | None, reason: str | None, today: dt.date) -> int:
    return _edit(root, lambda paths, corpus: edits.withdraw(paths, corpus, item_id, replaced_by, reason, today))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the content only")
    commands.add_parser("review", help="list every item by review due date")
    scaffold = commands.add_parser("new", help="start a new item")
    scaffold.add_argument("kind")
    scaffold.add_argument("id")
    scaffold.add_argument("title")
    renaming = commands.add_parser("rename", help="give an item a new id and address, keeping the old one working")
    renaming.add_argument("old")
    renaming.add_argument("new")
    withdrawing = commands.add_parser("withdraw", help="take an item out, keeping a page at its address")
    withdrawing.add_argument("id")
    withdrawing.add_argument("--replaced-by", default="")
    withdrawing.add_argument("--reason", default="")
    arguments = parser.parse_args(argv)
    today = dt.date.today()
    if arguments.command == "check":
        return check(ROOT)
    if arguments.command == "review":
        return review(ROOT, today)
    if arguments.command == "rename":
        return rename(ROOT, arguments.old, arguments.new, today)
    if arguments.command == "withdraw":
        return withdraw(ROOT, arguments.id, arguments.replaced_by or None, arguments.reason or None, today)
    return new(ROOT, arguments.kind, arguments.id, arguments.title, today)


if __name__ == "__main__":
    sys.exit(main())
