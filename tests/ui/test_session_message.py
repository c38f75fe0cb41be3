"""ui/session_message.py: a run's session message is the one Streamlit builds, copied while nothing it reads changed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit import config
from streamlit.runtime import app_session
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner_utils.run_descriptor import RunDescriptor

from ui.session_message import memoised

PAGES = {"h-explore": {"page_name": "explore", "icon": ":material/tune:"},
         "h-quiz": {"page_name": "quiz", "icon": ":material/quiz:"}}


class StubSession(AppSession):
    def __del__(self) -> None:  # nothing to shut down: never started
        pass


def stub_session(session_id: str = "s-1") -> AppSession:
    """An AppSession with only what _create_new_session_message reads (its real method builds the message)."""
    session = object.__new__(StubSession)
    session.__dict__.update(
        id=session_id, _run_on_save=False, _state=AppSessionState.APP_IS_RUNNING,
        _script_data=SimpleNamespace(name="app", main_script_path="/srv/app.py", is_hello=False),
        _pages_manager=SimpleNamespace(main_script_path="/srv/app.py", main_script_hash="h-main",
                                       get_pages=lambda: PAGES))
    return session


@pytest.fixture
def built() -> list[str]:
    return []


@pytest.fixture
def hooked(built: list[str]):  # noqa: ANN201
    original = AppSession._create_new_session_message

    def counting(self, page_script_hash, run_descriptor, pages=None):  # noqa: ANN001, ANN202
        built.append(page_script_hash)
        return original(self, page_script_hash, run_descriptor, pages)

    return memoised(counting, app_session._set_run_identity)


def expected(session: AppSession, page: str, run: RunDescriptor):  # noqa: ANN201
    return AppSession._create_new_session_message(session, page, run)


def test_a_later_run_gets_the_message_streamlit_builds_with_its_own_run_identity(hooked, built) -> None:  # noqa: ANN001
    session = stub_session()
    first, second = RunDescriptor.create(), RunDescriptor.create(["frag-options", "frag-summary"])
    hooked(session, "h-explore", first)
    copied = hooked(session, "h-explore", second)
    assert built == ["h-explore"]  # built once, then copied
    assert copied.SerializeToString() == expected(session, "h-explore", second).SerializeToString()
    assert copied.metadata.run.script_run_id == second.script_run_id
    assert list(copied.metadata.run.fragment_ids) == ["frag-options", "frag-summary"]
    assert [p.page_name for p in copied.new_session.app_pages] == ["explore", "quiz"]


def test_a_new_page_state_or_config_builds_it_again(hooked, built, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    session = stub_session()
    hooked(session, "h-explore", RunDescriptor.create())
    on_quiz = hooked(session, "h-quiz", RunDescriptor.create())
    assert on_quiz.new_session.page_script_hash == "h-quiz" and built == ["h-explore", "h-quiz"]
    session._state = AppSessionState.APP_NOT_RUNNING
    idle = hooked(session, "h-quiz", RunDescriptor.create())
    assert not idle.new_session.initialize.session_status.script_is_running and len(built) == 3
    monkeypatch.setattr(config, "_config_options", dict(config.get_config_options()))  # the config parsed again
    hooked(session, "h-quiz", RunDescriptor.create())
    assert len(built) == 4
    hooked(session, "h-quiz", RunDescriptor.create(), {"h-only": {"page_name": "only", "icon": ""}})
    assert len(built) == 5  # other pages


def test_each_session_keeps_its_own(hooked, built) -> None:  # noqa: ANN001
    one, two = stub_session("s-1"), stub_session("s-2")
    hooked(one, "h-explore", RunDescriptor.create())
    other = hooked(two, "h-explore", RunDescriptor.create())
    assert other.new_session.initialize.session_id == "s-2" and len(built) == 2
