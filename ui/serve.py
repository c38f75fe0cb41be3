"""Launch the explorer: `streamlit run ui/app.py`, tuned for rerun latency.

Usage (from the repository root; `./dev app` runs this)::

    .venv/bin/python ui/serve.py [streamlit run options, e.g. --server.port 8502]

Two changes to how Streamlit serves the app, nothing else (`streamlit run ui/app.py` still works, without them):

1. TCP_NODELAY on every browser connection. Streamlit binds its listening socket itself with protocol 0, so
   asyncio never sets TCP_NODELAY on the connections it accepts, and a rerun's reply often waits for the
   browser's delayed ACK (Nagle's algorithm): about 40 ms per rerun on Linux. The launcher sets the option on
   the listening socket; Linux (and the BSDs) copy it to every accepted connection.
2. A frozen heap. The server, the libraries and the rule pack are loaded before the server starts; once it is
   up, gc.freeze() moves all of it (over 90% of the heap, all long-lived) out of the garbage collector's sight,
   so a full collection (automatic, or runner.postScriptGC after every rerun) scans only what sessions create.

Seven more hooks (they matter most behind `./dev serve`, where a class shares a few processes):

3. Resumed sessions. A browser whose process died reconnects to another one, naming its old session; the new
   session is recorded (ui/reconnect.py) so that it skips the first-visit gate the tab already passed, and the
   URL restores its scenario.
4. One event-loop wake-up per batch of elements rather than per element (ui/event_batching.py): the script
   thread and the event loop no longer trade the GIL about 70 times per rerun; and one flush wake-up per batch of
   messages rather than one per message. A run that a widget callback stops before it draws is not announced.
5. One event-loop turn and one socket write per flush of a session's messages rather than one per message
   (ui/write_coalescing.py): the 45 frames of an Explore rerun leave in a few writes.
6. Each fragment run copies the containers it sits in once each (ui/fragment_copies.py), not once per container
   below them: Streamlit's copy drops the memo (a fifth of the profiled script time of an Explore rerun). Their
   cursors are copied field by field, not by Python's generic deep copy.
7. The theme part of the session message Streamlit sends at every run is read from the config once
   (ui/theme_cache.py), not six config scans per run; and the whole message is a copy of the session's last one
   while its page, pages and config are the same (ui/session_message.py).
8. One script run at a time, first come first served (ui/run_queue.py): when a class changes a widget together,
   the reruns finish one after another instead of all together at the end of the burst (the median about halves).
   The turn passes on through the event loop, so that each run's messages are sent before the next run starts.
9. Figures on demand. With EXPLORER_STATS_DIR set, `kill -USR1 <pid>` writes stats-<pid>.json there: the
   shared caches' hits and misses (explorer.cache), active sessions and resident memory (benchmarks).

All hook Streamlit (or uvicorn) internals. If those change, the app still starts, without the hook, and says so
on stderr.
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any, Callable

APP = Path(__file__).resolve().with_name("app.py")
ROOT = APP.parents[1]
if str(ROOT) not in sys.path:  # `ui.reconnect` must be the module the app imports, not a second copy
    sys.path.insert(0, str(ROOT))
# Modules every session ends up using (server, library, page dependencies): loaded before the freeze.
PRELOAD = ("streamlit.web.bootstrap", "uvicorn", "websockets", "yaml", "pandas", "explorer.formats",
           "explorer.graph", "explorer.share", "explorer.whatif", "explorer.quiz", "explorer.cases")

BindSocket = Callable[[str, int, int], socket.socket]


def with_nodelay(bind: BindSocket) -> BindSocket:
    """`bind`, plus TCP_NODELAY on the listening socket it returns (inherited by accepted sockets)."""

    @functools.wraps(bind)
    def bind_with_nodelay(*args: Any, **kwargs: Any) -> socket.socket:  # whatever signature Streamlit uses
        sock = bind(*args, **kwargs)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except (OSError, AttributeError, TypeError) as exc:  # not a TCP socket after all: serve without the fix
            print(f"serve: could not set TCP_NODELAY ({exc}); replies may be delayed", file=sys.stderr)
        return sock

    return bind_with_nodelay


def freeze_heap() -> None:
    """Collect once, then keep every object alive now out of all later collections."""
    gc.collect()
    gc.freeze()


def then_freeze(on_server_start: Callable[..., None]) -> Callable[..., None]:
    """`on_server_start`, then freeze_heap(): the server is up and no session exists yet."""

    @functools.wraps(on_server_start)
    def on_server_start_then_freeze(*args: object, **kwargs: object) -> None:
        on_server_start(*args, **kwargs)
        freeze_heap()

    return on_server_start_then_freeze


def wrap_internal(module_name: str, name: str, wrapper: Callable, without: str) -> bool:
    """Replace module_name.name (a function, or `Class.method`) with wrapper(it); False, with a note on stderr, if
    it no longer exists."""
    *owner_path, attribute = name.split(".")
    try:
        owner = importlib.import_module(module_name)
        for part in owner_path:
            owner = getattr(owner, part)
        original = getattr(owner, attribute)
    except Exception as exc:  # missing, renamed, or failing on import: start without this hook
        if isinstance(exc, KeyboardInterrupt):
            raise
        print(f"serve: {module_name}.{name} not found ({exc}); starting {without}", file=sys.stderr)
        return False
    if not hasattr(original, "__wrapped__"):  # not wrapped yet
        setattr(owner, attribute, wrapper(original))
    return True


def install_nodelay() -> bool:
    return wrap_internal("streamlit.web.server.starlette.starlette_server", "_bind_socket", with_nodelay,
                         "without TCP_NODELAY, so replies may wait ~40 ms for delayed ACKs")


def install_freeze() -> bool:
    return wrap_internal("streamlit.web.bootstrap", "_on_server_start", then_freeze,
                         "with the heap frozen before the server starts")


def record_resumed(connect_session: Callable[..., str]) -> Callable[..., str]:
    """`Runtime.connect_session`, recording a new session started for a browser whose old session is not here."""
    from ui.reconnect import remember_resumed

    @functools.wraps(connect_session)
    def connect_and_record(self: Any, *args: Any, existing_session_id: str | None = None, **kwargs: Any) -> str:
        session_id = connect_session(self, *args, existing_session_id=existing_session_id, **kwargs)
        if existing_session_id and session_id != existing_session_id:
            remember_resumed(session_id)
        return session_id

    return connect_and_record


def install_resume_hook() -> bool:
    return wrap_internal("streamlit.runtime.runtime", "Runtime.connect_session", record_resumed,
                         "without it, so a resumed session shows the gate again")


def install_event_batching() -> bool:
    needed = ("_on_scriptrunner_event", "_handle_scriptrunner_event_on_event_loop", "_call_soon_on_event_loop")
    try:
        from streamlit.runtime.app_session import AppSession

        from ui.event_batching import batched, one_wakeup  # it imports Streamlit's ScriptRunnerEvent

        fits = all(hasattr(AppSession, name) for name in needed)
    except ImportError:
        fits = False
    if not fits:
        print("serve: Streamlit's AppSession has changed; starting without event batching", file=sys.stderr)
        return False
    wrap_internal("streamlit.runtime.runtime", "Runtime._enqueued_some_message", one_wakeup,
                  "waking the event loop once per message")
    return wrap_internal("streamlit.runtime.app_session", "AppSession._on_scriptrunner_event", batched,
                         "without event batching")


def install_write_coalescing() -> bool:
    """A flush's messages in one loop turn (both hooks or neither), and one socket write per loop turn."""
    from ui.write_coalescing import coalesced, each_message, one_item

    try:
        from streamlit.runtime.app_session import AppSession
        from streamlit.runtime.runtime import Runtime

        hooks_fit = callable(AppSession.flush_browser_queue) and callable(Runtime._send_message)
    except (ImportError, AttributeError):
        hooks_fit = False
    if hooks_fit:  # the runtime loop's send goes first: it passes plain messages through unchanged
        without = "with one loop turn per message"
        wrap_internal("streamlit.runtime.runtime", "Runtime._send_message", each_message, without)
        wrap_internal("streamlit.runtime.app_session", "AppSession.flush_browser_queue", one_item, without)
    else:
        print("serve: Streamlit's runtime loop has changed; its messages go out one loop turn each", file=sys.stderr)
    return wrap_internal("uvicorn.protocols.websockets.websockets_sansio_impl",
                         "WebSocketsSansIOProtocol.connection_made", coalesced,
                         "with one socket write per websocket frame") and hooks_fit


def install_fragment_copies() -> bool:
    from ui.fragment_copies import copy_cursor, sharing_parents

    try:
        from streamlit.cursor import Cursor
    except ImportError as exc:
        print(f"serve: streamlit.cursor.Cursor not found ({exc}); starting with cursors copied generically",
              file=sys.stderr)
    else:
        if "__deepcopy__" not in vars(Cursor):  # Streamlit's own, if it ever has one, stays
            Cursor.__deepcopy__ = copy_cursor
    return wrap_internal("streamlit.delta_generator", "DeltaGenerator.__deepcopy__", sharing_parents,
                         "with each fragment's parents copied once per container below them")


def install_theme_cache() -> bool:
    from ui.theme_cache import cached_theme

    return wrap_internal("streamlit.runtime.app_session", "_populate_theme_msg", cached_theme,
                         "reading the theme from the config at every run")


def install_session_message() -> bool:
    from ui.session_message import memoised

    try:
        from streamlit.runtime.app_session import _set_run_identity
    except ImportError as exc:
        print(f"serve: streamlit.runtime.app_session._set_run_identity not found ({exc}); starting with the "
              "session message built at every run", file=sys.stderr)
        return False
    return wrap_internal("streamlit.runtime.app_session", "AppSession._create_new_session_message",
                         lambda create: memoised(create, _set_run_identity),
                         "with the session message built at every run")


def server_event_loop() -> Any:
    """Streamlit's event loop, or None before the server has started."""
    from streamlit.runtime import Runtime

    try:
        return Runtime.instance()._get_async_objs().eventloop
    except RuntimeError:  # no runtime yet, or not started
        return None


def install_run_queue() -> bool:
    from ui.run_queue import in_turn, via_loop

    hand_over = via_loop(server_event_loop)
    return wrap_internal("streamlit.runtime.scriptrunner.script_runner", "ScriptRunner._run_script",
                         lambda run_script: in_turn(run_script, hand_over=hand_over),
                         "with every session's script run sharing the interpreter at once")


def process_figures() -> dict[str, Any]:
    """The shared caches' figures, active sessions, resident memory and CPU time used by this process."""
    from explorer import default_explorer

    caches = {name: vars(stats) for name, stats in default_explorer().caches.stats().items()}
    sessions = None
    try:
        from streamlit.runtime.runtime import Runtime

        sessions = Runtime.instance()._session_mgr.num_active_sessions()
    except (ImportError, RuntimeError, AttributeError):
        pass
    rss_kb = None
    try:
        status = Path("/proc/self/status").read_text()
        rss_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    except (OSError, StopIteration, ValueError):
        pass
    return {"pid": os.getpid(), "caches": caches, "active_sessions": sessions, "rss_kb": rss_kb,
            "cpu_s": time.process_time()}


def install_stats_signal() -> bool:
    """On SIGUSR1, write process_figures() to $EXPLORER_STATS_DIR/stats-<pid>.json (only if that is set)."""
    folder = os.environ.get("EXPLORER_STATS_DIR")
    if not folder:
        return False

    def write_figures(signum: int, frame: object) -> None:
        target = Path(folder) / f"stats-{os.getpid()}.json"
        partial = target.with_suffix(".tmp")
        partial.write_text(json.dumps(process_figures()))
        partial.replace(target)

    signal.signal(signal.SIGUSR1, write_figures)
    return True


def preload() -> None:
    """Import the modules sessions use and build the rule pack, so that they are part of the frozen heap."""
    from explorer import default_explorer

    for name in PRELOAD:  # an optimisation only: a module that is missing or renamed is skipped, with a note
        try:
            importlib.import_module(name)
        except Exception as exc:
            print(f"serve: could not preload {name} ({type(exc).__name__}: {exc}); it loads on first use", file=sys.stderr)
    default_explorer()


def main(argv: list[str]) -> None:
    """Run the app with Streamlit's own command line (options as for `streamlit run`)."""
    install_nodelay()
    install_resume_hook()
    install_event_batching()
    install_write_coalescing()
    install_fragment_copies()
    install_theme_cache()
    install_session_message()
    install_run_queue()
    install_stats_signal()
    from ui import link_guard, profiling

    profiling.install()  # only with EXPLORER_PROFILE_DIR (benchmarks/rerun_cost.py)

    link_guard.install()
    preload()
    if not install_freeze():
        freeze_heap()
    from streamlit.web import cli

    cli.main(["run", str(APP), *argv], prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
