"""The launcher ui/serve.py: TCP_NODELAY reaches accepted connections; changed internals degrade with a note."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys

import pytest

from streamlit.web import bootstrap
from streamlit.web.server.starlette import starlette_server
from ui import serve

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


def test_changed_internals_start_without_the_fix_and_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert not serve.wrap_internal("streamlit.web.bootstrap", "no_such_function", serve.then_freeze, "without it")
    assert not serve.wrap_internal("streamlit.no_such_module", "_bind_socket", serve.with_nodelay, "without it")
    err = capsys.readouterr().err
    assert "streamlit.web.bootstrap.no_such_function not found" in err and "streamlit.no_such_module" in err


def test_the_heap_is_frozen_once_the_server_has_started() -> None:
    calls = []
    on_start = serve.then_freeze(lambda server: calls.append((server, gc.get_freeze_count())))
    try:
        on_start("server")
        assert calls == [("server", calls[0][1])]  # the original ran first, with its argument
        assert gc.get_freeze_count() > calls[0][1]
    finally:
        gc.unfreeze()


def test_the_launcher_runs_streamlit_run_on_the_app() -> None:
    done = subprocess.run([sys.executable, str(APP.with_name("serve.py")), "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Usage: streamlit run" in done.stdout
    assert "not found" not in done.stderr  # both hooks installed against this Streamlit
