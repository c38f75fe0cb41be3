"""Download payloads: handouts (Markdown, printable HTML), the scenario (YAML, JSON) and the full result (JSON)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from explorer import Result, Scenario
from explorer.cases import export_document
from explorer.formats import render_html, render_markdown


@dataclass(frozen=True)
class Download:
    label: str
    data: str
    file_name: str
    mime: str


def file_stem(scenario: Scenario) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (scenario.title or "scenario").lower()).strip("-")
    return slug[:60] or "scenario"


def scenario_yaml(scenario: Scenario) -> str:
    """Re-importable YAML `{disclaimer, scenario}` (fields that differ from the defaults)."""
    return yaml.safe_dump(export_document(scenario), sort_keys=False, allow_unicode=True, width=10_000)


def scenario_json(scenario: Scenario) -> str:
    """Re-importable JSON `{disclaimer, scenario}` (fields that differ from the defaults)."""
    return json.dumps(export_document(scenario), indent=2, ensure_ascii=False) + "\n"


def downloads(result: Result, scenario: Scenario) -> list[Download]:
    stem = file_stem(scenario)
    return [
        Download("Handout (Markdown)", render_markdown(result), f"{stem}-handout.md", "text/markdown"),
        Download("Handout (printable HTML)", render_html(result), f"{stem}-handout.html", "text/html"),
        Download("Scenario (YAML)", scenario_yaml(scenario), f"{stem}.yaml", "application/yaml"),
        Download("Scenario (JSON)", scenario_json(scenario), f"{stem}.json", "application/json"),
        Download("Full result (JSON)", result.model_dump_json(indent=2), f"{stem}-result.json", "application/json"),
    ]
