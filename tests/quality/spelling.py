"""Spelling: codespell's dictionaries, the project's word list, and known slips that are real words."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .text import file_name, position, read_list

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
        shown = file_name(Path(match["file"]), root)
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
            at = position(where, first_line, text.count("\n", 0, match.start()) + 1)
            found.append(
                (
                    match.start(),
                    f"{at}: '{' '.join(match.group(0).split())}' is a known slip: write '{slip.correction}'.",
                )
            )
    return [message for _, message in sorted(found)]
