"""ui/fragment_copies.py: a snapshot of nested containers copies each container once, keeps the nesting, and
leaves the originals alone."""

from __future__ import annotations

import copy

import pytest
from streamlit.cursor import Cursor, RunningCursor
from streamlit.delta_generator import DeltaGenerator
from streamlit.proto.Element_pb2 import Element

from ui.fragment_copies import copy_cursor, sharing_parents

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


@pytest.mark.parametrize("make", [lambda: RunningCursor(MAIN, parent_path=(0, 5, 1)),
                                  lambda: RunningCursor(MAIN, parent_path=(0, 5, 1)).lock_element()])
def test_a_cursor_copy_equals_the_generic_one_and_moves_on_alone(make) -> None:  # noqa: ANN001
    cursor = make()
    element = Element()
    element.markdown.body = "held for a transient element"
    cursor._transient_elements[0] = element
    generic, copied = copy.deepcopy(cursor), copy_cursor(cursor, None)
    assert type(copied) is type(cursor)
    assert sorted(vars(copied)) == sorted(vars(generic))
    assert all(getattr(copied, name) == getattr(generic, name) for name in vars(generic)
               if name != "_transient_elements")
    assert list(copied._transient_elements.items()) == list(cursor._transient_elements.items())
    assert copied._transient_elements is not cursor._transient_elements  # mutable state is not shared
    assert copied._transient_elements[0] is not element
    if not cursor.is_locked:
        copied.lock_element()
        assert (copied.index, cursor.index) == (1, 0)


def test_a_cursor_table_copies_through_the_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Cursor, "__deepcopy__", copy_cursor, raising=False)
    table = {MAIN: RunningCursor(MAIN, parent_path=(0,)), 1: RunningCursor(1)}
    copies = copy.deepcopy(table)
    assert copies.keys() == table.keys() and all(copies[k] is not table[k] for k in table)
    assert copies[MAIN].parent_path == (0,) and copies[1].root_container == 1
