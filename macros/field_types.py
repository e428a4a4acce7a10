"""The types of single fields in staff-written files: dates, plain text, ids and references,
https addresses. Each refuses what could not be shown safely, with a plain message."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Lower-case words joined by hyphens: the id is also the page's address."""

REF_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$"
"""An item id, optionally followed by ``#anchor`` to cite one rule of a set."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> dt.date:
    # YAML turns a well-formed 2026-11-26 into a date; anything else arrives
    # as a string or number, and pydantic's lax parsing would accept a bare
    # number as a Unix timestamp, which no author means.
    if isinstance(value, dt.datetime):
        raise ValueError("write a date without a time, as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a real date") from None
    raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD, for example 2026-11-26")


_URL_UNSAFE = re.compile(r"[\s()\[\]{}<>\"'`\\]")


def require_https(value: str) -> str:
    if not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"'{value}' is not a web address starting with https://")
    unsafe = _URL_UNSAFE.search(value)
    if unsafe:
        # The address is written into a Markdown link: brackets or quotes could end it early.
        raise ValueError(
            f"the address holds '{unsafe.group(0)}', which web addresses must write in code: copy the "
            "address from the browser's address bar, which writes it as %28, %29 and so on"
        )
    return value


_MARKUP = re.compile(r"<|\{[{%#]|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
# Newlines too: a field is one line wherever it is shown, and a line break in it could start a new
# Markdown block (a code fence that swallows what follows) on the page it is placed in.
# Bidirectional and zero-width controls too: they make a title read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def plain_text(value: str) -> str:
    """Refuse markup in a field that is published as plain text.

    Titles, summaries, aliases and the like reach menus, page titles, <head>, search results
    and the feed, some through the theme's templates, which do not escape. Keeping markup out of
    them at the source makes them safe everywhere they are shown.
    """
    match = _MARKUP.search(value)
    if match:
        found = match.group(0)
        if found == "<":
            # A lone '>' cannot start markup (and separates parts of guidance_section); '<' can.
            raise ValueError(
                "'<' is not allowed here: this field is plain text, shown in titles, menus and search "
                "results, where it could start web page code. Write it in words instead (for example 'under 18' or 'less than')"
            )
        if found.startswith("{"):
            raise ValueError(
                f"'{found}' is not allowed here: links and other {{{{ … }}}} instructions belong in the text "
                "below the front matter, not in a field"
            )
        raise ValueError(f"'{found}' is web page code: write the character itself instead")
    control = _CONTROL.search(value)
    if control and control.group(0) in "\r\n\u2028\u2029":
        raise ValueError(
            "this field must be one line: it holds a line break. Write it on one line, or use '>-' to fold "
            "several lines into one"
        )
    if control:
        raise ValueError("this field holds an invisible control character (such as a tab): retype it")
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Text = Annotated[str, Field(min_length=1), AfterValidator(plain_text)]
"""A plain-text field: never markup, whatever page, menu or file it reaches."""
MarkdownText = Annotated[str, Field(min_length=1)]
"""A field written in Markdown like a body (a rule's text): checked as a body is."""
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Ref = Annotated[str, Field(pattern=REF_PATTERN)]
HttpsUrl = Annotated[str, AfterValidator(require_https)]


class FieldError(ValueError):
    """A whole-item check that fails because of one field, which the problem report names."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
