"""The session message Streamlit sends at every script run, built once per session and page and then copied
(installed by ui/serve.py).

Every run, fragment runs included, starts with a new_session message: two per builder change (the widget's
callback run, then the fragments it names). Building one reads the config, the pages, the installation ids and
the skills-nudge state: about 190 µs of the event loop each time, for a message that only differs from the last
one in its run's identity. Here a session keeps the last message it built with what it was built from (page,
pages, run-on-save, session state, the parsed config); when those are the same, the message is a copy of it with
the new run's identity.

Not seen in a copy: a change of anything else the message reads while a session lives, i.e. the installation ids
and environment (fixed per process) and the skills nudge, which Streamlit offers only to a local browser on
loopback with an AI agent present (never for a served class: the message keeps the value of its session's first run).
"""

from __future__ import annotations

import functools
from typing import Any, Callable

MEMO = "_explorer_session_message"
Create = Callable[..., Any]


def page_key(pages: dict[str, Any]) -> tuple:
    """What the message's page list is made of (app_session._populate_app_pages)."""
    return tuple((page_hash, info.get("page_name"), info.get("icon")) for page_hash, info in pages.items())


def memoised(create: Create, set_run_identity: Callable[[Any, Any], None]) -> Create:
    """`AppSession._create_new_session_message`, copying the session's previous message when nothing it was built
    from has changed. `set_run_identity` is app_session._set_run_identity (it adds the run's id and fragments)."""

    @functools.wraps(create)
    def create_or_copy(self: Any, page_script_hash: str, run_descriptor: Any, pages: Any = None) -> Any:
        from streamlit import config

        key = (page_script_hash, page_key(pages or self._pages_manager.get_pages()), self._run_on_save, self._state)
        options = config.get_config_options()
        memo = self.__dict__.get(MEMO)
        if memo is not None and memo[0] == key and memo[1] is options:
            msg = type(memo[2])()
            msg.CopyFrom(memo[2])
            set_run_identity(msg, run_descriptor)
            return msg
        msg = create(self, page_script_hash, run_descriptor, pages)
        template = type(msg)()
        template.CopyFrom(msg)
        template.metadata.ClearField("run")  # the only part that belongs to this run
        self.__dict__[MEMO] = (key, options, template)
        return msg

    return create_or_copy
