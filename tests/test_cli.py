"""The `explorer` command line: outputs carry the disclaimer; bad input is one clear line, exit 2."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest

from explorer.cli import main
from explorer.disclaimer import DISCLAIMER

from .conftest import REPO

CASE = REPO / "rules" / "cases" / "05-advanced-metastatic-poor-health.yaml"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer.cli", *args], input=stdin, capture_output=True, cwd=REPO, timeout=60)


def test_evaluate_json_has_the_public_shape(tmp_path):
    proc = run_cli("evaluate", str(CASE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["disclaimer"] == DISCLAIMER
    assert {"options", "not_discussed", "trace", "statements"} <= set(data)
    assert all("category" in o for o in data["options"])
    assert all({"rule", "statements"} <= set(step) for step in data["trace"])
    for step in data["trace"]:
        for sid in step["statements"]:
            assert {"source", "quote"} <= set(data["statements"][sid])
    assert "palliative" in [o["category"] for o in data["options"]]


@pytest.mark.parametrize("fmt, marker", [("text", "Options the sources discuss"), ("markdown", "# Advanced metastatic"), ("html", "<!doctype html>")])
def test_evaluate_formats_carry_the_disclaimer(capsys, fmt, marker):
    assert main(["evaluate", str(CASE), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert marker in out and "not medical advice" in out.replace("\n", " ")
    assert "recommended for you" not in out.lower()


def test_evaluate_reads_standard_input():
    proc = run_cli("evaluate", "-", "--format", "json", stdin=b"behaviour: benign\nsymptoms: []\n")
    assert proc.returncode == 0
    options = json.loads(proc.stdout)["options"]
    assert [o["category"] for o in options if o["kind"] == "core"] == ["observation"]
    assert {o["basis"] for o in options if o["kind"] == "adjunct"} == {"background"}


BAD = [
    (b"", "file is empty"),
    (b"- just\n- a list\n", "expected a mapping"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
    (b"origin: [unclosed\n", "line 2"),
    (b"origin: sideways\n", "field 'origin'"),
    (b"colour: blue\n", "field 'colour': unknown field"),
    (b"stage: 3\n", "a stage requires behaviour: malignant"),
    (b"origin: secondary\nbehaviour: benign\n", "field 'behaviour': benign is not allowed with origin: secondary"),
    (b"resectable: maybe\n", "field 'resectable' (old name of 'removal')"),
    (b"x: " + b"a" * 300_000 + b"\n", "the limit is"),
]


@pytest.mark.parametrize("content, message", BAD, ids=[m for _, m in BAD])
def test_bad_input_is_one_line_on_stderr_and_nothing_on_stdout(tmp_path, content, message):
    path = tmp_path / "scenario.yaml"
    path.write_bytes(content)
    proc = run_cli("evaluate", str(path))
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode()
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_json_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{\n  "origin": "primary",\n  oops\n}')
    proc = run_cli("evaluate", str(path))
    assert proc.returncode == 2 and "line 3" in proc.stderr.decode()


def test_missing_file(tmp_path):
    proc = run_cli("evaluate", str(tmp_path / "none.yaml"))
    assert proc.returncode == 2 and "no such file" in proc.stderr.decode() and proc.stdout == b""


@pytest.mark.parametrize("command, marker", [("rules", "surgery-complete-removal"), ("sources", "spinal-tumor-treatments"), ("schema", '"properties"')])
def test_catalogue_commands(capsys, command, marker):
    assert main([command]) == 0
    out = capsys.readouterr().out
    assert marker in out and "not medical advice" in out


def test_rules_search_filters(capsys):
    assert main(["rules", "--search", "palliative"]) == 0
    out = capsys.readouterr().out
    assert "palliative-when-aggressive-not-beneficial" in out and "surgery-complete-removal" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_output_shows_tensions_with_both_sides_and_each_options_basis(fmt):
    case = REPO / "rules" / "cases" / "07-epidural-cord-compression.yaml"
    proc = run_cli("evaluate", str(case), "--format", fmt)
    assert proc.returncode == 0
    out = html.unescape(proc.stdout.decode())  # the HTML handout escapes quotes
    assert "Where the sources point different ways" in out
    assert "decompression surgery and/or standard radiotherapy" in out
    assert "This is in addition to standard 3D conformal radiotherapy (3DCRT)" in out  # side 2, verbatim
    assert "Decompressing the spinal cord" in out  # side 1, verbatim
    assert "general background" in out and "for this scenario's findings" in out
    assert "Risks the sources name" in out or "risk the sources name" in out
