"""User text in outputs is inert: the Markdown handout escapes HTML and Markdown, the text format strips
terminal control characters."""

from __future__ import annotations

import re

import pytest

from explorer import evaluate
from explorer.formats import render_markdown, render_text
from explorer.formats.safe_text import escape_markdown

HOSTILE_TITLE = "<script>alert(1)</script> [click](javascript:alert(2)) **bold**"
HOSTILE_NOTES = "\n".join([
    "# Fake heading",
    '<img src=x onerror="alert(3)">',
    "[a link](javascript:alert(4))",
    "<javascript:alert(5)>",
    "    indented code",
    "| a | table |",
    "Setext heading",
    "===",
    "1. a list",
])


@pytest.fixture(scope="module")
def handout() -> str:
    return render_markdown(evaluate({"title": HOSTILE_TITLE, "notes": HOSTILE_NOTES}))


def test_no_raw_html_survives(handout):
    assert "<script" not in handout and "<img" not in handout and "<javascript" not in handout
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in handout
    assert "&lt;img src\\=x onerror\\=\"alert\\(3\\)\"&gt;" in handout


def test_no_link_or_emphasis_survives(handout):
    assert "](javascript" not in handout and "**bold**" not in handout
    assert "\\[click\\]\\(javascript\\:alert\\(2\\)\\)" in handout and "\\*\\*bold\\*\\*" in handout


def test_the_title_is_one_heading_and_notes_start_no_block(handout):
    lines = handout.splitlines()
    assert lines[0].startswith("# &lt;script&gt;") and "\n" not in lines[0]
    headings = [line for line in lines if line.startswith("#")]
    # only the handout's own headings: the title, its sections and its option headings (## / ###)
    assert all(re.match(r"#{1,3} [^#]", h) for h in headings) and "\n# Fake heading" not in handout
    assert "\\# Fake heading" in handout
    notes = lines[lines.index(next(line for line in lines if line.startswith("**Teaching notes.**"))):]
    assert all(not line.startswith(("    ", "|", "===", "1. ")) for line in notes[:len(HOSTILE_NOTES.splitlines())])
    assert "\\=\\=\\=" in handout and "1\\. a list" in handout and "\\| a \\| table \\|" in handout


def test_plain_titles_read_as_before():
    assert escape_markdown("Advanced metastatic disease in poor health", one_line=True) == \
        "Advanced metastatic disease in poor health"
    assert escape_markdown("Line one\n\nline two") == "Line one  \n  \nline two"


def test_text_output_strips_terminal_control_characters():
    title = "Case \x1b[2J\x1b]0;pwned\x07 one\rX\x9b1m"
    out = render_text(evaluate({"title": title, "notes": "a\x1b[31mred\x08"}))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "Case [2J]0;pwned one" in out and "a[31mred" in out
