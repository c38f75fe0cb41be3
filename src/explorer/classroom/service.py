"""The class-session state machine: the tutor drives, students join, answer and see the reveal.

Phases: following -> (ask) open -> (lock) locked -> (reveal) revealed -> (ask) open ...; moving to another step
leaves any question behind (its counts are kept) and returns to following; end is final. Every change but a
student's join or answer needs the tutor key. A refused request raises a ClassSessionError and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..result import Result
from ..scenario import Scenario, parse_scenario
from .codes import key_digest, key_matches, new_code, new_tutor_key, normalise_code, valid_student_id
from .errors import BadCode, LimitReached, NotTutor, Refused, SessionNotFound, TooManyAttempts
from .questions import Question, questions_for_step
from .record import AskedQuestion, ClassRecord, Phase, Tally, count_answers, tally_of
from .store import ClassStore, Gate
from .throttle import WrongCodeThrottle

CODE_ATTEMPTS = 20  # new codes tried before giving up (31^6 codes: a clash is already rare)
WRITE_ATTEMPTS = 5  # optimistic retries when two tutor tabs act at once
CLOSED = "the question is closed: your answer was not changed"


@dataclass(frozen=True)
class Limits:
    max_students: int = 500
    max_live_sessions: int = 50
    max_questions: int = 200


@dataclass(frozen=True)
class TutorPass:
    """What the tutor keeps: the code to show and the key to drive with (never shown to students)."""

    code: str
    key: str


@lru_cache(maxsize=128)
def _parsed(doc: str, version: int) -> ClassRecord:
    """A stored document as a record (frozen), parsed once per process for every page that shows it: after a
    tutor action, every student page in the process reads the same document."""
    return ClassRecord.model_validate_json(doc).model_copy(update={"version": version})


def _gate(record: ClassRecord) -> Gate | None:
    current = record.current
    if record.phase != "open" or current is None:
        return None
    return Gate(question=f"{current.question.id}#{current.number}", choices=tuple(c.id for c in current.question.choices))


class Classroom:
    """Class sessions over one store; `evaluate` turns the session's scenario into its Result."""

    def __init__(self, store: ClassStore, evaluate: Callable[[Scenario], Result], limits: Limits = Limits()) -> None:
        self.store = store
        self.limits = limits
        self._evaluate = lru_cache(maxsize=64)(lambda text: evaluate(Scenario.model_validate_json(text)))

    # ---- reading -------------------------------------------------------------------------------------------
    def record(self, code: str) -> ClassRecord:
        code = normalise_code(code)
        stored = self.store.read(code)
        if stored is None:
            raise SessionNotFound(f"no live class session has the code {code}: check the code; a session ends "
                                  "when its tutor ends it or 4 hours after its last activity")
        doc, version = stored
        return _parsed(doc, version)

    def version(self, code: str) -> int | None:
        """The session's version (it changes with every tutor action), or None once it is gone."""
        return self.store.version(normalise_code(code))

    def scenario(self, record: ClassRecord) -> Scenario:
        return parse_scenario(record.scenario)

    def result(self, record: ClassRecord) -> Result:
        return self._evaluate(self.scenario(record).model_dump_json())

    def questions(self, record: ClassRecord) -> list[Question]:
        """The questions the tutor can ask at the current step."""
        return questions_for_step(self.result(record), record.step)

    # ---- tutor ---------------------------------------------------------------------------------------------
    def start(self, scenario: Scenario, step: int = 1) -> TutorPass:
        steps = len(self._evaluate(scenario.model_dump_json()).trace)
        if not steps:
            raise Refused("no rule applies to this scenario, so there is nothing to step through: set some "
                          "factors first")
        key = new_tutor_key()
        for _ in range(CODE_ATTEMPTS):
            code = new_code()
            record = ClassRecord(code=code, key_digest=key_digest(key), scenario=scenario.model_dump(mode="json"),
                                 steps=steps, step=min(max(step, 1), steps))
            outcome = self.store.create(code, record.model_dump_json(exclude={"version"}),
                                        self.limits.max_live_sessions)
            if outcome == "ok":
                return TutorPass(code=code, key=key)
            if outcome == "full":
                raise LimitReached(f"there are already {self.limits.max_live_sessions} live class sessions: end "
                                   "one, or wait until one expires (4 hours after its last activity)")
        raise Refused("could not find a free join code; try again")

    def ask(self, code: str, key: str, question_id: str) -> ClassRecord:
        def change(record: ClassRecord) -> ClassRecord:
            if record.phase in ("open", "locked"):
                raise Refused("a question is already open: reveal it or move to another step first")
            if len(record.asked) >= self.limits.max_questions:
                raise LimitReached(f"this session has asked {self.limits.max_questions} questions, the most a "
                                   "session keeps: end it and start a new one")
            offered = {q.id: q for q in self.questions(record)}
            if question_id not in offered:
                raise Refused(f"question {question_id!r} does not fit step {record.step}; "
                              f"allowed: {', '.join(offered) or 'none'}")
            asked = AskedQuestion(number=len(record.asked) + 1, question=offered[question_id])
            return record.model_copy(update={"phase": "open", "asked": (*record.asked, asked)})
        return self._update(code, key, change)

    def lock(self, code: str, key: str) -> ClassRecord:
        def change(record: ClassRecord) -> ClassRecord:
            if record.phase != "open":
                raise Refused("there is no open question to lock")
            return record.model_copy(update={"phase": "locked"})
        return self._update(code, key, change)

    def reveal(self, code: str, key: str) -> ClassRecord:
        record = self.check_tutor(code, key)
        if record.phase == "open":  # close the gate first, so the counts below are final
            record = self.lock(code, key)
        if record.phase != "locked":
            raise Refused("there is no question to reveal: ask the class first")
        return self._update(code, key, lambda r: self._archive(r, revealed=True, phase="revealed"))

    def go_to(self, code: str, key: str, step: int) -> ClassRecord:
        def change(record: ClassRecord) -> ClassRecord:
            if not 1 <= step <= record.steps:
                raise Refused(f"step {step} is outside this trace: allowed 1 to {record.steps}")
            if record.phase in ("open", "locked"):
                record = self._archive(record, revealed=False, phase="following")
            return record.model_copy(update={"step": step, "phase": "following"})
        return self._update(code, key, change)

    def next_step(self, code: str, key: str) -> ClassRecord:
        return self.go_to(code, key, self.check_tutor(code, key).step + 1)

    def end(self, code: str, key: str) -> ClassRecord:
        def change(record: ClassRecord) -> ClassRecord:
            if record.phase in ("open", "locked"):
                record = self._archive(record, revealed=False, phase="following")
            return record.model_copy(update={"phase": "ended"})
        return self._update(code, key, change)

    def tally(self, code: str, key: str | None = None) -> Tally | None:
        """The current question's tally: live for the tutor (key), for everyone once revealed; None if no question."""
        record = self.record(code)
        current = record.current
        if current is None:
            return None
        joined = self.store.students(record.code)
        if current.counts is not None:
            return tally_of(current.question, current.counts, joined)
        if key is None:
            raise NotTutor("the live tally is the tutor's until the reveal")
        self._check_key(record, key)
        return tally_of(current.question, count_answers(current.question, self.store.answers(record.code)), joined)

    def joined(self, code: str) -> int:
        return self.store.students(normalise_code(code))

    def check_tutor(self, code: str, key: str) -> ClassRecord:
        record = self.record(code)
        self._check_key(record, key)
        return record

    # ---- students ------------------------------------------------------------------------------------------
    def join(self, text: str, seat: str, throttle: WrongCodeThrottle | None = None) -> ClassRecord:
        """Join by code (as typed); wrong codes count against `throttle` (one per browser session)."""
        if throttle is not None and throttle.wait_seconds() > 0:
            raise TooManyAttempts(throttle.message())
        self._check_seat(seat)
        try:
            record = self.record(text)
            if record.phase == "ended":
                raise SessionNotFound(f"the class session {record.code} has ended")
            outcome = self.store.join(record.code, seat, self.limits.max_students)
            if outcome == "missing":
                self.record(record.code)  # gone meanwhile: raises SessionNotFound
        except (BadCode, SessionNotFound):
            if throttle is not None:
                throttle.failed()
            raise
        if outcome == "full":
            raise LimitReached(f"this class session is full ({self.limits.max_students} students): ask the tutor")
        if throttle is not None:
            throttle.succeeded()
        return record

    def answer(self, code: str, seat: str, choice: str) -> None:
        self._check_seat(seat)
        record = self.record(code)
        current = record.current
        if current is None or record.phase != "open":
            raise Refused(CLOSED)
        if current.question.choice(choice) is None:
            raise Refused(f"{choice!r} is not one of this question's choices: "
                          f"{', '.join(c.id for c in current.question.choices)}")
        outcome = self.store.answer(record.code, seat, f"{current.question.id}#{current.number}", choice)
        if outcome == "missing":
            self.record(code)  # gone meanwhile: raises SessionNotFound
        if outcome == "not_joined":
            raise Refused("join the session before answering")
        if outcome != "ok":
            raise Refused(CLOSED)

    def my_answer(self, code: str, seat: str) -> str | None:
        """The seat's answer to the current question (None if it has not answered)."""
        return self.store.answer_of(normalise_code(code), seat)

    # ---- internals -----------------------------------------------------------------------------------------
    @staticmethod
    def _check_seat(seat: str) -> None:
        if not valid_student_id(seat):
            raise Refused("this browser's seat id is not valid: reload the join link")

    @staticmethod
    def _check_key(record: ClassRecord, key: str) -> None:
        if not key_matches(key, record.key_digest):
            raise NotTutor(f"only the tutor of session {record.code} can change it: the tutor key does not match")

    def _archive(self, record: ClassRecord, *, revealed: bool, phase: Phase) -> ClassRecord:
        current = record.asked[-1]
        counts = count_answers(current.question, self.store.answers(record.code))
        archived = current.model_copy(update={"counts": counts, "answered": sum(counts.values()),
                                              "revealed": revealed})
        return record.model_copy(update={"phase": phase, "asked": (*record.asked[:-1], archived)})

    def _update(self, code: str, key: str, change: Callable[[ClassRecord], ClassRecord]) -> ClassRecord:
        """Apply a tutor change with the version as a guard (retried if another tutor tab got in first)."""
        for _ in range(WRITE_ATTEMPTS):
            record = self.check_tutor(code, key)
            if record.phase == "ended":
                raise Refused("this class session has ended")
            new = change(record)
            opened = new.phase == "open" and record.phase != "open"
            if self.store.write(record.code, new.model_dump_json(exclude={"version"}), record.version, _gate(new),
                                clear_answers=opened, live=new.phase != "ended"):
                return new.model_copy(update={"version": record.version + 1})
        raise Refused("the session changed while this action was applied; try again")
