"""The theme part of Streamlit's session message, read from the config once rather than at every run (installed
by ui/serve.py).

Streamlit sends a new_session message at the start of every script run, fragment runs included: two per builder
change (a widget's callback run, then the fragments it names: ui/components/rerun_scope.py). Building it reads the
six theme sections of the config, and each read scans all of the config's ~370 options: about 1 ms of the event
loop per message. Here each section's part of the message is built once per parsed config and copied in.

Streamlit parses the config again only when its file changes (a new dict of options: then the theme is read
again). A theme option changed at run time with `st.set_option` would not be seen; the app never does that.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

Populate = Callable[..., None]


def cached_theme(populate: Populate) -> Populate:
    """`app_session._populate_theme_msg(msg, section)`, filling `msg` from a copy built once per parsed config."""
    built: dict[str, tuple[object, Any]] = {}  # section -> (the config's options dict, the filled message)

    @functools.wraps(populate)
    def populate_from_cache(msg: Any, section: str = "theme") -> None:
        from streamlit import config

        options = config.get_config_options()
        entry = built.get(section)
        if entry is None or entry[0] is not options:
            template = type(msg)()
            populate(template, section)
            entry = built[section] = (options, template if template.ListFields() else None)
        if entry[1] is not None:  # as the original: a section with nothing set leaves the message untouched
            msg.MergeFrom(entry[1])

    return populate_from_cache
