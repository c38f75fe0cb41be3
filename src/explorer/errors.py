"""User-facing errors: one clear line naming the field, file or line and what is allowed."""

from __future__ import annotations

import reprlib
from typing import Any

from pydantic import ValidationError

MAX_PREVIEW = 80  # characters of a rejected value that a message may quote
MAX_PROBLEMS = 3  # validation problems listed in one message (the line stays short)

_repr = reprlib.Repr()
_repr.maxlevel, _repr.maxstring, _repr.maxother = 3, MAX_PREVIEW, MAX_PREVIEW
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = 8
_repr.maxlong = 40  # digits (a 4,301-digit integer must not be converted to text whole)


class ExplorerError(Exception):
    """Base class for errors the tool reports to a person (never a traceback)."""


class InputError(ExplorerError):
    """Bad scenario / case input: names the field or file and what is allowed."""


class RulePackError(ExplorerError):
    """The rule pack failed to load or validate; `problems` lists every finding."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems) if problems else "rule pack is invalid")


def preview(value: Any) -> str:
    """A rejected value for a message: its repr, capped at MAX_PREVIEW characters, with its type when cut.

    Never renders the value whole: reprlib bounds the nesting, items and digits it looks at, so a value built from
    aliases (a few hundred bytes of YAML that expand to gigabytes) costs microseconds to describe."""
    try:
        text = _repr.repr(value)
    except Exception:  # a value whose repr fails is described by its type alone
        return f"a {type(value).__name__}"
    if len(text) <= MAX_PREVIEW and "..." not in text:
        return text
    return f"a {type(value).__name__} starting {text[:MAX_PREVIEW]}..."


def _loc(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def validation_problems(error: ValidationError) -> list[tuple[str, str]]:
    """Each problem of a pydantic ValidationError as (location, message): the rejected value as a capped preview with
    what is allowed, unknown fields pointed at the schema, and pydantic's prefixes dropped. The one place that words
    validation errors, for scenarios, documents and rule-pack files alike."""
    problems = []
    for item in error.errors(include_url=False):
        message = item.get("msg", "invalid value")
        ctx = item.get("ctx") or {}
        if "expected" in ctx and "Input should be" in message:
            message = f"got {preview(item.get('input'))}; allowed: {ctx['expected']}"
        elif item.get("type") == "extra_forbidden":
            message = "unknown field (see `explorer schema` for the allowed fields)"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        problems.append((_loc(item.get("loc", ())), message))
    return problems


def describe_validation_error(error: ValidationError, where: str = "scenario") -> str:
    """A pydantic ValidationError as one short line: `where: field 'x': problem; field 'y': ...` (at most
    MAX_PROBLEMS problems, each quoting the rejected value as a capped preview)."""
    lines = [f"field '{loc}': {message}" if loc else message for loc, message in validation_problems(error)]
    if len(lines) > MAX_PROBLEMS:
        lines = [*lines[:MAX_PROBLEMS], f"and {len(lines) - MAX_PROBLEMS} more problem(s)"]
    return f"{where}: " + "; ".join(lines)  # the file or source is named once
