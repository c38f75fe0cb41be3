"""Join a class, the students' view (made for a phone): follow the tutor's step, answer, see the reveal.

The page reruns when the tutor changed something (the session's version moved): pushed by the server (ui/push.py),
or, where push is not available, by checking the version every POLL_SECONDS.
"""

from __future__ import annotations

import streamlit as st

from explorer.classroom import ClassRecord, ClassSessionError, StoreUnavailable
from explorer.classroom.follow import step_digest

from ui import push
from ui.class_session import ERROR, JOIN_PARAM, POLL_SECONDS, attempt, classroom, seat, show_error, throttle
from ui.components.class_parts import render_reveal, render_step, render_tally
from ui.components.page import page_header
from ui.components.summary import render_summary
from ui.components.text import md

JOINED = "class_joined"  # the code this browser session has joined
SEEN = "class_seen_version"
CODE_INPUT = "class_code_input"
BIG_BUTTONS = """<style>
[data-testid="stMainBlockContainer"] .stButton button { min-height: 3.4rem; }
[data-testid="stMainBlockContainer"] .stButton button p { font-size: 1.15rem; }
</style>"""


def join_typed() -> None:
    """Form callback: join with the code typed; a good code goes into the URL (?join=CODE)."""
    typed = st.session_state.get(CODE_INPUT, "")
    record = attempt(lambda: classroom().join(typed, seat(), throttle()))
    if record is not None:
        st.session_state[JOINED] = record.code
        st.query_params[JOIN_PARAM] = record.code


def render_join_form() -> None:
    st.markdown("Type the join code your tutor shows (6 characters), or open the link or QR code they share.")
    with st.form("class_join"):
        st.text_input("Join code", key=CODE_INPUT, max_chars=12, placeholder="e.g. K7MPQ4")
        st.form_submit_button("Join", type="primary", on_click=join_typed, width="stretch")
    show_error()


def joined_record(text: str) -> ClassRecord | None:
    """The session of the link's code, joining it once per browser session (joining again keeps the same seat).

    A wrong or ended code counts against this browser's throttle and is dropped from the URL, so that the form
    takes over; while the store is unavailable the link is kept for when it is back.
    """
    try:
        if st.session_state.get(JOINED) == text:
            return classroom().record(text)
        record = classroom().join(text, seat(), throttle())
    except StoreUnavailable as exc:
        st.session_state[ERROR] = str(exc)
        return None
    except ClassSessionError as exc:
        st.session_state[ERROR] = str(exc)
        st.session_state.pop(JOINED, None)
        del st.query_params[JOIN_PARAM]
        return None
    st.session_state[JOINED] = text
    return record


def choose(code: str, choice: str) -> None:
    attempt(lambda: classroom().answer(code, seat(), choice))


def render_question(record: ClassRecord) -> None:
    current = record.current
    question = current.question
    mine = attempt(lambda: classroom().my_answer(record.code, seat()))
    mine_label = question.choice(mine).label if mine and question.choice(mine) else None
    st.subheader(f"Question: {md(question.prompt)}")
    if record.phase == "open":
        st.markdown("Tap your answer. You can change it until the tutor locks the question.")
        for choice in question.choices:
            picked = choice.id == mine
            st.button(f"✓ {choice.label} (your answer)" if picked else choice.label, key=f"answer:{choice.id}",
                      type="primary" if picked else "secondary", width="stretch",
                      on_click=choose, args=(record.code, choice.id))
        show_error()
        return
    yours = f"Your answer: **{md(mine_label)}**." if mine_label else "You did not answer this question."
    if record.phase == "locked":
        st.info(f"The tutor has locked the question. {yours}", icon=":material/lock:")
        return
    right = mine == question.answer
    verdict = ("That is the right answer." if right else f"The right answer is **{md(question.answer_label)}**.")
    (st.success if right else st.warning)(f"{yours} {verdict}", icon=":material/check_circle:" if right
                                          else ":material/info:")
    render_reveal(question)
    tally = attempt(lambda: classroom().tally(record.code))
    if tally is not None:
        st.markdown("**How the class answered**")
        render_tally(tally, question, revealed=True)


@st.fragment(run_every=POLL_SECONDS)
def poll(code: str) -> None:
    """Without push (AppTest, another Streamlit): rerun the page when the session's version moved."""
    version = attempt(lambda: classroom().version(code))
    if version != st.session_state.get(SEEN):
        st.rerun()


@st.fragment
def render_follow(code: str) -> None:
    """The follow view. A pushed update or an answer reruns only this fragment, not the whole page."""
    record = attempt(lambda: classroom().record(code))
    if record is None:  # ended long ago or expired: the full page shows why, with the join form
        st.rerun()
    st.session_state[SEEN] = record.version
    st.caption(f"Class session {record.code} · you are anonymous: no name is asked or stored.")
    if record.phase == "ended":
        st.info("The tutor has ended this class session. Thank you for taking part.", icon=":material/stop_circle:")
        return
    render_summary(classroom().scenario(record), "Scenario")
    if record.current is not None:
        render_question(record)
    else:
        st.info("Follow the tutor: a question appears here when they ask the class.", icon=":material/visibility:")
    render_step(step_digest(classroom().result(record), record.step), with_quotes=False)
    if push.available():
        push.follow(record.code, record.version, classroom().version)


page_header("Join a class")
code_text = st.query_params.get(JOIN_PARAM)
record = joined_record(code_text) if code_text else None
if record is None:
    render_join_form()
else:
    # Page-level parts are drawn once, not on each of the follow view's reruns (one per tutor action per student).
    st.markdown(BIG_BUTTONS, unsafe_allow_html=True)
    render_follow(record.code)
    st.caption("Educational only: the options the sources discuss for a teaching scenario, not medical advice.")
    if not push.available():
        poll(record.code)
