"""Shared fixtures: the process-wide explorer and a hypothesis strategy for valid scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import Explorer, default_explorer

REPO = Path(__file__).resolve().parents[1]
MINI_RULES = Path(__file__).parent / "data" / "mini_rules"


@pytest.fixture(scope="session")
def explorer() -> Explorer:
    return default_explorer()
