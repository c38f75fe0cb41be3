"""The shipped teaching cases double as tests: what must appear, what must not, and which tensions."""

from __future__ import annotations

import pytest

from explorer import InputError
from explorer.cases import import_document, load_cases
from explorer.categories import CATEGORIES, CORE_CATEGORIES
from explorer.reachability import Reachability

CASES = load_cases()


def test_the_library_is_large_enough_and_covers_every_category_and_tension(explorer):
    assert len(CASES) >= 30
    results = [explorer.evaluate(case.scenario) for case in CASES]
    seen = {c for r in results for c in r.categories}
    assert set(CATEGORIES) - seen == set()
    shown = {t.id for r in results for t in r.tensions}
    assert {t.id for t in explorer.pack.tensions} - shown == set()


def test_cases_fire_every_rule_that_can_fire(explorer):
    fired = {s.rule for case in CASES for s in explorer.evaluate(case.scenario).trace}
    fireable = {rid for rid, w in Reachability(explorer.pack.rules).witnesses.items() if w is not None}
    assert fireable - fired == set()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_states_every_core_category_one_way_or_the_other(case):
    assert case.title and case.teaching_notes and case.teaches
    assert set(CORE_CATEGORIES) <= set(case.expected_categories) | set(case.absent_categories)
    assert not set(case.expected_categories) & set(case.absent_categories)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_gives_what_must_appear_and_not_what_must_not(explorer, case):
    listed = set(explorer.evaluate(case.scenario).categories)
    assert set(case.expected_categories) - listed == set(), "missing"
    assert set(case.absent_categories) & listed == set(), "must not appear"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_shows_exactly_its_tensions(explorer, case):
    assert sorted(t.id for t in explorer.evaluate(case.scenario).tensions) == sorted(case.expected_tensions)


def test_import_accepts_a_case_or_a_bare_scenario():
    scenario, case = import_document(b"title: My case\nteaching_notes: n\nscenario: {behaviour: benign}\n", "mine.yaml")
    assert case is not None and scenario.behaviour == "benign" and scenario.title == "My case"
    scenario, case = import_document(b'{"origin": "primary"}', "s.json")
    assert case is None and scenario.origin == "primary"


@pytest.mark.parametrize("data, message", [
    (b"scenario: {origin: nowhere}\ntitle: t t\n", "scenario: field 'origin'"),
    (b"title: ok title\nscenario: {}\nexpected_categories: [massage]\n", "unknown category 'massage'"),
    (b"title: ok title\nscenario: {}\nabsent_categories: [massage]\n", "unknown category 'massage'"),
    (b"title: ok title\nscenario: {origin: secondary, behaviour: benign}\n", "field 'behaviour'"),
    (b"a" * 300_000, "the limit is"),
    (b"\x89PNG\r\n", "not UTF-8"),
])
def test_import_refusals_are_clear(data, message):
    with pytest.raises(InputError, match=message):
        import_document(data, "upload.yaml")


def test_exported_documents_carry_the_disclaimer_and_import_again():
    import json

    from explorer.cases import export_document
    from explorer.disclaimer import DISCLAIMER
    from explorer.scenario import parse_scenario

    scenario = parse_scenario({"behaviour": "malignant", "stage": 3, "symptoms": ["pain"], "title": "T"})
    document = export_document(scenario)
    assert document["disclaimer"] == DISCLAIMER
    restored, case = import_document(json.dumps(document), "export.json")
    assert restored == scenario and case is None


def test_an_envelope_with_other_keys_is_read_as_a_case_and_validated():
    with pytest.raises(InputError, match="title"):
        import_document(b"scenario: {}\ncolour: blue\n", "odd.yaml")
