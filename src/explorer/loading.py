"""Safe reading of YAML/JSON documents: size limit, UTF-8, syntax errors with file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

MAX_DOCUMENT_BYTES = 256 * 1024


def yaml_error_parts(exc: yaml.YAMLError) -> tuple[int | None, int | None, str]:
    """(line, column, problem) of a YAML error; line and column 1-based, None when unknown."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return (mark.line + 1, mark.column + 1, problem) if mark else (None, None, problem)


def parse_document(data: bytes | str, name: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Parse YAML (a superset of JSON) from bytes or text; errors name `name` and the line."""
    if isinstance(data, str):
        raw = data.encode("utf-8", errors="surrogatepass")
    else:
        raw = data
    if len(raw) > max_bytes:
        raise InputError(f"{name}: file is {len(raw):,} bytes; the limit is {max_bytes:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f"{name}: file is empty; expected a mapping of scenario fields")
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line, column, problem = yaml_error_parts(exc)
        where = f"line {line}, column {column}: " if line else ""
        raise InputError(f"{name}: {where}invalid YAML/JSON: {problem}") from None


def read_document(path: str | Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Read and parse a YAML/JSON file, or `-` for standard input."""
    import sys

    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return parse_document(data, "<stdin>", max_bytes=max_bytes)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a folder; expected a YAML or JSON file")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: file is {size:,} bytes; the limit is {max_bytes:,} bytes")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    return parse_document(data, name, max_bytes=max_bytes)
