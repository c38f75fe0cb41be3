"""Shared fixtures: the process-wide explorer and a hypothesis strategy for valid scenarios."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from explorer import Explorer, default_explorer

REPO = Path(__file__).resolve().parents[1]
MINI_RULES = Path(__file__).parent / "data" / "mini_rules"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Outside tests/browser, no asyncio loop may still run in the main thread (an open Playwright sync browser
    keeps one): it would make the test's own `asyncio.run()` fail, far from the cause."""
    if "browser" in item.path.parts:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    pytest.fail(f"an asyncio loop is still running in the main thread before {item.nodeid} ({loop!r}): a browser "
                "or event loop opened by an earlier test was not closed", pytrace=False)


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
