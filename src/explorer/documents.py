"""Safe reading of YAML/JSON documents: size limit, UTF-8, syntax errors with file and line.

Every source is read through `read_limited`: at most the limit plus one byte, whatever `stat` says, so devices,
pipes and standard input are bounded too. Parsing goes through `safe_yaml` (depth, alias and digit budgets,
duplicate keys refused, decimal-only integers).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from .errors import InputError
from .safe_yaml import DocumentLimitError, load_json, load_yaml

MAX_DOCUMENT_BYTES = 256 * 1024
BOM = "\ufeff"


def yaml_error_parts(exc: yaml.YAMLError) -> tuple[int | None, int | None, str]:
    """(line, column, problem) of a YAML error; line and column 1-based, None when unknown."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return (mark.line + 1, mark.column + 1, problem) if mark else (None, None, problem)


def _too_big(name: str, max_bytes: int) -> InputError:
    return InputError(f"{name}: file is too large; the limit is {max_bytes:,} bytes")


def read_limited(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """At most max_bytes from a binary stream; a longer source is refused after reading max_bytes + 1."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(name, max_bytes)
    return data


def parse_document(data: bytes | str, name: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Parse YAML (a superset of JSON) from bytes or text; errors name `name` and the line.

    A leading UTF-8 byte-order mark is read and dropped (some editors on Windows write one)."""
    if isinstance(data, str):
        raw = data.encode("utf-8", errors="surrogatepass")
    else:
        raw = data
    if len(raw) > max_bytes:
        raise _too_big(name, max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from None
    text = text.removeprefix(BOM)
    if not text.strip():
        raise InputError(f"{name}: file is empty; expected a mapping of scenario fields")
    if name.lower().endswith(".json"):
        try:
            return load_json(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        line, column, problem = yaml_error_parts(exc)
        where = f"line {line}, column {column}: " if line else ""
        kind = "refused" if isinstance(exc, DocumentLimitError) else "invalid YAML/JSON"
        raise InputError(f"{name}: {where}{kind}: {problem}") from None


def read_bytes(path: str | Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a file or `-` (standard input), bounded; errors are InputError naming the file."""
    name = str(path)
    if name == "-":
        stdin = sys.stdin
        if stdin is None or getattr(stdin, "buffer", None) is None:
            raise InputError("<stdin>: standard input is closed")
        try:
            return read_limited(stdin.buffer, "<stdin>", max_bytes)
        except (OSError, ValueError) as exc:  # a closed descriptor: EBADF, or "I/O operation on closed file"
            raise InputError(f"<stdin>: cannot read standard input ({getattr(exc, 'strerror', None) or exc})") from None
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{name}: is a folder; expected a YAML or JSON file")
        with p.open("rb") as stream:
            return read_limited(stream, name, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def read_document(path: str | Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Read and parse a YAML/JSON file, or `-` for standard input."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return parse_document(read_bytes(path, max_bytes=max_bytes), name, max_bytes=max_bytes)
