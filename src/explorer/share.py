"""Share links: a scenario as URL query parameters, and back, with clear messages for bad values."""

from __future__ import annotations

from typing import Any, Iterable, Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

from pydantic import ValidationError

from .errors import describe_validation_error
from .scenario import ATTRIBUTES, CROSS_FIELD_NAMES, TEXT_FIELDS, AttributeSpec, Scenario

MAX_PARAM_LENGTH = 500
MAX_PARAMS = 1000  # as many as Streamlit reads; it ignores a longer link whole
REPEATABLE = frozenset({"symptoms"})  # a list: each repetition adds items
# The app's mark, in its own address bar, that this browser tab acknowledged the disclaimer (so that a reload does
# not ask again). Not a scenario field: reading a link skips it, and a share link never carries it.
ACK_PARAM = "ack"


def too_many_parameters(count: int) -> str:
    return f"the link has {count:,} parameters; at most {MAX_PARAMS:,} are read, so none of it was used"


def to_query(scenario: Scenario) -> dict[str, str]:
    """Query parameters for the fields that differ from the defaults (lists comma-joined)."""
    out: dict[str, str] = {}
    for key, value in scenario.public_dict().items():
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            out[key] = ",".join(value)
        elif value is not None:
            out[key] = str(value)
    return out


def share_link(base_url: str, scenario: Scenario) -> str:
    """`base_url` with the scenario as its whole query: the base's own query (an `ack` mark, a class seat) and
    fragment are dropped, so whoever opens the link gets the first-visit acknowledgement."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(to_query(scenario)), ""))


def _convert(key: str, raw: str) -> Any:
    if key in TEXT_FIELDS:
        return raw
    spec = ATTRIBUTES.get(key)
    if spec is None:
        return raw
    if spec.kind == "set":
        return [s for s in raw.split(",") if s] if raw else []
    return parse_text_value(spec, raw)


def parse_text_value(spec: AttributeSpec, raw: str) -> Any:
    """A boolean or number written as text (a link, a CSV cell): 'true'/'false', ASCII digits or 'null'.

    Anything else stays text, so that validation refuses it and names the field."""
    if spec.kind == "bool":
        return {"true": True, "false": False}.get(raw.lower(), raw)
    if spec.kind == "int":
        if raw.lower() in ("", "null", "none"):
            return None
        if raw.isascii() and raw.isdigit() and len(raw) <= 3:  # no '+3', ' 3', '٣', '3_0' or 4,301 digits
            return int(raw)
    return raw


def from_query(params: Mapping[str, str | Iterable[str]], ignore: Iterable[str] = ()) -> tuple[Scenario, list[str]]:
    """Rebuild a scenario; each bad parameter is reported and falls back to its default.

    A parameter may be given as one string or as the list of all its values (when it is repeated in the link).
    Repeating `symptoms` adds to the list (`symptoms=pain&symptoms=numbness`); repeating any other field is
    refused, never resolved silently. A link with more than MAX_PARAMS values is ignored whole, and says so.
    The app's ACK_PARAM is skipped, as are the parameters in `ignore`."""
    skip = {ACK_PARAM, *ignore}
    values = {key: [raw] if isinstance(raw, str) else list(raw) for key, raw in params.items() if key not in skip}
    count = sum(len(v) for v in values.values())
    if count > MAX_PARAMS:
        return Scenario(), [too_many_parameters(count)]
    messages: list[str] = []
    data: dict[str, Any] = {}
    for key, given in values.items():
        if len(given) > 1 and key not in REPEATABLE:
            messages.append(f"link parameter '{key}' is given {len(given)} times; it takes one value "
                            f"(only {', '.join(sorted(REPEATABLE))} may be repeated); ignored")
            continue
        raw = ",".join(given)
        if key not in Scenario.model_fields and key != "resectable":  # the old name of `removal`, still read
            messages.append(f"link parameter '{key}' is not a scenario field; ignored")
            continue
        if len(raw) > MAX_PARAM_LENGTH:
            messages.append(f"link parameter '{key}' is longer than {MAX_PARAM_LENGTH} characters; ignored")
            continue
        data[key] = _convert(key, raw)
    for _ in range(len(data) + 1):
        try:
            return Scenario.model_validate(data), messages
        except ValidationError as exc:
            bad = set()
            for item in exc.errors(include_url=False):
                loc = item.get("loc") or ()
                if loc and loc[0] in data:
                    bad.add(loc[0])
                else:  # cross-field rule: the message names the field
                    bad.update(k for k in CROSS_FIELD_NAMES if f"'{k}'" in item.get("msg", "") and k in data)
            messages.append(describe_validation_error(exc, "link") + "; using the default instead")
            if not bad:
                break
            for key in bad:
                data.pop(key, None)
    return Scenario(), messages
