"""Pieces the tutor's and the students' class views share: the step in words, the tally bars, the reveal."""

from __future__ import annotations

import streamlit as st

from explorer.classroom import Question, Tally
from explorer.classroom.follow import StepDigest

from ..resources import refs
from .quote import render_quotes
from .text import md

RIGHT = "right answer"


def render_step(digest: StepDigest, *, with_quotes: bool) -> None:
    st.subheader(f"Step {digest.number} of {digest.total}: {md(digest.title)}")
    # one element for both lists: every element costs server time on each student's rerun
    st.markdown("**What it used**\n\n" + "\n".join(f"- {md(line)}" for line in digest.used)
                + "\n\n**What it added**\n\n" + "\n".join(f"- {md(line)}" for line in digest.added))
    if with_quotes:
        render_quotes(refs(digest.statements), f"class{digest.number}", with_source=False)


def render_tally(tally: Tally, question: Question, *, revealed: bool) -> None:
    """A labelled bar per choice with its count and share: readable without colour."""
    st.markdown(f"**{tally.joined} joined · {tally.answered} answered**")
    for choice, label, count in tally.counts:
        share = count / tally.answered if tally.answered else 0.0
        mark = f" — ✓ {RIGHT}" if revealed and choice == question.answer else ""
        st.progress(share, text=f"{md(label)}: {count} ({share:.0%}){mark}")


def render_reveal(question: Question) -> None:
    st.success(f"**Right answer: {md(question.answer_label)}.** {md(question.explanation)}",
               icon=":material/check_circle:")
    if question.statements:
        st.markdown("**What the sources say**")
        render_quotes(refs(question.statements), f"reveal:{question.id}", with_source=False)
