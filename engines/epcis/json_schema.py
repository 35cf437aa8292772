"""The GS1 EPCIS 2.0 JSON Schema (draft-07, vendored in data/schema) as `Problem`s with specific English messages.

The validator is built once, with format checking on (`uri`, `date-time`): without it the schema lets bare non-CBV
words, unnamespaced ILMD fields and unknown event types through (tests/conformance/epcis/SOURCE.md, "Caveats").
A valid document costs one `is_valid` call in Rust; error messages are only built for invalid ones.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from engines.epcis.capture_model import MAX_PROBLEMS, Problem
from engines.epcis.vocabulary import KINDS, cbv_codes

MAX_SCHEMA_ERRORS = 2 * MAX_PROBLEMS

# vocabulary kind → what a message calls it
_KIND_NAMES = {
    "bizstep": "business step",
    "disposition": "disposition",
    "btt": "business transaction type",
    "sdt": "source/destination type",
    "er": "error reason",
    "comp": "sensor component",
    "measurement": "GS1 measurement type",
    "alert": "GS1 sensor alert type",
}
_COMPOSITE = (jsonschema_rs.ValidationErrorKind.AnyOf, jsonschema_rs.ValidationErrorKind.OneOfNotValid)
# messages for the schema's "one of these shapes" rules, by the schema location of the anyOf
_SHAPES = {
    (
        "ObjectEvent",
        2,
    ): "an ObjectEvent needs an epcList, a quantityList, or a sensorElementList with a readPoint",
    ("ObjectEvent", 3): "ilmd is only allowed on an ObjectEvent whose action is ADD",
}


@cache
def schema() -> dict[str, Any]:
    """The vendored GS1 EPCIS 2.0 JSON Schema."""
    text = resources.files("engines.epcis").joinpath("data/schema/EPCIS-JSON-Schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def validator() -> jsonschema_rs.Draft7Validator:
    """The root-schema validator (EPCISDocument, EPCISQueryDocument and bare events), built once."""
    return jsonschema_rs.Draft7Validator(schema(), validate_formats=True)


@cache
def measurement_types() -> frozenset[str]:
    """The bare GS1 measurement types the schema lists (sensorReport `type`)."""
    any_of = schema()["definitions"]["measurementType"]["anyOf"]
    return frozenset(next(branch["enum"] for branch in any_of if "enum" in branch))


def pointer_of(path: list[str | int] | tuple[str | int, ...]) -> str:
    """A JSON pointer (RFC 6901) from path segments."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def schema_problems(instance: Mapping[str, Any]) -> list[Problem]:
    """The schema's errors as problems (empty when valid), pointers relative to `instance`."""
    checker = validator()
    if checker.is_valid(instance):
        return []
    errors = []
    for error in checker.iter_errors(instance):
        errors.append(error)
        if len(errors) >= MAX_SCHEMA_ERRORS:
            break
    reported = {tuple(e.instance_path) for e in errors}
    problems = []
    for error in errors:
        if isinstance(error.kind, _COMPOSITE) and _explained_elsewhere(error, reported):
            continue
        problems.append(_problem(error))
    return list(dict.fromkeys(problems))


def _explained_elsewhere(error: jsonschema_rs.ValidationError, reported: set[tuple[str | int, ...]]) -> bool:
    """An anyOf/oneOf failure whose branches fail at a place another error already reports (e.g. a bad action)."""
    here = tuple(error.instance_path)
    for branch in _branches(error):
        for sub in branch:
            path = tuple(sub.instance_path)
            if path != here and path in reported:
                return True
    return False


def _branches(error: jsonschema_rs.ValidationError) -> list[list[jsonschema_rs.ValidationError]]:
    kind = error.kind
    if isinstance(kind, _COMPOSITE):
        return kind.context
    return []


def _problem(error: jsonschema_rs.ValidationError) -> Problem:
    path = list(error.instance_path)
    kind = error.kind
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.PropertyNames):
        key = str(kind.error.instance)
        return Problem(pointer_of([*path, key]), "schema", _property_name_message(path, key))
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
        extra = kind.unexpected[0] if kind.unexpected else ""
        where = (
            f"a {_field(path)} element"
            if path and isinstance(path[-1], int)
            else _field(path) or "this object"
        )
        allowed = ", ".join(sorted(_allowed(error)))
        message = f"'{extra}' is not a field of {where}" + (f" (allowed: {allowed})" if allowed else "")
        return Problem(pointer_of([*path, extra]), "schema", message)
    vocabulary = _vocabulary_kind(path)
    if vocabulary is not None and isinstance(error.instance, str):
        rule, message = vocabulary_message(vocabulary, _field(path), error.instance)
        return Problem(pointer_of(path), rule, message)
    return Problem(pointer_of(path), "schema", _message(error, path))


_MEMBERS = frozenset(
    {"type", "set", "unset", "id", "reason", "component", "exception", "epcClass", "quantity", "uom", "source",
     "destination", "bizTransaction", "value", "time", "declarationTime", "correctiveEventIDs"}
)  # fmt: skip


def _field(path: list[str | int]) -> str:
    """The innermost named field on the path, with its owner for members ("bizStep", "sourceList type"); "" at the top."""
    names = [p for p in path if isinstance(p, str)]
    if len(names) >= 2 and names[-1] in _MEMBERS:
        return f"{names[-2]} {names[-1]}"
    return names[-1] if names else ""


def _vocabulary_kind(path: list[str | int]) -> str | None:
    tail = path[-3:]
    last = tail[-1] if tail else None
    if len(tail) == 3 and tail[0] == "sensorReport":
        return {"component": "comp", "type": "measurement", "exception": "alert"}.get(str(last))
    if len(tail) == 3 and last == "type":
        return {"bizTransactionList": "btt", "sourceList": "sdt", "destinationList": "sdt"}.get(str(tail[0]))
    if last == "bizStep":
        return "bizstep"
    if last == "disposition" or (len(tail) >= 2 and tail[-2] in ("set", "unset")):
        return "disposition"
    if last == "reason" and "errorDeclaration" in path:
        return "er"
    return None


def vocabulary_message(kind: str, field: str, value: str) -> tuple[str, str]:
    """(rule, message) for a vocabulary value the schema or the CBV lists reject."""
    name = _KIND_NAMES[kind]
    if kind in KINDS:
        words = cbv_codes(kind)
        urn = f"urn:epcglobal:cbv:{KINDS[kind][0]}:"
        if value.startswith(urn):
            word = value[len(urn) :]
            return "schema", (
                f"{field} '{value}' is a CBV URN, which the JSON binding does not allow; "
                f"write the bare word '{word}' or the GS1 Web URI"
            )
        if value.startswith(("http://ns.gs1.org/cbv/", "https://ns.gs1.org/cbv/")):
            return (
                "schema",
                f"{field} '{value}' uses the retired ns.gs1.org CBV namespace; use the bare CBV word",
            )
    elif kind == "measurement":
        words = measurement_types()
    else:
        words = frozenset({"ALARM_CONDITION", "ERROR_CONDITION"})
    if ":" in value or " " in value.strip() or not value.strip():
        return "schema", f"{field} '{value}' is neither a {name} nor a valid URI"
    hint = difflib.get_close_matches(value, sorted(words), n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    if kind in KINDS:
        return (
            "unknown_vocabulary",
            f"{field} '{value}' is not a CBV 2.0 {name}{suggestion}; use a CBV word or a URI",
        )
    return "unknown_vocabulary", f"{field} '{value}' is not a {name}{suggestion}; use a listed type or a URI"


_STANDARD_FIELDS = frozenset(
    {
        "eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "certificationInfo", "errorDeclaration",
        "epcList", "quantityList", "parentID", "childEPCs", "childQuantityList", "inputEPCList", "inputQuantityList",
        "outputEPCList", "outputQuantityList", "transformationID", "action", "bizStep", "disposition",
        "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList",
        "sensorElementList", "ilmd",
    }
)  # fmt: skip


def _property_name_message(path: list[str | int], key: str) -> str:
    where = _field(path)
    if where == "ilmd":
        return (
            f"ilmd field '{key}' has no namespace; ILMD fields must be URIs or CURIEs (e.g. 'example:{key}') "
            "whose prefix the @context defines"
        )
    if key in _STANDARD_FIELDS:
        return f"'{key}' is not allowed on this event type by the EPCIS 2.0 JSON Schema"
    owner = f"in {where}" if where and where != "eventList" else "here"
    return (
        f"'{key}' is not a standard EPCIS field {owner}; extension fields must be URIs or CURIEs with a "
        "namespace prefix defined in @context (e.g. 'example:myField')"
    )


def _message(error: jsonschema_rs.ValidationError, path: list[str | int]) -> str:
    kind = error.kind
    field = _field(path) or "the document"
    value = error.instance
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, dict | list) else ""
    if len(shown) > 80:
        shown = shown[:77] + "…"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        return f"'{kind.property}' is required in {_owner(path)}"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        options = ", ".join(str(o) for o in kind.options)
        return f"{field} {shown} must be one of {options}"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Type):
        return f"{field} {shown} must be of type {' or '.join(kind.types)}".replace("  ", " ")
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Format):
        if kind.format == "date-time":
            return f"{field} {shown} is not an RFC 3339 date-time with an offset (e.g. 2026-07-22T06:45:00+02:00)"
        return f"{field} {shown} is not a valid {kind.format.upper()}"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Pattern):
        if field == "eventTimeZoneOffset":
            return f"eventTimeZoneOffset {shown} must be ±hh:mm between -13:59 and +14:00"
        if field == "uom":
            return f"uom {shown} must be a UN/CEFACT Rec 20 code (2–3 upper-case letters or digits)"
        return f"{field} {shown} does not match the pattern {kind.pattern}"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.UniqueItems):
        return f"{field} lists the same value twice"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.MinItems):
        return f"{field} needs at least {kind.limit} item(s)"
    if isinstance(kind, _COMPOSITE):
        return _shape_message(error, field)
    return f"{field}: {error.message}"


def _owner(path: list[str | int]) -> str:
    if len(path) >= 2 and path[-2] == "eventList":
        return f"event {path[-1]}"
    return _field(path) or "the document"


def _shape_message(error: jsonschema_rs.ValidationError, field: str) -> str:
    location = [str(p) for p in error.schema_path]
    for (definition, index), text in _SHAPES.items():
        if location[1:2] == [definition] and location[3:4] == [str(index)]:
            return text
    if field == "certificationInfo":
        return "certificationInfo must be a URI or a list of URIs"
    reasons = list(dict.fromkeys(sub.message for branch in _branches(error) for sub in branch))
    return f"{field} matches none of the allowed forms: " + "; ".join(reasons[:4])


def _allowed(error: jsonschema_rs.ValidationError) -> list[str]:
    """The properties the failing sub-schema lists (from its schema path)."""
    node: Any = schema()
    for part in list(error.schema_path)[:-1]:
        if isinstance(node, dict) and "$ref" in node and part not in node:
            node = _resolve(node["$ref"])
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return []
    if isinstance(node, dict) and "$ref" in node:
        node = _resolve(node["$ref"])
    properties = node.get("properties") if isinstance(node, dict) else None
    return list(properties) if isinstance(properties, dict) else []


def _resolve(reference: str) -> Any:
    node: Any = schema()
    for part in reference.removeprefix("#/").split("/"):
        node = node[part.replace("%40", "@")]
    return node
