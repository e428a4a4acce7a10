"""The parse tree Jinja makes of staff text, made without Jinja's lexer where the text is plain.

Every check of what staff text may do (templating.py, refs.py) reads this tree, and the renderers
write out exactly what it holds, so the tree is the one thing both agree on. Jinja's own parser
makes it; text with no template markup, or whose only markup is plain ``ref()`` calls, gets the same
tree built directly (tests/test_body_rendering.py compares them on thousands of random texts, line
numbers included), since Jinja's lexer walks every text token by token.
"""

from __future__ import annotations

import functools
import re

from jinja2 import Environment, nodes

from . import refs

_PARSER = Environment(keep_trailing_newline=True)
"""Only parses (Jinja's default delimiters, as mkdocs-macros uses): nothing it parses is compiled or run."""


@functools.lru_cache(maxsize=4096)
def parse(source: str) -> nodes.Template:
    """Parse without rendering; raises TemplateSyntaxError. Kept per text (the tree is only read):
    a `make serve` rebuild parses only what changed."""
    return _text_and_plain_refs(source) or _PARSER.parse(source)


_DELIMITERS = re.compile(r"\{[{%#]")


_NEWLINES = re.compile(r"\r\n|\r|\n")
"""Jinja's lexer writes every line ending as its newline_sequence, "\\n"."""


_PLAIN_REF = re.compile(
    r"""\{\{[ \t]*ref\([ \t]*(['"])([^'"\\{}\n]*)\1[ \t]*"""
    r"""(?:,[ \t]*(text[ \t]*=[ \t]*)?(['"])([^'"\\{}\n]*)\4[ \t]*)?\)[ \t]*\}\}"""
)
"""``{{ ref('id') }}``, ``{{ ref('id', 'words') }}`` or ``{{ ref('id', text='words') }}`` on one line,
quoted text without quotes, backslashes or braces in it: how nearly every call is written."""


def _text_and_plain_refs(source: str) -> nodes.Template | None:
    """The tree Jinja's parser makes of text with no template markup, or whose only markup is plain
    ref() calls (_PLAIN_REF), line numbers included, made directly; None for anything else, which
    Jinja parses.

    Bodies hold a dozen links each, and Jinja's lexer and parser take most of a millisecond over
    each one: a site of 500 items spent a fifth of a second of every build on it.
    """
    text = _NEWLINES.sub("\n", source)
    parts: list[nodes.Node] = []
    position, line = 0, 1

    def add_text(data: str) -> bool:
        nonlocal line
        # Any other markup, or a brace touching a call ("{{{", "}}}"), is left to Jinja.
        if _DELIMITERS.search(data) or data.endswith("{") or (parts and data.startswith("}")):
            return False
        if data:
            parts.append(nodes.TemplateData(data, lineno=line))
            line += data.count("\n")
        return True

    for call in _PLAIN_REF.finditer(text):
        if not add_text(text[position : call.start()]):
            return None
        args: list[nodes.Expr] = [nodes.Const(call.group(2), lineno=line)]
        kwargs: list[nodes.Keyword] = []
        if call.group(4):
            words = nodes.Const(call.group(5), lineno=line)
            if call.group(3):
                kwargs.append(nodes.Keyword("text", words, lineno=line))
            else:
                args.append(words)
        parts.append(nodes.Call(nodes.Name(refs.NAME, "load", lineno=line), args, kwargs, None, None, lineno=line))
        position = call.end()
    if not add_text(text[position:]):
        return None
    template = nodes.Template([nodes.Output(parts, lineno=parts[0].lineno)] if parts else [], lineno=1)
    template.set_environment(_PARSER)
    return template
