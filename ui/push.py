"""Server-side push for class sessions: rerun the pages that follow a session when its version moves.

Streamlit reruns a page only when its browser asks, so without this every student page would poll on a fragment
timer: about 4 ms of server CPU per student per second (benchmarks/class_session.py), most of a core for a lecture
hall. Instead one watcher thread per process reads the version of each followed session every PUSH_INTERVAL_S
and, when it moved, asks Streamlit to rerun the browser sessions that showed the older version. That is the
mechanism Streamlit's own "run on save" uses: AppSession.request_rerun with the session's saved client state
(query string and page; widget values stay in session state), called on Streamlit's event loop.

This reaches into Streamlit internals. Where they are missing (another Streamlit version, AppTest), `available()`
is False and the page polls instead.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

PUSH_INTERVAL_S = 0.25
_LOG = logging.getLogger(__name__)
_lock = threading.Lock()
_followers: dict[str, dict[str, tuple[int, str]]] = {}  # code -> {browser session: (version shown, fragment id)}
_watcher: threading.Thread | None = None


def _runtime():  # noqa: ANN202 - Streamlit's Runtime, or None outside a server
    try:
        from streamlit import runtime

        return runtime.get_instance() if runtime.exists() else None
    except Exception:  # noqa: BLE001 - any import or API change means: no push
        return None


def _app_session(session_id: str):  # noqa: ANN202
    rt = _runtime()
    manager = getattr(rt, "_session_mgr", None)
    info = manager.get_active_session_info(session_id) if manager is not None else None
    return info.session if info is not None else None


def _fragment_id(ctx) -> str:  # noqa: ANN001
    """The fragment now running, or "" (a full run); Streamlit 1.67 keeps it in ThreadState, older in the ctx."""
    found = getattr(ctx, "current_fragment_id", None)
    if found is None:
        try:
            from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

            found = ThreadState.get().fragment_id
        except Exception:  # noqa: BLE001 - unknown layout: rerun the whole page instead
            found = None
    return found or ""


def available() -> bool:
    """True inside a running Streamlit server whose session objects offer what the push needs."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return False
    session = _app_session(ctx.session_id)
    return all(hasattr(session, name)
               for name in ("request_rerun", "has_fragment", "_client_state", "_call_soon_on_event_loop"))


def follow(code: str, version: int, read_version: Callable[[str], int | None]) -> None:
    """Rerun this browser session as soon as session `code` has a version other than `version`: only the calling
    fragment when called inside one (cheaper), else the whole page."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return
    with _lock:
        _followers.setdefault(code, {})[ctx.session_id] = (version, _fragment_id(ctx))
        _start(read_version)


def _start(read_version: Callable[[str], int | None]) -> None:
    global _watcher
    if _watcher is None or not _watcher.is_alive():
        _watcher = threading.Thread(target=_watch, args=(read_version,), name="class-session-push", daemon=True)
        _watcher.start()


def _rerun(session_id: str, fragment_id: str) -> None:
    session = _app_session(session_id)
    if session is None:
        return

    def request() -> None:
        state = ClientState()
        state.CopyFrom(session._client_state)
        if fragment_id and session.has_fragment(fragment_id):
            state.fragment_id = fragment_id
        session.request_rerun(state)

    session._call_soon_on_event_loop(request)


def _watch(read_version: Callable[[str], int | None]) -> None:
    while True:
        time.sleep(PUSH_INTERVAL_S)
        with _lock:
            followed = {code: dict(pages) for code, pages in _followers.items()}
        for code, pages in followed.items():
            try:
                current = read_version(code)
            except Exception as exc:  # noqa: BLE001 - a store outage must not end the watcher
                _LOG.debug("class-session push: cannot read %s: %s", code, exc)
                continue
            stale = [(sid, fragment) for sid, (seen, fragment) in pages.items() if seen != current]
            with _lock:  # a rerun page follows again with what it then shows
                for sid, _ in stale:
                    _followers.get(code, {}).pop(sid, None)
                if not _followers.get(code):
                    _followers.pop(code, None)
            for sid, fragment in stale:
                try:
                    _rerun(sid, fragment)
                except Exception as exc:  # noqa: BLE001
                    _LOG.debug("class-session push: cannot rerun %s: %s", sid, exc)
