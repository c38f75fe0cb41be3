"""ui/fragment_copies.py: a snapshot of nested containers copies each container once, keeps the nesting, and
leaves the originals alone."""

from __future__ import annotations

import copy

import pytest
from streamlit.cursor import RunningCursor
from streamlit.delta_generator import DeltaGenerator

from ui.fragment_copies import sharing_parents

MAIN = 0


def nested(depth: int) -> tuple[DeltaGenerator, ...]:
    """A `with` stack of `depth` containers, each inside the one before, its cursor two elements in."""
    stack: list[DeltaGenerator] = []
    for level in range(depth):
        cursor = RunningCursor(MAIN, parent_path=tuple(range(level)))
        cursor.lock_element()
        cursor.lock_element()
        stack.append(DeltaGenerator(root_container=MAIN, cursor=cursor, parent=stack[-1] if stack else None,
                                    block_type="vertical" if level else None))
    return tuple(stack)


@pytest.fixture
def hooked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The hook installed for the test; returns a list that grows by one per container built."""
    built: list[int] = []
    original_init = DeltaGenerator.__init__

    def counting_init(self: DeltaGenerator, *args: object, **kwargs: object) -> None:
        built.append(1)
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DeltaGenerator, "__init__", counting_init)
    monkeypatch.setattr(DeltaGenerator, "__deepcopy__", sharing_parents(DeltaGenerator.__deepcopy__))
    return built


def test_each_container_of_a_stack_is_copied_once_and_the_nesting_is_kept(hooked: list[int]) -> None:
    stack = nested(6)
    hooked.clear()
    copies = copy.deepcopy(stack)
    assert len(hooked) == 6  # Streamlit's own copy builds 21 (1 + 2 + ... + 6)
    for level in range(1, 6):
        assert copies[level]._parent is copies[level - 1]  # a child's parent is the copy the stack holds
    for original, copied in zip(stack, copies):
        assert copied is not original and copied._cursor is not original._cursor
        assert (copied._cursor.parent_path, copied._cursor.index) == (original._cursor.parent_path, 2)
        assert copied._block_type == original._block_type and copied._root_container == MAIN


def test_the_copies_move_on_without_the_originals(hooked: list[int]) -> None:
    stack = nested(3)
    copies = copy.deepcopy(stack)
    copies[2]._cursor.lock_element()  # the fragment writes into its copy
    assert copies[2]._cursor.index == 3 and stack[2]._cursor.index == 2
    assert copies[1]._cursor.index == 2


def test_separate_snapshots_share_nothing(hooked: list[int]) -> None:
    stack = nested(3)
    first, second = copy.deepcopy(stack), copy.deepcopy(stack)
    assert all(a is not b for a, b in zip(first, second))
    assert second[2]._parent is second[1]
