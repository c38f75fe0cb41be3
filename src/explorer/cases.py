"""The teaching-case library: scenario files with a title, teaching notes and expected categories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .categories import CATEGORIES
from .errors import InputError, describe_validation_error, preview
from .documents import MAX_DOCUMENT_BYTES, parse_document, read_bytes
from .paths import default_rules_dir
from .scenario import MAX_NOTES, Scenario, parse_scenario


class Case(BaseModel):
    """A teaching case: what must appear, what must not, and which tensions the sources show (all tested)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
    title: str = Field(min_length=3, max_length=200)
    teaching_notes: str = Field("", max_length=MAX_NOTES)
    scenario: Scenario
    expected_categories: tuple[str, ...] = Field((), description="Categories that must appear.")
    absent_categories: tuple[str, ...] = Field((), description="Categories that must not appear.")
    expected_tensions: tuple[str, ...] = Field((), description="Exactly the tensions the sources show for it.")
    teaches: tuple[str, ...] = Field((), description="Short tags of what the case teaches (for filtering).")

    @field_validator("expected_categories", "absent_categories")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [c for c in value if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown category {preview(unknown[0])}; allowed: {', '.join(CATEGORIES)}")
        return value

    def scenario_with_title(self) -> Scenario:
        """The scenario carrying the case title and notes (for exports and the builder)."""
        return self.scenario.model_copy(update={
            "title": self.scenario.title or self.title,
            "notes": self.scenario.notes or (self.teaching_notes or None),
        })


def case_from_mapping(data: Any, name: str, case_id: str) -> Case:
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a mapping with title, teaching_notes, scenario, expected_categories")
    body = dict(data)
    body.setdefault("id", case_id)
    if isinstance(body.get("scenario"), dict):
        body["scenario"] = parse_scenario(body["scenario"], f"{name}: scenario")
    try:
        return Case.model_validate(body)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, name)) from None


def load_case(path: str | Path) -> Case:
    p = Path(path)
    return case_from_mapping(parse_document(read_bytes(p), str(p)), str(p), p.stem)


def load_cases(root: str | Path | None = None) -> list[Case]:
    """Every case under rules/cases/, in file-name order."""
    folder = Path(root or default_rules_dir()) / "cases"
    return [load_case(p) for p in sorted(folder.glob("*.yaml"))]




def scenario_from_document(parsed: Any, name: str) -> tuple[Scenario, Case | None]:
    """A parsed document as a scenario: a case file, an exported `{disclaimer, scenario}` envelope, or a bare
    scenario mapping. The disclaimer that exports carry is ignored on the way back in."""
    if isinstance(parsed, dict) and "scenario" in parsed:
        body = {k: v for k, v in parsed.items() if k != "disclaimer"}
        if set(body) == {"scenario"}:
            return parse_scenario(body["scenario"], f"{name}: scenario"), None
        stem = Path(name).stem.lower()
        safe = "".join(ch if ch.isalnum() else "-" for ch in stem).strip("-") or "imported"
        case = case_from_mapping(body, name, safe)
        return case.scenario_with_title(), case
    return parse_scenario(parsed, name), None


def import_document(data: bytes | str, name: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> tuple[Scenario, Case | None]:
    """Read an uploaded case file or scenario file (YAML or JSON); errors are InputError."""
    return scenario_from_document(parse_document(data, name, max_bytes=max_bytes), name)


def export_document(scenario: Scenario) -> dict[str, Any]:
    """The scenario as an exportable document that carries the disclaimer and imports again."""
    from .disclaimer import DISCLAIMER

    return {"disclaimer": DISCLAIMER, "scenario": scenario.public_dict()}
