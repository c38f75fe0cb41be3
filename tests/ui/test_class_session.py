"""Class sessions in AppTest: the tutor's view and the student's view, with the other side driven through the
library (the same in-process store the app uses)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explorer.classroom import new_student_id
from ui import class_session

from .conftest import acknowledge, button, new_app, open_link_page, open_page, shows_disclaimer

SCENARIO = {"behaviour": "malignant", "resectable": "no", "symptoms": "pain"}


@pytest.fixture(autouse=True)
def _memory_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh in-process store for each test (the app builds one Classroom per process)."""
    monkeypatch.delenv(class_session.REDIS_URL_ENV, raising=False)
    class_session.classroom.cache_clear()
    yield
    class_session.classroom.cache_clear()


def texts(at: AppTest) -> str:
    """Every message on the page, Markdown escapes removed."""
    return "\n".join([m.value for m in at.markdown] + [e.value for e in at.error] + [i.value for i in at.info]
                     + [s.value for s in at.success] + [w.value for w in at.warning]).replace("\\", "")


def start_as_tutor() -> tuple[AppTest, str, str]:
    at = open_link_page(SCENARIO, "step_through")
    button(at, "Start a class session").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Class session"  # the launcher switched page
    open_page(at, "class_tutor")  # AppTest's next runs stay on the page it last switched to itself
    held = at.session_state[class_session.TUTOR]
    return at, held.code, held.key


def student_app(code: str) -> AppTest:
    at = new_app()
    at.query_params["join"] = code.lower()
    at.run()
    return acknowledge(at)


def test_tutor_starts_from_step_through_and_drives_a_question() -> None:
    at, code, key = start_as_tutor()
    assert at.title[0].value == "Class session" and shows_disclaimer(at)
    [join_link] = [c.value for c in at.code if "?join=" in c.value]
    assert join_link.endswith(f"?join={code}")  # never the tutor's acknowledgement mark (ack=1 in their URL)
    assert at.query_params["ack"] == "1"
    assert "No question is open" in texts(at)
    classroom = class_session.classroom()
    seats = [new_student_id() for _ in range(2)]
    for seat in seats:
        classroom.join(code, seat)
    question = at.selectbox(key="class_question")
    assert question.value == f"next_option@{classroom.record(code).step}"
    discussed = next(o for o in question.options if o.startswith("Is "))
    question.set_value(next(q.id for q in classroom.questions(classroom.record(code)) if q.prompt == discussed)).run()
    button(at, "Ask the class").click().run()
    assert classroom.record(code).phase == "open" and button(at, "Ask the class").disabled
    classroom.answer(code, seats[0], "yes")
    at.run()
    page = texts(at)
    assert "2 joined · 1 answered" in page and "The question is open" in page
    assert [p.value for p in at.get("progress")][:2] == [100, 0]  # a bar per choice: Yes 1 of 1, No 0

    button(at, "Lock").click().run()
    assert classroom.record(code).phase == "locked" and button(at, "Lock").disabled
    button(at, "Reveal").click().run()
    assert "Right answer:" in texts(at)
    button(at, "Next").click().run()
    assert classroom.record(code).step == 2 and "No question is open" in texts(at)
    button(at, "End session").click().run()
    assert "has ended" in texts(at) and {b.label for b in at.get("download_button")} == {"Download CSV", "Download JSON"}
    assert not at.exception


def test_student_follows_answers_and_sees_the_reveal() -> None:
    classroom = class_session.classroom()
    from explorer import Scenario

    tutor = classroom.start(Scenario(behaviour="malignant", resectable="no", symptoms=["pain"]))
    at = student_app(tutor.code)
    assert at.title[0].value == "Join a class" and shows_disclaimer(at)
    assert f"Class session {tutor.code}" in at.caption[0].value
    assert any(h.value.startswith("Step 1 of ") for h in at.subheader)
    assert classroom.joined(tutor.code) == 1
    seat = at.query_params["seat"][0] if isinstance(at.query_params["seat"], list) else at.query_params["seat"]

    classroom.go_to(tutor.code, tutor.key, 2)
    classroom.ask(tutor.code, tutor.key, "discussed:surgery@2")
    at.run()  # what the follow fragment triggers when the version moves
    assert any(h.value.startswith("Step 2 of ") for h in at.subheader)
    assert [b.label for b in at.button if b.key and b.key.startswith("answer:")] == ["Yes", "No"]
    button(at, "Yes").click().run()
    assert classroom.my_answer(tutor.code, seat) == "yes"
    assert button(at, "✓ Yes (your answer)").proto.type == "primary"
    button(at, "No").click().run()  # changed until locked
    assert classroom.my_answer(tutor.code, seat) == "no"

    classroom.lock(tutor.code, tutor.key)
    at.run()
    assert "The tutor has locked the question. Your answer: **No**." in texts(at)
    assert not [b for b in at.button if b.key and b.key.startswith("answer:")]
    record = classroom.reveal(tutor.code, tutor.key)
    at.run()
    right = record.current.question.answer_label
    verdict = "That is the right answer." if right == "No" else f"The right answer is **{right}**."
    assert f"Your answer: **No**. {verdict}" in texts(at)
    classroom.end(tutor.code, tutor.key)
    at.run()
    assert "The tutor has ended this class session." in texts(at) and not at.exception


def test_wrong_codes_get_a_clear_message_and_are_slowed_down() -> None:
    at = student_app("ZZZZZ0")
    assert "is not valid" in texts(at) and "no 0, O, 1, I or L" in texts(at)
    assert "join" not in at.query_params  # the form takes over
    for _ in range(2):
        at.text_input(key="class_code_input").set_value("ZZZZZZ")
        button(at, "Join").click().run()
        assert "No live class session has the code ZZZZZZ" in texts(at)
    at.text_input(key="class_code_input").set_value("ZZZZZZ")
    button(at, "Join").click().run()  # the fourth wrong code in a row must wait
    assert "Too many wrong codes from this browser: wait 1 s" in texts(at)
    assert not at.exception


def test_class_sessions_unavailable_while_solo_use_keeps_working(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.redis_server import free_port

    monkeypatch.setenv(class_session.REDIS_URL_ENV, f"redis://127.0.0.1:{free_port()}/0")  # nothing listens
    class_session.classroom.cache_clear()
    at = open_link_page(SCENARIO, "step_through")
    button(at, "Start a class session").click().run()
    assert "Class sessions are unavailable" in texts(at) and "solo use keeps working" in texts(at)
    assert any(h.value.startswith("Step 1 of ") for h in at.header)  # the step-through itself still works
    student = student_app("ABCDEF")
    assert "Class sessions are unavailable" in texts(student)
    assert not at.exception and not student.exception


def test_a_tutor_resumes_with_code_and_key_and_a_forged_key_is_refused() -> None:
    from explorer import Scenario

    tutor = class_session.classroom().start(Scenario(behaviour="malignant"))
    at = new_app().run()
    acknowledge(at)
    open_page(at, "class_tutor")
    at.text_input(key="class_resume_code").set_value(tutor.code.lower())
    at.text_input(key="class_resume_key").set_value(tutor.key + "x")
    button(at, "Resume").click().run()
    assert "Only the tutor of session" in texts(at) and class_session.TUTOR not in at.session_state
    at.text_input(key="class_resume_key").set_value(tutor.key)
    button(at, "Resume").click().run()
    assert any(f"?join={tutor.code}" in c.value for c in at.code) and button(at, "Ask the class")
