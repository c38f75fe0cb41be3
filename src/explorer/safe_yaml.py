"""Bounded, strict YAML and JSON parsing for every document the explorer reads.

Budgets: nesting depth, alias expansion (a 400-byte "billion laughs" document must not become gigabytes) and the
digits of an integer. Strictness: duplicate keys are errors, and only plain decimal integers are numbers (YAML 1.1
would read `0x1F`, `017` and `1:10` as integers; here they stay text, so the field that expects a number refuses
them by name).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner
from yaml.nodes import MappingNode, Node, ScalarNode

from .errors import InputError, preview

MAX_DEPTH = 64  # nested mappings/lists; a scenario needs 2, the rule pack 6
MAX_ALIAS_NODES = 1_000  # nodes that aliases may add on top of what the document spells out
MAX_NODES = 10_000  # values in one document; statements.yaml, the largest, has about 2,600
MAX_INT_DIGITS = 32

INT_TAG = "tag:yaml.org,2002:int"
MERGE_TAG = "tag:yaml.org,2002:merge"


class DocumentLimitError(yaml.MarkedYAMLError):
    """A document over one of the budgets above (reported with its line, like a syntax error)."""


try:  # libyaml's event parser: fast, and it has its own nesting limit (the pure-Python scanner is quadratic there)
    from yaml._yaml import CParser as _EventParser

    def _init_parser(loader: Any, stream: Any) -> None:
        _EventParser.__init__(loader, stream)
except ImportError:  # a PyYAML built without libyaml: the same budgets, slower
    class _EventParser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        pass

    def _init_parser(loader: Any, stream: Any) -> None:
        Reader.__init__(loader, stream)
        Scanner.__init__(loader)
        Parser.__init__(loader)


class StrictLoader(Composer, SafeConstructor, Resolver, _EventParser):
    """A safe loader (libyaml events, Python composer) with a depth limit, an alias-expansion budget,
    decimal-only integers and no duplicate keys."""

    def __init__(self, stream: Any):
        _init_parser(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._depth = 0
        self._nodes = 0
        self._alias_nodes = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # the alias points into the collection that contains it
                raise DocumentLimitError(None, None, "a recursive alias (a document that contains itself)", event.start_mark)
            self._alias_nodes += size
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise DocumentLimitError(None, None, f"aliases expand to more than {MAX_ALIAS_NODES:,} values",
                                         event.start_mark)
            return node
        self._depth += 1
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise DocumentLimitError(None, None, f"more than {MAX_NODES:,} values in one document", self.peek_event().start_mark)
        if self._depth > MAX_DEPTH:
            raise DocumentLimitError(None, None, f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._sizes[id(node)] = self._size(node)
        return node

    def _size(self, node: Node) -> int:
        if isinstance(node, ScalarNode):
            return 1
        children = [n for pair in node.value for n in pair] if isinstance(node, MappingNode) else node.value
        return 1 + sum(self._sizes.get(id(child), 1) for child in children)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        text = str(node.value)
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            raise DocumentLimitError(None, None, f"a number with more than {MAX_INT_DIGITS} digits", node.start_mark)
        return int(text)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: SafeConstructor reports it
                continue
            if duplicate:
                raise ConstructorError("while constructing a mapping", node.start_mark,
                                       f"duplicate key {preview(key)}", key_node.start_mark)
        return SafeConstructor.construct_mapping(self, node, deep=deep)


# Only plain decimal integers resolve to int: drop YAML 1.1's hex, octal, binary, underscore and base-60 forms.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != INT_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
StrictLoader.add_constructor(INT_TAG, StrictLoader.construct_yaml_int)


def load_yaml(text: str, loader: type[StrictLoader] = StrictLoader) -> Any:
    """Parse one YAML document under the budgets; raises yaml.YAMLError (with a mark where known)."""
    return yaml.load(text, Loader=loader)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"duplicate key {preview(key)}")
        out[key] = value
    return out


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"a number with more than {MAX_INT_DIGITS} digits")
    return int(text)


def _json_constant(name: str) -> Any:
    raise InputError(f"{name} is not a JSON number")


def depth(value: Any) -> int:
    """Nesting depth of lists/mappings (iterative, so any depth is measured without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_DEPTH:
                return level
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def load_json(text: str) -> Any:
    """Parse JSON under the same budgets. Raises json.JSONDecodeError for syntax, InputError (no file name) for
    limits and duplicate keys."""
    try:
        value = json.loads(text, object_pairs_hook=_json_pairs, parse_int=_json_int, parse_constant=_json_constant)
    except RecursionError:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep") from None
    if depth(value) > MAX_DEPTH:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep")
    return value
