"""Class sessions in the app: the process's Classroom, this browser's seat and tutor pass, join links, QR codes.

Sessions live in this process's memory, or in Redis when EXPLORER_REDIS_URL is set (`./dev serve --replicas N`
sets it, so every replica sees the same sessions). Decisions stay in explorer.classroom.
"""

from __future__ import annotations

import io
import os
from functools import cache
from typing import Callable, TypeVar
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st

from explorer.classroom import (
    ClassRecord, ClassSessionError, Classroom, MemoryStore, TutorPass, WrongCodeThrottle, new_student_id,
    valid_student_id,
)

from .components.text import md
from .resources import explorer
from .state import CLASS_PARAMS

T = TypeVar("T")
REDIS_URL_ENV = "EXPLORER_REDIS_URL"
JOIN_PARAM, SEAT_PARAM = CLASS_PARAMS  # the student's URL: ?join=CODE&seat=<random anonymous id>
TUTOR_PAGE = "views/class_tutor.py"
STUDENT_PAGE = "views/class_student.py"
TUTOR_PATH = "class_tutor"  # the tutor page's URL path (from its file name)
TUTOR = "class_tutor_pass"
THROTTLE = "class_throttle"
ERROR = "class_error"
POLL_SECONDS = 1.0  # students check the session's version this often
TALLY_POLL_SECONDS = 0.5  # the tutor's live tally: one page a session, so polling it twice as often costs little


@cache
def classroom() -> Classroom:
    """One Classroom per process, over Redis when configured, else over this process's memory."""
    url = os.environ.get(REDIS_URL_ENV, "").strip()
    if url:
        from explorer.classroom.redis_store import RedisStore

        store = RedisStore(url)
    else:
        store = MemoryStore()
    return Classroom(store, explorer().evaluate)


def attempt(action: Callable[[], T]) -> T | None:
    """Run a class-session request; a refusal is kept for the page to show (one line, never a traceback)."""
    try:
        value = action()
    except ClassSessionError as exc:
        st.session_state[ERROR] = str(exc)
        return None
    st.session_state[ERROR] = ""
    return value


def show_error() -> None:
    message = st.session_state.get(ERROR)
    if message:
        st.error(md(message[0].upper() + message[1:]), icon=":material/error:")


def tutor_pass() -> TutorPass | None:
    return st.session_state.get(TUTOR)


def tutor_record() -> ClassRecord | None:
    """This browser's class session as its tutor, or None (none started, ended elsewhere, or the store is down)."""
    held = tutor_pass()
    return attempt(lambda: classroom().check_tutor(held.code, held.key)) if held else None


def seat() -> str:
    """This browser's anonymous seat, kept in the URL so that a reconnect to another app process keeps it."""
    current = st.query_params.get(SEAT_PARAM)
    if not valid_student_id(current):
        current = new_student_id()
        st.query_params[SEAT_PARAM] = current
    return current


def throttle() -> WrongCodeThrottle:
    if THROTTLE not in st.session_state:
        st.session_state[THROTTLE] = WrongCodeThrottle()
    return st.session_state[THROTTLE]


def join_url(code: str) -> str:
    """The app's own address as the browser sees it (so through any proxy), with ?join=CODE."""
    parts = urlsplit(st.context.url or "")
    path = parts.path or "/"
    if path.rstrip("/").endswith(TUTOR_PATH):
        path = path.rstrip("/")[: -len(TUTOR_PATH)] or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode({JOIN_PARAM: code}), ""))


@cache
def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=12, border=2)
    return out.getvalue()
