"""The result of one evaluation: a pydantic model whose JSON is the public output format."""

from __future__ import annotations

from types import MappingProxyType
from typing import Annotated, Any, Literal, Mapping, TypeVar

from pydantic import AfterValidator, AliasChoices, BaseModel, ConfigDict, Field, PlainSerializer, computed_field

from .disclaimer import DISCLAIMER

_CFG = ConfigDict(frozen=True)
OLD_KEY_REMOVED_IN = "0.2.0"  # the release that stops emitting the JSON alias `not_indicated` (README: the JSON)


def frozen(value: Any) -> Any:
    """Read-only view of a mapping, lists as tuples, recursively (results are shared by every caller)."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    """The plain dict/list form of a frozen value (what model_dump and the JSON output show)."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


ModelT = TypeVar("ModelT", bound=BaseModel)
_set = object.__setattr__


def construct(cls: type[ModelT], values: dict[str, Any], given: set[str] | None = None) -> ModelT:
    """`cls.model_construct(**values)` for trusted values of every field, in field order: what it stores, without its
    loop over the fields (explanations build these on every evaluation). `given`: the fields passed explicitly when
    some hold their defaults (pydantic's `model_fields_set`; every field when None). tests/test_result_construct.py
    checks both against pydantic's own `model_construct`."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values) if given is None else given)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


# A mapping that callers cannot change; dumped as a plain dict, exactly as before it was frozen.
FrozenMap = Annotated[Mapping[str, Any], AfterValidator(frozen), PlainSerializer(_thaw)]


class ConditionOutcome(BaseModel):
    """One condition of a rule, checked against the scenario: required vs actual."""

    model_config = _CFG

    kind: Literal["attribute", "fact"]
    name: str
    label: str
    required: str
    actual: str
    holds: bool
    producers: tuple[str, ...] = ()  # for derived facts: the rules that can establish it
    unmet: tuple[str, ...] = ()  # for a derived fact not established: the inputs its producing rules still need


class StatementRef(BaseModel):
    """A verbatim statement with its source."""

    model_config = _CFG

    id: str
    source: str
    source_title: str
    quote: str


class Conclusion(BaseModel):
    """An option a rule concluded, with its role and named modalities."""

    model_config = _CFG

    category: str
    role: str
    role_label: str
    modalities: tuple[str, ...] = ()
    modality_labels: tuple[str, ...] = ()
    basis: Literal["scenario", "alongside", "background"] = "scenario"


class Step(BaseModel):
    """One rule firing in the ordered trace (its position in the list is its step)."""

    model_config = _CFG

    rule: str
    title: str
    used: tuple[ConditionOutcome, ...]
    produced_facts: tuple[str, ...]
    new_facts: tuple[str, ...]
    conclusions: tuple[Conclusion, ...]
    counterpoints: tuple[str, ...]
    statements: tuple[str, ...]
    note: str | None = None


class Counterpoint(BaseModel):
    """A fired rule whose statements point away from an option the sources also discuss."""

    model_config = _CFG

    rule: str
    title: str
    statements: tuple[str, ...]


class WeighingFactor(BaseModel):
    """A scenario field the sources say weighs on an option, with this scenario's value."""

    model_config = _CFG

    field: str
    label: str
    value: str


class Option(BaseModel):
    """A category the sources discuss for this scenario, with how the rules got there."""

    model_config = _CFG

    category: str
    label: str
    kind: Literal["core", "adjunct"]
    roles: tuple[str, ...]
    role_labels: tuple[str, ...]
    modalities: tuple[str, ...]
    modality_labels: tuple[str, ...]
    rules: tuple[str, ...]  # the rules that concluded this option
    chain: tuple[str, ...]  # those rules plus every rule that established a fact they used, in firing order
    statements: tuple[str, ...]
    counterpoints: tuple[Counterpoint, ...] = ()
    basis: Literal["scenario", "alongside", "background"] = "scenario"  # the most specific basis of its roles
    role_bases: tuple[str, ...] = ()  # each role's basis, parallel to roles
    headline: str = ""  # the role label of the most specific basis: the option's "because" line
    weighed_by: tuple[WeighingFactor, ...] = ()  # factors the sources say weigh on this option, with their values
    weighed_by_statements: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()  # statements naming this option's risks, side effects or complications
    tensions: tuple[str, ...] = ()  # ids of the tensions (Result.tensions) that concern this option

    def roles_by_basis(self) -> list[tuple[str, tuple[str, ...]]]:
        """(basis, role labels) for each basis this option has, most specific first."""
        order = ("scenario", "alongside", "background")
        return [(b, labels) for b in order
                if (labels := tuple(lb for lb, rb in zip(self.role_labels, self.role_bases) if rb == b))]


class TensionSideResult(BaseModel):
    """One side of a tension: a short label and its verbatim statements."""

    model_config = _CFG

    label: str
    statements: tuple[str, ...]


class TensionResult(BaseModel):
    """Where the sources point different ways for this scenario: both sides, never resolved."""

    model_config = _CFG

    id: str
    title: str
    categories: tuple[str, ...]
    sides: tuple[TensionSideResult, ...]
    note: str | None = None


class CandidateRule(BaseModel):
    """A rule that could have concluded a category, with the conditions that failed."""

    model_config = _CFG

    rule: str
    title: str
    failed: tuple[ConditionOutcome, ...]
    satisfied: tuple[ConditionOutcome, ...]
    statements: tuple[str, ...]

    def failed_text(self) -> str:
        """The failed conditions in words: 'Factor is X, needs Y; ...'."""
        return "; ".join(f"{o.label} is {o.actual}, needs {o.required}" for o in self.failed)


class FieldChange(BaseModel):
    """One input changed: its old and new value (JSON keys `field`, `from`, `to`), with readable labels."""

    model_config = ConfigDict(frozen=True, serialize_by_alias=True, validate_by_name=True)

    field: str
    label: str
    from_: Any = Field(alias="from")
    to: Any
    from_label: str
    to_label: str

    def text(self) -> str:
        return f"{self.label}: {self.from_label} \u2192 {self.to_label}"


class SmallestChange(BaseModel):
    """A smallest set of input changes that brings a category in, and what would then apply."""

    model_config = _CFG

    size: int  # changes counted one per field, one per symptom added or removed
    changes: tuple[FieldChange, ...]
    role_labels: tuple[str, ...]  # the roles the category would then have
    rules: tuple[str, ...]  # the rules that would then conclude the category
    chain: tuple[str, ...]  # those rules and the rules establishing what they use
    statements: tuple[str, ...]  # the statements of that chain
    key_statements: tuple[str, ...] = ()  # the statements of the concluding rules (what would speak to it)

    def text(self) -> str:
        return "; ".join(c.text() for c in self.changes)


class NotDiscussed(BaseModel):
    """A core category the sources do not discuss for this scenario, and why not."""

    model_config = _CFG

    category: str
    label: str
    candidates: tuple[CandidateRule, ...]
    # None: not computed (see explorer.smallest_change); else every smallest change (all of one size, the smallest
    # that works). Empty: no change of up to 3 inputs brings it in.
    smallest_changes: tuple[SmallestChange, ...] | None = None


class DerivedFact(BaseModel):
    model_config = _CFG

    id: str
    label: str
    rule: str  # the first rule that established it


class Result(BaseModel):
    """Everything one evaluation shows: options, why-not, trace, statements, disclaimer."""

    model_config = _CFG

    disclaimer: str = DISCLAIMER
    scenario: FrozenMap
    options: tuple[Option, ...]
    # "not discussed" is the project's wording; the JSON also carries the old key `not_indicated` until 0.2.0
    not_discussed: tuple[NotDiscussed, ...] = Field(validation_alias=AliasChoices("not_discussed", "not_indicated"))
    trace: tuple[Step, ...]
    facts: tuple[DerivedFact, ...]
    statements: Annotated[Mapping[str, StatementRef], AfterValidator(MappingProxyType),
                          PlainSerializer(dict)]
    tensions: tuple[TensionResult, ...] = ()

    @computed_field(json_schema_extra={"deprecated": True},  # no runtime warning: every JSON dump reads it
                    description=f"Deprecated: the old key of not_discussed, emitted until {OLD_KEY_REMOVED_IN}.")
    @property
    def not_indicated(self) -> tuple[NotDiscussed, ...]:
        """The old name of `not_discussed`, still in the JSON for one release."""
        return self.not_discussed

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(o.category for o in self.options)

    def option(self, category: str) -> Option | None:
        return next((o for o in self.options if o.category == category), None)


NotIndicated = NotDiscussed  # the old class name, for code written against 0.1
