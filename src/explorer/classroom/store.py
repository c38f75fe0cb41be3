"""The session store interface and its in-process implementation (the default: nothing to install).

A store keeps, per join code: the session document (JSON) with a version number, the set of joined seats, the
answers to the current question, and a gate (the question id and the choices it accepts) that the store checks
atomically with each answer. Every entry expires `ttl_seconds` after the last activity (create, write, join,
answer). Reads are not activity.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Callable, Literal

CreateOutcome = Literal["ok", "taken", "full"]
JoinOutcome = Literal["ok", "full", "missing"]
AnswerOutcome = Literal["ok", "closed", "choice", "not_joined", "missing"]


@dataclass(frozen=True)
class Gate:
    """An open question: answers are accepted for `question` and only for these choices."""

    question: str
    choices: tuple[str, ...]


class ClassStore(ABC):
    """What the session logic needs from storage; each method is atomic."""

    ttl_seconds: float

    @abstractmethod
    def create(self, code: str, doc: str, max_live: int) -> CreateOutcome: ...

    @abstractmethod
    def read(self, code: str) -> tuple[str, int] | None:
        """The document and its version, or None (unknown or expired)."""

    @abstractmethod
    def version(self, code: str) -> int | None: ...

    @abstractmethod
    def write(self, code: str, doc: str, expected_version: int, gate: Gate | None, *, clear_answers: bool,
              live: bool = True) -> bool:
        """Replace the document if its version is still `expected_version` (then version + 1); False otherwise."""

    @abstractmethod
    def join(self, code: str, seat: str, max_students: int) -> JoinOutcome: ...

    @abstractmethod
    def answer(self, code: str, seat: str, question: str, choice: str) -> AnswerOutcome:
        """Record (or replace) a seat's answer if the gate is open for this question and choice."""

    @abstractmethod
    def answers(self, code: str) -> dict[str, str]:
        """seat -> choice for the current question."""

    @abstractmethod
    def answer_of(self, code: str, seat: str) -> str | None:
        """One seat's choice for the current question (a student's page reads only its own: one small read)."""

    @abstractmethod
    def students(self, code: str) -> int: ...

    @abstractmethod
    def live_sessions(self) -> int:
        """Sessions neither ended nor expired."""

    @abstractmethod
    def expires_in(self, code: str) -> float | None:
        """Seconds until the session's data expires (the shortest over its parts), or None."""


@dataclass
class _Entry:
    doc: str
    expires_at: float
    version: int = 1
    live: bool = True
    gate: Gate | None = None
    seats: set[str] = field(default_factory=set)
    answers: dict[str, str] = field(default_factory=dict)


class MemoryStore(ClassStore):
    """Sessions in this process's memory, behind one lock."""

    def __init__(self, ttl_seconds: float = 4 * 3600, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}

    def _get(self, code: str) -> _Entry | None:
        """The entry, dropping every expired one first (call with the lock held)."""
        now = self._clock()
        for stale in [c for c, e in self._entries.items() if e.expires_at <= now]:
            del self._entries[stale]
        return self._entries.get(code)

    def _touch(self, entry: _Entry) -> None:
        entry.expires_at = self._clock() + self.ttl_seconds

    def create(self, code: str, doc: str, max_live: int) -> CreateOutcome:
        with self._lock:
            if self._get(code) is not None:
                return "taken"
            if sum(e.live for e in self._entries.values()) >= max_live:
                return "full"
            self._entries[code] = _Entry(doc=doc, expires_at=self._clock() + self.ttl_seconds)
            return "ok"

    def read(self, code: str) -> tuple[str, int] | None:
        with self._lock:
            entry = self._get(code)
            return (entry.doc, entry.version) if entry else None

    def version(self, code: str) -> int | None:
        with self._lock:
            entry = self._get(code)
            return entry.version if entry else None

    def write(self, code: str, doc: str, expected_version: int, gate: Gate | None, *, clear_answers: bool,
              live: bool = True) -> bool:
        with self._lock:
            entry = self._get(code)
            if entry is None or entry.version != expected_version:
                return False
            entry.doc, entry.version, entry.gate, entry.live = doc, entry.version + 1, gate, live
            if clear_answers:
                entry.answers.clear()
            self._touch(entry)
            return True

    def join(self, code: str, seat: str, max_students: int) -> JoinOutcome:
        with self._lock:
            entry = self._get(code)
            if entry is None:
                return "missing"
            if seat not in entry.seats and len(entry.seats) >= max_students:
                return "full"
            entry.seats.add(seat)
            self._touch(entry)
            return "ok"

    def answer(self, code: str, seat: str, question: str, choice: str) -> AnswerOutcome:
        with self._lock:
            entry = self._get(code)
            if entry is None:
                return "missing"
            if entry.gate is None or entry.gate.question != question:
                return "closed"
            if choice not in entry.gate.choices:
                return "choice"
            if seat not in entry.seats:
                return "not_joined"
            entry.answers[seat] = choice
            self._touch(entry)
            return "ok"

    def answers(self, code: str) -> dict[str, str]:
        with self._lock:
            entry = self._get(code)
            return dict(entry.answers) if entry else {}

    def answer_of(self, code: str, seat: str) -> str | None:
        with self._lock:
            entry = self._get(code)
            return entry.answers.get(seat) if entry else None

    def students(self, code: str) -> int:
        with self._lock:
            entry = self._get(code)
            return len(entry.seats) if entry else 0

    def live_sessions(self) -> int:
        with self._lock:
            self._get("")
            return sum(e.live for e in self._entries.values())

    def expires_in(self, code: str) -> float | None:
        with self._lock:
            entry = self._get(code)
            return entry.expires_at - self._clock() if entry else None
