"""ui/run_queue.py: script runs take turns in arrival order, one at a time; a slow holder lets the others go."""

from __future__ import annotations

import asyncio
import threading
import time

from ui.run_queue import FifoTurns, in_turn, via_loop

LIMIT_S = 5.0  # every wait in these tests is bounded


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + LIMIT_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.001)


def test_turns_are_granted_in_arrival_order() -> None:
    turns = FifoTurns()
    assert turns.acquire(LIMIT_S)
    order: list[int] = []
    threads = []
    for n in range(6):
        def take(n: int = n) -> None:
            assert turns.acquire(LIMIT_S)
            order.append(n)
            turns.release()
        thread = threading.Thread(target=take)
        thread.start()
        threads.append(thread)
        wait_until(lambda: len(turns._waiting) == n + 1, f"thread {n} to queue")  # arrivals one after another
    turns.release()
    for thread in threads:
        thread.join(LIMIT_S)
    assert order == list(range(6))
    assert turns.acquire(0.0)  # free again once everyone had their turn


def test_a_waiter_goes_ahead_when_the_holder_is_slow_and_leaves_the_queue() -> None:
    turns = FifoTurns()
    assert turns.acquire(LIMIT_S)
    started = time.monotonic()
    assert not turns.acquire(0.05)
    assert 0.04 <= time.monotonic() - started < LIMIT_S
    assert not turns._waiting
    turns.release()
    assert turns.acquire(0.0)  # the release freed the turn: nobody is left waiting for it


def test_runs_take_turns_and_a_failing_run_passes_its_turn_on() -> None:
    turns = FifoTurns()
    running, most = [0], [0]
    guard = threading.Lock()

    def run_script(self: object, fail: bool) -> None:
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.005)
        with guard:
            running[0] -= 1
        if fail:
            raise RuntimeError("the page failed")

    wrapped = in_turn(run_script, turns, hold_limit=LIMIT_S)
    errors: list[BaseException] = []

    def run(fail: bool) -> None:
        try:
            wrapped(None, fail)
        except RuntimeError as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n % 3 == 0,)) for n in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(LIMIT_S)
    assert most[0] == 1  # never two script runs at once
    assert len(errors) == 3  # the failures reach Streamlit's runner as before
    assert turns.acquire(0.0)


def test_a_waiter_keeps_its_place_behind_a_queue_of_short_turns() -> None:
    turns = FifoTurns()
    assert turns.acquire(LIMIT_S)
    got: list[bool] = []
    for n in range(3):
        thread = threading.Thread(target=lambda: got.append(turns.acquire(1.0)))
        thread.start()
        wait_until(lambda: len(turns._waiting) == n + 1, f"waiter {n} to queue")
    started = time.monotonic()
    for _ in range(3):  # three turns of 0.4 s: the last waiter waits 1.2 s in all, more than the 1 s limit, though
        time.sleep(0.4)  # each holder stays well under it (room for a loaded machine's late wake-ups)
        turns.release()
    wait_until(lambda: len(got) == 3, "every waiter to get its turn")
    assert got == [True, True, True] and time.monotonic() - started >= 1.2
    turns.release()


def test_a_run_behind_a_stuck_one_runs_anyway() -> None:
    turns = FifoTurns()
    assert turns.acquire(LIMIT_S)  # a stuck run holds the turn
    ran = []
    in_turn(lambda self: ran.append(1), turns, hold_limit=0.02)(None)
    assert ran == [1]
    assert not turns.acquire(0.0)  # still held by the stuck run, not released by the one that ran without it
    turns.release()



def test_the_turn_passes_on_only_when_the_hand_over_releases_it() -> None:
    turns = FifoTurns()
    deferred: list = []
    started: list[str] = []

    def run_script(self: object, name: str) -> None:
        started.append(name)

    wrapped = in_turn(run_script, turns, hold_limit=LIMIT_S, hand_over=deferred.append)
    wrapped(None, "first")  # done, but its turn is not released until the hand-over runs the release
    second = threading.Thread(target=wrapped, args=(None, "second"))
    second.start()
    wait_until(lambda: len(turns._waiting) == 1, "the second run to queue")
    time.sleep(0.05)
    assert started == ["first"]
    deferred.pop()()  # what the event loop does with the callback
    second.join(LIMIT_S)
    assert started == ["first", "second"]
    deferred.pop()()
    assert turns.acquire(0.0)


def test_via_loop_releases_on_the_loop_thread_and_directly_without_a_live_loop() -> None:
    loop = asyncio.new_event_loop()
    runner = threading.Thread(target=loop.run_forever)
    runner.start()
    released_on: list[threading.Thread] = []
    try:
        via_loop(lambda: loop)(lambda: released_on.append(threading.current_thread()))
        wait_until(lambda: released_on, "the loop to run the release")
        assert released_on == [runner]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        runner.join(LIMIT_S)
        loop.close()
    via_loop(lambda: loop)(lambda: released_on.append(threading.current_thread()))  # closed: at once, here
    via_loop(lambda: None)(lambda: released_on.append(threading.current_thread()))  # not serving yet
    assert released_on[1:] == [threading.current_thread()] * 2
