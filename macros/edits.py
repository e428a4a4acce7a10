"""The changes to the content that touch more than one file: rename an item, withdraw an item.

Partnership staff run these through ``make rename`` and ``make withdraw``. Each does every step a
careful person would do by hand (move the files with git so their history follows, rewrite every
link, keep the old address working, update the menu and the print order) and then checks the
result with the same validation as the build. Nothing is left for the person to edit.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import yaml

from .addresses import ADDRESSES_FILE, MOVED_STUB, ORDER_FILE, WITHDRAWN_STUB
from .corpus import Corpus
from .field_types import ID_PATTERN
from .pages import stub_text
from .paths import Paths
from .refs import retarget_calls
from .schema import KINDS, Addresses, Moved, Withdrawn

NAV_FILE = ".nav.yml"

_ADDRESSES_HEADER = """\
# Old web addresses that must keep working. `make rename` and `make withdraw` write this file
# and the page files that go with it: you do not need to edit it by hand.
#
# moved: an address whose item now lives elsewhere (the page sends readers on).
# withdrawn: an address whose item was taken out of the guidance (the page says when and why).
"""


class EditRefused(Exception):
    """The edit cannot be made; the message says why in plain words. Nothing was changed."""


def _tracked(paths: Paths, path: Path) -> bool:
    command = ["git", "-C", str(paths.root), "ls-files", "--error-unmatch", str(path)]
    return subprocess.run(command, capture_output=True).returncode == 0


def _git_move(paths: Paths, source: Path, target: Path) -> None:
    """Move with git when the file is tracked, so `git log --follow` keeps its history."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if _tracked(paths, source):
        subprocess.run(["git", "-C", str(paths.root), "mv", str(source), str(target)], check=True, capture_output=True)
    else:
        source.rename(target)


def _git_remove(paths: Paths, path: Path) -> None:
    if _tracked(paths, path):
        subprocess.run(["git", "-C", str(paths.root), "rm", "-q", str(path)], check=True, capture_output=True)
    else:
        path.unlink()


def _text_files(paths: Paths) -> list[Path]:
    """Every file that can name an item: content, flows, data files and page files."""
    files = [p for p in paths.content.rglob("*") if p.suffix in (".md", ".yml", ".yaml") and p.is_file()]
    files += [p for p in paths.docs.rglob("*.md") if p.is_file()]
    return sorted(files)


def rewrite_references(text: str, old: str, new: str) -> str:
    """Point every link to ``old`` (ref() calls, YAML lists and fields naming ids) at ``new``."""
    anchor = r"(#[a-z0-9-]+)?"
    text = retarget_calls(text, old, new)
    text = re.sub(
        r"^(\s*-\s*)" + re.escape(old) + anchor + r"(\s*(?:#.*)?)$",
        lambda m: m.group(1) + new + (m.group(2) or "") + m.group(3),
        text,
        flags=re.M,
    )
    text = re.sub(
        r"^(\s*(?:-\s*)?(?:to|replaced_by|start|not_sure|if_yes|if_no):\s*)" + re.escape(old) + anchor + r"(\s*)$",
        lambda m: m.group(1) + new + (m.group(2) or "") + m.group(3),
        text,
        flags=re.M,
    )
    return text


def _read_addresses(paths: Paths) -> Addresses:
    path = paths.content / ADDRESSES_FILE
    if not path.exists():
        return Addresses()
    return Addresses.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def _write_addresses(paths: Paths, addresses: Addresses) -> None:
    data = addresses.model_dump(mode="json", exclude_none=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    (paths.content / ADDRESSES_FILE).write_text(_ADDRESSES_HEADER + body, encoding="utf-8")


def _nav_replace(paths: Paths, old_page: str, new_page: str | None) -> None:
    """Swap (or drop) an explicit menu line, and keep the old page out of the menu's globs."""
    path = paths.docs / NAV_FILE
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        match = re.match(r"^(\s*-\s*(?:[^:]+:\s*)?)" + re.escape(old_page) + r"\s*$", line)
        if match:
            if new_page is not None:
                out.append(f"{match.group(1)}{new_page}\n")
            continue
        out.append(line)
    if not any(line.rstrip() == "ignore:" for line in out):
        out.append("ignore:\n")
    out.append(f"  - /{old_page}\n")
    path.write_text("".join(out), encoding="utf-8")


def _order_remove(paths: Paths, item_id: str) -> None:
    path = paths.content / ORDER_FILE
    if path.exists():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^\s*-\s*" + re.escape(item_id) + r"\s*\n", "", text, flags=re.M), encoding="utf-8")


def rename(paths: Paths, corpus: Corpus, old: str, new: str, today: dt.date) -> list[str]:
    """Rename an item; returns what was done, one line each. Raises EditRefused before changing anything."""
    if old not in corpus.items:
        raise EditRefused(f"there is no item '{old}' to rename.")
    if not re.match(ID_PATTERN, new or ""):
        raise EditRefused(f"'{new}' is not a valid id: use lower-case words joined by hyphens, like 'my-new-item'.")
    if new in corpus.items:
        raise EditRefused(f"the id '{new}' is already used by {corpus.files[new]}.")
    kind = KINDS[corpus.items[old].kind]
    addresses = _read_addresses(paths)
    taken = {entry.address for entry in addresses.moved} | {entry.address for entry in addresses.withdrawn}
    if f"{kind.folder}/{new}" in taken:
        raise EditRefused(f"{kind.folder}/{new} is an old address kept for another item: choose another id.")

    done = []
    source = paths.root / corpus.files[old]
    target = source.with_name(f"{new}.md")
    _git_move(paths, source, target)
    target.write_text(
        re.sub(
            r"^id:\s*" + re.escape(old) + r"\s*$", f"id: {new}", target.read_text(encoding="utf-8"), count=1, flags=re.M
        ),
        encoding="utf-8",
    )
    done.append(f"Renamed {paths.shown(source)} to {paths.shown(target)} (its history follows it).")

    changed = _point_links(paths, old, new)
    done.append(f"Updated the links to it in {changed} file(s).")

    if kind.own_page:
        old_page = paths.docs / kind.folder / f"{old}.md"
        new_page = paths.docs / kind.folder / f"{new}.md"
        _git_move(paths, old_page, new_page)
        new_page.write_text(stub_text(new), encoding="utf-8")
        old_page.write_text(MOVED_STUB, encoding="utf-8")
        addresses = _read_addresses(paths)  # links in it were rewritten above
        addresses = Addresses(
            moved=[*addresses.moved, Moved(address=f"{kind.folder}/{old}", to=new, moved_on=today)],
            withdrawn=addresses.withdrawn,
        )
        _write_addresses(paths, addresses)
        _nav_replace(paths, f"{kind.folder}/{old}.md", f"{kind.folder}/{new}.md")
        done.append(f"The old address {kind.folder}/{old}/ now sends readers to the new one.")
    return done


def _point_links(paths: Paths, old: str, new: str, *, skip: Path | None = None) -> int:
    """Point every link to ``old`` in the content and page files at ``new``; how many files changed."""
    changed = 0
    for path in _text_files(paths):
        if path == skip:
            continue
        text = path.read_text(encoding="utf-8")
        rewritten = rewrite_references(text, old, new)
        if rewritten != text:
            path.write_text(rewritten, encoding="utf-8")
            changed += 1
    return changed


def withdraw(
    paths: Paths, corpus: Corpus, item_id: str, replaced_by: str | None, reason: str | None, today: dt.date
) -> list[str]:
    """Withdraw an item, keeping a page at its address. Raises EditRefused before changing anything."""
    if item_id not in corpus.items:
        raise EditRefused(f"there is no item '{item_id}' to withdraw.")
    if replaced_by is not None and (replaced_by not in corpus.items or replaced_by == item_id):
        raise EditRefused(f"REPLACED_BY must be the id of another item; '{replaced_by}' is not.")
    citing = sorted(
        corpus.files[ref.source]
        for refs in corpus.references.values()
        for ref in refs
        if ref.target_id == item_id and ref.source != item_id
    )
    if citing and replaced_by is None:
        raise EditRefused(
            f"these items link to '{item_id}': {', '.join(dict.fromkeys(citing))}. Change those links first, "
            "or say what replaces it with REPLACED_BY=…, and the links will point there."
        )
    item = corpus.items[item_id]
    kind = KINDS[item.kind]
    done = []
    if replaced_by is not None:
        changed = _point_links(paths, item_id, replaced_by, skip=paths.root / corpus.files[item_id])
        done.append(f"Pointed the links to it in {changed} file(s) at '{replaced_by}'.")
    _git_remove(paths, paths.root / corpus.files[item_id])
    done.append(f"Removed {corpus.files[item_id]} (git keeps what it said).")
    _order_remove(paths, item_id)
    if kind.own_page:
        page = paths.docs / kind.folder / f"{item_id}.md"
        page.write_text(WITHDRAWN_STUB, encoding="utf-8")
        addresses = _read_addresses(paths)
        addresses = Addresses(
            moved=addresses.moved,
            withdrawn=[
                *addresses.withdrawn,
                Withdrawn(
                    address=f"{kind.folder}/{item_id}",
                    title=item.title,
                    withdrawn_on=today,
                    replaced_by=replaced_by,
                    reason=reason or None,
                ),
            ],
        )
        _write_addresses(paths, addresses)
        _nav_replace(paths, f"{kind.folder}/{item_id}.md", None)
        done.append(f"The address {kind.folder}/{item_id}/ now says it was withdrawn on {today.isoformat()}.")
    else:
        # A section of a shared page (a glossary term): old addresses that led to it now say it was withdrawn.
        addresses = _read_addresses(paths)
        gone = [entry for entry in addresses.moved if entry.to.partition("#")[0] == item_id]
        if gone:
            _write_addresses(
                paths,
                Addresses(
                    moved=[entry for entry in addresses.moved if entry not in gone],
                    withdrawn=[
                        *addresses.withdrawn,
                        *(
                            Withdrawn(
                                address=entry.address, title=item.title, withdrawn_on=today, reason=reason or None
                            )
                            for entry in gone
                        ),
                    ],
                ),
            )
            for entry in gone:
                (paths.docs / f"{entry.address}.md").write_text(WITHDRAWN_STUB, encoding="utf-8")
    return done
