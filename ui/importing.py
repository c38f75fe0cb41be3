"""Uploaded case/scenario files: validated by the library, refused with a clear message."""

from __future__ import annotations

from dataclasses import dataclass

from explorer import InputError, Scenario
from explorer.cases import Case, import_document
from explorer.documents import MAX_DOCUMENT_BYTES

ALLOWED_TYPES = ("yaml", "yml", "json")


@dataclass(frozen=True)
class ImportOutcome:
    scenario: Scenario | None = None
    case: Case | None = None
    error: str | None = None


def import_upload(data: bytes, name: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> ImportOutcome:
    """Read an uploaded file; never raises for bad input (the refusal is in `error`)."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ALLOWED_TYPES:
        return ImportOutcome(error=f"{name}: expected a .yaml, .yml or .json file")
    try:
        scenario, case = import_document(data, name, max_bytes=max_bytes)
    except InputError as exc:
        return ImportOutcome(error=str(exc))
    except (RecursionError, TypeError, ValueError) as exc:  # pathological documents the parser rejects late
        return ImportOutcome(error=f"{name}: cannot be read as a scenario ({type(exc).__name__})")
    return ImportOutcome(scenario=scenario, case=case)
