"""The rule pack as data: YAML files under rules/, loaded into validated models.

Layout of a rules directory:
  sources/index.yaml + sources/*.txt   source documents, verbatim
  statements.yaml                      statement catalogue (quotes from the sources)
  vocabulary.yaml                      roles, modalities and derived facts, with labels
  glossary.yaml                        scenario fields/values -> defining statements
  pack/*.yaml                          the rules, fired in file order then list order
  tensions.yaml                        where the sources point different ways (both sides' statements)
  considerations.yaml                  per category: factors the sources say weigh on it, and its risks
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .categories import CATEGORIES
from .conditions import Condition, ConditionError, FactCondition, parse_when
from .errors import InputError, preview, validation_problems
from .documents import read_limited, yaml_error_parts
from .result import StatementRef
from .safe_yaml import DocumentLimitError, StrictLoader, load_yaml
from .sources import ID_PATTERN, Source, Statement

LINE_KEY = "__line__"
MAX_PACK_FILE_BYTES = 4 * 1024 * 1024  # statements.yaml is about 50 KB


class _LineLoader(StrictLoader):
    """SafeLoader that records the line of every mapping under LINE_KEY."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


class OptionConclusion(BaseModel):
    """An option a rule concludes, with the role the sources give it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    category: str
    role: str
    modalities: tuple[str, ...] = ()
    basis: Literal["scenario", "alongside", "background"] = Field(
        "scenario",
        description="scenario: the quote names this scenario's findings; alongside: it comes only with another option; "
        "background: a general statement, true of any tumour the rule's conditions describe.",
    )


class Then(BaseModel):
    """What a rule concludes: derived facts, options, and counterpoints to other options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: tuple[str, ...] = ()
    options: tuple[OptionConclusion, ...] = ()
    counterpoints: tuple[str, ...] = Field((), description="Categories this rule's statements point away from.")


class RuleSpec(BaseModel):
    """One rule as written in YAML."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3)
    when: dict[str, Any] = Field(default_factory=dict)
    then: Then
    cites: tuple[str, ...]
    note: str | None = None


class TensionSide(BaseModel):
    """One side of a tension: a short label and the statements behind it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=3)
    cites: tuple[str, ...] = Field(min_length=1)


class TensionSpec(BaseModel):
    """Where the sources point different ways: shown with both sides' quotes, never resolved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3)
    when: dict[str, Any] = Field(default_factory=dict)
    categories: tuple[str, ...] = Field(min_length=1)
    sides: tuple[TensionSide, ...] = Field(min_length=2)
    note: str | None = None


class _Conditioned:
    """What rules and tensions share: parsed conditions over attributes and derived facts."""

    spec: Any
    conditions: tuple[Condition, ...]

    # cached: read on every firing and explanation (the instance dict wins over a cached_property)
    @cached_property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def facts_needed(self) -> tuple[str, ...]:
        return tuple(c.fact for c in self.conditions if isinstance(c, FactCondition))

    @cached_property
    def attribute_conditions(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if not isinstance(c, FactCondition))

    def holds(self, scenario: Any, facts: set[str] | frozenset[str]) -> bool:
        return all(c.holds(scenario, facts) for c in self.conditions)


@dataclass(frozen=True)
class Tension(_Conditioned):
    """A loaded tension with its parsed conditions and origin."""

    spec: TensionSpec
    conditions: tuple[Condition, ...]
    file: str
    line: int


class Consideration(BaseModel):
    """What the sources say about an option in general: the factors that weigh on it and its risks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weighed_by: tuple[str, ...] = Field((), description="Scenario fields the sources name as weighing on this option.")
    weighed_by_cites: tuple[str, ...] = ()
    risks: tuple[str, ...] = Field((), description="Statements naming this option's risks, side effects or complications.")


@dataclass(frozen=True)
class Rule(_Conditioned):
    """A loaded rule: its spec, parsed conditions, priority (lower fires first) and origin."""

    spec: RuleSpec
    conditions: tuple[Condition, ...]
    priority: int
    file: str
    line: int

    @property
    def title(self) -> str:
        return self.spec.title


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    label: str
    description: str = ""
    category: str | None = None  # modalities only


class Vocabulary(BaseModel):
    """Roles, modalities and derived facts the rules may name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    roles: tuple[Label, ...]
    modalities: tuple[Label, ...]
    facts: tuple[Label, ...]


class GlossaryField(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    statements: tuple[str, ...] = ()
    values: dict[str, tuple[str, ...]] = Field(default_factory=dict)


@dataclass
class RulePack:
    """Everything the engine and the explanations need, loaded from one rules directory."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    statement_files: dict[str, tuple[str, int]] = field(default_factory=dict)
    vocabulary: Vocabulary | None = None
    glossary: dict[str, GlossaryField] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    tensions: list[Tension] = field(default_factory=list)
    considerations: dict[str, Consideration] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # files that could not be parsed at all

    # Tables over the loaded pack, built once on first use (a pack is not changed after `read_pack`).
    @cached_property
    def rule_index(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def producers(self) -> dict[str, tuple[Rule, ...]]:
        """Derived fact -> the rules that can establish it (pack order)."""
        return producers_of(self.rules)

    @cached_property
    def concluders(self) -> dict[str, tuple[Rule, ...]]:
        """Option category -> the rules that conclude it (pack order)."""
        out: dict[str, tuple[Rule, ...]] = {}
        for rule in self.rules:
            for category in dict.fromkeys(o.category for o in rule.spec.then.options):
                out[category] = out.get(category, ()) + (rule,)
        return out

    @cached_property
    def cited_by_rules(self) -> frozenset[str]:
        """Statements that some rule cites (the ones a scenario's explanation can show)."""
        return frozenset(s for r in self.rules for s in r.spec.cites)

    @cached_property
    def cited(self) -> frozenset[str]:
        """Statements cited anywhere: by rules, tension sides or considerations."""
        return self.cited_by_rules | frozenset(
            [s for t in self.tensions for side in t.spec.sides for s in side.cites]
            + [s for c in self.considerations.values() for s in (*c.weighed_by_cites, *c.risks)])

    @cached_property
    def statement_refs(self) -> dict[str, StatementRef]:
        """Every catalogued statement with its source's title, by id."""
        return {
            sid: StatementRef(id=sid, source=st.source, quote=st.quote,
                              source_title=self.sources[st.source].title if st.source in self.sources else st.source)
            for sid, st in self.statements.items()
        }

    def label(self, kind: Literal["roles", "modalities", "facts"], ident: str) -> str:
        if self.vocabulary is not None:
            for item in getattr(self.vocabulary, kind):
                if item.id == ident:
                    return item.label
        return ident.replace("_", " ")

    def category_label(self, category: str) -> str:
        return CATEGORIES.get(category, category)


def producers_of(rules: list[Rule]) -> dict[str, tuple[Rule, ...]]:
    """Derived fact -> the rules among `rules` that can establish it, in their order."""
    out: dict[str, tuple[Rule, ...]] = {}
    for rule in rules:
        for fact in rule.spec.then.facts:
            out[fact] = out.get(fact, ()) + (rule,)
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _read_yaml(path: Path, pack: "RulePack", *, lines: bool = False) -> Any:
    """A pack file parsed under the YAML budgets; None (with one problem, and the file marked unreadable) if not."""
    name = _rel(path, pack.root)
    data = _parse_pack_file(path, name, pack.problems, lines)
    if data is None:
        pack.unreadable.append(name)
    return data


def _parse_pack_file(path: Path, name: str, problems: list[str], lines: bool) -> Any:
    try:
        with path.open("rb") as stream:
            text = read_limited(stream, name, MAX_PACK_FILE_BYTES).decode("utf-8")
    except FileNotFoundError:
        problems.append(f"{name}: missing file")
        return None
    except InputError as exc:
        problems.append(str(exc))
        return None
    except (UnicodeDecodeError, OSError) as exc:
        problems.append(f"{name}: cannot read as UTF-8 text ({exc})")
        return None
    try:
        return load_yaml(text, _LineLoader if lines else StrictLoader)
    except yaml.YAMLError as exc:
        line, _, problem = yaml_error_parts(exc)
        where = f"line {line}: " if line else ""
        kind = "refused" if isinstance(exc, DocumentLimitError) else "YAML syntax error"
        problems.append(f"{name}: {where}{kind}: {problem}")
        return None


def _short(error: ValidationError) -> str:
    return "; ".join(f"{loc + ': ' if loc else ''}{message}" for loc, message in validation_problems(error))


def _section(data: Any, key: str, name: str, problems: list[str]) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(f"{name}: expected a mapping with a '{key}' list")
        return []
    return data[key]


def _load_sources(pack: RulePack) -> None:
    index = pack.root / "sources" / "index.yaml"
    data = _read_yaml(index, pack)
    if data is None:
        return
    name = _rel(index, pack.root)
    for entry in _section(data, "sources", name, pack.problems):
        try:
            source = Source.model_validate(entry)
        except ValidationError as exc:
            pack.problems.append(f"{name}: source {entry.get('id', '?') if isinstance(entry, dict) else preview(entry)}: {_short(exc)}")
            continue
        path = pack.root / "sources" / source.file
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            pack.problems.append(f"{name}: source '{source.id}': cannot read {source.file} ({exc})")
            continue
        if source.id in pack.sources:
            pack.problems.append(f"{name}: duplicate source id '{source.id}'")
        pack.sources[source.id] = source.model_copy(update={"text": text})


def _load_statements(pack: RulePack) -> None:
    path = pack.root / "statements.yaml"
    data = _read_yaml(path, pack, lines=True)
    if data is None:
        return
    name = _rel(path, pack.root)
    for entry in _section(data, "statements", name, pack.problems):
        line = entry.get(LINE_KEY, 0) if isinstance(entry, dict) else 0
        try:
            statement = Statement.model_validate(_strip_lines(entry))
        except ValidationError as exc:
            ident = entry.get("id", "?") if isinstance(entry, dict) else "?"
            pack.problems.append(f"{name}:{line}: statement '{ident}': {_short(exc)}")
            continue
        if statement.id in pack.statements:
            pack.problems.append(f"{name}:{line}: statement '{statement.id}': duplicate statement id")
            continue
        pack.statements[statement.id] = statement
        pack.statement_files[statement.id] = (name, line)


def _load_vocabulary(pack: RulePack) -> None:
    path = pack.root / "vocabulary.yaml"
    data = _read_yaml(path, pack)
    if data is None:
        return
    try:
        pack.vocabulary = Vocabulary.model_validate(data)
    except ValidationError as exc:
        pack.problems.append(f"{_rel(path, pack.root)}: {_short(exc)}")


def _load_keyed(pack: RulePack, file: str, section: str, entry: str, model: type[BaseModel]) -> dict[str, Any]:
    """An optional pack file holding one mapping `section` of id -> entry, each validated by `model`."""
    out: dict[str, Any] = {}
    path = pack.root / file
    if not path.exists():
        return out
    data = _read_yaml(path, pack)
    if data is None:
        return out
    name = _rel(path, pack.root)
    entries = data.get(section) if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        pack.problems.append(f"{name}: expected a mapping with a '{section}' mapping")
        return out
    for key, raw in entries.items():
        try:
            out[str(key)] = model.model_validate(raw or {})
        except ValidationError as exc:
            pack.problems.append(f"{name}: {entry} '{key}': {_short(exc)}")
    return out


def _load_glossary(pack: RulePack) -> None:
    pack.glossary.update(_load_keyed(pack, "glossary.yaml", "fields", "field", GlossaryField))


def _conditioned(
    data: Any, key: str, kind: str, model: type[BaseModel], name: str, problems: list[str],
) -> Iterator[tuple[Any, tuple[Condition, ...], int]]:
    """Each valid entry of a `key:` list whose `when` is in the condition language: (spec, conditions, line).
    Invalid entries are reported as `file:line: <kind> '<id>': ...` and skipped."""
    for entry in _section(data, key, name, problems):
        line = entry.get(LINE_KEY, 0) if isinstance(entry, dict) else 0
        ident = entry.get("id", "?") if isinstance(entry, dict) else "?"
        try:
            spec = model.model_validate(_strip_lines(entry))
            conditions = tuple(parse_when(spec.when))
        except ValidationError as exc:
            problems.append(f"{name}:{line}: {kind} '{ident}': {_short(exc)}")
            continue
        except ConditionError as exc:
            problems.append(f"{name}:{line}: {kind} '{ident}': when: {exc}")
            continue
        yield spec, conditions, line


def _load_rules(pack: RulePack) -> None:
    folder = pack.root / "pack"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        pack.problems.append(f"{_rel(folder, pack.root)}: no rule files (*.yaml)")
    for path in files:
        name = _rel(path, pack.root)
        data = _read_yaml(path, pack, lines=True)
        if data is None:
            continue
        for spec, conditions, line in _conditioned(data, "rules", "rule", RuleSpec, name, pack.problems):
            pack.rules.append(Rule(spec, conditions, len(pack.rules) + 1, name, line))


def _load_tensions(pack: RulePack) -> None:
    path = pack.root / "tensions.yaml"
    if not path.exists():
        return
    name = _rel(path, pack.root)
    data = _read_yaml(path, pack, lines=True)
    if data is None:
        return
    for spec, conditions, line in _conditioned(data, "tensions", "tension", TensionSpec, name, pack.problems):
        pack.tensions.append(Tension(spec, conditions, name, line))


def _load_considerations(pack: RulePack) -> None:
    pack.considerations.update(_load_keyed(pack, "considerations.yaml", "categories", "category", Consideration))


def read_pack(root: str | Path) -> RulePack:
    """Load a rules directory, collecting (not raising) every structural problem."""
    pack = RulePack(root=Path(root))
    if not pack.root.is_dir():
        pack.problems.append(f"{root}: no such rules directory")
        return pack
    _load_sources(pack)
    _load_statements(pack)
    _load_vocabulary(pack)
    _load_glossary(pack)
    _load_rules(pack)
    _load_tensions(pack)
    _load_considerations(pack)
    return pack
