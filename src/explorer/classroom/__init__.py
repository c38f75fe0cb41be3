"""Live class sessions: the tutor steps through a case, students' devices follow, predict and see the tally.

`Classroom` is the state machine over a `ClassStore`: `MemoryStore` (one process, the default) or `RedisStore`
(several app processes). Questions come from the Result's trace; nothing here names a student.
"""

from .codes import CODE_ALPHABET, CODE_LENGTH, new_student_id, normalise_code, valid_student_id
from .errors import (
    BadCode, ClassSessionError, LimitReached, NotTutor, Refused, SessionNotFound, StoreUnavailable, TooManyAttempts,
)
from .export import to_csv, to_json
from .questions import Choice, Question, questions_for_step
from .record import AskedQuestion, ClassRecord, Tally
from .service import Classroom, Limits, TutorPass
from .store import ClassStore, MemoryStore
from .throttle import WrongCodeThrottle

__all__ = [
    "AskedQuestion", "BadCode", "CODE_ALPHABET", "CODE_LENGTH", "Choice", "ClassRecord", "ClassSessionError",
    "ClassStore", "Classroom", "LimitReached", "Limits", "MemoryStore", "NotTutor", "Question", "Refused",
    "SessionNotFound", "StoreUnavailable", "Tally", "TooManyAttempts", "TutorPass", "WrongCodeThrottle",
    "new_student_id", "normalise_code", "questions_for_step", "to_csv", "to_json", "valid_student_id",
]
