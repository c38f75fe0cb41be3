"""The class-session state machine, against both stores (MemoryStore and a real redis-server)."""

from __future__ import annotations

import json
import threading
import time

import pytest

from explorer.classroom import (
    CODE_ALPHABET, CODE_LENGTH, BadCode, Classroom, LimitReached, NotTutor, Refused, SessionNotFound,
    TooManyAttempts, TutorPass, WrongCodeThrottle, new_student_id, to_csv, to_json,
)

from .conftest import SCENARIO, classroom_with


def seats(n: int) -> list[str]:
    return [new_student_id() for _ in range(n)]


def counts(classroom: Classroom, code: str, key: str) -> dict[str, int]:
    return {choice: n for choice, _, n in classroom.tally(code, key).counts}


def test_start_gives_an_unambiguous_code_and_a_secret_key(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO, step=2)
    assert len(tutor.code) == CODE_LENGTH and set(tutor.code) <= set(CODE_ALPHABET)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    record = classroom.record(tutor.code)
    assert (record.steps, record.step, record.phase) == (4, 2, "following")
    assert tutor.key not in record.model_dump_json()  # only a digest is stored


def test_a_question_round_open_answer_lock_reveal_next(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    a, b, c = seats(3)
    for seat in (a, b, c):
        classroom.join(tutor.code.lower(), seat)  # typed in lower case: still the same code
    question = classroom.questions(classroom.record(tutor.code))[0]
    assert question.id == "next_option@1" and question.answer == "surgery"
    classroom.ask(tutor.code, tutor.key, question.id)
    classroom.answer(tutor.code, a, "surgery")
    classroom.answer(tutor.code, b, "radiation")
    classroom.answer(tutor.code, b, "surgery")  # a second answer replaces the first
    classroom.answer(tutor.code, c, "none")
    tally = classroom.tally(tutor.code, tutor.key)
    assert (tally.joined, tally.answered) == (3, 3)
    assert counts(classroom, tutor.code, tutor.key)["surgery"] == 2 and counts(classroom, tutor.code, tutor.key)["none"] == 1
    assert classroom.my_answer(tutor.code, b) == "surgery"
    assert classroom.my_answer(tutor.code, new_student_id()) is None  # a seat that has not answered

    classroom.lock(tutor.code, tutor.key)
    with pytest.raises(Refused, match="closed"):
        classroom.answer(tutor.code, c, "surgery")
    assert counts(classroom, tutor.code, tutor.key)["none"] == 1  # unchanged

    record = classroom.reveal(tutor.code, tutor.key)
    assert record.phase == "revealed" and record.current.revealed
    assert record.current.counts["surgery"] == 2 and record.current.answered == 3
    assert classroom.tally(tutor.code).answered == 3  # after the reveal everyone may read it

    record = classroom.next_step(tutor.code, tutor.key)
    assert (record.step, record.phase, record.current) == (2, "following", None)
    late = new_student_id()
    assert classroom.join(tutor.code, late).step == 2  # a late joiner lands on the current step


def one_answer(classroom: Classroom, question: str, choice: str) -> tuple[TutorPass, str]:
    """A session at step 1 with one student who has answered `question` with `choice`."""
    tutor = classroom.start(SCENARIO)
    seat = new_student_id()
    classroom.join(tutor.code, seat)
    classroom.ask(tutor.code, tutor.key, question)
    classroom.answer(tutor.code, seat, choice)
    return tutor, seat


def test_reveal_straight_from_open_closes_the_gate_first(classroom: Classroom) -> None:
    tutor, seat = one_answer(classroom, "discussed:palliative@1", "yes")
    record = classroom.reveal(tutor.code, tutor.key)
    assert record.current.counts == {"yes": 1, "no": 0} and record.current.question.answer == "no"
    with pytest.raises(Refused, match="closed"):
        classroom.answer(tutor.code, seat, "no")


def test_moving_on_keeps_the_counts_of_an_unrevealed_question(classroom: Classroom) -> None:
    tutor, seat = one_answer(classroom, "next_option@1", "chemotherapy")
    record = classroom.go_to(tutor.code, tutor.key, 3)
    assert record.asked[0].counts["chemotherapy"] == 1 and not record.asked[0].revealed
    with pytest.raises(Refused, match="closed"):
        classroom.answer(tutor.code, seat, "surgery")


def test_forged_key_changes_nothing(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    classroom.ask(tutor.code, tutor.key, "next_option@1")
    before = classroom.record(tutor.code)
    forged = tutor.key[:-1] + ("A" if tutor.key[-1] != "A" else "B")
    for action in (lambda: classroom.lock(tutor.code, forged), lambda: classroom.reveal(tutor.code, forged),
                   lambda: classroom.next_step(tutor.code, forged), lambda: classroom.go_to(tutor.code, forged, 3),
                   lambda: classroom.end(tutor.code, forged), lambda: classroom.tally(tutor.code, forged),
                   lambda: classroom.tally(tutor.code)):
        with pytest.raises(NotTutor, match="tutor"):
            action()
    assert classroom.record(tutor.code) == before


def test_bad_answers_are_refused_without_changing_the_tally(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    joined, stranger = seats(2)
    classroom.join(tutor.code, joined)
    with pytest.raises(Refused, match="closed"):  # nothing asked yet
        classroom.answer(tutor.code, joined, "surgery")
    classroom.ask(tutor.code, tutor.key, "discussed:surgery@1")
    classroom.answer(tutor.code, joined, "yes")
    with pytest.raises(Refused, match="not one of this question's choices: yes, no"):
        classroom.answer(tutor.code, joined, "surgery")
    with pytest.raises(Refused, match="join the session"):
        classroom.answer(tutor.code, stranger, "no")
    with pytest.raises(Refused, match="seat id"):
        classroom.answer(tutor.code, "x", "no")
    assert counts(classroom, tutor.code, tutor.key) == {"yes": 1, "no": 0}


def test_tutor_actions_that_do_not_fit_the_phase_are_refused(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    with pytest.raises(Refused, match="no open question"):
        classroom.lock(tutor.code, tutor.key)
    with pytest.raises(Refused, match="ask the class first"):
        classroom.reveal(tutor.code, tutor.key)
    with pytest.raises(Refused, match="does not fit step 1"):
        classroom.ask(tutor.code, tutor.key, "discussed:surgery@2")
    classroom.ask(tutor.code, tutor.key, "next_option@1")
    with pytest.raises(Refused, match="already open"):
        classroom.ask(tutor.code, tutor.key, "discussed:surgery@1")
    with pytest.raises(Refused, match="allowed 1 to 4"):
        classroom.go_to(tutor.code, tutor.key, 5)


def test_end_stops_joining_and_the_export_has_counts_and_answers(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    a, b = seats(2)
    for seat in (a, b):
        classroom.join(tutor.code, seat)
    classroom.ask(tutor.code, tutor.key, "next_option@1")
    classroom.answer(tutor.code, a, "surgery")
    classroom.answer(tutor.code, b, "radiation")
    classroom.reveal(tutor.code, tutor.key)
    classroom.go_to(tutor.code, tutor.key, 4)
    classroom.ask(tutor.code, tutor.key, "next_option@4")
    classroom.answer(tutor.code, a, "none")
    record = classroom.end(tutor.code, tutor.key)
    assert record.phase == "ended"
    with pytest.raises(SessionNotFound, match="has ended"):
        classroom.join(tutor.code, new_student_id())
    with pytest.raises(Refused, match="has ended"):
        classroom.next_step(tutor.code, tutor.key)

    data = json.loads(to_json(record, joined=2))
    assert data["joined"] == 2 and "not medical advice" in data["disclaimer"]
    first, second = data["questions"]
    assert first["answer"] == "surgery" and first["revealed"] and first["answered"] == 2
    assert {c["id"]: c["count"] for c in first["choices"]}["radiation"] == 1
    assert second["answer"] == "none" and not second["revealed"] and second["answered"] == 1
    rows = to_csv(record, joined=2).splitlines()
    assert rows[0].startswith("# Educational tool only") and rows[1].startswith("question,step,prompt,choice,count")
    assert "1,1,Which option do the sources discuss next?,Surgery,1,yes,2,yes" in rows
    assert a not in to_csv(record, 2) + to_json(record, 2)  # seats are not exported


def test_student_limit(make_store, mini) -> None:  # noqa: ANN001
    classroom = classroom_with(make_store, mini, max_students=3)
    tutor = classroom.start(SCENARIO)
    first, *rest = seats(3)
    for seat in (first, *rest):
        classroom.join(tutor.code, seat)
    classroom.join(tutor.code, first)  # joining again is not a new student
    with pytest.raises(LimitReached, match=r"full \(3 students\)"):
        classroom.join(tutor.code, new_student_id())
    assert classroom.joined(tutor.code) == 3


def test_live_session_limit_and_ending_frees_a_slot(make_store, mini) -> None:  # noqa: ANN001
    classroom = classroom_with(make_store, mini, max_live_sessions=2)
    first = classroom.start(SCENARIO)
    classroom.start(SCENARIO)
    with pytest.raises(LimitReached, match="already 2 live class sessions"):
        classroom.start(SCENARIO)
    classroom.end(first.code, first.key)
    assert classroom.store.live_sessions() == 1
    classroom.start(SCENARIO)


def test_question_limit(make_store, mini) -> None:  # noqa: ANN001
    classroom = classroom_with(make_store, mini, max_questions=2)
    tutor = classroom.start(SCENARIO)
    for _ in range(2):
        classroom.ask(tutor.code, tutor.key, "next_option@1")
        classroom.reveal(tutor.code, tutor.key)
    with pytest.raises(LimitReached, match="asked 2 questions"):
        classroom.ask(tutor.code, tutor.key, "next_option@1")


def test_a_session_expires_after_its_last_activity(make_store, mini) -> None:  # noqa: ANN001
    classroom = classroom_with(make_store, mini, ttl_seconds=0.4)
    tutor = classroom.start(SCENARIO)
    classroom.join(tutor.code, new_student_id())
    time.sleep(1.0)
    with pytest.raises(SessionNotFound, match=f"no live class session has the code {tutor.code}"):
        classroom.record(tutor.code)
    assert classroom.store.live_sessions() == 0 and classroom.version(tutor.code) is None


def test_activity_renews_the_expiry(make_store, mini) -> None:  # noqa: ANN001
    classroom = classroom_with(make_store, mini, ttl_seconds=3.0)
    tutor = classroom.start(SCENARIO)
    time.sleep(1.2)
    assert classroom.store.expires_in(tutor.code) < 2.0
    classroom.join(tutor.code, new_student_id())  # a student joining is activity
    assert classroom.store.expires_in(tutor.code) > 2.5


def test_default_expiry_is_four_hours(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    assert 4 * 3600 - 60 < classroom.store.expires_in(tutor.code) <= 4 * 3600


def test_concurrent_answers_are_all_counted(classroom: Classroom) -> None:
    tutor = classroom.start(SCENARIO)
    students = seats(120)
    for seat in students:
        classroom.join(tutor.code, seat)
    classroom.ask(tutor.code, tutor.key, "discussed:chemotherapy@1")

    def answer(part: list[str]) -> None:
        for seat in part:
            classroom.answer(tutor.code, seat, "yes" if students.index(seat) % 3 else "no")

    threads = [threading.Thread(target=answer, args=(students[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert counts(classroom, tutor.code, tutor.key) == {"yes": 80, "no": 40}


def test_wrong_codes_are_refused_and_slowed_down(classroom: Classroom) -> None:
    now = [100.0]
    throttle = WrongCodeThrottle(clock=lambda: now[0])
    tutor = classroom.start(SCENARIO)
    seat = new_student_id()
    with pytest.raises(BadCode, match="no 0, O, 1, I or L"):
        classroom.join("AB0OIL", seat, throttle)
    for _ in range(2):
        with pytest.raises(SessionNotFound, match="no live class session"):
            classroom.join("ZZZZZZ" if tutor.code != "ZZZZZZ" else "YYYYYY", seat, throttle)
    with pytest.raises(TooManyAttempts, match=r"wait 1 s"):
        classroom.join(tutor.code, seat, throttle)  # even the right code waits now
    now[0] += 1.1
    assert classroom.join(tutor.code, seat, throttle).code == tutor.code
    assert throttle.failures == 0
