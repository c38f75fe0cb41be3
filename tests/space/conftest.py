"""Fixtures for the sweep tests: the tiny hand-checkable rules directory under data/rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import Explorer

TINY = Path(__file__).parent / "data" / "rules"


@pytest.fixture(scope="session")
def tiny() -> Explorer:
    return Explorer.load(TINY)
