"""Class session, the tutor's view: join code and QR code, step controls, questions, the live tally, export."""

from __future__ import annotations

import base64
from html import escape

import streamlit as st

from explorer.classroom import ClassRecord, TutorPass, to_csv, to_json
from explorer.classroom.follow import step_digest

from ui import state
from ui.class_session import (
    TALLY_POLL_SECONDS, TUTOR, attempt, classroom, join_url, qr_png, show_error, tutor_pass, tutor_record,
)
from ui.components.class_launcher import render_class_launcher
from ui.components.class_parts import render_reveal, render_step, render_tally
from ui.components.page import page_header
from ui.components.summary import render_summary
from ui.components.text import md

QUESTION = "class_question"
PHASES = {
    "following": "No question is open: the students follow your steps.",
    "open": "The question is open: students can answer and change their answer.",
    "locked": "The question is locked: answers are final. Reveal when you are ready.",
    "revealed": "The answer is revealed on the students' devices.",
    "ended": "This class session has ended.",
}
CODE_STYLE = ("font-family: ui-monospace, monospace; font-size: 3.2rem; font-weight: 700; letter-spacing: 0.35rem; "
              "line-height: 1.1; margin: 0 0 0.5rem 0")
QR_PX = 300  # fully visible at 1280x720 under the code; about 8 px per module


def act(name: str, held: TutorPass, *args: object) -> None:
    """Button callback: one tutor action; a refusal is shown on the page."""
    attempt(lambda: getattr(classroom(), name)(held.code, held.key, *args))


def render_join_panel(code: str) -> None:
    url = join_url(code)
    png = base64.b64encode(qr_png(url)).decode()
    st.html(f'<p style="{CODE_STYLE}" aria-label="Join code {" ".join(code)}">{code}</p>'
            f'<img src="data:image/png;base64,{png}" width="{QR_PX}" height="{QR_PX}" '
            f'alt="QR code of the join link {escape(url)}">')
    st.markdown("Scan the code, or open this link and type the join code:")
    st.code(url, language=None, wrap_lines=True)


def render_controls(record: ClassRecord, held: TutorPass) -> None:
    st.markdown(f"**{md(PHASES[record.phase])}**")
    back, forward, stop = st.columns(3)
    back.button("Previous", icon=":material/arrow_back:", on_click=act, args=("go_to", held, record.step - 1),
                disabled=record.step <= 1, width="stretch")
    forward.button("Next", icon=":material/arrow_forward:", on_click=act, args=("go_to", held, record.step + 1),
                   disabled=record.step >= record.steps, width="stretch")
    stop.button("End session", icon=":material/stop_circle:", on_click=act, args=("end", held), width="stretch")
    asking = record.phase in ("open", "locked")
    if not asking:  # while one is open, the live tally below names it
        questions = {q.id: q for q in classroom().questions(record)}
        st.selectbox("Question for the class", list(questions), key=QUESTION,
                     format_func=lambda qid: questions[qid].prompt if qid in questions else qid)
    ask, lock, reveal = st.columns(3)
    ask.button("Ask the class", icon=":material/help:", type="primary", disabled=asking,
               on_click=lambda: act("ask", held, st.session_state.get(QUESTION)), width="stretch")
    lock.button("Lock", icon=":material/lock:", disabled=record.phase != "open", on_click=act, args=("lock", held),
                width="stretch")
    reveal.button("Reveal", icon=":material/visibility:", disabled=not asking, on_click=act, args=("reveal", held),
                  width="stretch")


@st.fragment(run_every=TALLY_POLL_SECONDS)
def render_live_tally(code: str, key: str) -> None:
    """Refreshed every TALLY_POLL_SECONDS: the joined count, and the answers while a question is open."""
    record = attempt(lambda: classroom().record(code))
    if record is None:
        show_error()
        return
    current = record.current
    if current is None:
        st.markdown(f"**{attempt(lambda: classroom().joined(code)) or 0} joined**")
        return
    st.markdown(f"**Question {current.number}: {md(current.question.prompt)}**")
    tally = attempt(lambda: classroom().tally(code, key))
    if tally is not None:
        render_tally(tally, current.question, revealed=record.phase == "revealed")


def render_downloads(record: ClassRecord) -> None:
    joined = classroom().joined(record.code)
    st.caption("Per question: the choices, the counts and the right answer. No names are stored.")
    left, right = st.columns(2)
    left.download_button("Download CSV", to_csv(record, joined), file_name=f"class-{record.code}.csv",
                         mime="text/csv", icon=":material/download:", on_click="ignore")
    right.download_button("Download JSON", to_json(record, joined), file_name=f"class-{record.code}.json",
                          mime="application/json", icon=":material/download:", on_click="ignore")


def render_session(record: ClassRecord, held: TutorPass) -> None:
    result = classroom().result(record)
    join, drive = st.columns([2, 3], gap="large")
    with join:
        render_join_panel(record.code)
    with drive:
        render_controls(record, held)
        show_error()
        render_live_tally(record.code, held.key)
    if record.phase == "revealed" and record.current is not None:
        render_reveal(record.current.question)
    render_summary(classroom().scenario(record), "Scenario")
    render_step(step_digest(result, record.step), with_quotes=True)
    with st.expander("Resume this session on another device (do not open on the projector)"):
        st.markdown("Keep this tutor key private: with the join code it lets you drive the session.")
        st.code(held.key, language=None)
    with st.expander("Download the results so far"):
        render_downloads(record)


def resume() -> None:
    """Form callback: take over a session with its code and tutor key (after a reload or on another device)."""
    code, key = st.session_state.get("class_resume_code", ""), st.session_state.get("class_resume_key", "")
    record = attempt(lambda: classroom().check_tutor(code, key))
    if record is not None:
        st.session_state[TUTOR] = TutorPass(code=record.code, key=key)


def render_resume_form() -> None:
    with st.expander("Resume a class session as its tutor"):
        with st.form("class_resume"):
            st.text_input("Join code", key="class_resume_code", max_chars=12)
            st.text_input("Tutor key", key="class_resume_key", type="password", max_chars=100)
            st.form_submit_button("Resume", on_click=resume)


def render_ended(record: ClassRecord) -> None:
    st.info(f"Class session {record.code} has ended. Download its results below.", icon=":material/stop_circle:")
    render_downloads(record)
    if st.button("Close this session here", icon=":material/close:"):
        del st.session_state[TUTOR]
        st.rerun()


page_header("Class session")
held = tutor_pass()
record = tutor_record()
if held is None or record is None:
    show_error()
    st.markdown("Step a class through the current scenario: students join on their own devices with a code or a "
                "QR code, follow your steps, answer your questions and see the tally.")
    render_summary(state.current_scenario())
    render_class_launcher()
    render_resume_form()
elif record.phase == "ended":
    render_ended(record)
else:
    render_session(record, held)
