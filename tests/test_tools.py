"""Formats, what-if, share links, quiz and graph: the library pieces the UI shows."""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qsl

import pytest

from explorer.formats import render_html, render_markdown, render_text
from explorer.graph import derivation_dot
from explorer.quiz import grade
from explorer.scenario import parse_scenario
from explorer.scenario import Scenario
from explorer.share import ACK_PARAM, from_query, share_link, to_query
from explorer.whatif import compare, sensitivity

from .strategies import scenario_dicts
from hypothesis import given, settings

PALLIATIVE = {"behaviour": "malignant", "stage": 4, "overall_health": "poor", "symptoms": ["pain"], "title": "A <b>case</b>"}


def test_handouts_have_scenario_quotes_and_disclaimer(explorer):
    r = explorer.evaluate(PALLIATIVE)
    quote = r.statements["stt-palliative-if-aggressive-not-beneficial"].quote
    for text in (render_markdown(r), render_text(r)):
        assert r.disclaimer.split(":")[0] in text and "Palliative care" in text
    html = render_html(r)
    assert html.count("not medical advice") == 2  # header and footer
    assert "A &lt;b&gt;case&lt;/b&gt;" in html and "<b>case</b>" not in html
    assert f"&ldquo;{escape(quote)}&rdquo;" in html  # the whole quote, escaped, not only its first word
    assert "Sources point different ways" in html


def test_sensitivity_shows_which_values_add_or_remove_categories(explorer):
    rows = sensitivity(explorer, {"behaviour": "benign", "symptoms": []})
    by = {(r.attribute, r.alternative): r for r in rows}
    assert "observation" in by[("symptoms", "with pain")].removed
    assert "chemotherapy" in by[("behaviour", "malignant")].added and "surgery" not in by[("behaviour", "malignant")].added
    stage = by[("stage", "3")]
    assert stage.note and "palliative" not in stage.added
    assert all(not r.added and not r.removed for r in rows if r.attribute == "age")


def test_compare_lists_changed_inputs_rules_and_options(explorer):
    c = compare(explorer, {"behaviour": "benign"}, {"behaviour": "benign", "symptoms": ["pain"]})
    assert c.changed_inputs == (("Symptoms", "none (asymptomatic)", "pain"),)
    assert "observe-asymptomatic" in c.rules_only_a and "pain-medication-for-pain" in c.rules_only_b
    assert c.options_only_a == ("observation",) and "pain_medication" in c.options_only_b


@settings(max_examples=300, deadline=None)
@given(data=scenario_dicts())
def test_share_links_round_trip_exactly(data):
    scenario = parse_scenario(data)
    restored, messages = from_query(to_query(scenario))
    assert messages == [] and restored == scenario


@settings(max_examples=100, deadline=None)
@given(data=scenario_dicts())
def test_a_share_link_never_carries_the_acknowledgement_mark(data):
    scenario = parse_scenario(data)
    link = share_link("http://127.0.0.1:8501/step_through?ack=1&seat=s1&behaviour=benign#top", scenario)
    base, _, query = link.partition("?")
    assert base == "http://127.0.0.1:8501/step_through"
    params = dict(parse_qsl(query, keep_blank_values=True))
    assert params == to_query(scenario)  # the scenario and nothing else: no ack, no seat, no old value, no fragment
    assert from_query(params) == (scenario, [])


def test_share_link_of_the_empty_scenario_and_the_mark_is_no_scenario_field():
    assert share_link("http://h:1/?ack=1", Scenario()) == "http://h:1/"
    assert share_link("", Scenario()) == "/"  # no known address (a test run): a relative link
    assert ACK_PARAM not in Scenario.model_fields


@pytest.mark.parametrize("value", ["1", "0", "yes", "", "<b>"])
def test_reading_a_link_skips_the_acknowledgement_mark_silently(value):
    assert from_query({"behaviour": "benign", ACK_PARAM: value}) == (parse_scenario({"behaviour": "benign"}), [])


@pytest.mark.parametrize("params, field", [
    ({"origin": "nowhere", "behaviour": "benign"}, "origin"),
    ({"stage": "9", "behaviour": "malignant"}, "stage"),
    ({"stage": "3"}, "stage"),
    ({"symptoms": "pain,itch"}, "symptoms"),
    ({"cord_compression": "maybe"}, "cord_compression"),
    ({"hack": "<script>"}, "hack"),
])
def test_tampered_links_fall_back_with_a_message(params, field):
    scenario, messages = from_query(params)
    assert messages and field in " ".join(messages)
    assert getattr(scenario, field, None) in (None, (), False, "unknown") or field == "hack"
    if "behaviour" in params:
        assert scenario.behaviour == params["behaviour"]  # good parameters survive


def test_quiz_marks_hits_misses_and_false_alarms(explorer):
    r = explorer.evaluate({"behaviour": "benign", "symptoms": []})
    outcome = grade(r, ["observation", "surgery", "corticosteroids", "clinical_trial"])  # the last two: background
    verdicts = {m.category: m.verdict for m in outcome.marks}
    assert verdicts["observation"] == "hit" and verdicts["surgery"] == "wrong pick"
    assert verdicts["radiation"] == "correctly left out"
    assert outcome.hits == 1 and outcome.false_alarms == 1 and outcome.misses == 0  # core only: adjuncts not scored
    assert verdicts["corticosteroids"] == "hit" and verdicts["clinical_trial"] == "hit"
    assert all(m.statements for m in outcome.marks if m.discussed)
    assert not any(m.statements for m in outcome.marks if not m.discussed)


def test_graph_links_inputs_facts_rules_and_options(explorer):
    r = explorer.evaluate({"behaviour": "malignant", "extent": "single_segment", "removal": "entire"})
    dot = derivation_dot(r)
    assert dot.startswith("digraph") and '"fact:localised_cancer"' in dot and '"opt:surgery"' in dot
    assert '"in:extent" -> "rule:one-portion-cancer-is-localised"' in dot
    partial = derivation_dot(r, highlight_step=1)
    assert "penwidth=3" in partial and '"opt:surgery"' not in partial


def test_old_share_links_with_resectable_still_restore_the_scenario():
    restored, messages = from_query({"behaviour": "malignant", "resectable": "no"})
    assert messages == [] and restored.removal == "partial"
    restored, messages = from_query({"origin": "secondary", "behaviour": "benign"})
    assert restored.behaviour == "unknown" and any("field 'behaviour'" in m for m in messages)
