"""A session's questions as CSV and JSON: per question the choices, the counts and the right answer. No names."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..disclaimer import DISCLAIMER
from .record import ClassRecord

CSV_COLUMNS = ("question", "step", "prompt", "choice", "count", "right_answer", "answered", "revealed")


def session_summary(record: ClassRecord, joined: int) -> dict[str, Any]:
    return {
        "disclaimer": DISCLAIMER,
        "code": record.code,
        "scenario": record.scenario,
        "steps": record.steps,
        "joined": joined,
        "questions": [
            {
                "number": asked.number,
                "step": asked.question.step,
                "prompt": asked.question.prompt,
                "choices": [{"id": c.id, "label": c.label, "count": (asked.counts or {}).get(c.id, 0)}
                            for c in asked.question.choices],
                "answer": asked.question.answer,
                "answer_label": asked.question.answer_label,
                "answered": asked.answered,
                "revealed": asked.revealed,
                "statements": list(asked.question.statements),
            }
            for asked in record.asked if asked.counts is not None
        ],
    }


def to_json(record: ClassRecord, joined: int) -> str:
    return json.dumps(session_summary(record, joined), indent=2, ensure_ascii=False) + "\n"


def to_csv(record: ClassRecord, joined: int) -> str:
    """One row per choice of each question; the first line is the disclaimer as a comment."""
    out = io.StringIO()
    out.write(f"# {DISCLAIMER}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in session_summary(record, joined)["questions"]:
        for choice in q["choices"]:
            writer.writerow((q["number"], q["step"], q["prompt"], choice["label"], choice["count"],
                             "yes" if choice["id"] == q["answer"] else "no", q["answered"],
                             "yes" if q["revealed"] else "no"))
    return out.getvalue()
