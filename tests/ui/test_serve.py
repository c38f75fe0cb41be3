"""The launcher ui/serve.py: TCP_NODELAY reaches accepted connections; changed internals degrade with a note."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys

import pytest

from streamlit.web import bootstrap
from ui import serve

# The hook's target is a Streamlit internal: if a Streamlit upgrade removes it, these tests skip (and say why);
# the launcher itself then starts without the hook (test_changed_internals_start_without_the_fix_and_say_so).
starlette_server = pytest.importorskip(
    "streamlit.web.server.starlette.starlette_server",
    reason="this Streamlit has no starlette_server module: the TCP_NODELAY hook has nothing to wrap")

from .conftest import APP


@pytest.fixture(autouse=True)
def _restore_streamlit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a test wraps in Streamlit is put back afterwards."""
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    monkeypatch.setattr(bootstrap, "_on_server_start", bootstrap._on_server_start)


def accepted_nodelay(bind) -> int:
    """TCP_NODELAY on a connection accepted by a listening socket from `bind`."""
    with bind("127.0.0.1", 0, 8) as listener:
        listener.setblocking(True)
        with socket.create_connection(listener.getsockname(), timeout=5):
            accepted, _ = listener.accept()
            with accepted:
                return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_accepted_connections_get_tcp_nodelay() -> None:
    original = starlette_server._bind_socket
    assert accepted_nodelay(original) == 0, "Streamlit now sets TCP_NODELAY itself: the launcher's hook can go"
    assert serve.install_nodelay()
    assert starlette_server._bind_socket is not original
    assert accepted_nodelay(starlette_server._bind_socket) == 1


def test_installing_twice_wraps_once() -> None:
    assert serve.install_nodelay() and serve.install_freeze()
    wrapped = (starlette_server._bind_socket, bootstrap._on_server_start)
    assert serve.install_nodelay() and serve.install_freeze()
    assert (starlette_server._bind_socket, bootstrap._on_server_start) == wrapped


def test_changed_internals_start_without_the_fix_and_say_so(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    before = vars(bootstrap).copy()
    assert not serve.wrap_internal("streamlit.web.bootstrap", "no_such_function", serve.then_freeze, "without it")
    assert not serve.wrap_internal("streamlit.no_such_module", "_bind_socket", serve.with_nodelay, "without it")
    assert vars(bootstrap) == before  # nothing was replaced or added
    err = capsys.readouterr().err
    assert "streamlit.web.bootstrap.no_such_function not found" in err and "streamlit.no_such_module" in err

    def broken_import(name: str):  # a module that fails while importing, not only a missing one
        raise RuntimeError("incompatible build")

    monkeypatch.setattr(serve.importlib, "import_module", broken_import)
    assert not serve.wrap_internal("streamlit.web.bootstrap", "_on_server_start", serve.then_freeze, "without it")
    assert "incompatible build" in capsys.readouterr().err


def test_the_nodelay_wrapper_passes_any_arguments_through() -> None:
    seen = []

    def bind(*args, **kwargs) -> socket.socket:
        seen.append((args, kwargs))
        return socket.create_server(("127.0.0.1", 0))

    with serve.with_nodelay(bind)("127.0.0.1", port=0, backlog=8, reuse_port=False) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    assert seen == [(("127.0.0.1",), {"port": 0, "backlog": 8, "reuse_port": False})]


def test_a_missing_preload_module_is_skipped_with_a_note(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(serve, "PRELOAD", ("explorer.no_such_module", "yaml"))
    serve.preload()
    assert "could not preload explorer.no_such_module" in capsys.readouterr().err


def test_the_heap_is_frozen_once_the_server_has_started() -> None:
    calls = []
    on_start = serve.then_freeze(lambda server, **kw: calls.append((server, kw, gc.get_freeze_count())))
    gc.unfreeze()
    try:
        on_start("server", flag=True)
        assert calls == [("server", {"flag": True}, 0)]  # the original ran first (nothing frozen yet), with its arguments
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_launcher_runs_streamlit_run_on_the_app() -> None:
    done = subprocess.run([sys.executable, str(APP.with_name("serve.py")), "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Usage: streamlit run" in done.stdout
    assert "not found" not in done.stderr  # both hooks installed against this Streamlit


def test_main_installs_the_hooks_then_runs_streamlit_on_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.runtime import app_session
    from streamlit.web import cli

    from streamlit.delta_generator import DeltaGenerator
    from streamlit.runtime.runtime import Runtime
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol as Protocol

    monkeypatch.setattr(app_session, "sanitize_query_string", app_session.sanitize_query_string)
    for owner, name in ((app_session.AppSession, "flush_browser_queue"), (Runtime, "_send_message"),
                        (Protocol, "connection_made"), (DeltaGenerator, "__deepcopy__"),
                        (app_session, "_populate_theme_msg"), (ScriptRunner, "_run_script")):
        monkeypatch.setattr(owner, name, getattr(owner, name))  # restored after the test
    runs = []
    monkeypatch.setattr(cli, "main", lambda args, prog_name: runs.append((args, prog_name)))
    try:
        serve.main(["--server.port", "8599"])
    finally:
        gc.unfreeze()
    assert runs == [(["run", str(APP), "--server.port", "8599"], "streamlit")]
    for hooked in (starlette_server._bind_socket, bootstrap._on_server_start, app_session.sanitize_query_string,
                   app_session.AppSession.flush_browser_queue, Runtime._send_message, Protocol.connection_made,
                   DeltaGenerator.__deepcopy__, app_session._populate_theme_msg, ScriptRunner._run_script):
        assert hasattr(hooked, "__wrapped__"), hooked



def test_a_method_is_wrapped_on_its_class_once(monkeypatch):
    import types

    class Runtime:
        def connect_session(self) -> str:
            return "session"

    module = types.ModuleType("fake_streamlit_internal")
    module.Runtime = Runtime  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    calls = []

    def counting(original):
        def wrapped(self):
            calls.append(1)
            return original(self)
        wrapped.__wrapped__ = original  # type: ignore[attr-defined]
        return wrapped

    for _ in range(2):
        assert serve.wrap_internal(module.__name__, "Runtime.connect_session", counting, "without it")
    assert Runtime().connect_session() == "session" and calls == [1]  # wrapped once, not twice
    assert not serve.wrap_internal(module.__name__, "Runtime.no_such_method", counting, "without it")
