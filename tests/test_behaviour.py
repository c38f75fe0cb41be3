"""Fidelity per family of source statements: what the sources discuss, under the conditions they state."""

from __future__ import annotations

import pytest

from explorer import InputError

CANCER_ONLY_ROLES = {
    ("radiation", "after_cancer_resection"), ("radiation", "recurrence_prevention"), ("targeted_therapy", "recurrence_risk"),
    ("targeted_therapy", "may_be_used"), ("hormone_therapy", "in_combination_as_case_may_be"),
    ("chemotherapy", "part_of_cancer_plan"), ("chemotherapy", "adjuvant"), ("chemotherapy", "before_surgery"),
    ("immunotherapy", "investigational"), ("biopsy", "cancer_type"), ("surgery", "minimal_symptom_relief"),
    ("surgery", "first_line_claim"), ("surgery", "complete_removal"),
}


def roles(result, category):
    option = result.option(category)
    return set(option.roles) if option else set()


def all_roles(result):
    return {(o.category, role) for o in result.options for role in o.roles}


def why_not(result, category):
    return next(n for n in result.not_discussed if n.category == category)


def test_asymptomatic_benign_tumour_is_watch_and_wait_only(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": []})
    assert [o.category for o in r.options if o.kind == "core"] == ["observation"]
    assert roles(r, "observation") == {"monitoring", "no_treatment_while_asymptomatic"}
    assert {o.basis for o in r.options if o.kind == "adjunct"} == {"background"}


def test_observation_never_appears_only_because_surgery_does(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire", "symptoms": ["pain"]})
    assert "surgery" in r.categories and "observation" not in r.categories
    assert r.option("follow_up").roles == ("after_treatment",)
    assert r.option("follow_up").basis == "alongside"


def test_secondary_with_benign_is_refused_naming_behaviour():
    from explorer.scenario import parse_scenario

    with pytest.raises(InputError, match="field 'behaviour'.*metastasis of cancer"):
        parse_scenario({"origin": "secondary", "behaviour": "benign"})
    with pytest.raises(InputError, match="field 'behaviour'"):
        parse_scenario({"origin": "secondary", "primary_site": "lung", "behaviour": "benign"})


def test_secondary_with_unknown_behaviour_is_cancer_implied_by_origin(explorer):
    r = explorer.evaluate({"origin": "secondary", "symptoms": ["pain"]})
    step = next(s for s in r.trace if s.rule == "secondary-implies-cancer")
    assert "cancer" in step.new_facts and "implied by origin" in step.title
    assert "part_of_cancer_plan" in roles(r, "chemotherapy")
    assert "is_it_cancerous" not in roles(r, "biopsy") and "cancer_type" in roles(r, "biopsy")


def test_benign_tumour_over_many_segments_gets_nothing_cancer_only(explorer):
    r = explorer.evaluate({"behaviour": "benign", "extent": "widespread", "symptoms": ["pain"], "removal": "entire"})
    assert all_roles(r) & CANCER_ONLY_ROLES == set()
    assert "metastatic_disease" not in {f.id for f in r.facts}
    assert "surgery" in r.categories  # both benign and malignant tumours may require surgery


@pytest.mark.parametrize("behaviour", ["benign", "unknown"])
def test_cancer_only_statements_never_reach_a_tumour_not_known_to_be_cancer(explorer, behaviour):
    data = {"behaviour": behaviour, "extent": "single_segment", "removal": "entire", "recurrence_risk": "high",
            "symptoms": ["pain"], "spinal_instability": True}
    r = explorer.evaluate(data)
    assert all_roles(r) & CANCER_ONLY_ROLES == set()
    assert "vertebral_augmentation" not in r.categories  # its benefits are listed for spinal cancers


def test_widespread_metastatic_disease_in_poor_health_reaches_palliative_care_without_a_stage(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "widespread", "overall_health": "poor", "symptoms": ["pain"]})
    assert "comfort" in roles(r, "palliative")
    assert r.option("palliative").chain == (
        "malignant-is-cancer", "widespread-cancer-is-metastatic", "metastatic-tumour-is-from-advanced-cancer",
        "advanced-cancer-weighs-health", "poor-health-aggressive-may-not-benefit", "palliative-when-aggressive-not-beneficial",
    )
    assert "aggressive-treatment-vs-palliative" in {t.id for t in r.tensions}


def test_good_health_keeps_palliative_care_out_and_says_why(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "stage": 4, "overall_health": "good", "symptoms": ["pain"]})
    assert "palliative" not in r.categories
    [cand] = why_not(r, "palliative").candidates
    assert [(o.kind, o.name, o.actual) for o in cand.failed] == [("fact", "aggressive_treatment_unlikely_to_benefit", "not established")]
    assert cand.failed[0].producers == ("poor-health-aggressive-may-not-benefit",)
    assert cand.failed[0].unmet == ("poor-health-aggressive-may-not-benefit: Overall health and fitness is good, needs poor",)


@pytest.mark.parametrize("old, new", [("yes", "entire"), ("no", "partial"), (True, "entire"), (False, "partial"), ("unknown", "unknown")])
def test_the_old_resectable_key_still_reads(old, new):
    from explorer.scenario import parse_scenario

    assert parse_scenario({"resectable": old}).removal == new


def test_cannot_be_removed_entirely_is_not_inoperable(explorer):
    partial = explorer.evaluate({"behaviour": "malignant", "removal": "partial", "symptoms": ["pain"]})
    assert "instead_of_surgery" not in roles(partial, "radiation")
    assert {"may_require_surgery", "remove_all_or_as_much"} <= roles(partial, "surgery")
    inoperable = explorer.evaluate({"behaviour": "malignant", "removal": "not_operable", "symptoms": ["pain"]})
    assert "instead_of_surgery" in roles(inoperable, "radiation")
    assert "remove_all_or_as_much" not in roles(inoperable, "surgery")


@pytest.mark.parametrize("phase", ["residual_after_surgery", "recurrence"])
def test_a_phase_after_surgery_is_never_before_surgery_or_first_line(explorer, phase):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire", "phase": phase,
                           "symptoms": ["pain"]})
    assert {role for _, role in all_roles(r)} & {"before_surgery", "first_line_claim", "complete_removal"} == set()


def test_residual_and_recurrence_have_their_own_roles(explorer):
    residual = explorer.evaluate({"behaviour": "benign", "phase": "residual_after_surgery"})
    assert "for_residual" in roles(residual, "radiation") and "for_residual_less_common" in roles(residual, "chemotherapy")
    assert "residual-chemotherapy-not-known-cancer" in {t.id for t in residual.tensions}
    regrown = explorer.evaluate({"behaviour": "benign", "phase": "recurrence", "symptoms": ["pain"]})
    assert "repeat_removal" in roles(regrown, "surgery")


def test_first_line_is_an_attributed_claim_only_for_a_removable_localised_cancer(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire"})
    assert {"complete_removal", "first_line_claim"} <= roles(r, "surgery")
    assert "one source" in r.option("surgery").role_labels[r.option("surgery").roles.index("first_line_claim")]
    several = explorer.evaluate({"behaviour": "malignant", "extent": "multiple_segments", "removal": "entire"})
    assert "first_line_claim" not in roles(several, "surgery")


def test_metastatic_removable_tumour_shows_first_line_against_minimal_surgery(explorer):
    r = explorer.evaluate({"origin": "secondary", "extent": "single_segment", "removal": "entire", "symptoms": ["pain"]})
    tension = next(t for t in r.tensions if t.id == "first-line-vs-minimal-metastatic")
    quotes = [set(side.statements) for side in tension.sides]
    assert "sct-surgery-first-line" in quotes[0] and "surg-metastatic-minimum-surgery-relieve-symptoms" in quotes[1]
    assert all(s in r.statements for side in tension.sides for s in side.statements)


def test_benign_with_symptoms_gets_surgery_even_when_removal_is_unknown(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": ["weakness"]})
    assert "may_require_surgery" in roles(r, "surgery")
    assert "observation" not in r.categories


def test_no_trigger_the_sources_do_not_give(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": []})
    assert r.option("corticosteroids").basis == "background"  # no scenario is given for corticosteroids
    neuro = explorer.evaluate({"behaviour": "benign", "cord_compression": True, "removal": "entire", "symptoms": ["weakness"]})
    surgery = neuro.option("surgery")
    metrx = [s.rule for s in neuro.trace if any("metrx" in c.modalities for c in s.conclusions)]
    assert metrx == ["surgery-techniques"] and "neuro_preservation" in surgery.roles
    epidural = explorer.evaluate({"region": "thoracic", "compartment": "epidural", "removal": "entire", "symptoms": ["pain"]})
    assert "thoracic_laminectomy" not in epidural.option("surgery").modalities
    cord = explorer.evaluate({"region": "thoracic", "compartment": "intramedullary", "removal": "entire", "symptoms": ["pain"]})
    assert "thoracic_laminectomy" in cord.option("surgery").modalities


def test_treatment_resistance_carries_its_tension(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "treatment_resistant": True, "removal": "not_operable"})
    assert {"resistance-vs-radiation", "resistance-vs-chemotherapy"} <= {t.id for t in r.tensions}
    assert "when_treatment_resistant" in roles(r, "surgery")


def test_each_option_separates_its_basis_and_heads_with_the_most_specific(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire", "symptoms": ["pain"]})
    radiation = r.option("radiation")
    assert radiation.basis == "alongside" and radiation.headline == "after surgery, to destroy remaining tumour cells"
    assert r.option("surgery").basis == "scenario"
    assert r.option("immunotherapy").basis == "background"
    inoperable = explorer.evaluate({"behaviour": "malignant", "removal": "not_operable"})
    assert inoperable.option("radiation").basis == "scenario"
    assert inoperable.option("radiation").headline == "instead of surgery, for a tumour considered inoperable"


def test_surgery_lists_the_factors_the_sources_say_weigh_on_it_and_its_risks(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": ["pain"], "age": 70, "overall_health": "fair"})
    surgery = r.option("surgery")
    assert {(w.field, w.value) for w in surgery.weighed_by} >= {("age", "70"), ("overall_health", "fair")}
    assert "surg-decision-factors" in surgery.weighed_by_statements
    assert "lum-surgery-complications" in surgery.risks and "lum-surgery-complications" in r.statements


@pytest.mark.parametrize("data, category, role", [
    ({"cord_compression": True}, "surgery", "decompression"),
    ({"behaviour": "malignant", "treatment_resistant": True}, "surgery", "when_treatment_resistant"),
    ({"behaviour": "malignant", "spinal_instability": True}, "vertebral_augmentation", "structural"),
    ({"origin": "secondary", "compartment": "vertebral", "symptoms": ["pain"]}, "vertebral_augmentation", "palliative_symptom_relief"),
    ({"spinal_instability": True}, "surgery", "stabilisation"),
    ({"diagnosis_confirmed": False, "behaviour": "benign"}, "biopsy", "confirm_diagnosis"),
    ({"diagnosis_confirmed": False, "origin": "secondary"}, "diagnostic_workup", "metastatic_workup"),
    ({"behaviour": "unknown"}, "biopsy", "is_it_cancerous"),
    ({"recurrence_risk": "high", "behaviour": "malignant"}, "targeted_therapy", "recurrence_risk"),
    ({"recurrence_risk": "high", "behaviour": "malignant", "phase": "recurrence"}, "radiation", "recurrence_prevention"),
    ({"phase": "recurrence", "behaviour": "benign"}, "surgery", "repeat_removal"),
    ({"symptoms": ["radicular_pain"], "behaviour": "benign"}, "pain_medication", "symptom_relief"),
    ({"behaviour": "malignant"}, "immunotherapy", "investigational"),
    ({"behaviour": "malignant"}, "second_opinion", "decision_support"),
    ({"behaviour": "malignant"}, "counselling", "after_cancer_treatment"),
    ({"behaviour": "malignant", "symptoms": ["pain"], "removal": "partial"}, "hormone_therapy", "in_combination_as_case_may_be"),
    ({"removal": "entire", "symptoms": ["pain"]}, "brace", "stability_after_surgery"),
    ({"origin": "secondary"}, "multidisciplinary_team", "usually_multidisciplinary"),
    ({"origin": "secondary", "primary_site": "prostate", "cord_compression": True, "symptoms": ["weakness"]}, "clinical_trial", "study_for_this_scenario"),
    ({"origin": "secondary", "compartment": "epidural", "cord_compression": True}, "radiation", "standard_for_mescc"),
])
def test_single_factor_families(explorer, data, category, role):
    assert role in roles(explorer.evaluate(data), category)


def test_metastatic_disease_brings_whole_spine_radiation_and_minimal_surgery(explorer):
    r = explorer.evaluate({"origin": "secondary", "behaviour": "malignant", "symptoms": ["pain"]})
    assert "whole_spine" in r.option("radiation").modalities
    assert "minimal_surgery" in r.option("surgery").modalities


def test_localised_cancer_irradiates_only_the_affected_area(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire"})
    assert "localised_field" in r.option("radiation").modalities
    assert "whole_spine" not in r.option("radiation").modalities


def test_intramedullary_chemotherapy_carries_the_tension(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "compartment": "intramedullary"})
    assert "chemotherapy-for-cord-tumour" in r.option("chemotherapy").tensions
    tension = next(t for t in r.tensions if t.id == "chemotherapy-for-cord-tumour")
    assert "stt-chemo-not-shown-to-target-cord-tumours" in tension.sides[0].statements


def test_palliative_care_carries_its_counterpoint_on_surgery(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "stage": 4, "overall_health": "poor", "symptoms": ["pain"]})
    assert [c.rule for c in r.option("surgery").counterpoints] == ["palliative-when-aggressive-not-beneficial"]


def test_trace_records_what_each_step_used_and_added(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire"})
    step = next(s for s in r.trace if s.rule == "localised-cancer-removable-before-surgery")
    assert {(u.kind, u.name) for u in step.used} == {("attribute", "removal"), ("attribute", "phase"), ("fact", "localised_cancer")}
    assert step.new_facts == ("candidate_for_complete_removal",)
    assert all(u.holds for u in step.used)


def test_why_not_traces_a_missing_fact_back_to_the_inputs(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "symptoms": []})
    cand = next(c for c in why_not(r, "surgery").candidates if c.rule == "surgery-complete-removal")
    [fact] = cand.failed
    assert fact.name == "candidate_for_complete_removal"
    assert fact.unmet == (
        "localised-cancer-removable-before-surgery: Can surgery remove it? is unknown, needs the entire tumour can be removed",
        "one-portion-cancer-is-localised: Extent is unknown, needs limited to one portion of the spine",
    )
    # changing exactly those inputs brings surgery in
    assert "surgery" in explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire"}).categories
