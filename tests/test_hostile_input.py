"""Hostile documents: every bad one is refused fast, in bounded memory, with one short line and exit 2.

Budgets (issue 10): under 1 s, under 100 MB of Python allocations, stderr one line of at most 500 characters.
Time and memory are measured in-process around `explorer.cli.main` (the rule pack is loaded beforehand, so
only the document's own cost is measured); tracemalloc counts every Python allocation, which is where an
expanded alias bomb or a rendered 4,301-digit number would live.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import tracemalloc

import pytest

from explorer import default_explorer
from explorer.cli import main
from explorer.lint import lint

from .conftest import REPO

MAX_SECONDS = 1.0
MAX_BYTES = 100 * 1024 * 1024
MAX_LINE = 500

LEVELS = "abcdefghi"


def alias_bomb(target: str) -> str:
    """The classic 'billion laughs': 9 levels of 9 aliases, about 400 bytes, 9**9 values when expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip(LEVELS, LEVELS[1:]):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    lines.append(f"{target}: *i")
    return "\n".join(lines) + "\n"


BAD_DOCUMENTS = {
    "alias bomb in symptoms": ("s.yaml", alias_bomb("symptoms")),
    "alias bomb in title (a quoted field)": ("s.yaml", alias_bomb("title")),
    "recursive alias": ("s.yaml", "symptoms: &a [*a]\n"),
    "YAML nested 2,000 levels (flow)": ("s.yaml", "title: " + "[" * 2000 + "]" * 2000 + "\n"),
    "YAML nested 600 levels (block)": ("s.yaml", "".join(" " * i + f"k{i}:\n" for i in range(600)) + " " * 600 + "x\n"),
    "JSON nested 1,000 levels": ("s.json", '{"title": ' + "[" * 1000 + "]" * 1000 + "}"),
    "JSON nested 100,000 levels": ("s.json", "[" * 100_000 + "]" * 100_000),
    "YAML integer of 4,301 digits": ("s.yaml", "age: " + "1" * 4301 + "\n"),
    "JSON integer of 4,301 digits": ("s.json", '{"age": ' + "1" * 4301 + "}"),
    "long text value": ("s.yaml", "origin: " + "x" * 200_000 + "\n"),
    "thousands of bad symptoms": ("s.yaml", "symptoms: [" + ",".join(["itch"] * 20_000) + "]\n"),
    "100,000 numbers": ("s.yaml", "title: [" + ",".join(["1"] * 100_000) + "]\n"),
    "100,000 JSON numbers": ("s.json", '{"title": [' + ",".join(["1"] * 100_000) + "]}"),
}


@pytest.fixture(scope="module", autouse=True)
def _pack_loaded():
    default_explorer()  # built once; the budgets are about the document, not start-up


def measured(fn):
    """(result, CPU seconds, peak bytes allocated) of fn(): timed on its own (CPU time, so other processes on a
    busy machine do not count), then run again under tracemalloc (which slows it down) for the memory.

    The test process's own heap (hundreds of earlier tests) is frozen first, so that garbage collections triggered
    by the document scan only what the document creates, as in a fresh `explorer` process."""
    gc.collect()
    gc.freeze()
    try:
        start = time.process_time()
        fn()
        seconds = time.process_time() - start
    finally:
        gc.unfreeze()
    tracemalloc.start()
    try:
        result = fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, seconds, peak


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_a_bad_document_is_refused_within_the_budgets(tmp_path, capsys, name):
    file_name, content = BAD_DOCUMENTS[name]
    path = tmp_path / file_name
    path.write_text(content)
    code, seconds, peak = measured(lambda: main(["evaluate", str(path)]))
    out, err = capsys.readouterr()
    first, err = err[:len(err) // 2], err[len(err) // 2:]  # two runs (timed, then traced): the same line twice
    assert first == err
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("explorer: ") and len(err) <= MAX_LINE + 1, err[:600]
    assert "Traceback" not in err
    assert seconds < MAX_SECONDS, f"{name}: {seconds:.2f} s"
    assert peak < MAX_BYTES, f"{name}: {peak / 1e6:.0f} MB"


def test_a_rejected_value_is_previewed_never_rendered_whole(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text("origin: " + "sideways" * 1000 + "\n")
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "field 'origin'" in err and "a str starting 'sidewayssideways" in err
    assert err.count("sideways") <= 11  # an 80-character preview holds 10 of the 1,000 copies


def run_shell(command: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run the CLI under bash (for redirections such as closing a descriptor)."""
    cli = f"{sys.executable} -m explorer.cli"
    return subprocess.run(["bash", "-c", command.replace("CLI", cli)], capture_output=True, cwd=REPO, timeout=timeout)


CASE = "rules/cases/05-advanced-metastatic-poor-health.yaml"
SHELL_CASES = {
    "/dev/zero (stat size 0, endless)": ("CLI evaluate /dev/zero", "the limit is"),
    "an endless pipe": ("CLI evaluate <(yes 'title: x')", "the limit is"),
    "endless standard input": ("yes 'title: x' | CLI evaluate -", "the limit is"),
    "standard input closed": ("CLI evaluate - 0<&-", "standard input is closed"),
    "standard output closed": (f"CLI evaluate {CASE} >&-", "standard output is closed"),
    "standard output is /dev/full": (f"CLI evaluate {CASE} > /dev/full", "No space left on device"),
    "rules listing to /dev/full": ("CLI rules > /dev/full", "No space left on device"),
}


@pytest.mark.parametrize("name", SHELL_CASES)
def test_unusual_sources_and_sinks_exit_2_with_one_line(name):
    command, message = SHELL_CASES[name]
    proc = run_shell(command)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err and "Exception" not in err, err


def test_a_closed_reader_is_not_an_error():
    proc = run_shell("CLI rules | head -c 10 > /dev/null; echo ${PIPESTATUS[0]}")
    assert proc.stdout.decode().strip() == "0" and proc.stderr == b""


LINT_CASES = {
    "statements.yaml alias bomb": ("statements.yaml", alias_bomb("extra"), "aliases expand"),
    "pack nested 2,000 levels": ("pack/rules.yaml", "rules: " + "[" * 2000 + "]" * 2000 + "\n", "nest"),
    "pack integer of 4,301 digits": ("pack/rules.yaml", "rules: [" + "9" * 4301 + "]\n", "digits"),
}


@pytest.mark.parametrize("name", LINT_CASES)
def test_lint_refuses_hostile_pack_files_with_one_problem(pack_dir, capsys, name):
    rel, content, message = LINT_CASES[name]
    (pack_dir / rel).write_text(content)
    report, seconds, peak = measured(lambda: lint(pack_dir))
    assert len(report.problems) == 1 and message in report.problems[0] and rel in report.problems[0]
    assert seconds < MAX_SECONDS and peak < MAX_BYTES, (seconds, peak)
    assert main(["lint", str(pack_dir)]) == 1
    out = capsys.readouterr().out
    assert [line.startswith("error: ") for line in out.splitlines()].count(True) == 1 and "Traceback" not in out
