"""Links Streamlit would drop silently are reported instead.

Streamlit ignores a whole query string with more than 1,000 parameters (or over 512 Ki characters) and only logs a
warning, so a student opening such a link would see the default scenario with no word of why. `install()` wraps
Streamlit's `sanitize_query_string` so that a dropped link becomes the single parameter DROPPED_LINK=<count>,
which ui.state reports on the page. It hooks a Streamlit internal: if that is gone, the app runs without it (the
library's own limit, explorer.share.MAX_PARAMS, still reports long links that reach it) and says so on stderr.
"""

from __future__ import annotations

import functools
import importlib
import sys
from typing import Callable

from explorer.share import MAX_PARAMS, too_many_parameters

DROPPED_LINK = "link_dropped"
_MODULES = ("streamlit.runtime.app_session", "streamlit.runtime.state.query_params")
_NAME = "sanitize_query_string"


def report_dropped(sanitize: Callable[[str], str]) -> Callable[[str], str]:
    """`sanitize`, except that a query it empties becomes `DROPPED_LINK=<number of parameters>`."""

    @functools.wraps(sanitize)
    def sanitize_and_report(query_string: str) -> str:
        kept = sanitize(query_string)
        if query_string and not kept:
            return f"{DROPPED_LINK}={query_string.count('&') + 1}"
        return kept

    return sanitize_and_report


def dropped_link_message(count: str) -> str:
    n = int(count) if count.isascii() and count.isdigit() and len(count) < 10 else MAX_PARAMS + 1
    return too_many_parameters(max(n, MAX_PARAMS + 1)).replace("parameters;", "parameters (or is too long);", 1)


def install() -> bool:
    """Wrap Streamlit's query-string sanitizer once, where the server and where st.query_params call it; False,
    with a note on stderr, if it no longer exists."""
    installed = True
    for module_name in _MODULES:
        try:
            module = importlib.import_module(module_name)
            original = getattr(module, _NAME)
        except Exception as exc:  # missing, renamed, or failing on import
            print(f"link_guard: {module_name}.{_NAME} not found ({exc}); overlong links are dropped silently",
                  file=sys.stderr)
            installed = False
            continue
        if not hasattr(original, "__wrapped__"):
            setattr(module, _NAME, report_dropped(original))
    return installed
