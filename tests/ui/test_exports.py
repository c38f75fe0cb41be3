"""Downloads: every handout and export carries the disclaimer; scenario files re-import."""

from __future__ import annotations

import json

import yaml

from explorer import DISCLAIMER, default_explorer, parse_scenario
from explorer.share import share_link
from ui.exports import downloads, file_stem

SCENARIO = parse_scenario({"behaviour": "malignant", "removal": "not_operable", "title": "Week 3: inoperable?"})


def test_handouts_and_result_carry_the_disclaimer() -> None:
    result = default_explorer().evaluate(SCENARIO)
    files = {d.label: d for d in downloads(result, SCENARIO)}
    for label in ("Handout (Markdown)", "Handout (printable HTML)", "Full result (JSON)", "Scenario (YAML)",
                  "Scenario (JSON)"):
        assert DISCLAIMER in files[label].data, label
    assert "Radiation therapy" in files["Handout (Markdown)"].data
    assert files["Handout (printable HTML)"].data.startswith("<!doctype html>")
    assert json.loads(files["Full result (JSON)"].data)["disclaimer"] == DISCLAIMER


def test_scenario_exports_are_the_public_dict_with_the_disclaimer() -> None:
    result = default_explorer().evaluate(SCENARIO)
    files = {d.label: d for d in downloads(result, SCENARIO)}
    expected = {"disclaimer": DISCLAIMER, "scenario": SCENARIO.public_dict()}
    assert yaml.safe_load(files["Scenario (YAML)"].data) == expected
    assert json.loads(files["Scenario (JSON)"].data) == expected


def test_file_names_are_safe() -> None:
    assert file_stem(SCENARIO) == "week-3-inoperable"
    assert file_stem(parse_scenario({"title": "../../etc/passwd"})) == "etc-passwd"
    assert file_stem(parse_scenario({})) == "scenario"
    result = default_explorer().evaluate(SCENARIO)
    assert all("/" not in d.file_name for d in downloads(result, SCENARIO))


def test_handouts_carry_the_link_back_and_the_smallest_change() -> None:
    result = default_explorer().evaluate({"behaviour": "malignant"})
    scenario = parse_scenario({"behaviour": "malignant"})
    files = {d.label: d for d in downloads(result, scenario, "http://127.0.0.1:8501/?behaviour=malignant")}
    md_handout = files["Handout (Markdown)"]
    assert "<http://127.0.0.1:8501/?behaviour=malignant>" in md_handout.data
    assert "**Smallest change:**" in md_handout.data or "No change of up to three inputs" in md_handout.data
    assert md_handout.file_name == "teaching-scenario-behaviour-malignant-handout.md"  # named after the scenario


def test_handouts_and_exports_never_carry_the_acknowledgement_mark() -> None:
    """The app's address bar holds `ack=1` once acknowledged; the link a handout carries is the share link."""
    result = default_explorer().evaluate(SCENARIO)
    link = share_link("http://127.0.0.1:8501/?ack=1&behaviour=benign", SCENARIO)
    files = downloads(result, SCENARIO, link)
    assert "<" + link + ">" in files[0].data  # the Markdown handout links back to the scenario
    for item in files:
        assert "ack=" not in item.data, item.label
