"""Per-scenario sweep outcomes as CSV or JSON Lines (chosen by the file's extension).

Both start with the disclaimer: CSV as a `# ...` comment line, JSON Lines as a first record
`{"disclaimer": ...}`. CSV cells: symptoms, categories and rules joined by ';', a missing
stage/age empty, booleans true/false. `read_outcomes` reads either back.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..disclaimer import DISCLAIMER
from ..errors import InputError
from ..scenario import ATTRIBUTES, parse_scenario
from ..share import parse_text_value
from .sweep import Outcome
from .factors import FIELDS

FORMATS = (".csv", ".jsonl")
HEADER = (*FIELDS, "categories", "rules")


def output_format(path: str | Path) -> str:
    """'.csv' or '.jsonl'; any other extension raises InputError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"--out {path}: unsupported file type '{suffix or '(none)'}'; use a .csv or .jsonl file name")
    return suffix


def check_writable(path: str | Path) -> None:
    """Fail early (before a long sweep) when the output cannot be written."""
    p = Path(path)
    output_format(p)
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InputError(f"--out {path}: is a folder; give a file name ending in .csv or .jsonl")
    if not folder.is_dir():
        raise InputError(f"--out {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise InputError(f"--out {path}: permission denied")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ";".join(value)
    return str(value)


def _write_csv(out: TextIO, outcomes: Iterable[Outcome]) -> None:
    out.write(f"# {DISCLAIMER}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for o in outcomes:
        writer.writerow([*(_cell(o.scenario[f]) for f in FIELDS), _cell(o.categories), _cell(o.rules)])


def _write_jsonl(out: TextIO, outcomes: Iterable[Outcome]) -> None:
    out.write(json.dumps({"disclaimer": DISCLAIMER}) + "\n")
    for o in outcomes:
        record = {"scenario": {k: list(v) if isinstance(v, tuple) else v for k, v in o.scenario.items()},
                  "categories": list(o.categories), "rules": list(o.rules)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_outcomes(path: str | Path, outcomes: Iterable[Outcome]) -> int:
    """Write outcomes to `path` (via a temporary file, so an interrupted run leaves no half file)."""
    fmt = output_format(path)
    p = Path(path)
    tmp = p.with_name(p.name + ".part")
    count = 0

    def counted() -> Iterator[Outcome]:
        nonlocal count
        for o in outcomes:
            count += 1
            yield o

    try:
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            (_write_csv if fmt == ".csv" else _write_jsonl)(out, counted())
        os.replace(tmp, p)
    except OSError as exc:
        raise InputError(f"--out {path}: cannot write ({exc.strerror})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return count


def _from_csv_row(record: dict[str, str], where: str) -> Outcome:
    data: dict[str, Any] = {}
    for name in FIELDS:
        raw = record.get(name, "")
        spec = ATTRIBUTES[name]
        if spec.kind == "set":
            data[name] = [s for s in raw.split(";") if s]
        elif spec.nullable and raw == "":
            data[name] = None
        elif spec.kind in ("bool", "int"):  # CSV is text; the scenario takes real booleans and numbers
            data[name] = parse_text_value(spec, raw)
        else:
            data[name] = raw
    scenario = parse_scenario(data, where)
    split = lambda text: tuple(x for x in text.split(";") if x)  # noqa: E731
    return Outcome(_plain(scenario), split(record.get("categories", "")), split(record.get("rules", "")))


def _plain(scenario: Any) -> dict[str, Any]:
    return {name: getattr(scenario, name) for name in FIELDS}


def read_outcomes(path: str | Path) -> list[Outcome]:
    """Read a file written by `write_outcomes` (scenarios re-validated)."""
    fmt = output_format(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if fmt == ".csv":
        return [_from_csv_row(rec, f"{path}: row {i}") for i, rec in enumerate(csv.DictReader(lines), 1)]
    out = []
    for i, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {i}: invalid JSON: {exc.msg}") from None
        if not isinstance(record, dict) or "scenario" not in record:
            continue
        scenario = parse_scenario(record["scenario"], f"{path}: line {i}")
        out.append(Outcome(_plain(scenario), tuple(record["categories"]), tuple(record["rules"])))
    return out
