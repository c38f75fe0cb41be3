"""Helpers more than one subcommand uses."""

from __future__ import annotations

from pathlib import Path

from ..api import Explorer, default_explorer
from ..errors import InputError


def explorer_for(rules_dir: str | None) -> Explorer:
    """The explorer over `--rules DIR`, or the shipped pack."""
    if rules_dir is None:
        return default_explorer()
    if not Path(rules_dir).is_dir():
        raise InputError(f"--rules {rules_dir}: no such rules directory")
    return Explorer.load(rules_dir)
