"""Join codes, tutor keys and anonymous student ids."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from .errors import BadCode

# No 0/O, 1/I/L: nothing that reads as another character on a projector or a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_STUDENT_ID = re.compile(r"[A-Za-z0-9_-]{16}")
MAX_TYPED_CODE = 40


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """The code as typed (any case, spaces or dashes) in canonical form; BadCode says what is allowed."""
    raw = str(text)[:MAX_TYPED_CODE]
    code = re.sub(r"[\s-]", "", raw).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        shown = raw if len(str(text)) <= MAX_TYPED_CODE else raw + "…"
        raise BadCode(f"join code {shown!r} is not valid: a code is {CODE_LENGTH} characters from A-Z and 2-9 "
                      "(no 0, O, 1, I or L)")
    return code


def new_tutor_key() -> str:
    return secrets.token_urlsafe(24)


def key_digest(key: str) -> str:
    """Only this digest is stored: the key itself stays with the tutor."""
    return hashlib.sha256(str(key).encode()).hexdigest()


def key_matches(key: str, digest: str) -> bool:
    return hmac.compare_digest(key_digest(key), digest)


def new_student_id() -> str:
    """An anonymous seat: random, names nobody."""
    return secrets.token_urlsafe(12)


def valid_student_id(text: object) -> bool:
    return isinstance(text, str) and bool(_STUDENT_ID.fullmatch(text))
