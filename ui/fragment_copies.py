"""Copy a fragment's parent containers once per snapshot, not once per container below them (installed by
ui/serve.py).

Each run of a fragment restores deep copies of the containers it was declared in (Streamlit's `with` stack).
`DeltaGenerator.__deepcopy__` copies a container's whole chain of parents and drops the copy memo, so a stack of
n nested containers costs about n²/2 copies, each with its cursor: a fifth of the page script's time in an Explore
rerun, whose fragments sit five or six containers deep. Here the memo is passed on: within one snapshot each
container is copied once, and a child's parent is the very copy the stack holds, as in a full run, where they
are one object too.

The cursors in those containers (and in the run's cursor table) are copied by `copy_cursor`: their fields are
numbers and a tuple of numbers, shared as they are, and a list of transient elements, made anew when empty (almost
always) and deep-copied otherwise. Python's generic deep copy took about 20 µs a cursor, with about ten cursors
copied for each fragment run.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Callable

try:
    from streamlit.cursor import SparseList
except ImportError:  # copy_cursor then deep-copies a cursor's transient elements like any other mutable field
    SparseList = None

_SHARED = (int, str, bool, float, type(None))


def copy_cursor(cursor: Any, memo: dict[int, Any] | None) -> Any:
    """`Cursor.__deepcopy__`: a copy whose fields are the same immutable values, the others deep-copied."""
    if memo is None:
        memo = {}
    copied = object.__new__(type(cursor))
    for name, value in cursor.__dict__.items():
        if type(value) in _SHARED or (type(value) is tuple and all(type(v) is int for v in value)):
            copied.__dict__[name] = value
        elif type(value) is SparseList and not value:  # no transient elements (almost always)
            copied.__dict__[name] = SparseList()
        else:
            copied.__dict__[name] = copy.deepcopy(value, memo)
    memo[id(cursor)] = copied
    return copied


def sharing_parents(deepcopy_method: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """`DeltaGenerator.__deepcopy__`, with each container copied once per deepcopy() call (the memo)."""

    @functools.wraps(deepcopy_method)
    def deepcopy_once(self: Any, memo: dict[int, Any] | None) -> Any:
        if memo is None:
            memo = {}
        copied = memo.get(id(self))
        if copied is not None:
            return copied
        from streamlit.delta_generator import DeltaGenerator  # as the original: always the base class

        copied = DeltaGenerator(root_container=self._root_container, cursor=copy.deepcopy(self._cursor, memo),
                                parent=copy.deepcopy(self._parent, memo), block_type=self._block_type)
        copied._form_data = copy.deepcopy(self._form_data, memo)
        copied._creating_fragment_id = self._creating_fragment_id
        memo[id(self)] = copied
        return copied

    return deepcopy_once
