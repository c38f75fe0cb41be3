"""Stricter formats: numbers are numbers, keys are unique, a BOM is read, the engine takes validated input only,
and `explorer lint` refuses empty conditions and duplicate keys and reaches facts through cycles."""

from __future__ import annotations


import pytest

from explorer import InputError, Scenario, evaluate
from explorer.cases import load_case
from explorer.cli import main
from explorer.conditions import parse_when
from explorer.lint import lint
from explorer.documents import parse_document
from explorer.reachability import Reachability
from explorer.rulepack import Rule, RuleSpec
from explorer.scenario import parse_scenario
from explorer.share import from_query

from .conftest import edit

NOT_NUMBERS = [
    ("age: '45'\n", "age", "'45'"),
    ("age: 0x1F\n", "age", "'0x1F'"),
    ("age: 017\n", "age", "'017'"),
    ("age: 1:10\n", "age", "'1:10'"),
    ("age: 1_000\n", "age", "'1_000'"),
    ("behaviour: malignant\nstage: 2.0\n", "stage", "2.0"),
    ("cord_compression: 1\n", "cord_compression", "1"),
    ("spinal_instability: 'true'\n", "spinal_instability", "'true'"),
    ('{"age": "45"}', "age", "'45'"),
    ('{"behaviour": "malignant", "stage": 2.0}', "stage", "2.0"),
    ('{"diagnosis_confirmed": 0}', "diagnosis_confirmed", "0"),
]


@pytest.mark.parametrize("text, field, shown", NOT_NUMBERS, ids=[t for t, _, _ in NOT_NUMBERS])
def test_numbers_and_booleans_must_be_real_ones_and_the_field_is_named(text, field, shown):
    name = "s.json" if text.startswith("{") else "s.yaml"
    with pytest.raises(InputError) as exc:
        parse_scenario(parse_document(text, name), name)
    message = str(exc.value)
    assert f"field '{field}'" in message and f"got {shown}" in message


def test_real_numbers_and_booleans_are_accepted():
    s = parse_scenario(parse_document("age: 45\nbehaviour: malignant\nstage: 2\ncord_compression: true\n", "s.yaml"))
    assert (s.age, s.stage, s.cord_compression) == (45, 2, True)


@pytest.mark.parametrize("text, name", [
    ("origin: primary\nregion: cervical\norigin: secondary\n", "s.yaml"),
    ('{"origin": "primary", "origin": "secondary"}', "s.json"),
    ("symptoms: [pain]\nnotes: {a: 1, a: 2}\n", "s.yaml"),
])
def test_duplicate_keys_are_errors_not_last_wins(text, name):
    with pytest.raises(InputError, match="duplicate key 'origin'|duplicate key 'a'") as exc:
        parse_document(text, name)
    if name.endswith(".yaml"):
        assert "line " in str(exc.value)


def test_a_case_file_with_a_duplicate_key_is_refused(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("title: A case\ntitle: Another\nscenario: {}\n")
    with pytest.raises(InputError, match="case.yaml: line 2, column 1: invalid YAML/JSON: duplicate key 'title'"):
        load_case(path)


def test_json_with_a_byte_order_mark_is_read(tmp_path):
    plain = '{"origin": "primary", "symptoms": ["pain"]}'
    for name in ("s.json", "s.yaml"):
        assert parse_document(b"\xef\xbb\xbf" + plain.encode(), name) == parse_document(plain, name)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + plain.encode())
    assert main(["evaluate", str(path), "--format", "json"]) == 0


@pytest.mark.parametrize("raw", ["٣", "+3", " 3", "3_0", "0x3", "3.0", "1" * 4301])
def test_share_links_take_ascii_digits_only(raw):
    scenario, messages = from_query({"behaviour": "malignant", "stage": raw})
    assert scenario.stage is None and scenario.behaviour == "malignant"
    assert len(messages) == 1 and "'stage'" in messages[0] and len(messages[0]) < 500


def test_share_links_read_plain_digits():
    assert from_query({"behaviour": "malignant", "stage": "3", "age": "45"})[0].model_dump(include={"stage", "age"}) == {
        "stage": 3, "age": 45}


def test_share_links_read_repeated_symptoms_as_a_list_and_refuse_other_repeats():
    scenario, messages = from_query({"symptoms": ["pain", "weakness,numbness"], "origin": ["primary", "secondary"]})
    assert scenario.symptoms == ("pain", "numbness", "weakness") and scenario.origin == "unknown"
    assert messages == ["link parameter 'origin' is given 2 times; it takes one value (only symptoms may be "
                        "repeated); ignored"]


def test_share_links_with_more_than_1000_values_are_ignored_and_say_so():
    scenario, messages = from_query({"behaviour": "benign", "symptoms": ["pain"] * 1000})
    assert scenario == Scenario()
    assert messages == ["the link has 1,001 parameters; at most 1,000 are read, so none of it was used"]
    assert from_query({"behaviour": "benign", "symptoms": ["pain"] * 999})[0].behaviour == "benign"


@pytest.mark.parametrize("bad", [{"origin": "sideways"}, {"symptoms": ("itch",)}, {"age": "45"}, {"cord_compression": 1}])
def test_the_engine_refuses_a_scenario_that_skipped_validation(bad):
    field = next(iter(bad))
    with pytest.raises(InputError, match=f"field '{field}'.*never validated.*model_construct"):
        evaluate(Scenario.model_construct(**bad))


# -- explorer lint -------------------------------------------------------------------------------------------------
def test_lint_refuses_an_empty_condition(pack_dir):
    edit(pack_dir / "pack/rules.yaml", "when: {behaviour: malignant}", "when: {behaviour: {}}")
    problems = lint(pack_dir).problems  # the rule is dropped, so chemotherapy is reached by no scenario either
    assert "rule 'chemo-cancer'" in problems[0] and "'behaviour' has an empty condition" in problems[0]


def test_lint_refuses_duplicate_keys_inside_when(pack_dir):
    edit(pack_dir / "pack/rules.yaml", "when: {behaviour: malignant}", "when: {behaviour: malignant, behaviour: benign}")
    problems = lint(pack_dir).problems
    assert problems == ["rules/pack/rules.yaml: line 26: YAML syntax error: duplicate key 'behaviour'"]


def test_one_yaml_syntax_error_gives_one_message(pack_dir, capsys):
    edit(pack_dir / "pack/rules.yaml", "    when: {removal: entire}\n", "    when: {removal: [entire\n")
    problems = lint(pack_dir).problems
    assert len(problems) == 1 and "rules/pack/rules.yaml: line" in problems[0] and "YAML syntax error" in problems[0]
    assert main(["lint", str(pack_dir)]) == 1
    out = capsys.readouterr().out
    assert [line.startswith("error:") for line in out.splitlines()].count(True) == 1
    assert "other checks run once rules/pack/rules.yaml can be read" in out


def _rule(ident: str, when: dict, facts: list[str], priority: int) -> Rule:
    spec = RuleSpec.model_validate({"id": ident, "title": ident, "when": when, "then": {"facts": facts}, "cites": ["s"]})
    return Rule(spec, tuple(parse_when(when)), priority, "pack.yaml", priority)


def test_reachability_follows_a_cycle_that_has_an_entry_rule():
    # entry -> x; x -> y; y -> x (the cycle); y and malignant -> z. Expanding x meets y, whose producer needs x
    # again: a cache filled at that moment said "y can never hold", so `uses-y` was reported unreachable.
    rules = [
        _rule("entry", {"origin": "primary"}, ["x"], 1),
        _rule("x-gives-y", {"facts": ["x"]}, ["y"], 2),
        _rule("y-gives-x", {"facts": ["y"]}, ["x"], 3),
        _rule("uses-y", {"facts": ["y"], "behaviour": "malignant"}, ["z"], 4),
        _rule("never", {"facts": ["w"]}, ["z"], 5),  # w has no producer at all
    ]
    witnesses = Reachability(rules).witnesses
    assert witnesses["never"] is None
    for ident in ("entry", "x-gives-y", "y-gives-x"):
        assert witnesses[ident] is not None and witnesses[ident].origin == "primary"
    assert witnesses["uses-y"] is not None
    assert (witnesses["uses-y"].origin, witnesses["uses-y"].behaviour) == ("primary", "malignant")
