"""The forward-chaining engine: the rule pack compiled into one durable-rules ruleset.

Rules are data: each becomes a ruleset entry whose patterns match the flattened scenario fact
(unless the rule reads derived facts only) and one fact per derived fact it needs; its action is bound by name on `_Host.get_action`.
Measured pitfalls of durable-rules 2.0.28 and how they are handled here:
- the stock Host starts timer threads that run actions on another thread -> `_run` starts none;
- the native state is not safe for concurrent callers -> one lock serialises evaluations;
- the state pool caps live sids -> one fresh sid per evaluation, `delete_state` in `finally`;
- re-asserting an identical fact raises, asserting a fact no rule matches raises inside the
  action -> derived facts are tracked here and asserted once, only when some rule consumes them;
- an exception inside an action is swallowed into the state -> actions record errors, and
  `evaluate` raises `EngineError` with every one of them;
- `$or` (from `in`, `not_in`, `includes_any`) is expanded into alternatives that each activate
  the rule -> a rule fires at most once per evaluation; later activations are ignored;
- `pri` is unsigned, lower fires first -> priority = 1-based position in the pack;
- no truth maintenance -> conditions on derived facts are positive only (see conditions.py).

Two drivers run the same registered ruleset and native agenda. `loop="host"` is durable-rules'
stock Python action loop. `loop="native"` (the default) drives the agenda directly with
`start_action_for_state` / `complete_and_start_action`, skipping the stock loop's per-firing
Closure/Promise objects, timer bookkeeping and JSON round-trips of the session state, which
measured about 10 us per firing here. The test suite checks both drivers against each other
and against the reference evaluator.
"""

from __future__ import annotations

import copy
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

import durable_rules_engine as native
from durable.engine import Host, MessageNotHandledException

from .conditions import scenario_fact, symptom_groups
from .rulepack import Rule
from .scenario import Scenario
from .trace import Firing, Trace


class EngineError(RuntimeError):
    """The engine failed during an evaluation (never a silent partial result)."""


@dataclass
class _Run:
    """Per-evaluation state: a fresh object for every call."""

    facts: set[str] = field(default_factory=set)
    fired: set[str] = field(default_factory=set)
    trace: list[Firing] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _Session:
    """What an action needs from durable-rules' Closure in the native driver: assert_fact.

    A derived fact is `{"kind": "fact", "name": <rule-pack id>, "sid": <digits>}`; both values are plain
    identifiers (ID_PATTERN, a counter), so its JSON is formatted directly instead of through json.dumps."""

    __slots__ = ("_ruleset", "_sid", "_handle")

    def __init__(self, ruleset: Any, sid: str):
        self._ruleset, self._sid, self._handle = ruleset, sid, ruleset._handle

    def assert_fact(self, fact: dict[str, Any]) -> None:
        text = '{"kind": "fact", "name": "%s", "sid": "%s"}' % (fact["name"], self._sid)
        self._ruleset._handle_result(native.assert_fact(self._handle, text), fact)


def _nothing(c: Any) -> None:
    """The action of EVERY_SCENARIO."""


class _Host(Host):
    """A durable-rules Host with no timer threads and actions bound by name."""

    def __init__(self, actions: dict[str, Callable[[Any], None]]):
        self._actions = actions
        super().__init__()

    def _run(self) -> None:  # no dispatch/timer threads: actions run only on the caller's thread
        return None

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        try:
            return self._actions[action_name]
        except KeyError:
            raise EngineError(f"no action bound for rule '{action_name}'") from None


EVERY_SCENARIO = "__every_scenario__"  # a rule that matches every scenario fact and does nothing


def compile_ruleset(rules: list[Rule]) -> dict[str, dict[str, Any]]:
    """The durable-rules definition of the pack (a fresh dict: registration mutates it): per rule, a pattern on the
    scenario fact (its attribute conditions) unless it reads derived facts only, and one pattern per derived fact.

    It ends with EVERY_SCENARIO, whose action does nothing: in a process with more than one ruleset, asserting a
    fact that no rule of the second one matches leaves native state that crashes durable-rules (SIGSEGV or
    "free(): invalid pointer"), so every scenario fact is made to match something."""
    definition: dict[str, dict[str, Any]] = {
        EVERY_SCENARIO: {"all": [{"s": {"kind": "scenario"}}], "pri": len(rules) + 1, "run": EVERY_SCENARIO}}
    for rule in rules:
        patterns: list[dict[str, Any]] = []
        if rule.attribute_conditions or not rule.facts_needed:  # a rule on derived facts alone does not join the
            # scenario: every partial join is stored in the session state, and this one measured a quarter of a run
            patterns.append({"s": {"$and": [{"kind": "scenario"}, *(c.to_durable() for c in rule.attribute_conditions)]}})
        for i, fact in enumerate(rule.facts_needed):
            patterns.append({f"f{i}": {"$and": [{"kind": "fact"}, {"name": fact}]}})
        definition[rule.id] = {"all": patterns, "pri": rule.priority, "run": rule.id}
    return definition


class Engine:
    """Build once per process; `run` is thread-safe and deterministic."""

    _names = itertools.count(1)

    def __init__(self, rules: list[Rule], loop: Literal["native", "host"] = "native"):
        if loop not in ("native", "host"):
            raise ValueError("loop must be 'native' or 'host'")
        self.loop = loop
        self.rules = list(rules)
        self._by_id = {r.id: r for r in self.rules}
        consumed = {f for r in self.rules for f in r.facts_needed}
        self._assertable = {r.id: tuple(f for f in r.spec.then.facts if f in consumed) for r in self.rules}
        self._lock = threading.Lock()
        self._sids = itertools.count(1)
        self._current: _Run | None = None
        self.live_states = 0
        self.ruleset_name = f"explorer_{next(self._names)}"
        self._groups = symptom_groups(c for r in self.rules for c in r.attribute_conditions)
        self.definition = compile_ruleset(self.rules)
        self._host = _Host({EVERY_SCENARIO: _nothing, **{r.id: self._action(r) for r in self.rules}})
        self._host.register_rulesets({self.ruleset_name: copy.deepcopy(self.definition)})
        self._ruleset = self._host.get_ruleset(self.ruleset_name)
        self._bound = {name: self._host.get_action(name) for name in self.definition}

    def _action(self, rule: Rule) -> Callable[[Any], None]:
        rid = rule.id
        produced = rule.spec.then.facts
        assertable = self._assertable[rid]

        def action(c: Any) -> None:
            run = self._current
            if run is None or rid in run.fired:
                return  # a second activation through another `$or` alternative
            run.fired.add(rid)
            try:
                facts = run.facts
                new = tuple(f for f in produced if f not in facts) if produced else ()
                if new:
                    facts.update(new)
                run.trace.append(Firing(rid, new))
                for fact in assertable:
                    if fact in new:
                        c.assert_fact({"kind": "fact", "name": fact})
            except BaseException as exc:  # surfaced by run(), never swallowed
                run.errors.append(f"rule '{rid}': {type(exc).__name__}: {exc}")

        return action

    def run(self, scenario: Scenario, *, validated: bool = False) -> Trace:
        """Fire every rule whose conditions hold; return the ordered firing trace. `validated=True` skips the check
        that the scenario went through validation, for callers that just made that check."""
        fact = scenario_fact(scenario, self._groups, check=not validated)
        with self._lock:
            sid = str(next(self._sids))
            fact["sid"] = sid
            run = self._current = _Run()
            self.live_states += 1
            created = True  # whether the native session state for sid exists (and must be deleted)
            try:
                if self.loop == "native":
                    created = self._drive(fact, sid, run)
                else:
                    try:
                        state = self._host.assert_fact(self.ruleset_name, fact)
                    except MessageNotHandledException:
                        state, created = None, False  # no rule's patterns match this scenario: nothing fires
                    if isinstance(state, dict) and state.get("exception"):
                        run.errors.append(str(state["exception"]).split(", traceback")[0])
            except Exception as exc:
                run.errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                self._current = None
                try:
                    if created:  # deleting a state that was never created crashes the native engine (SIGSEGV)
                        self._host.delete_state(self.ruleset_name, sid)
                finally:
                    self.live_states -= 1
        if run.errors:
            raise EngineError("; ".join(run.errors))
        return tuple(run.trace)

    def _drive(self, fact: dict[str, Any], sid: str, run: _Run) -> bool:
        """Assert the scenario and fire the agenda until it is empty (lowest `pri` first); False if no rule's
        patterns matched the scenario, so that no session state was created."""
        handle = self._ruleset._handle
        try:
            state = self._ruleset.assert_fact(fact)
        except MessageNotHandledException:
            return False  # nothing fires
        started = native.start_action_for_state(handle, state)
        message = started[1] if started else None
        session = _Session(self._ruleset, sid)
        while message:
            # The message is {"<rule id>": {...matched facts...}}; rule ids contain no quotes.
            name = message[2:message.index('"', 2)]
            try:
                self._bound[name](session)
            except Exception as exc:  # actions record their own errors; this catches a replaced one
                run.errors.append(f"rule '{name}': {type(exc).__name__}: {exc}")
            if run.errors:
                native.abandon_action(handle, state)
                return True
            message = native.complete_and_start_action(handle, state)
        return True
