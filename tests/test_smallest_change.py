"""Why not, as the smallest change: properties on the shipped pack, exact answers on a small test pack."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from explorer import Explorer, Scenario
from explorer.cases import load_cases
from explorer.categories import CORE_CATEGORIES
from explorer.result import SmallestChange
from explorer.space.sampling import random_scenarios
from explorer.scenario import ATTRIBUTES, SYMPTOMS
from explorer.smallest_change import smallest_changes, with_smallest_changes

from .strategies import scenario_dicts

WHY_NOT_RULES = Path(__file__).parent / "data" / "why_not_rules"


@pytest.fixture(scope="module")
def small() -> Explorer:
    return Explorer.load(WHY_NOT_RULES)


def units(base: Scenario, change: SmallestChange) -> list[tuple[str, Any]]:
    """The change split into elementary changes: (field, new value) or (symptoms, (item, present))."""
    out: list[tuple[str, Any]] = []
    for c in change.changes:
        if ATTRIBUTES[c.field].kind == "set":
            before, after = set(c.from_), set(c.to)
            out += [(c.field, (item, item in after)) for item in sorted(before ^ after)]
        else:
            out.append((c.field, c.to))
    return out


def apply(base: Scenario, some: list[tuple[str, Any]]) -> dict[str, Any]:
    data = base.model_dump()
    for field, value in some:
        if ATTRIBUTES[field].kind == "set":
            item, present = value
            items = set(data[field]) - {item} | ({item} if present else set())
            data[field] = [s for s in SYMPTOMS if s in items]
        else:
            data[field] = value
    return data


def brings_in(explorer: Explorer, data: dict[str, Any], category: str) -> bool:
    try:
        scenario = Scenario.model_validate(data)
    except ValueError:
        return False
    return category in explorer.evaluate(scenario).categories


def check_properties(explorer: Explorer, base: Scenario) -> int:
    """Every reported change is valid, brings its category in, and no smaller part of it does; returns the count."""
    result = with_smallest_changes(explorer, explorer.evaluate(base))
    checked = 0
    for item in result.not_discussed:
        assert item.smallest_changes is not None
        sizes = {c.size for c in item.smallest_changes}
        assert len(sizes) <= 1, "only the smallest size that works"
        for change in item.smallest_changes:
            parts = units(base, change)
            assert len(parts) == change.size
            assert {c.field for c in change.changes} == {f for f, _ in parts}
            changed = Scenario.model_validate(apply(base, parts))  # raises if not a valid scenario
            after = explorer.evaluate(changed)
            assert item.category in after.categories
            option = after.option(item.category)
            assert option is not None and change.rules == option.rules and change.statements == option.statements
            assert all(s in result.statements for s in change.statements)
            for k in range(1, len(parts)):
                for subset in combinations(parts, k):
                    assert not brings_in(explorer, apply(base, list(subset)), item.category), (change.text(), subset)
            checked += 1
    return checked


def single_changes(base: Scenario) -> list[tuple[str, Any]]:
    """Every other value of every field (each symptom added or removed): no pruning at all."""
    out: list[tuple[str, Any]] = []
    for name, spec in ATTRIBUTES.items():
        current = getattr(base, name)
        if spec.kind == "set":
            out += [(name, (s, s not in current)) for s in SYMPTOMS]
            continue
        values = ((None,) if spec.nullable else ()) + tuple(spec.values)
        out += [(name, v) for v in values if v != current]
    return out


# -- the small test pack: the answers are known from its eight rules ------------------------------------
def test_empty_scenario_on_the_small_pack(small: Explorer) -> None:
    found = {cat: smallest_changes(small, {}, cat) for cat in CORE_CATEGORIES}
    texts = {cat: [sorted((c.field, str(c.to)) for c in ch.changes) for ch in changes] for cat, changes in found.items()}
    assert texts["observation"] == [[("behaviour", "benign")]]
    assert texts["surgery"] == [[("extent", "single_segment"), ("overall_health", "good")]]
    # a stage needs a malignant tumour: the pair, never the invalid single change
    assert texts["radiation"] == [[("behaviour", "malignant"), ("stage", "3")]]
    assert sorted(texts["chemotherapy"]) == [[("age", "70"), ("behaviour", "malignant")],
                                             [("origin", "secondary"), ("primary_site", "lung")]]
    (palliative,) = found["palliative"]
    assert palliative.size == 3
    fields = {c.field: c for c in palliative.changes}
    assert set(fields) == {"overall_health", "serious_comorbidities", "symptoms"}
    assert fields["symptoms"].to in (["pain"], ["weakness"])
    assert palliative.rules == ("palliative-poor-sick-pain",) and palliative.statements == ("mini-palliative",)


def test_numbers_take_the_nearest_value_that_works(small: Explorer) -> None:
    changes = smallest_changes(small, {"behaviour": "malignant", "age": 40}, "chemotherapy")
    assert [(c.field, c.to) for ch in changes for c in ch.changes if c.field == "age"] == [("age", 70)]


def test_no_smaller_change_is_missed_on_the_small_pack(small: Explorer) -> None:
    """Brute force over every value of every field, pairs included, agrees with the search on the sizes."""
    base = Scenario()
    singles = single_changes(base)
    for cat in CORE_CATEGORIES:
        reported = smallest_changes(small, base, cat)
        smallest = min(c.size for c in reported)
        brute_single = [u for u in singles if brings_in(small, apply(base, [u]), cat)]
        assert bool(brute_single) == (smallest == 1), cat
        if smallest >= 2:
            brute_pair = any(
                brings_in(small, apply(base, [a, b]), cat) for a, b in combinations(singles, 2) if a[0] != b[0]
                or ATTRIBUTES[a[0]].kind == "set"
            )
            assert brute_pair == (smallest == 2), cat


def test_a_category_already_discussed_is_not_listed(small: Explorer) -> None:
    result = with_smallest_changes(small, small.evaluate({"behaviour": "benign"}))
    assert "observation" not in {n.category for n in result.not_discussed}
    assert all(n.smallest_changes for n in result.not_discussed)


def test_json_uses_from_and_to(small: Explorer) -> None:
    data = with_smallest_changes(small, small.evaluate({})).model_dump(mode="json")
    first = data["not_discussed"][0]["smallest_changes"][0]["changes"][0]
    assert set(first) >= {"field", "from", "to"}
    assert small.evaluate({}).model_dump(mode="json")["not_discussed"][0]["smallest_changes"] is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dicts())
def test_properties_hold_on_the_small_pack(small: Explorer, data: dict[str, Any]) -> None:
    check_properties(small, Scenario.model_validate(data))


# -- the shipped pack: properties only (its content is being rewritten) ----------------------------------
def test_properties_hold_on_the_case_library(explorer: Explorer) -> None:
    assert sum(check_properties(explorer, case.scenario) for case in load_cases()) > 0


def test_properties_hold_on_random_scenarios(explorer: Explorer) -> None:
    for scenario in random_scenarios(15, seed=9):
        check_properties(explorer, scenario)


def test_singles_match_brute_force_on_the_shipped_pack(explorer: Explorer) -> None:
    """If any one change of any field brings a category in, the search reports single changes, and the reverse."""
    for scenario in [Scenario(), *random_scenarios(4, seed=5)]:
        result = with_smallest_changes(explorer, explorer.evaluate(scenario))
        singles = single_changes(scenario)
        for item in result.not_discussed:
            assert item.smallest_changes is not None
            brute = {f for f, v in singles if brings_in(explorer, apply(scenario, [(f, v)]), item.category)}
            reported = {c.changes[0].field for c in item.smallest_changes if c.size == 1}
            assert reported == brute, item.category


# -- the quiz and the handouts use the same answer ----------------------------------------------------------
def test_quiz_scores_core_only_and_explains_a_wrong_pick_by_its_smallest_change(small: Explorer) -> None:
    from explorer.quiz import grade

    result = with_smallest_changes(small, small.evaluate({"behaviour": "benign"}))  # only observation applies
    outcome = grade(result, ["observation", "surgery", "biopsy"])
    marks = {m.category: m for m in outcome.marks}
    assert (marks["observation"].verdict, marks["observation"].icon) == ("hit", "✓")
    wrong = marks["surgery"]
    assert (wrong.verdict, wrong.icon, wrong.correct) == ("wrong pick", "✗", False)
    assert wrong.statements == () and wrong.smallest_changes and wrong.unmet
    assert {c.field for c in wrong.smallest_changes[0].changes} == {"extent", "overall_health"}
    assert marks["biopsy"].kind == "adjunct"
    assert (outcome.hits, outcome.false_alarms) == (1, 1)  # the adjunct pick is marked but not scored
    assert outcome.score.startswith("1 of 1 discussed core options found")


def test_handouts_lead_the_why_not_with_the_smallest_change(small: Explorer) -> None:
    from datetime import date

    from explorer.formats import render_html, render_markdown, render_text

    result = with_smallest_changes(small, small.evaluate({"behaviour": "benign"}))
    first = {n.label: n.smallest_changes[0].text() for n in result.not_discussed if n.smallest_changes}
    md = render_markdown(result, link="http://localhost/?behaviour=benign", today=date(2026, 1, 2))
    html = render_html(result, link="http://localhost/?behaviour=benign", today=date(2026, 1, 2))
    text = render_text(result)
    for label, change in first.items():
        after_heading = md.split(f"### {label}\n\n", 1)[1].splitlines()[0]
        assert after_heading == f"**Smallest change:** {change}  "
        assert f"smallest change: {change}" in " ".join(text.split())
        assert "Smallest change: " + change.replace("→", "&rarr;") in html or f"Smallest change: {change}" in html
    # the title is user-facing text, so the handout escapes its Markdown (colons too: no "javascript:" links)
    assert md.startswith("# Teaching scenario\\: Behaviour\\: benign") and "2026-01-02" in md and "2026-01-02" in html
    assert "http://localhost/?behaviour=benign" in md and 'href="http://localhost/?behaviour=benign"' in html
    assert '"\n> "' not in md  # consecutive quotes are separated by a blank line


def test_cli_json_has_smallest_changes(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    src = tmp_path / "s.json"
    src.write_text(json.dumps({"behaviour": "benign", "symptoms": ["pain"]}))
    out = subprocess.run([sys.executable, "-m", "explorer.cli", "evaluate", str(src), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["not_discussed"]
    for item in data["not_discussed"]:
        assert isinstance(item["smallest_changes"], list)
        sizes = [c["size"] for c in item["smallest_changes"]]
        assert sizes == sorted(sizes)
        for change in item["smallest_changes"]:
            assert all(set(c) >= {"field", "from", "to"} for c in change["changes"]) and change["rules"]
    # the old key is still emitted for one release, with the same content, smallest changes included
    assert data["not_indicated"] == data["not_discussed"]
    assert [i["category"] for i in data["not_indicated"]] == [i["category"] for i in data["not_discussed"]]
    assert all(isinstance(i["smallest_changes"], list) and i["smallest_changes"] for i in data["not_indicated"])


def test_the_old_key_is_an_alias_marked_deprecated_in_the_schema(small: Explorer) -> None:
    from explorer.result import OLD_KEY_REMOVED_IN, Result

    result = with_smallest_changes(small, small.evaluate({"behaviour": "benign"}))
    data = result.model_dump(mode="json")
    assert {"not_discussed", "not_indicated"} <= set(data) and data["not_indicated"] == data["not_discussed"]
    assert result.not_indicated == result.not_discussed and len(result.not_discussed) == 4
    schema = Result.model_json_schema(mode="serialization")["properties"]
    assert schema["not_indicated"]["deprecated"] is True and OLD_KEY_REMOVED_IN in schema["not_indicated"]["description"]
    assert "deprecated" not in schema["not_discussed"]
    # a JSON written by 0.1 (only the old key) still reads back
    old = {k: v for k, v in data.items() if k != "not_discussed"}
    assert Result.model_validate(old).not_discussed == result.not_discussed


def test_inputs_that_change_nothing_are_named_with_what_their_rules_also_need(small: Explorer) -> None:
    from explorer.inert_inputs import inert_inputs

    inert = {i.field: i for i in inert_inputs(small, {"behaviour": "benign", "overall_health": "poor", "region": "thoracic"})}
    assert set(inert) == {"overall_health", "region"}  # benign brings observation in, so it is not inert
    assert inert["region"].read_by == () and "no rule reads it" in inert["region"].text()
    assert inert["overall_health"].read_by == ("fit", "palliative-poor-sick-pain")
    assert set(inert["overall_health"].also_needed) == {
        "Other serious health problems yes", "Symptoms includes any of: pain, weakness"}


def test_inert_inputs_really_change_nothing(explorer: Explorer) -> None:
    from explorer.inert_inputs import inert_inputs
    from explorer.whatif import vary

    for scenario in [c.scenario for c in load_cases()] + list(random_scenarios(10, seed=4)):
        fired = [s.rule for s in explorer.evaluate(scenario).trace]
        for item in inert_inputs(explorer, scenario):
            value = getattr(scenario, item.field)
            without = vary(scenario, item.field, [s for s in value if s != item.entered]
                           if ATTRIBUTES[item.field].kind == "set" else Scenario().model_dump()[item.field])[0]
            assert sorted(s.rule for s in explorer.evaluate(without).trace) == sorted(fired)
