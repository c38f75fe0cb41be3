"""Case library: load a case into the builder; import files (refusals keep the current scenario)."""

from __future__ import annotations

import json

import pytest

from explorer.cases import load_cases
from explorer.documents import MAX_DOCUMENT_BYTES
from ui.exports import scenario_json, scenario_yaml
from ui.importing import import_upload

from .conftest import open_page

CASES = load_cases()


def test_case_library_lists_every_case_with_notes(app) -> None:
    open_page(app, "cases")
    titles = [s.value for s in app.subheader]
    assert [c.title for c in CASES] == titles[: len(CASES)]
    assert len([b for b in app.button if b.label == "Load into builder"]) == len(CASES)


@pytest.mark.parametrize("case", CASES[:3], ids=[c.id for c in CASES[:3]])
def test_load_case_into_builder(app, case) -> None:
    open_page(app, "cases")
    app.button(key=f"load:{case.id}").click().run()
    assert not app.exception
    assert app.title[0].value == "Explore a scenario"  # switched to the builder
    assert app.session_state["scenario"] == case.scenario_with_title()
    assert app.text_input(key="field:title").value == case.scenario_with_title().title
    assert any(case.title in i.value for i in app.info)


# import_upload: the function behind the uploader, tested with bytes


def test_import_valid_scenario_yaml_and_json() -> None:
    yaml_outcome = import_upload(b"behaviour: malignant\nresectable: no\n", "s.yaml")
    assert yaml_outcome.error is None and yaml_outcome.case is None
    assert yaml_outcome.scenario.removal == "partial"
    json_outcome = import_upload(b'{"behaviour": "benign", "symptoms": ["pain"]}', "s.json")
    assert json_outcome.error is None and json_outcome.scenario.symptoms == ("pain",)


def test_import_case_document() -> None:
    doc = b"title: Imported case\nteaching_notes: notes\nscenario:\n  behaviour: benign\n"
    outcome = import_upload(doc, "My Case.yaml")
    assert outcome.error is None and outcome.case is not None
    assert outcome.scenario.title == "Imported case"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"behaviour: purple\n", "bad.yaml", "behaviour"),
        (b"stage: 2\nbehaviour: benign\n", "bad.yaml", "stage"),
        (b"colour: red\n", "bad.yaml", "colour"),
        (b"behaviour: [unclosed\n", "bad.yaml", "line"),
        (b'{"behaviour": }', "bad.json", "invalid JSON"),
        (b"\xff\xfe\x00", "bad.yaml", "UTF-8"),
        (b"", "empty.yaml", "empty"),
        (b"- a\n- b\n", "list.yaml", "mapping"),
        (b"behaviour: benign\n", "scenario.txt", ".yaml"),
        (b"a: " + b"x" * MAX_DOCUMENT_BYTES, "big.yaml", "limit"),
    ],
)
def test_import_refusals_name_the_problem(data: bytes, name: str, expected: str) -> None:
    outcome = import_upload(data, name)
    assert outcome.scenario is None and outcome.error
    assert expected in outcome.error and name in outcome.error


def test_exported_scenarios_import_again() -> None:
    scenario = CASES[0].scenario_with_title()
    assert import_upload(scenario_yaml(scenario).encode(), "x.yaml").scenario == scenario
    assert import_upload(scenario_json(scenario).encode(), "x.json").scenario == scenario
    assert json.loads(scenario_json(scenario))["scenario"] == scenario.public_dict()


# the uploader in the page


def test_upload_refusal_keeps_the_current_scenario(app) -> None:
    app.selectbox(key="field:behaviour").select("malignant").run()
    before = app.session_state["scenario"]
    open_page(app, "cases")
    app.file_uploader[0].set_value(("bad.yaml", b"behaviour: purple\n", "application/yaml")).run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "Not imported" in errors[0] and "behaviour" in errors[0]
    assert not any(b.label == "Load imported scenario into builder" for b in app.button)
    assert app.session_state["scenario"] == before


def test_upload_then_load_into_builder(app) -> None:
    open_page(app, "cases")
    app.file_uploader[0].set_value(("ok.yaml", b"behaviour: benign\nregion: lumbar\n", "application/yaml")).run()
    assert not app.error and app.success
    assert app.session_state["scenario"].public_dict() == {}  # nothing changes until the user loads it
    next(b for b in app.button if b.label == "Load imported scenario into builder").click().run()
    assert app.session_state["scenario"].public_dict() == {"behaviour": "benign", "region": "lumbar"}
    assert app.title[0].value == "Explore a scenario"


def test_the_library_can_be_filtered() -> None:
    from explorer.cases import load_cases

    from .conftest import open_link_page

    cases = load_cases()
    at = open_link_page({}, "cases")
    assert sum(b.label == "Load into builder" for b in at.button) == len(cases)
    at.multiselect(key="case_filter:behaviour").set_value(["benign"]).run()
    benign = [c for c in cases if c.scenario.behaviour == "benign"]
    assert 0 < len(benign) < len(cases)
    assert sum(b.label == "Load into builder" for b in at.button) == len(benign)
    assert any(c.value == f"{len(benign)} of {len(cases)} cases shown." for c in at.caption)
