"""Safe text for st.markdown: user and source text must never be read as Markdown, HTML or LaTeX."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def md(text: object) -> str:
    """Escape every character Streamlit's Markdown would interpret."""
    return _SPECIAL.sub(r"\\\1", str(text))
