"""Download payloads: handouts (Markdown, printable HTML), the scenario (YAML, JSON) and the full result (JSON)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from explorer import Result, Scenario
from explorer.cases import export_document
from explorer.formats import render_html, render_markdown
from explorer.formats.common import handout_title
from explorer.smallest_change import with_smallest_changes

from .resources import explorer


@dataclass(frozen=True)
class Download:
    label: str
    data: str
    file_name: str
    mime: str


def file_stem(scenario: Scenario, result: Result | None = None) -> str:
    """A safe file name from the title (or, for a handout, the title the handout takes from the scenario)."""
    title = scenario.title or (handout_title(result) if result is not None and scenario.public_dict() else "scenario")
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].strip("-") or "scenario"


def scenario_yaml(scenario: Scenario) -> str:
    """Re-importable YAML `{disclaimer, scenario}` (fields that differ from the defaults)."""
    return yaml.safe_dump(export_document(scenario), sort_keys=False, allow_unicode=True, width=10_000)


def scenario_json(scenario: Scenario) -> str:
    """Re-importable JSON `{disclaimer, scenario}` (fields that differ from the defaults)."""
    return json.dumps(export_document(scenario), indent=2, ensure_ascii=False) + "\n"


def downloads(result: Result, scenario: Scenario, link: str | None = None) -> list[Download]:
    """Handouts carry the title, the date, `link` back to the scenario and the smallest-change why-not."""
    stem = file_stem(scenario, result)
    handout = with_smallest_changes(explorer(), result)
    return [
        Download("Handout (Markdown)", render_markdown(handout, link=link), f"{stem}-handout.md", "text/markdown"),
        Download("Handout (printable HTML)", render_html(handout, link=link), f"{stem}-handout.html", "text/html"),
        Download("Scenario (YAML)", scenario_yaml(scenario), f"{stem}.yaml", "application/yaml"),
        Download("Scenario (JSON)", scenario_json(scenario), f"{stem}.json", "application/json"),
        Download("Full result (JSON)", handout.model_dump_json(indent=2), f"{stem}-result.json", "application/json"),
    ]
