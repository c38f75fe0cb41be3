"""Class-session errors: each is one clear line for the person who caused it (never a traceback)."""

from __future__ import annotations

from ..errors import ExplorerError


class ClassSessionError(ExplorerError):
    """Base class: a class-session request that was refused; nothing was changed."""


class BadCode(ClassSessionError):
    """The text typed is not a well-formed join code."""


class SessionNotFound(ClassSessionError):
    """No live session has this code (wrong code, ended or expired)."""


class NotTutor(ClassSessionError):
    """The tutor key does not match: only the tutor can drive the session."""


class LimitReached(ClassSessionError):
    """A size limit (students per session, live sessions per store, questions per session)."""


class Refused(ClassSessionError):
    """A request that does not fit the session's current state (closed question, unknown choice, ...)."""


class TooManyAttempts(ClassSessionError):
    """Repeated wrong codes from one browser session: wait before the next try."""


class StoreUnavailable(ClassSessionError):
    """The session store (Redis) does not answer: class sessions are off, solo use still works."""
