"""The public scenario format: defaults, folding, and errors that name the field and allowed values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import InputError, Scenario, parse_scenario
from explorer.scenario import ATTRIBUTES, FIELD_REQUIRES, FIELD_UNSET


def test_empty_mapping_is_a_valid_scenario():
    s = parse_scenario({})
    assert s.origin == "unknown" and s.symptoms == () and s.diagnosis_confirmed is True and s.phase == "initial"


def test_symptoms_are_folded_and_put_in_canonical_order():
    s = parse_scenario({"symptoms": ["weakness", "pain", "weakness"]})
    assert s.symptoms == ("pain", "weakness")


@pytest.mark.parametrize("raw, expected", [(True, "entire"), (False, "partial"), ("unknown", "unknown")])
def test_old_resectable_key_accepts_yaml_booleans(raw, expected):
    assert parse_scenario({"resectable": raw}).removal == expected


@pytest.mark.parametrize("data, field, allowed", [
    ({"origin": "elsewhere"}, "origin", "'primary', 'secondary' or 'unknown'"),
    ({"region": "neck"}, "region", "'cervical'"),
    ({"symptoms": ["itch"]}, "symptoms.0", "'pain'"),
    ({"overall_health": 3}, "overall_health", "'good'"),
])
def test_bad_values_name_the_field_and_allowed_values(data, field, allowed):
    with pytest.raises(InputError) as exc:
        parse_scenario(data)
    assert f"field '{field}'" in str(exc.value) and allowed in str(exc.value)


@pytest.mark.parametrize("data, text", [
    ({"surgery": True}, "field 'surgery': unknown field"),
    ({"stage": 3}, "a stage requires behaviour: malignant"),
    ({"primary_site": "lung"}, "requires origin: secondary"),
    ({"behaviour": "malignant", "stage": 5}, "field 'stage'"),
    ({"behaviour": "malignant", "stage": 2.5}, "whole number"),
    ({"age": 121}, "field 'age'"),
    ({"age": True}, "whole number"),
    ({"symptoms": "pain"}, "expected a list of symptoms"),
    ({"title": "x" * 201}, "field 'title'"),
])
def test_invalid_scenarios_are_refused_clearly(data, text):
    with pytest.raises(InputError) as exc:
        parse_scenario(data)
    assert text in str(exc.value)


@pytest.mark.parametrize("data", [[1, 2], "text", 42])
def test_non_mappings_are_refused(data):
    with pytest.raises(InputError, match="expected a mapping"):
        parse_scenario(data)


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(list(ATTRIBUTES)), junk=st.one_of(st.text(max_size=8), st.floats(), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)))
def test_any_junk_value_gives_an_input_error_naming_the_field(field, junk):
    spec = ATTRIBUTES[field]
    allowed = spec.kind == "enum" and isinstance(junk, str) and junk in spec.values
    if allowed and (field not in FIELD_REQUIRES or junk == FIELD_UNSET[field]):
        assert getattr(parse_scenario({field: junk}), field) == junk
        return
    with pytest.raises(InputError) as exc:  # no lax coercion: "3" is not an age, 1.0 not a stage, "x" not a flag
        parse_scenario({field: junk})
    assert f"field '{field}" in str(exc.value)


def test_public_dict_keeps_only_non_defaults():
    s = parse_scenario({"behaviour": "benign", "symptoms": []})
    assert s.public_dict() == {"behaviour": "benign"}


def test_labels_ranges_and_free_text_come_from_the_model_fields() -> None:
    from explorer.scenario import ATTRIBUTES, CROSS_FIELD_NAMES, FIELD_LABELS, TEXT_FIELDS, VALUE_LABELS, int_bounds

    schema = Scenario.model_json_schema()["properties"]
    assert FIELD_LABELS["removal"] == "Can surgery remove it?" == schema["removal"]["title"]
    assert all(FIELD_LABELS[name] == schema[name]["title"] for name in Scenario.model_fields)
    assert VALUE_LABELS["single_segment"] == "limited to one portion of the spine"
    assert schema["extent"]["value_labels"]["single_segment"] == VALUE_LABELS["single_segment"]
    assert (int_bounds("stage"), int_bounds("age")) == ((1, 4), (0, 120))
    assert ATTRIBUTES["stage"].values == (1, 2, 3, 4) and ATTRIBUTES["age"].values[-1] == 120
    assert (schema["age"]["anyOf"][0]["minimum"], schema["age"]["anyOf"][0]["maximum"]) == int_bounds("age")
    assert TEXT_FIELDS == ("title", "notes") and not set(TEXT_FIELDS) & set(ATTRIBUTES)
    assert set(ATTRIBUTES) | set(TEXT_FIELDS) == set(Scenario.model_fields)
    assert CROSS_FIELD_NAMES == ("stage", "primary_site", "behaviour", "resectable")


def test_every_cross_field_message_names_a_field_the_share_link_can_drop() -> None:
    from explorer.scenario import CROSS_FIELD_NAMES

    for bad in ({"stage": 2}, {"primary_site": "lung"}, {"origin": "secondary", "behaviour": "benign"},
                {"resectable": "yes", "removal": "partial"}):
        with pytest.raises(InputError) as info:
            parse_scenario(bad)
        assert any(f"'{name}'" in str(info.value) for name in CROSS_FIELD_NAMES), str(info.value)
