"""Sweeps: evaluate many scenarios with the engine's firing trace only, on every core.

`run_sweep(rows, explorer, workers=N)` evaluates rows (see `factors`) in chunks. With more
than one worker, each worker process builds one Explorer from the same rules directory and
ignores SIGINT; the parent gathers results in order (deterministic output) and, on any error
or Ctrl-C, terminates the workers before re-raising.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from ..api import Explorer, default_explorer
from ..categories import CATEGORIES
from ..errors import ExplorerError
from ..rulepack import Rule
from .factors import FIELDS, Row, scenario_of
from ..trace import Trace

DEFAULT_CHUNK = 1000
Fired = tuple[int, ...]  # indices of the fired rules in pack order, in firing order


class CategoryMap:
    """The one place a firing trace becomes option categories: the options its rules conclude.

    Categories come back in the fixed CATEGORIES order (core first), as the Explainer lists them.
    """

    def __init__(self, rules: Sequence[Rule]):
        self.rule_ids: tuple[str, ...] = tuple(r.id for r in rules)
        self.index = {rid: i for i, rid in enumerate(self.rule_ids)}
        bit = {c: 1 << i for i, c in enumerate(CATEGORIES)}
        self.rule_masks = tuple(sum({bit[o.category] for o in r.spec.then.options}) for r in rules)
        # the categories a rule concludes on the scenario's own findings (basis: scenario)
        self.specific_masks = tuple(
            sum({bit[o.category] for o in r.spec.then.options if o.basis == "scenario"}) for r in rules
        )
        self._names: dict[int, tuple[str, ...]] = {}

    def mask(self, fired: Iterable[int]) -> int:
        """A bit set of the categories the fired rules conclude (bit i = i-th of CATEGORIES)."""
        out = 0
        for i in fired:
            out |= self.rule_masks[i]
        return out

    def specific_mask(self, fired: Iterable[int]) -> int:
        """Like `mask`, counting only options concluded on the scenario's own findings."""
        out = 0
        for i in fired:
            out |= self.specific_masks[i]
        return out

    def names(self, mask: int) -> tuple[str, ...]:
        found = self._names.get(mask)
        if found is None:
            found = self._names[mask] = tuple(c for i, c in enumerate(CATEGORIES) if mask >> i & 1)
        return found

    def fired(self, trace: Trace) -> Fired:
        return tuple(self.index[f.rule] for f in trace)

    def categories(self, trace: Trace) -> tuple[str, ...]:
        return self.names(self.mask(self.fired(trace)))


class Outcome(NamedTuple):
    """One evaluated scenario: its inputs, the categories discussed and the rules fired (in order)."""

    scenario: dict[str, Any]
    categories: tuple[str, ...]
    rules: tuple[str, ...]


@dataclass
class Sweep:
    """Evaluated rows, kept compact: fired rule indices and a category bit set per row."""

    categories: CategoryMap
    rows: list[Row]
    fired: list[Fired]
    masks: list[int]
    seconds: float = 0.0
    workers: int = 1

    def __len__(self) -> int:
        return len(self.rows)

    def outcome(self, i: int) -> Outcome:
        ids = self.categories.rule_ids
        return Outcome(dict(zip(FIELDS, self.rows[i])), self.categories.names(self.masks[i]),
                       tuple(ids[r] for r in self.fired[i]))

    def __iter__(self) -> Iterator[Outcome]:
        return (self.outcome(i) for i in range(len(self.rows)))

    @property
    def rate(self) -> float:
        """Scenarios per second of wall time."""
        return len(self.rows) / self.seconds if self.seconds > 0 else 0.0


class _Evaluator:
    """Rows -> (fired rule indices, category bit set), with one explorer's engine."""

    def __init__(self, explorer: Explorer):
        self.engine = explorer.engine
        self.map = CategoryMap(explorer.pack.rules)

    def __call__(self, rows: Sequence[Row]) -> list[tuple[Fired, int]]:
        out = []
        for row in rows:
            fired = self.map.fired(self.engine.run(scenario_of(row)))
            out.append((fired, self.map.mask(fired)))
        return out


_worker: _Evaluator | None = None
_worker_error = ""


def _init_worker(rules_dir: str) -> None:
    global _worker, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and terminates us
    try:
        _worker = _Evaluator(Explorer.load(rules_dir))
    except Exception as exc:  # reported on the first chunk: a failing initializer would respawn forever
        _worker_error = f"sweep worker could not load the rules from {rules_dir}: {exc}"


def _work(rows: Sequence[Row]) -> list[tuple[Fired, int]]:
    if _worker is None:
        raise ExplorerError(_worker_error or "sweep worker was not initialised")
    return _worker(rows)


def _start_pool(workers: int, rules_dir: Path) -> Any:
    """A process pool whose workers start with SIGINT ignored (no tracebacks from their start-up).

    A single-threaded parent forks (fast, and needs no `if __name__ == "__main__"` guard in the
    calling script); a multi-threaded one spawns, since forking a threaded process is unsafe.
    """
    single = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if single else "spawn")
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
    try:
        return context.Pool(workers, initializer=_init_worker, initargs=(str(rules_dir),))
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)


def _chunks(rows: list[Row], size: int) -> list[list[Row]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def run_sweep(
    rows: Iterable[Row], explorer: Explorer | None = None, *, workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK, progress: Callable[[int], None] | None = None,
) -> Sweep:
    """Evaluate every row; `progress(k)` is called after each chunk of k rows.

    `workers > 1` uses that many processes (each loads `explorer.pack.root`) when there is more
    than one chunk; otherwise everything runs in this process with `explorer`.
    """
    explorer = explorer or default_explorer()
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    started = time.perf_counter()
    rows = list(rows)
    chunks = _chunks(rows, chunk_size)
    used = min(workers, len(chunks)) if len(chunks) > 1 else 1
    results: list[tuple[Fired, int]] = []
    pool = _start_pool(used, explorer.pack.root) if used > 1 else None
    try:
        batches = pool.imap(_work, chunks) if pool is not None else map(_Evaluator(explorer), chunks)
        for chunk, batch in zip(chunks, batches):
            results.extend(batch)
            if progress is not None:
                progress(len(chunk))
        if pool is not None:
            pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.join()
    return Sweep(
        categories=CategoryMap(explorer.pack.rules), rows=rows,
        fired=[f for f, _ in results], masks=[m for _, m in results],
        seconds=time.perf_counter() - started, workers=used,
    )
