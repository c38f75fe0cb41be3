"""The public entry points: load the pack once, evaluate scenarios."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Mapping

from .cache import CacheRegistry
from .conditions import check_validated
from .engine import Engine
from .errors import RulePackError
from .explain import Explainer
from .lint import check_pack
from .naive_evaluator import run_reference
from .result import Result
from .rulepack import RulePack, read_pack
from .paths import default_rules_dir
from .scenario import Scenario, parse_scenario


def load_pack(root: str | Path | None = None) -> RulePack:
    """Load and validate a rules directory; raise RulePackError listing every problem."""
    pack = read_pack(root or default_rules_dir())
    report = check_pack(pack)
    if not report.ok:
        raise RulePackError(report.problems)
    return pack


EVALUATE_CACHE_SIZE = 1024


class Explorer:
    """A loaded pack with its engine and explainer: build once, evaluate many times.

    `caches` holds its scenario caches (see `explorer.cache`); `evaluate` is one of them, shared by every caller
    in the process (sessions, what-if), so a result is computed once per distinct scenario.
    """

    def __init__(self, pack: RulePack):
        self.pack = pack
        self.engine = Engine(pack.rules)
        self.explainer = Explainer(pack)
        self.caches = CacheRegistry()

    @classmethod
    def load(cls, root: str | Path | None = None) -> "Explorer":
        return cls(load_pack(root))

    def evaluate(self, scenario: Scenario | Mapping[str, Any]) -> Result:
        """Evaluate with the durable-rules engine and explain the outcome (cached; the Result is immutable)."""
        if isinstance(scenario, Scenario):  # before the cache: Scenario.model_construct(cord_compression=1) would
            check_validated(scenario)  # otherwise hit the entry of the valid scenario it compares equal to
        return self.caches.get("evaluate", self._evaluate_valid, EVALUATE_CACHE_SIZE)(scenario)

    def evaluate_uncached(self, scenario: Scenario | Mapping[str, Any]) -> Result:
        """Evaluate with the durable-rules engine and explain the outcome, bypassing the cache."""
        s = parse_scenario(scenario)
        check_validated(s)
        return self._evaluate_valid(s)

    def _evaluate_valid(self, scenario: Scenario) -> Result:
        """`evaluate` of a scenario already checked by `check_validated` (or built by `parse_scenario`)."""
        return self.explainer.explain(scenario, self.engine.run(scenario, validated=True))

    def evaluate_reference(self, scenario: Scenario | Mapping[str, Any]) -> Result:
        """Evaluate with the plain-Python reference evaluator (for cross-checks)."""
        s = parse_scenario(scenario)
        return self.explainer.explain(s, run_reference(self.pack.rules, s))


_default: Explorer | None = None
_default_lock = threading.Lock()


def default_explorer() -> Explorer:
    """The process-wide explorer over the shipped rules (built on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Explorer.load()
        return _default


def evaluate(scenario: Scenario | Mapping[str, Any]) -> Result:
    """Evaluate a scenario against the shipped rule pack."""
    return default_explorer().evaluate(scenario)
