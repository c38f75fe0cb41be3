"""Renderings of a Result for people: plain text, a Markdown handout, a printable HTML handout (one walk in
`walk.py`, one emitter per format)."""

from .html import render_html
from .markdown import render_markdown
from .text import render_text

__all__ = ["render_html", "render_markdown", "render_text"]
