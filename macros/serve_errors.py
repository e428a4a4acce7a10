"""Show a content error in the browser during `make serve`, instead of a page that never loads.

MkDocs' development server (1.6) keeps the last good pages and leaves the browser waiting when a
rebuild fails; the reason appears only in the terminal, which partnership staff may not be
watching. Under `make serve` (and nowhere else) a content error is turned into a site whose every
page is the plain message, so the browser reloads to show it, and reloads again to the real page
once the file is fixed. `make build`, `make check` and CI still stop on the error: this mode needs
both the variable `make serve` sets and MkDocs' own serve command.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import escape

from .problems import ContentError

SERVE_VARIABLE = "GUIDANCE_SERVE"
"""Set to 1 by `make serve`."""


def serving(environ: Mapping[str, str], argv: Sequence[str]) -> bool:
    """True only for `mkdocs serve` started by `make serve`."""
    return environ.get(SERVE_VARIABLE) == "1" and "serve" in argv[1:]


def _text(value: str) -> str:
    # Escaped for HTML, and with no '{' or '}' left, so nothing in a message (which quotes what the
    # author wrote) can be read as a template instruction when the page is rendered.
    return str(escape(value)).replace("{", "&#123;").replace("}", "&#125;")


def error_page(error: ContentError) -> str:
    """The Markdown of every page while the content has a problem."""
    count = len(error.problems)
    heading = "The content has 1 problem:" if count == 1 else f"The content has {count} problems:"
    items = "\n".join(f"<li>{_text(str(problem))}</li>" for problem in error.problems)
    return (
        "# The site could not be built\n\n"
        '<div class="admonition failure" role="alert">\n'
        f'<p class="admonition-title">{heading}</p>\n'
        f"<ul>\n{items}\n</ul>\n"
        "<p>Fix the file named above and save it: this page updates by itself. "
        "Nothing has been published.</p>\n"
        "</div>\n"
    )
