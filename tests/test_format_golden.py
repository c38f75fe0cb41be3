"""The text, Markdown and HTML renderings pinned byte for byte on a spread of scenarios.

The files under tests/data/format_golden/ were written by the renderers before they shared one walk; any change to
a rendering shows here as a diff. After a deliberate change (a new rule, a reworded line), regenerate them with
`EXPLORER_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_format_golden.py` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from explorer.api import Explorer, default_explorer
from explorer.cases import load_case
from explorer.formats import render_html, render_markdown, render_text
from explorer.paths import default_rules_dir
from explorer.result import Result
from explorer.smallest_change import with_smallest_changes

GOLDEN = Path(__file__).parent / "data" / "format_golden"
REGENERATE = os.environ.get("EXPLORER_REGENERATE_GOLDEN") == "1"
CASES = ("01-incidental-benign-tumour", "03-primary-cancer-localised-removable", "05-advanced-metastatic-poor-health",
         "07-epidural-cord-compression", "12-benign-residual-after-surgery", "18-empty-scenario",
         "21-widespread-cancer-poor-health", "27-stage-3-cancer-symptomatic")
# user text that every format must keep inert: markup, a link, terminal controls, a long line to wrap
HOSTILE = {"title": "<b>bold</b> *star* [x](javascript:alert(1)) \x1b[31mred", "notes": "# heading\n\n- list & <i>\x07",
           "behaviour": "benign", "symptoms": ["pain", "numbness"]}
SCENARIOS = {name: None for name in CASES} | {"hostile-title-and-notes": HOSTILE}


def _result(explorer: Explorer, name: str) -> Result:
    data = SCENARIOS[name]
    if data is None:
        scenario = load_case(default_rules_dir() / "cases" / f"{name}.yaml").scenario_with_title()
    else:
        scenario = data
    return with_smallest_changes(explorer, explorer.evaluate(scenario))


def _renderings(result: Result, name: str) -> dict[str, str]:
    link, today = "http://localhost:8501/?behaviour=benign&title=a%26b", date(2026, 1, 2)
    without_link = {"nolink.md": render_markdown(result, today=today), "nolink.html": render_html(result, today=today)}
    return (without_link if name == "hostile-title-and-notes" else {}) | {
        "txt": render_text(result),
        "md": render_markdown(result, link=link, today=today),
        "html": render_html(result, link=link, today=today),
    }


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_renderings_are_byte_identical_to_the_pinned_files(name: str) -> None:
    renderings = _renderings(_result(default_explorer(), name), name)
    for suffix, text in renderings.items():
        path = GOLDEN / f"{name}.{suffix}"
        if REGENERATE:
            path.write_bytes(text.encode("utf-8"))
            continue
        assert path.exists(), f"{path} missing: regenerate with EXPLORER_REGENERATE_GOLDEN=1"
        assert text == path.read_bytes().decode("utf-8"), f"{path.name} differs from the pinned rendering"


def test_the_pinned_files_cover_what_the_walk_must_handle() -> None:
    """The spread is real: options with counterpoints, tensions, why-nots with and without changes, no options."""
    pinned = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.iterdir()}
    assert len(pinned) == len(SCENARIOS) * 3 + 2
    texts = [t for n, t in pinned.items() if n.endswith(".txt")]
    assert any("Sources point different ways:" in t for t in texts)
    assert any("Where the sources point different ways for this scenario:" in t for t in texts)
    assert any("smallest change: " in t for t in texts)
    assert all(t.startswith("NOTE: Educational tool only") for t in texts)
    assert "\x1b" not in pinned["hostile-title-and-notes.txt"] and "\x07" not in pinned["hostile-title-and-notes.txt"]
    assert "<b>" not in pinned["hostile-title-and-notes.html"] and "&lt;b&gt;" in pinned["hostile-title-and-notes.html"]
    assert pinned["hostile-title-and-notes.md"].startswith("# &lt;b&gt;bold&lt;/b&gt; \\*star\\*")
