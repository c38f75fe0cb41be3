"""`explorer sweep` and `explorer coverage` on the command line: summaries, outputs, errors, Ctrl-C."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys

import pytest

from explorer import DISCLAIMER
from explorer.cli import main
from explorer.space.sweep import run_sweep
from explorer.space.outcome_files import read_outcomes
from explorer.space.factors import sample_rows

from .conftest import TINY

GRID = ["sweep", "--rules", str(TINY), "--grid", "behaviour,cord_compression,overall_health"]


def test_grid_summary(capsys):
    assert main(GRID) == 0
    out = capsys.readouterr().out
    assert "a grid of 24 combinations of behaviour, cord_compression, overall_health" in out
    rows = {line.split("  ")[1].strip(): line.split()[-4:] for line in out.splitlines() if line.startswith("  ") and "%" in line}
    # overall share, then the share on the scenario's own findings (every option of the tiny pack is basis: scenario)
    assert rows["Surgery"] == ["66.7%", "(16)", "66.7%", "(16)"]
    assert rows["Palliative care"] == ["25.0%", "(6)", "25.0%", "(6)"]
    first_shift = out.split("Largest shifts")[1].splitlines()[1]
    assert first_shift.split()[:4] == ["overall_health", "=", "poor", "palliative"] and "+75.0 pp" in first_shift
    assert "Rules that never fired (0 of 4):\n  none" in out
    assert "1 of 5):\n  tiny-uncited" in out
    assert out.rstrip().endswith(DISCLAIMER)


def test_samples_summary_names_seed_and_rules_never_fired(tmp_path, capsys):
    # Two scenarios fire only some of the four rules; the summary's list must be exactly the rules that appear in
    # no outcome of the file the same run writes.
    out_file = tmp_path / "o.jsonl"
    assert main(["sweep", "--rules", str(TINY), "--samples", "2", "--seed", "4", "--workers", "1",
                 "--out", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert "Swept 2 random scenarios (seed 4)" in out and DISCLAIMER in out
    fired = {rule for outcome in read_outcomes(out_file) for rule in outcome.rules}
    titles = {"watch-asymptomatic": "No symptoms - watch with imaging",
              "cancer-options": "Cancer - surgery, radiation therapy and chemotherapy",
              "compression-surgery": "Pressing on the cord - surgery to relieve it",
              "palliative-poor-health": "Poor health - palliative care"}  # tests/space/data/rules/pack/rules.yaml
    never = [f"  {rid}: {title}" for rid, title in titles.items() if rid not in fired]
    assert 0 < len(never) < 4, "pick a seed whose two scenarios fire some rules but not all"
    section = out.split(f"Rules that never fired ({len(never)} of 4):\n")[1].split("\n\n")[0]
    assert section.splitlines() == never


@pytest.mark.parametrize("args, message", [
    (["--samples", "0"], "--samples: must be at least 1, got 0"),
    (["--samples", "-5"], "--samples: must be at least 1, got -5"),
    (["--samples", "ten"], "--samples: expected a whole number, got 'ten'"),
    (["--samples", "5", "--seed", "x"], "--seed: expected a whole number"),
    ([], "give exactly one of --samples N or --grid"),
    (["--samples", "5", "--grid", "origin"], "give exactly one of --samples N or --grid"),
    (["--grid", "origin,tumour_size"], "--grid: unknown factor 'tumour_size'; allowed: symptoms, origin"),
    (["--grid", "origin", "--base", "/no/such/file.yaml"], "--base /no/such/file.yaml: no such file"),
    (["--samples", "5", "--base", "x.yaml"], "--base applies to --grid only"),
    (["--samples", "5", "--out", "outcomes.txt"], "unsupported file type '.txt'; use a .csv or .jsonl"),
    (["--samples", "5", "--out", "/no/such/folder/o.csv"], "folder /no/such/folder does not exist"),
    (["--samples", "5", "--workers", "0"], "--workers: must be at least 1"),
    (["--samples", "1000001"], "--samples: at most 1,000,000 per run"),
    (["--samples", "5", "--rules", "/no/such/rules"], "--rules /no/such/rules: no such rules directory"),
])
def test_bad_arguments_give_one_clear_line_and_exit_2(args, message, capsys):
    assert main(["sweep", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("explorer: ") and captured.err.endswith("\n")
    assert captured.err.count("\n") == 1  # one line
    assert message in captured.err


@pytest.mark.parametrize("content, message", [
    ("origin: [unclosed\n", "invalid YAML/JSON"),
    ("origin: sideways\n", "field 'origin': got 'sideways'"),
    ("stage: 3\n", "a stage requires behaviour: malignant"),
])
def test_invalid_base_file(tmp_path, content, message, capsys):
    base = tmp_path / "base.yaml"
    base.write_text(content)
    assert main(["sweep", "--grid", "extent", "--base", str(base)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("explorer: --base ") and message in err and err.count("\n") == 1


def test_grid_over_a_base_case_file(tmp_path, capsys):
    base = tmp_path / "case.yaml"
    base.write_text("title: A case\nscenario: {behaviour: malignant, symptoms: [pain]}\n")
    out_file = tmp_path / "o.jsonl"
    assert main(["sweep", "--rules", str(TINY), "--grid", "overall_health", "--base", str(base),
                 "--out", str(out_file)]) == 0
    outcomes = read_outcomes(out_file)
    assert [o.scenario["overall_health"] for o in outcomes] == ["good", "fair", "poor", "unknown"]
    assert all(o.scenario["behaviour"] == "malignant" and o.scenario["symptoms"] == ("pain",) for o in outcomes)
    assert all("observation" not in o.categories for o in outcomes)
    assert f"Wrote 4 outcomes to {out_file}" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_outcome_files_round_trip(tmp_path, suffix, explorer, capsys):
    path = tmp_path / f"outcomes{suffix}"
    assert main(["sweep", "--samples", "300", "--seed", "9", "--workers", "1", "--out", str(path)]) == 0
    capsys.readouterr()
    expected = list(run_sweep(sample_rows(300, seed=9), explorer))
    assert read_outcomes(path) == expected
    assert DISCLAIMER in path.read_text().splitlines()[0]
    assert not (tmp_path / f"outcomes{suffix}.part").exists()


def test_interrupt_in_the_parent_loop_prints_one_line(monkeypatch, capsys):
    def interrupt(self, k):
        raise KeyboardInterrupt

    monkeypatch.setattr("explorer.cli.sweep.ProgressLine.update", interrupt)
    assert main(["sweep", "--samples", "5000", "--workers", "2"]) == 130
    captured = capsys.readouterr()
    assert captured.err == "explorer: interrupted\n"
    assert "Traceback" not in captured.out and not multiprocessing.active_children()


def test_ctrl_c_stops_the_workers_without_tracebacks(tmp_path):
    """A real SIGINT to the whole process group, as a terminal's Ctrl-C sends it."""
    explorer_bin = os.path.join(os.path.dirname(sys.executable), "explorer")
    proc = subprocess.Popen([explorer_bin, "sweep", "--samples", "100000", "--workers", "2", "--progress",
                             "--out", str(tmp_path / "o.csv")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True)
    try:
        started = proc.stderr.read(2)  # "\r[": the progress line has started, the workers are running
        assert started.endswith("[")
        progress = ""
        # wait for a count above 0 (workers have delivered results), not a sleep; the line first shows 0/100,000
        while not re.search(r"% [1-9][\d,]*/", progress):
            char = proc.stderr.read(1)
            assert char, "the sweep ended before it reported progress"
            progress += char
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130
    assert err.rstrip().endswith("explorer: interrupted")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert out == ""
    assert not (tmp_path / "o.csv").exists()
