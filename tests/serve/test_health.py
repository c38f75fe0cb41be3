"""Which app processes the health loop takes out of nginx's upstream (no processes needed)."""

from __future__ import annotations

from cluster.processes import FAILED, OK, SLOW, http_probe
from cluster.serve import SLOW_LIMIT, processes_down
from cluster.topology import free_loopback_ports


def test_a_failed_process_is_down_at_once_and_back_on_its_first_good_answer() -> None:
    assert processes_down({1: FAILED, 2: OK}, {}, set()) == {1}
    assert processes_down({1: OK, 2: OK}, {}, {1}) == set()


def test_a_busy_process_stays_routed_until_it_is_slow_several_times_in_a_row() -> None:
    assert processes_down({1: SLOW, 2: OK}, {1: SLOW_LIMIT - 1}, set()) == set()
    assert processes_down({1: SLOW, 2: OK}, {1: SLOW_LIMIT}, set()) == {1}
    assert processes_down({1: SLOW, 2: OK}, {1: 1}, {1}) == {1}  # once down, it needs a good answer


def test_slowness_never_takes_out_every_process() -> None:
    assert processes_down({1: SLOW, 2: SLOW}, {1: 9, 2: 9}, set()) == set()
    assert processes_down({1: SLOW, 2: FAILED}, {1: 9}, set()) == {2}
    assert processes_down({1: FAILED, 2: FAILED}, {}, set()) == {1, 2}  # dead is dead


def test_a_closed_port_is_failed_not_slow() -> None:
    port = free_loopback_ports(1)[0]
    assert http_probe(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) == FAILED
