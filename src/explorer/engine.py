"""The forward-chaining engine: the rule pack compiled into one durable-rules ruleset.

Rules are data: each becomes a ruleset entry whose patterns match the flattened scenario fact (only the properties
some pattern reads; none if the rule reads derived facts only) and one fact per derived fact it needs; its action is
bound by name on `_Host.get_action`.
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
- `pri` is unsigned, lower fires first -> priority = 1-based position in the pack (the native driver keeps the
  same order with its own heap);
- no truth maintenance -> conditions on derived facts are positive only (see conditions.py).

Two drivers run the pack. `loop="host"` is durable-rules' stock Python action loop over one entry per rule: its
agenda fires the lowest `pri` first, and each action records its firing and asserts its facts. `loop="native"` (the
default) uses the agenda only to learn which rules became eligible: it drives `start_action_for_state` /
`complete_and_start_action` directly (no per-firing Closure/Promise objects, timer bookkeeping or JSON round-trips
of the session state) and fires from its own priority heap, so rules with identical conditions can share one entry.
Per evaluation durable-rules allocates and clears about 8 KB for every pattern of the ruleset (its beta nodes), so
fewer entries and patterns mean a faster answer; derived facts are `{"derived_<id>": true}` because alpha nodes are
hashed by property name. The test suite checks both drivers against each other and against the reference evaluator.
"""

from __future__ import annotations

import copy
import heapq
import json
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Literal

import durable_rules_engine as native
from durable.engine import Host, MessageNotHandledException

from .conditions import check_validated, fact_writer, symptom_groups
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


def derived_key(fact: str) -> str:
    """The one property of a derived fact's durable-rules fact, `{"derived_<id>": true}`. durable-rules hashes alpha
    nodes by property name only, so one property per fact finds its patterns directly, where a shared `name`
    property made every derived-fact assertion test every fact pattern in turn."""
    return f"derived_{fact}"


_NO_LIMIT = 1 << 30  # above every rule priority
EVERY_SCENARIO = "__every_scenario__"  # a rule that matches every scenario fact and does nothing


def compile_ruleset(rules: list[Rule]) -> dict[str, dict[str, Any]]:
    """The durable-rules definition of `rules` (a fresh dict: registration mutates it): per rule, a pattern on the
    scenario fact (its attribute conditions) unless it reads derived facts only, and one pattern per derived fact.

    It ends with EVERY_SCENARIO, whose action does nothing: in a process with more than one ruleset, asserting a
    fact that no rule of the second one matches leaves native state that crashes durable-rules (SIGSEGV or
    "free(): invalid pointer"), so every scenario fact is made to match something."""
    last = max((rule.priority for rule in rules), default=0)
    definition: dict[str, dict[str, Any]] = {
        EVERY_SCENARIO: {"all": [{"s": {"kind": "scenario"}}], "pri": last + 1, "run": EVERY_SCENARIO}}
    for rule in rules:
        patterns: list[dict[str, Any]] = []
        if rule.attribute_conditions or not rule.facts_needed:  # a rule on derived facts alone does not join the
            # scenario: every partial join is stored in the session state, and this one measured a quarter of a run
            patterns.append({"s": {"$and": [{"kind": "scenario"}, *(c.to_durable() for c in rule.attribute_conditions)]}})
        for i, fact in enumerate(rule.facts_needed):
            patterns.append({f"f{i}": {derived_key(fact): True}})
        definition[rule.id] = {"all": patterns, "pri": rule.priority, "run": rule.id}
    return definition


def entries(rules: list[Rule], shared: bool) -> list[tuple[Rule, tuple[tuple[int, str], ...]]]:
    """The rules that get a durable-rules entry, each with the (priority, id) of the rules it stands for, lowest
    first: with `shared`, one entry per distinct set of conditions (named after its first rule), else one per rule.
    Every rule an entry stands for becomes eligible at the same moment as the entry."""
    grouped: dict[Any, list[Rule]] = {}
    for rule in sorted(rules, key=lambda r: r.priority):
        key = (repr([c.to_durable() for c in rule.attribute_conditions]), rule.facts_needed) if shared else rule.id
        grouped.setdefault(key, []).append(rule)
    return [(same[0], tuple((r.priority, r.id) for r in same)) for same in grouped.values()]


def _properties(expression: Any) -> Iterator[str]:
    """The fact properties a durable-rules pattern expression reads (operators such as `$and`, `$neq` skipped)."""
    if isinstance(expression, dict):
        for key, value in expression.items():
            yield from _properties(value) if key.startswith("$") else (key,)
    elif isinstance(expression, list):
        for item in expression:
            yield from _properties(item)


def scenario_properties(definition: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The scenario-fact properties some pattern of `definition` reads, in first-read order."""
    return tuple(dict.fromkeys(
        name for rule in definition.values() for pattern in rule["all"] if "s" in pattern
        for name in _properties(pattern["s"])))


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
        registered = entries(self.rules, shared=loop == "native")
        self.definition = compile_ruleset([first for first, _ in registered])
        self._stands_for = {EVERY_SCENARIO: (), **{first.id: ids for first, ids in registered}}
        self._write = fact_writer(scenario_properties(self.definition), self._groups)
        self._host = _Host({EVERY_SCENARIO: _nothing, **{r.id: self._action(r) for r in self.rules}})
        self._host.register_rulesets({self.ruleset_name: copy.deepcopy(self.definition)})
        self._ruleset = self._host.get_ruleset(self.ruleset_name)
        self._handle = self._ruleset._handle
        first_reader = {f: min(r.priority for r in self.rules if f in r.facts_needed) for f in consumed}
        self._fires = {rid: (r.spec.then.facts, tuple((f, '{"%s": true, "sid": "' % derived_key(f), first_reader[f])
                                                      for f in self._assertable[rid]),
                             Firing(rid, ()), Firing(rid, r.spec.then.facts)) for rid, r in self._by_id.items()}

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
                        c.assert_fact({derived_key(fact): True})
            except BaseException as exc:  # surfaced by run(), never swallowed
                run.errors.append(f"rule '{rid}': {type(exc).__name__}: {exc}")

        return action

    def run(self, scenario: Scenario, *, validated: bool = False) -> Trace:
        """Fire every rule whose conditions hold; return the ordered firing trace. `validated=True` skips the check
        that the scenario went through validation, for callers that just made that check."""
        if not validated:
            check_validated(scenario)
        with self._lock:
            sid = str(next(self._sids))
            fact = self._write(scenario, sid)
            run = self._current = _Run()
            self.live_states += 1
            created = True  # whether the native session state for sid exists (and must be deleted)
            try:
                if self.loop == "native":
                    created = self._drive(fact, sid, run)
                else:
                    try:
                        state = self._host.assert_fact(self.ruleset_name, json.loads(fact))
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
                        native.delete_state(self._handle, sid)
                finally:
                    self.live_states -= 1
        if run.errors:
            raise EngineError("; ".join(run.errors))
        return tuple(run.trace)

    def _drive(self, fact: str, sid: str, run: _Run) -> bool:
        """Assert the scenario, then fire the eligible rule with the lowest priority until none is left; False if no
        rule's patterns matched the scenario, so that no session state was created.

        durable-rules' agenda reports eligibility: each activation it starts is completed at once and adds the rules
        its entry stands for to a heap of eligible rules. Conditions only ever become true (facts are only added),
        so a rule once eligible stays eligible, and popping the heap after draining the agenda fires exactly what the
        reference evaluator fires, in its order. Rules sharing an entry are therefore fired one by one, each at
        its own priority. A firing records its new facts and asserts those some rule reads; a rule they make eligible
        reads one of them, so the agenda need only be drained again before popping a priority at or above the
        lowest priority of their readers."""
        handle = self._handle
        code, state = native.assert_fact(handle, fact)
        if code == 1:
            return False  # no rule's patterns match: nothing fires, and no session state exists
        if code:
            raise EngineError(f"asserting the scenario returned code {code}")
        stands_for, fires, facts, fired, trace = self._stands_for, self._fires, run.facts, run.fired, run.trace
        eligible: list[tuple[int, str]] = []
        started = native.start_action_for_state(handle, state)
        message = started[1] if started else None
        while True:
            while message:
                # The message is {"<entry name>": {...matched facts...}}; entry names contain no quotes.
                for entry in stands_for[message[2:message.index('"', 2)]]:
                    heapq.heappush(eligible, entry)
                message = native.complete_and_start_action(handle, state)
            limit = _NO_LIMIT  # the lowest priority of a rule that reads a fact asserted since the agenda was drained
            while eligible and eligible[0][0] < limit:  # below it, nothing the agenda holds can come first
                rid = heapq.heappop(eligible)[1]
                if rid in fired:
                    continue  # a second activation of the same rule
                fired.add(rid)
                produced, consumed, nothing_new, all_new = fires[rid]  # Firings are immutable: shared by every run
                if not produced:
                    trace.append(nothing_new)
                    continue
                if facts.isdisjoint(produced):
                    new = produced
                    trace.append(all_new)
                else:
                    new = tuple(f for f in produced if f not in facts)
                    trace.append(Firing(rid, new))
                facts.update(new)
                for name, text, first_reader in consumed:
                    if name in new:
                        code = native.assert_fact(handle, text + sid + '"}')[0]
                        if code:  # 1: no rule matched it; 2: asserted before (durable-rules' _handle_result codes)
                            run.errors.append(f"rule '{rid}': asserting fact '{name}' returned code {code}")
                            return True
                        limit = min(limit, first_reader)
            if limit == _NO_LIMIT:
                return True  # nothing eligible is left and nothing new was asserted
            started = native.start_action_for_state(handle, state)
            message = started[1] if started else None
