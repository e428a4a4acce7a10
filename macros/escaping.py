"""Plain text made safe to place in Markdown: the ``md_escape`` filter of the site's templates."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# Characters that would start emphasis, code, links or attribute lists if a
# title or summary happened to contain them.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")


def md_escape(value: Any) -> Markup:
    """Escape plain text for Markdown and HTML at once: the text is shown as written, never rendered.

    Quotes stay as they are: in Markdown text they are harmless, and as entities they would
    reach page titles and menus as a literal "&#39;".
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Markdown has no escape for '~', and '~~~' at the start of a line opens a code block that would
    # swallow what follows: written as a character reference it is only ever a tilde.
    return Markup(text.replace("~", "&#126;"))
