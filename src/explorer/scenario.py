"""The public scenario format: one pydantic model is the single source of truth.

Validation, error messages, the JSON schema, the UI's widgets and the rule-condition
vocabulary are all derived from `Scenario` and `ATTRIBUTES` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping, get_args

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import InputError, describe_validation_error, preview

Origin = Literal["primary", "secondary", "unknown"]
PrimarySite = Literal[
    "lung", "prostate", "breast", "kidney", "lymphoma", "melanoma", "thyroid", "gastrointestinal", "other", "unknown"
]
Compartment = Literal["intramedullary", "intradural_extramedullary", "epidural", "vertebral", "unknown"]
Region = Literal["cervical", "thoracic", "lumbar", "sacral", "unknown"]
Extent = Literal["single_segment", "multiple_segments", "widespread", "unknown"]
Behaviour = Literal["benign", "malignant", "unknown"]
Grade = Literal["low", "high", "unknown"]
Symptom = Literal[
    "pain", "radicular_pain", "numbness", "weakness", "loss_of_coordination",
    "bowel_bladder_dysfunction", "fatigue_weight_loss",
]
Health = Literal["good", "fair", "poor", "unknown"]
Removal = Literal["entire", "partial", "not_operable", "unknown"]
RecurrenceRisk = Literal["low", "high", "unknown"]
Phase = Literal["initial", "residual_after_surgery", "recurrence"]

SYMPTOMS: tuple[str, ...] = get_args(Symptom)
# Fields that apply only when another field has one value: field -> (that field, its value). A stage requires a
# malignant tumour; a primary site other than 'unknown' requires a secondary one.
FIELD_REQUIRES: dict[str, tuple[str, str]] = {"stage": ("behaviour", "malignant"), "primary_site": ("origin", "secondary")}
FIELD_UNSET: dict[str, Any] = {"stage": None, "primary_site": "unknown"}
# Values that cannot go together: (field, value) -> (other field, value), with the reason. The sources call a
# secondary tumour a metastasis of cancer, so it cannot be benign.
FIELD_EXCLUDES: dict[tuple[str, Any], tuple[str, Any, str]] = {
    ("behaviour", "benign"): (
        "origin", "secondary",
        "a secondary tumour is a metastasis of cancer (the sources: 'secondary (metastases of cancer that originated "
        "elsewhere in the body)'), so it cannot be benign; use malignant or unknown",
    ),
}
# The old name of `removal` stays accepted: resectable yes -> entire, no -> partial ("cannot be removed entirely"
# is not "inoperable"), unknown -> unknown; bare YAML yes/no booleans too.
RESECTABLE_ALIAS: dict[Any, str] = {"yes": "entire", "no": "partial", "unknown": "unknown", True: "entire", False: "partial"}
MAX_TITLE = 200
MAX_NOTES = 4000
MAX_SYMPTOM_ITEMS = 50  # duplicates are folded, but a list is not a place for thousands


class Scenario(BaseModel):
    """A teaching scenario. Unknown keys are rejected; `{}` is a valid (empty) scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Scenario")

    origin: Origin = Field("unknown", title="Tumour origin", description="Where the tumour started: in the spine (primary) or spread from elsewhere (secondary).")
    primary_site: PrimarySite = Field(
        "unknown", title="Primary site (secondary tumours)",
        description="For a secondary tumour, where the cancer started. Any value but 'unknown' requires origin: secondary.",
        json_schema_extra={"value_labels": {"gastrointestinal": "gastrointestinal tract"}},
    )
    compartment: Compartment = Field(
        "unknown", title="Compartment", description="Where the tumour grows relative to the cord, its coverings and the bone.",
        json_schema_extra={"value_labels": {"intradural_extramedullary": "intradural extramedullary",
                                            "vertebral": "vertebral (bone)"}},
    )
    region: Region = Field("unknown", title="Region of the spine", description="Which part of the spine.")
    extent: Extent = Field(
        "unknown", title="Extent", description="single_segment = limited to one portion of the spine.",
        json_schema_extra={"value_labels": {"single_segment": "limited to one portion of the spine",
                                            "multiple_segments": "several portions of the spine",
                                            "widespread": "widespread"}},
    )
    behaviour: Behaviour = Field("unknown", title="Behaviour", description="Benign (unlikely to spread) or malignant (often spreads).")
    stage: int | None = Field(None, ge=1, le=4, title="Stage", description="Cancer stage 1-4; requires behaviour: malignant.")
    grade: Grade = Field("unknown", title="Grade", description="Tumour grade.")
    symptoms: tuple[Symptom, ...] = Field(
        (), title="Symptoms", description="Symptoms present; empty means asymptomatic. Duplicates are folded.",
        json_schema_extra={"value_labels": {"radicular_pain": "radicular pain",
                                            "loss_of_coordination": "loss of coordination",
                                            "bowel_bladder_dysfunction": "bowel or bladder dysfunction",
                                            "fatigue_weight_loss": "fatigue or weight loss"}},
    )
    cord_compression: bool = Field(False, title="Pressing on the spinal cord or nerves", description="Tumour pressing on the spinal cord or nerves.")
    spinal_instability: bool = Field(False, title="Spinal instability (fracture, collapse, deformity)", description="Pathological fracture, collapse or deformity.")
    serious_comorbidities: bool = Field(False, title="Other serious health problems", description="Other serious health problems.")
    treatment_resistant: bool = Field(False, title="Resisting radiation therapy and chemotherapy", description="Resisting radiation therapy and chemotherapy.")
    overall_health: Health = Field("unknown", title="Overall health and fitness", description="Overall health and fitness.")
    age: int | None = Field(None, ge=0, le=120, title="Age", description="Age in years.")
    diagnosis_confirmed: bool = Field(True, title="Diagnosis confirmed", description="False when the diagnosis is yet to be determined and confirmation is required.")
    removal: Removal = Field(
        "unknown", title="Can surgery remove it?",
        description="Whether surgery could remove the tumour: entire (the entire tumour can be removed), partial (it "
        "cannot be removed entirely; as much as possible), not_operable (considered inoperable) or unknown. The old key "
        "`resectable` is still read: yes -> entire, no -> partial.",
        json_schema_extra={"value_labels": {"entire": "the entire tumour can be removed",
                                            "partial": "cannot be removed entirely (as much as possible)",
                                            "not_operable": "considered inoperable"}},
    )
    recurrence_risk: RecurrenceRisk = Field("unknown", title="Risk of recurrence", description="Risk that the tumour comes back.")
    phase: Phase = Field(
        "initial", title="Phase of care", description="initial, residual tumour after surgery, or recurrence.",
        json_schema_extra={"value_labels": {"residual_after_surgery": "residual tumour after surgery"}},
    )
    # Free text (str fields): shown and exported, never read by a rule (see TEXT_FIELDS)
    title: str | None = Field(None, max_length=MAX_TITLE, title="Case title", description="Case title (ignored by rules).")
    notes: str | None = Field(None, max_length=MAX_NOTES, title="Teaching notes", description="Teaching notes (ignored by rules).")

    @model_validator(mode="before")
    @classmethod
    def _resectable_alias(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or "resectable" not in data:
            return data
        data = dict(data)
        raw = data.pop("resectable")
        mapped = RESECTABLE_ALIAS.get(raw) if isinstance(raw, (str, bool)) else None
        if mapped is None:
            raise ValueError(
                f"field 'resectable' (old name of 'removal'): got {raw!r}; allowed: 'yes', 'no' or 'unknown'"
            )
        if "removal" in data and data["removal"] != mapped:
            raise ValueError(
                f"field 'resectable': {raw!r} means removal: {mapped}, but removal is {data['removal']!r}; give only 'removal'"
            )
        data["removal"] = mapped
        return data

    @field_validator("symptoms", mode="before")
    @classmethod
    def _fold_symptoms(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            raise ValueError(f"expected a list of symptoms; allowed items: {', '.join(SYMPTOMS)}")
        if isinstance(value, (list, tuple)) and len(value) > MAX_SYMPTOM_ITEMS:  # one line, not 20,000 errors
            raise ValueError(f"expected at most {MAX_SYMPTOM_ITEMS} symptoms, got a list of {len(value):,}")
        return value

    @field_validator("symptoms", mode="after")
    @classmethod
    def _canonical_symptoms(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        present = set(value)
        return tuple(s for s in SYMPTOMS if s in present)

    @field_validator("stage", "age", mode="before")
    @classmethod
    def _whole_numbers(cls, value: Any) -> Any:
        # Numbers are numbers: no '45', 45.0, true, or YAML 1.1's 0x1F / 1:10 (the loader leaves those as text).
        if value is not None and type(value) is not int:
            raise ValueError(f"expected a whole number or null, got {preview(value)}")
        return value

    @field_validator("cord_compression", "spinal_instability", "serious_comorbidities", "treatment_resistant",
                     "diagnosis_confirmed", mode="before")
    @classmethod
    def _strict_booleans(cls, value: Any) -> Any:
        if type(value) is not bool:  # 1, 'true', 'yes' in quotes are refused
            raise ValueError(f"expected true or false, got {preview(value)}")
        return value

    @model_validator(mode="after")
    def _consistency(self) -> "Scenario":
        for name, (other, needed) in FIELD_REQUIRES.items():
            if getattr(self, name) != FIELD_UNSET[name] and getattr(self, other) != needed:
                what = "a stage" if name == "stage" else "a primary site other than 'unknown'"
                raise ValueError(f"field '{name}': {what} requires {other}: {needed}")
        for (name, value), (other, other_value, why) in FIELD_EXCLUDES.items():
            if getattr(self, name) == value and getattr(self, other) == other_value:
                raise ValueError(f"field '{name}': {value} is not allowed with {other}: {other_value}: {why}")
        return self

    def public_dict(self) -> dict[str, Any]:
        """The scenario as a plain mapping, only the fields that differ from the defaults."""
        defaults = Scenario()
        data = self.model_dump(mode="json")
        return {k: v for k, v in data.items() if v != getattr(defaults, k) and not (k == "symptoms" and not v)}


def parse_scenario(data: Any, where: str = "scenario") -> Scenario:
    """Validate a mapping as a Scenario; raise InputError naming the field and the allowed values."""
    if isinstance(data, Scenario):
        return data
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: expected a mapping of scenario fields, got {type(data).__name__}")
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise InputError(f"{where}: field names must be text, got {preview(bad_keys[0])}")
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, where)) from None


@dataclass(frozen=True)
class AttributeSpec:
    """What a rule condition may say about one scenario attribute."""

    name: str
    kind: Literal["enum", "bool", "int", "set"]
    values: tuple[Any, ...]  # allowed values (enum/set members; bool; int range)
    nullable: bool = False


def int_bounds(name: str) -> tuple[int, int]:
    """The (lowest, highest) whole number a field allows, read from its ge/le constraints."""
    metadata = Scenario.model_fields[name].metadata
    return (next(m.ge for m in metadata if isinstance(m, annotated_types.Ge)),
            next(m.le for m in metadata if isinstance(m, annotated_types.Le)))


def _attribute_specs() -> dict[str, AttributeSpec]:
    specs: dict[str, AttributeSpec] = {}
    for name, field in Scenario.model_fields.items():
        if name in TEXT_FIELDS:
            continue
        ann = field.annotation
        if name == "symptoms":
            specs[name] = AttributeSpec(name, "set", SYMPTOMS)
        elif ann is bool:
            specs[name] = AttributeSpec(name, "bool", (True, False))
        elif ann == int | None:
            low, high = int_bounds(name)
            specs[name] = AttributeSpec(name, "int", tuple(range(low, high + 1)), nullable=True)
        else:
            specs[name] = AttributeSpec(name, "enum", get_args(ann))
    return specs


# The fields that are free text (title, notes): shown and exported, never a decision input; every other field is one.
TEXT_FIELDS: tuple[str, ...] = tuple(n for n, f in Scenario.model_fields.items() if f.annotation == str | None)
ATTRIBUTES: dict[str, AttributeSpec] = _attribute_specs()
# The fields a cross-field message names (`field 'stage': ...`), the old key `resectable` included
CROSS_FIELD_NAMES: tuple[str, ...] = (*FIELD_REQUIRES, *dict.fromkeys(name for name, _ in FIELD_EXCLUDES), "resectable")

FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "Origin": ("origin", "primary_site", "behaviour"),
    "Location": ("compartment", "region", "extent"),
    "Stage": ("stage", "grade"),
    "Symptoms": ("symptoms",),
    "Overall health": ("overall_health", "serious_comorbidities", "age"),
    "Findings": ("cord_compression", "spinal_instability", "removal", "treatment_resistant", "diagnosis_confirmed"),
    "Context": ("recurrence_risk", "phase", "title", "notes"),
}

# Labels come from the fields themselves: the title of each, and the value_labels in its json_schema_extra.
FIELD_LABELS: dict[str, str] = {name: field.title or name for name, field in Scenario.model_fields.items()}
VALUE_LABELS: dict[str, str] = {
    value: label for field in Scenario.model_fields.values() if isinstance(field.json_schema_extra, dict)
    for value, label in field.json_schema_extra.get("value_labels", {}).items()
}


def value_label(value: Any) -> str:
    """Readable text for a scenario value."""
    if value is None:
        return "not given"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(value_label(v) for v in value) if value else "none (asymptomatic)"
    return VALUE_LABELS.get(str(value), str(value).replace("_", " "))
