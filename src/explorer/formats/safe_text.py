"""User text (a scenario's title and notes) made inert for each output format."""

from __future__ import annotations

import html
import re

# C0 and C1 control characters except tab and newline: ESC starts terminal escape sequences, BEL rings, CR rewrites.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every character CommonMark (and GitHub's extensions) could read as syntax: emphasis, links, headings, lists,
# tables, code, setext underlines, autolinks' colon, maths.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~=:$])")


def strip_controls(text: str) -> str:
    """`text` without terminal control characters (tab and newline kept)."""
    return _CONTROLS.sub("", text)


def escape_markdown(text: str, *, one_line: bool = False) -> str:
    """`text` as literal Markdown: HTML as entities, syntax characters backslash-escaped, no indented code blocks.

    With one_line, whitespace (newlines included) is folded so that the text cannot start a new block."""
    text = strip_controls(text)
    lines = [" ".join(text.split())] if one_line else [line.strip() for line in text.splitlines()]
    return "  \n".join(_MARKDOWN.sub(r"\\\1", html.escape(line, quote=False)) for line in lines)
