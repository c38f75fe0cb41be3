"""Behaviour per family of source statements: the options the sources discuss, and why not."""

from __future__ import annotations

import pytest


def roles(result, category):
    option = result.option(category)
    return set(option.roles) if option else set()


def why_not(result, category):
    return next(n for n in result.not_indicated if n.category == category)


def test_asymptomatic_benign_tumour_is_observed_only(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": []})
    assert r.categories == ("observation",)
    assert roles(r, "observation") == {"monitoring", "no_treatment_while_asymptomatic"}
    assert "stt-benign-no-symptoms-no-treatment" in r.option("observation").statements


def test_symptoms_take_observation_away(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": ["pain"]})
    assert "observation" not in r.categories
    failed = {(o.name, o.actual, o.required) for c in why_not(r, "observation").candidates for o in c.failed}
    assert ("symptoms", "pain", "none (asymptomatic)") in failed


def test_limited_to_one_portion_and_removable_means_surgery_then_radiation(explorer):
    r = explorer.evaluate({"extent": "single_segment", "resectable": "yes", "behaviour": "benign", "symptoms": ["pain"]})
    assert "complete_removal" in roles(r, "surgery")
    assert "after_surgery" in roles(r, "radiation")
    chain = r.option("radiation").chain
    # a chain at least three rules deep: localised -> candidate -> surgery -> radiation after surgery
    for rid in ("one-portion-is-localised", "localised-and-removable-is-candidate", "surgery-complete-removal", "radiation-after-surgery"):
        assert rid in chain
    assert chain.index("surgery-complete-removal") < chain.index("radiation-after-surgery")


def test_inoperable_tumour_means_radiation_not_surgery(explorer):
    r = explorer.evaluate({"resectable": "no", "behaviour": "benign", "symptoms": ["pain"]})
    assert roles(r, "radiation") >= {"instead_of_surgery"}
    assert "surgery" not in r.categories
    failed = [(o.name, o.actual) for c in why_not(r, "surgery").candidates for o in c.failed]
    assert ("resectable", "no") in failed or ("behaviour", "benign") in failed


def test_advanced_disease_with_poor_health_brings_palliative_care(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "stage": 4, "overall_health": "poor", "symptoms": ["pain"]})
    assert "comfort" in roles(r, "palliative")
    chain = r.option("palliative").chain
    assert chain == (
        "stage-3-4-is-advanced", "advanced-disease-weighs-health", "poor-health-aggressive-unlikely-to-benefit",
        "palliative-when-aggressive-not-beneficial",
    )
    # the sources point different ways: surgery is discussed too, with the palliative statement as counterpoint
    assert [c.rule for c in r.option("surgery").counterpoints] == ["palliative-when-aggressive-not-beneficial"]


def test_good_health_keeps_palliative_care_out_and_says_why(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "stage": 4, "overall_health": "good", "symptoms": ["pain"]})
    assert "palliative" not in r.categories
    [cand] = why_not(r, "palliative").candidates
    assert [(o.kind, o.name, o.actual) for o in cand.failed] == [("fact", "aggressive_treatment_unlikely_to_benefit", "not established")]
    assert cand.failed[0].producers == ("poor-health-aggressive-unlikely-to-benefit",)


def test_comorbidities_with_poor_health_bring_palliative_care(explorer):
    r = explorer.evaluate({"serious_comorbidities": True, "overall_health": "poor", "behaviour": "benign", "symptoms": ["pain"]})
    assert "palliative" in r.categories and "pain_medication" in r.categories


@pytest.mark.parametrize("data, category, role", [
    ({"cord_compression": True}, "surgery", "decompression"),
    ({"treatment_resistant": True}, "surgery", "when_treatment_resistant"),
    ({"spinal_instability": True}, "vertebral_augmentation", "structural"),
    ({"spinal_instability": True}, "surgery", "stabilisation"),
    ({"diagnosis_confirmed": False, "behaviour": "benign"}, "biopsy", "diagnostic"),
    ({"origin": "secondary", "behaviour": "benign"}, "biopsy", "diagnostic"),
    ({"recurrence_risk": "high", "behaviour": "benign"}, "targeted_therapy", "recurrence_prevention"),
    ({"phase": "residual_after_surgery", "behaviour": "benign"}, "radiation", "for_residual"),
    ({"phase": "residual_after_surgery", "behaviour": "benign"}, "chemotherapy", "for_residual"),
    ({"phase": "recurrence", "behaviour": "benign"}, "surgery", "repeat_removal"),
    ({"symptoms": ["radicular_pain"], "behaviour": "benign"}, "pain_medication", "symptom_relief"),
    ({"behaviour": "malignant"}, "immunotherapy", "investigational"),
    ({"behaviour": "malignant"}, "second_opinion", "decision_support"),
    ({"behaviour": "malignant"}, "hormone_therapy", "in_combination"),
    ({"origin": "secondary", "primary_site": "prostate", "cord_compression": True, "symptoms": ["weakness"]}, "clinical_trial", "research"),
    ({"origin": "secondary", "behaviour": "malignant", "compartment": "epidural", "cord_compression": True}, "clinical_trial", "research"),
])
def test_single_factor_families(explorer, data, category, role):
    assert role in roles(explorer.evaluate(data), category)


def test_metastatic_disease_brings_whole_spine_radiation_and_minimal_surgery(explorer):
    r = explorer.evaluate({"origin": "secondary", "behaviour": "malignant", "symptoms": ["pain"]})
    assert "whole_spine" in r.option("radiation").modalities
    assert "minimal_surgery" in r.option("surgery").modalities


def test_localised_cancer_irradiates_only_the_affected_area(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "resectable": "yes"})
    assert "localised_field" in r.option("radiation").modalities
    assert "whole_spine" not in r.option("radiation").modalities


def test_intramedullary_chemotherapy_carries_the_caveat(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "compartment": "intramedullary"})
    assert [c.rule for c in r.option("chemotherapy").counterpoints] == ["chemotherapy-cord-tumour-caveat"]


def test_trace_records_what_each_step_used_and_added(explorer):
    r = explorer.evaluate({"extent": "single_segment", "resectable": "yes"})
    step = next(s for s in r.trace if s.rule == "localised-and-removable-is-candidate")
    assert {(u.kind, u.name) for u in step.used} == {("attribute", "resectable"), ("fact", "localised_disease")}
    assert step.new_facts == ("candidate_for_complete_removal",)
    assert all(u.holds for u in step.used)


def test_why_not_traces_a_missing_fact_back_to_the_inputs(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": []})
    cand = next(c for c in why_not(r, "surgery").candidates if c.rule == "surgery-complete-removal")
    [fact] = cand.failed
    assert fact.name == "candidate_for_complete_removal"
    assert fact.unmet == (
        "localised-and-removable-is-candidate: Entire tumour can be removed is unknown, needs yes",
        "one-portion-is-localised: Extent is unknown, needs limited to one portion of the spine",
    )
    # changing exactly those inputs brings surgery in
    assert "surgery" in explorer.evaluate({"behaviour": "benign", "extent": "single_segment", "resectable": "yes"}).categories
