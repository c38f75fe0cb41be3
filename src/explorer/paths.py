"""Where the rules directory lives."""

from __future__ import annotations

import os
from pathlib import Path


def default_rules_dir() -> Path:
    """$EXPLORER_RULES_DIR, else the copy inside an installed wheel, else the repository's rules/."""
    env = os.environ.get("EXPLORER_RULES_DIR")
    if env:
        return Path(env)
    packaged = Path(__file__).with_name("_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"
