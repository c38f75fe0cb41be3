"""User-facing errors: one clear line naming the field, file or line and what is allowed."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class ExplorerError(Exception):
    """Base class for errors the tool reports to a person (never a traceback)."""


class InputError(ExplorerError):
    """Bad scenario / case input: names the field or file and what is allowed."""


class RulePackError(ExplorerError):
    """The rule pack failed to load or validate; `problems` lists every finding."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems) if problems else "rule pack is invalid")


def _loc(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def describe_validation_error(error: ValidationError, where: str = "scenario") -> str:
    """Turn a pydantic ValidationError into short `where: field 'x': problem` lines."""
    lines = []
    for item in error.errors(include_url=False):
        field = _loc(item.get("loc", ()))
        message = item.get("msg", "invalid value")
        ctx = item.get("ctx") or {}
        if "expected" in ctx and "Input should be" in message:
            message = f"got {item.get('input')!r}; allowed: {ctx['expected']}"
        elif item.get("type") == "extra_forbidden":
            message = "unknown field (see `explorer schema` for the allowed fields)"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        if item.get("loc"):
            lines.append(f"{where}: field '{field}': {message}")
        else:
            lines.append(f"{where}: {message}")
    return "; ".join(lines)
