"""Rule-pack validation: the shipped pack is clean, and each error class is caught on a broken copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import RulePackError, load_pack
from explorer.cli import main
from explorer.lint import lint

from .conftest import REPO, edit


def test_shipped_pack_lints_clean_and_reports_coverage(capsys):
    report = lint(REPO / "rules")
    assert report.problems == []
    assert len(report.pack.statements) > 60 and len(report.pack.rules) >= 40
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert "0 problem(s)" in out and "statements no rule cites:" in out


def test_mini_pack_is_clean_and_lists_its_uncited_statement(pack_dir):
    report = lint(pack_dir)
    assert report.problems == [] and report.uncited == ["mini-uncited"]


CASES = [
    ("pack/rules.yaml", "    cites: [mini-chemo]\n", "    cites: [mini-chemo\n", "pack/rules.yaml: line", "YAML syntax error"),
    ("pack/rules.yaml", "when: {behaviour: malignant}", "when: {tumour_size: big}", "rule 'chemo-cancer'", "unknown attribute 'tumour_size'"),
    ("pack/rules.yaml", "when: {behaviour: malignant}", "when: {behaviour: nasty}", "rule 'chemo-cancer'", "has no value 'nasty'"),
    ("pack/rules.yaml", "cites: [mini-chemo]", "cites: [mini-nowhere]", "rule 'chemo-cancer'", "unknown statement 'mini-nowhere'"),
    ("statements.yaml", "Chemotherapy treats cancer.", "Chemotherapy cures cancer.", "statement 'mini-chemo'", "not verbatim"),
    ("pack/rules.yaml", "id: palliative-poor", "id: chemo-cancer", "rule 'chemo-cancer'", "duplicate rule id"),
    ("statements.yaml", "id: mini-uncited", "id: mini-watch", "statement 'mini-watch'", "duplicate statement id"),
    ("pack/rules.yaml", "cites: [mini-palliative]", "cites: []", "rule 'palliative-poor'", "cites nothing"),
    ("pack/rules.yaml", "category: palliative, role: comfort", "category: massage, role: comfort", "rule 'palliative-poor'", "unknown category 'massage'"),
    ("pack/rules.yaml", "when: {facts: [operated]}", "when: {facts: [operatd]}", "rule 'radiation-after'", "uses derived fact 'operatd' that no rule produces"),
    ("pack/rules.yaml", "facts: [operated]\n", "facts: [operated, orphan]\n", "rule 'surgery-removable'", "produces derived fact 'orphan' that no rule uses"),
    ("pack/rules.yaml", "when: {behaviour: benign, symptoms: {empty: true}}", "when: {behaviour: benign, symptoms: {empty: true, includes: pain}}", "rule 'watch-benign'", "can never hold"),
    ("pack/rules.yaml", "when: {behaviour: malignant}", "when: {behaviour: benign, stage: 2}", "rule 'chemo-cancer'", "can never hold"),
]


@pytest.mark.parametrize("file, old, new, where, problem", CASES, ids=[c[4][:30] for c in CASES])
def test_each_error_class_names_file_id_and_problem(pack_dir, file, old, new, where, problem):
    edit(pack_dir / file, old, new)
    report = lint(pack_dir)
    assert any(where in p and problem in p for p in report.problems), report.problems
    with pytest.raises(RulePackError):
        load_pack(pack_dir)
    assert main(["lint", str(pack_dir)]) == 1


def test_unreachable_core_category_is_reported(pack_dir):
    edit(pack_dir / "pack/rules.yaml", "when: {overall_health: poor}", "when: {overall_health: poor, facts: [never]}")
    edit(pack_dir / "pack/rules.yaml", "    then: {facts: [removable]}", "    then: {facts: [removable, never]}")
    edit(pack_dir / "pack/rules.yaml", "when: {removal: entire}", "when: {removal: entire, overall_health: good}")
    (pack_dir / "vocabulary.yaml").write_text((pack_dir / "vocabulary.yaml").read_text() + "  - {id: never, label: never}\n")
    problems = lint(pack_dir).problems
    assert any("core category 'palliative' is reached by no scenario" in p for p in problems), problems
    assert any("rule 'palliative-poor'" in p and "can never hold" in p for p in problems), problems


def test_missing_rules_directory_is_reported(tmp_path, capsys):
    assert main(["lint", str(tmp_path / "nope")]) == 1
    assert "no such rules directory" in capsys.readouterr().out


TENSION = """tensions:
  - id: watch-vs-surgery
    title: Watch or operate
    when: {behaviour: benign, facts: [operated]}
    categories: [observation, surgery]
    sides:
      - {label: Watch it, cites: [mini-watch]}
      - {label: Remove it, cites: [mini-surgery]}
"""


def write_tension(pack_dir: Path, text: str = TENSION) -> None:
    (pack_dir / "tensions.yaml").write_text(text)


def test_a_valid_tension_lints_clean_and_is_shown_with_both_sides(pack_dir):
    write_tension(pack_dir)
    assert lint(pack_dir).problems == []
    from explorer import Explorer

    result = Explorer.load(pack_dir).evaluate({"behaviour": "benign", "removal": "entire"})
    [tension] = result.tensions
    assert tension.id == "watch-vs-surgery" and [s.label for s in tension.sides] == ["Watch it", "Remove it"]
    assert {"mini-watch", "mini-surgery"} <= set(result.statements)
    assert result.option("surgery").tensions == ("watch-vs-surgery",)
    assert Explorer.load(pack_dir).evaluate({"behaviour": "malignant", "removal": "entire"}).tensions == ()


@pytest.mark.parametrize("old, new, message", [
    ("cites: [mini-surgery]}", "cites: [mini-nothing]}", "tension 'watch-vs-surgery': side 'Remove it' cites unknown statement 'mini-nothing'"),
    ("categories: [observation, surgery]", "categories: [observation, massage]", "unknown category 'massage'"),
    ("facts: [operated]}", "facts: [teleported]}", "uses derived fact 'teleported' that no rule produces"),
    ("when: {behaviour: benign, facts: [operated]}", "when: {behaviour: benign, overall_health: poor, removal: unknown, facts: [operated]}",
     "conditions can never hold"),
    ("when: {behaviour: benign,", "when: {behaviour: kind,", "tension 'watch-vs-surgery': when: 'behaviour' has no value 'kind'"),
    ("      - {label: Remove it, cites: [mini-surgery]}\n", "", "sides"),
])
def test_broken_tensions_are_reported(pack_dir, old, new, message):
    write_tension(pack_dir, TENSION.replace(old, new, 1))
    problems = lint(pack_dir).problems
    assert any(message in p for p in problems), problems


def test_considerations_and_unconditioned_rules_are_checked(pack_dir):
    (pack_dir / "considerations.yaml").write_text(
        "categories:\n  surgery: {weighed_by: [age, shoe_size], weighed_by_cites: [mini-surgery], risks: [mini-nothing]}\n"
        "  massage: {risks: [mini-chemo]}\n")
    edit(pack_dir / "pack/rules.yaml", "when: {overall_health: poor}", "when: {}")
    problems = lint(pack_dir).problems
    assert any("unknown scenario field 'shoe_size'" in p for p in problems)
    assert any("category 'surgery': unknown statement 'mini-nothing'" in p for p in problems)
    assert any("category 'massage': unknown category" in p for p in problems)
    assert any("rule 'palliative-poor': has no conditions, so its options must have basis: background" in p for p in problems)
