"""What every handout shares: a title taken from the scenario, and the why-not led by the smallest change."""

from __future__ import annotations

from datetime import date

from ..result import NotDiscussed, Result, SmallestChange, StatementRef
from ..scenario import FIELD_LABELS, TEXT_FIELDS, parse_scenario, value_label

SHOWN_CHANGES = 2  # smallest changes shown per category in a handout; the JSON has them all
SHOWN_QUOTES = 4  # quotes shown in full per option in the HTML handout; the others are listed by id
TITLE_FIELDS = 3


def handout_title(result: Result) -> str:
    """The scenario's title, else its first few entered values ('Behaviour: malignant, Stage: 3, ...')."""
    title = result.scenario.get("title")
    if title:
        return str(title)
    entered = [f"{label}: {value}" for label, value in entered_rows(result)]
    if not entered:
        return "Teaching scenario: nothing entered"
    more = ", ..." if len(entered) > TITLE_FIELDS else ""
    return "Teaching scenario: " + ", ".join(entered[:TITLE_FIELDS]) + more


def dated(today: date | None) -> str:
    return (today or date.today()).isoformat()


def shown_changes(item: NotDiscussed) -> tuple[list[SmallestChange], int]:
    """The smallest changes a handout shows for a category, and how many more there are."""
    changes = list(item.smallest_changes or ())
    return changes[:SHOWN_CHANGES], max(0, len(changes) - SHOWN_CHANGES)


def key_quote(result: Result, change: SmallestChange) -> StatementRef | None:
    """The first statement that would then speak to the category."""
    for sid in (*change.key_statements, *change.statements):
        if sid in result.statements:
            return result.statements[sid]
    return None


def no_change_text(item: NotDiscussed) -> str | None:
    """What to say when the search found no change of up to three inputs (None: it was not run, or found some)."""
    if item.smallest_changes is not None and not item.smallest_changes:
        return "No change of up to three inputs brings it in."
    return None


def entered_rows(result: Result) -> list[tuple[str, str]]:
    """(factor, value) for the inputs that differ from the defaults; the rest are 'not entered'."""
    entered = parse_scenario(dict(result.scenario)).public_dict()
    return [(FIELD_LABELS.get(k, k), value_label(v)) for k, v in entered.items() if k not in TEXT_FIELDS]


OTHER_FACTORS = "Every other factor is at its default (unknown, no, not given, or no symptoms entered)."


def unmet_summary(item: NotDiscussed) -> str:
    """The distinct unmet conditions over every rule that could conclude the category, each once."""
    seen = dict.fromkeys(
        f"{o.label} is {o.actual}, needs {o.required}" for cand in item.candidates for o in cand.failed
    )
    rules = len(item.candidates)
    return f"{rules} rule{'s' if rules != 1 else ''} could bring it in; unmet: " + "; ".join(seen) + "."
