"""Fuzz `explorer evaluate` with arbitrary YAML and JSON documents: exit 0 or 2, one line on error, no traceback,
bounded time. The CLI's main runs in-process (the rule pack is built once), with stdout and stderr captured."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer import Scenario, default_explorer
from explorer.cli import main

FIELDS = list(Scenario.model_fields)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**20, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(["primary", "secondary", "malignant", "benign", "pain", "yes", "no", "0x1F", "1:10", "45"]),
)
KEYS = st.one_of(st.sampled_from(FIELDS), st.text(max_size=10))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                      st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)
DOCUMENTS = st.one_of(st.dictionaries(KEYS, VALUES, max_size=8), VALUES)


def as_text(document: object, kind: str) -> str:
    if kind == "json":
        return json.dumps(document, allow_nan=True)
    return yaml.safe_dump(document, allow_unicode=True)


def run_cli(path: Path) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    start = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["evaluate", str(path), "--format", "json"])
    return code, out.getvalue(), err.getvalue(), time.process_time() - start


def check(text: str | bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, out, err, seconds = run_cli(path)
    assert code in (0, 2), err
    assert seconds < 2.0, f"{seconds:.2f} s of CPU"
    if code == 0:
        assert err == "" and json.loads(out)["disclaimer"]
    else:
        assert out == "" and err.startswith("explorer: ") and err.count("\n") == 1 and len(err) <= 501, err
        assert "Traceback" not in err


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def setup_module() -> None:
    default_explorer()


@FUZZ
@given(document=DOCUMENTS, kind=st.sampled_from(["json", "yaml"]))
def test_arbitrary_documents_exit_0_or_2_with_one_line(document, kind):
    check(as_text(document, kind), f".{kind}")


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("{}[]:,-&*!|>'\"#% \n\tab01.xyz")), max_size=200),
       suffix=st.sampled_from([".yaml", ".json"]))
def test_arbitrary_yaml_and_json_syntax_exits_0_or_2_with_one_line(text, suffix):
    check(text, suffix)


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_exit_0_or_2_with_one_line(data):
    check(data, ".yaml")
