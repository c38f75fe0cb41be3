"""Teaching coverage on the tiny pack and its two cases, checked by hand."""

from __future__ import annotations

import json

from explorer import DISCLAIMER, parse_scenario
from explorer.cases import load_cases
from explorer.cli import main
from explorer.space.teaching_coverage import coverage
from explorer.naive_evaluator import run_reference

from .conftest import TINY

# Case 1 (malignant, no symptoms) fires watch-asymptomatic and cancer-options: observation, surgery,
# radiation, chemotherapy. Case 2 (benign, pain) fires nothing. compression-surgery and
# palliative-poor-health can fire but no case fires them; tiny-uncited is cited by no rule.


def test_coverage_by_hand(tiny):
    report = coverage(tiny, load_cases(TINY))
    assert [(r.case, r.categories) for r in report.runs] == [
        ("01-asymptomatic-cancer", ("observation", "surgery", "radiation", "chemotherapy")),
        ("02-benign-with-pain", ())]
    assert report.core_shown == ("observation", "surgery", "radiation", "chemotherapy")
    assert report.core_missing == ("palliative",)
    assert report.adjunct_shown == ()
    assert report.rules_fired == ("watch-asymptomatic", "cancer-options")
    assert report.rules_fireable == ("watch-asymptomatic", "cancer-options", "compression-surgery", "palliative-poor-health")
    assert report.rules_missed == ("compression-surgery", "palliative-poor-health")
    assert report.rules_unfireable == ()
    assert report.statements_shown == ("tiny-watch", "tiny-cancer")
    assert report.statements_not_shown == ("tiny-pressure", "tiny-palliative")
    assert report.statements_uncited == ("tiny-uncited",)
    assert report.statements_total == 5
    assert report.fired_by["cancer-options"] == ("01-asymptomatic-cancer",)
    for rid, witness in report.witnesses.items():  # each witness really fires its rule
        assert rid in [s.rule for s in tiny.evaluate(parse_scenario(witness)).trace]


def test_shipped_cases_coverage_agrees_with_the_reference_evaluator(explorer):
    # checked against a second implementation (the plain-Python reference evaluator), not the report's own fields
    report = coverage(explorer)
    cases = load_cases()
    by_reference = {c.id: tuple(f.rule for f in run_reference(explorer.pack.rules, c.scenario)) for c in cases}
    assert {run.case: tuple(run.rules) for run in report.runs} == by_reference
    fired = set().union(*by_reference.values())
    assert set(report.rules_fired) == fired
    assert report.rules_unfireable == ()  # the shipped pack lints clean: every rule can fire
    assert set(report.rules_missed) == {r.id for r in explorer.pack.rules} - fired
    assert report.statements_total == len(explorer.pack.statements)


def test_coverage_command(capsys):
    assert main(["coverage", "--rules", str(TINY)]) == 0
    out = capsys.readouterr().out
    assert "Core categories shown: 4 of 5; never shown:\n    palliative" in out
    assert "Fireable rules no case fires (2):" in out
    assert 'compression-surgery: Pressing on the cord - surgery to relieve it\n        fires for e.g. {"cord_compression": true}' in out
    assert "Source statements shown by the cases: 2 of 5" in out
    assert out.rstrip().endswith(DISCLAIMER)
    assert main(["coverage", "--rules", str(TINY), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rules_missed"] == ["compression-surgery", "palliative-poor-health"] and data["disclaimer"] == DISCLAIMER
    assert main(["coverage", "--rules", "/no/such/dir"]) == 2
    assert capsys.readouterr().err == "explorer: --rules /no/such/dir: no such rules directory\n"
