"""Shared fixtures: the process-wide explorer and a hypothesis strategy for valid scenarios."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer import Explorer, default_explorer

REPO = Path(__file__).resolve().parents[1]
MINI_RULES = Path(__file__).parent / "data" / "mini_rules"


@pytest.fixture(scope="session")
def explorer() -> Explorer:
    return default_explorer()


@pytest.fixture()
def pack_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test rule pack (tests/data/mini_rules)."""
    target = tmp_path / "rules"
    shutil.copytree(MINI_RULES, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a fixture file (which must contain it)."""
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1))
