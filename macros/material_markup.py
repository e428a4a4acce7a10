"""Material's markup where it breaks the HTML standard, corrected in every page MkDocs writes.

Loaded by MkDocs as a hook file (``hooks:`` in mkdocs.yml), not by the generator.

Material puts ``autocomplete="off"`` on the two checkboxes that open the menu drawer and the search
(in its base.html, outside any block that overrides/ could replace). The standard allows
``autocomplete`` only on inputs that take text, dates, numbers and the like, so the W3C checker
(tests/test_html_valid.py) finds two errors on every page. Only Firefox reads it on a checkbox:
without it, a page Firefox reloads on Back (rather than keeping it in its page cache) may show the
menu or the empty search as the reader left them open, as its page cache would anyway.
"""

from __future__ import annotations

import re
from typing import Any

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


def valid_checkboxes(html: str) -> str:
    """The page with ``autocomplete`` taken off its checkboxes, and nothing else changed."""
    return _CHECKBOX.sub(lambda tag: _AUTOCOMPLETE.sub("", tag.group(0)), html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return valid_checkboxes(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Pages drawn from a template alone: 404.html."""
    return valid_checkboxes(output_content) if template_name.endswith(".html") else output_content
