"""Questions a tutor can put to the class at one step of the trace, with the right answer and its statements.

Everything comes from the Result: which categories the steps so far have concluded, which later step concludes
the next one, and why a category is or is not discussed. Nothing medical is written here.
"""

from __future__ import annotations

import random
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..categories import ADJUNCT_CATEGORIES, CATEGORIES, CORE_CATEGORIES
from ..result import Result

NONE_CHOICE = "none"
NONE_LABEL = "None: no further option"
ADJUNCT_CHOICES = 2  # adjuncts offered by "which option next?", the right one included when it is an adjunct
_CFG = ConfigDict(frozen=True)


class Choice(BaseModel):
    model_config = _CFG

    id: str
    label: str


class Question(BaseModel):
    """One question at one step: the choices offered, the right one, and the statements behind it."""

    model_config = _CFG

    id: str
    kind: Literal["next_option", "discussed"]
    step: int
    prompt: str
    choices: tuple[Choice, ...]
    answer: str  # the id of the right choice
    explanation: str
    statements: tuple[str, ...]

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def answer_label(self) -> str:
        found = self.choice(self.answer)
        return found.label if found else self.answer


def established(result: Result, step: int) -> set[str]:
    """The categories concluded by steps 1..step."""
    return {c.category for s in result.trace[:step] for c in s.conclusions}


def next_option_question(result: Result, step: int) -> Question:
    """ "Which option do the sources discuss next?": the first category a later step adds."""
    known = established(result, step)
    later = next(((number, s, c) for number, s in enumerate(result.trace[step:], start=step + 1)
                  for c in s.conclusions if c.category not in known), None)
    answer = later[2].category if later else NONE_CHOICE
    core = [c for c in CORE_CATEGORIES if c not in known]
    pool = [c for c in ADJUNCT_CATEGORIES if c not in known and c != answer]
    wanted = ADJUNCT_CHOICES - (answer in ADJUNCT_CATEGORIES)
    rng = random.Random(f"{step}:{sorted(result.scenario.items())}")  # the same choices every time it is asked
    adjuncts = set(rng.sample(pool, min(wanted, len(pool)))) | ({answer} & set(ADJUNCT_CATEGORIES))
    ids = [c for c in CATEGORIES if c in core or c in adjuncts] + [NONE_CHOICE]
    if later:
        number, rule_step, conclusion = later
        explanation = (f"Step {number} ({rule_step.title}) adds {CATEGORIES[answer]} "
                       f"({conclusion.role_label}).")
        statements = rule_step.statements
    else:
        explanation = "No later step adds an option: the options so far are all the sources discuss here."
        statements = ()
    return Question(id=f"next_option@{step}", kind="next_option", step=step,
                    prompt="Which option do the sources discuss next?",
                    choices=tuple(Choice(id=c, label=CATEGORIES.get(c, NONE_LABEL)) for c in ids),
                    answer=answer, explanation=explanation, statements=tuple(statements))


def discussed_question(result: Result, step: int, category: str) -> Question:
    """ "Is <category> discussed for this scenario?": yes or no, with the statements for or against."""
    label = CATEGORIES[category]
    option = result.option(category)
    if option is not None:
        explanation = f"The sources discuss {label} for this scenario ({', '.join(option.role_labels)})."
        statements = option.statements
    else:
        why_not = next((n for n in result.not_discussed if n.category == category), None)
        candidates = why_not.candidates if why_not else ()
        reason = f": {candidates[0].failed_text()}" if candidates and candidates[0].failed else ""
        explanation = f"The sources do not discuss {label} for this scenario{reason}."
        statements = tuple(dict.fromkeys(s for c in candidates for s in c.statements))
    return Question(id=f"discussed:{category}@{step}", kind="discussed", step=step,
                    prompt=f"Is {label} discussed for this scenario?",
                    choices=(Choice(id="yes", label="Yes"), Choice(id="no", label="No")),
                    answer="yes" if option is not None else "no", explanation=explanation,
                    statements=tuple(statements))


def questions_for_step(result: Result, step: int) -> list[Question]:
    """Every question that fits step `step` (1-based): the next option, then each core category the steps so far
    have not shown yet."""
    if not 1 <= step <= len(result.trace):
        return []
    known = established(result, step)
    return [next_option_question(result, step),
            *(discussed_question(result, step, c) for c in CORE_CATEGORIES if c not in known)]
