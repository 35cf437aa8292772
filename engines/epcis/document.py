"""Capture side of EPCIS 2.0: a JSON (or XML, via xml_binding) EPCISDocument → validated, normalised events.

    parse_json_document(body)                 → the document as a dict (DocumentError "malformed_json")
    capture_document(document, max_events=…)  → tuple[CapturedEvent, …], or DocumentError with every problem
    capture_event(event)                      → CapturedEvent of a bare event (POST /events)

Capture is atomic: everything is validated first (GS1 JSON Schema with format checking, CBV words, check digits of
GS1 keys in Digital Links, EPC URN syntax, real instants) and either all events come back or none do. Each problem
carries a JSON pointer into the submitted document, a stable rule (errors.PROBLEM_RULES) and an English message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engines.epcis.capture_model import (
    EVENT_TYPES,
    MAX_PROBLEMS,
    ROLES,
    CapturedEvent,
    DocumentError,
    IdentifierRow,
    Problem,
)
from engines.epcis.json_schema import schema_problems
from engines.epcis.normalise import Findings, Identifiers, normalise_event

__all__ = [
    "EVENT_TYPES",
    "ROLES",
    "CapturedEvent",
    "DocumentError",
    "IdentifierRow",
    "Problem",
    "capture_document",
    "capture_event",
    "parse_json_document",
]


def _reject(pointer: str, rule: str, message: str) -> DocumentError:
    return DocumentError([Problem(pointer, rule, message)])


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_json_document(body: bytes) -> dict[str, Any]:
    """The JSON object in `body` (UTF-8, an optional BOM tolerated); anything else is "malformed_json"."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        raise _reject(
            "", "malformed_json", f"the body is not UTF-8 text (byte {error.start}, line {line})"
        ) from None
    try:
        document = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        message = f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        raise _reject("", "malformed_json", message) from None
    except ValueError as error:  # NaN / Infinity
        raise _reject("", "malformed_json", f"not valid JSON: {error}") from None
    except RecursionError:
        raise _reject("", "malformed_json", "not valid JSON: nested too deeply") from None
    if not isinstance(document, dict):
        raise _reject("", "malformed_json", f"the body is a JSON {type(document).__name__}, not an object")
    return document


def _require_document(document: object) -> list[Any]:
    if not isinstance(document, Mapping):
        raise _reject("", "not_a_document", "an EPCISDocument is a JSON object")
    kind = document.get("type")
    if kind == "EPCISDocument":
        body = document.get("epcisBody")
        events = body.get("eventList") if isinstance(body, Mapping) else None
        return events if isinstance(events, list) else []
    if kind == "EPCISQueryDocument":
        message = "an EPCISQueryDocument is a query result; capture accepts an EPCISDocument"
    elif kind in EVENT_TYPES:
        message = (
            f"this is a bare {kind}; capture it as one event (POST /events) or wrap it in an EPCISDocument"
        )
    elif kind is None:
        message = 'the document has no \'type\'; a capture document is {"type": "EPCISDocument", …}'
    else:
        message = f"type {json.dumps(kind)} is not EPCISDocument"
    raise _reject("/type" if kind is not None else "", "not_a_document", message)


def _context(raw: object) -> dict[str, str]:
    """CURIE prefixes an @context defines (objects in it; term definitions by their @id)."""
    prefixes: dict[str, str] = {}
    for entry in raw if isinstance(raw, list) else [raw]:
        if isinstance(entry, Mapping):
            for key, value in entry.items():
                if isinstance(value, str):
                    prefixes[key] = value
                elif isinstance(value, Mapping) and isinstance(value.get("@id"), str):
                    prefixes[key] = value["@id"]
    return prefixes


def _order_key(document: Mapping[str, Any], pointer: str) -> tuple[int, ...]:
    """The position of `pointer` in document order (keys in the order written, list items by index)."""
    key: list[int] = []
    node: object = document
    for raw in pointer.split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            key.append(int(part))
            node = node[int(part)]
        elif isinstance(node, Mapping) and part in node:
            key.append(list(node).index(part))
            node = node[part]
        else:
            key.append(1 << 30)  # a field that is missing: after the ones present
            break
    return tuple(key)


def _raise_if_any(document: Mapping[str, Any], findings: Findings) -> None:
    if findings.problems:
        ordered = sorted(findings.problems, key=lambda p: _order_key(document, p.pointer))
        raise DocumentError(ordered[:MAX_PROBLEMS])


def capture_document(
    document: Mapping[str, Any], *, max_events: int | None = None
) -> tuple[CapturedEvent, ...]:
    """Every event of an EPCISDocument, validated and normalised; DocumentError with all problems otherwise."""
    events = _require_document(document)
    if max_events is not None and len(events) > max_events:
        raise _reject(
            "/epcisBody/eventList",
            "too_many_events",
            f"the eventList has {len(events)} events; at most {max_events} are accepted in one capture",
        )
    findings = Findings(schema_problems(document))
    context = _context(document.get("@context"))
    ids = Identifiers()
    captured = []
    for i, event in enumerate(events):
        if isinstance(event, Mapping):
            own = _context(event.get("@context"))
            merged = {**context, **own} if own else context
            result = normalise_event(event, f"/epcisBody/eventList/{i}", merged, ids, findings)
            if result is not None:
                captured.append(result)
    _raise_if_any(document, findings)
    return tuple(captured)


def capture_event(event: Mapping[str, Any]) -> CapturedEvent:
    """One bare event (it carries its own @context), validated like an event of a document; pointers are relative
    to the event ("/bizStep")."""
    if not isinstance(event, Mapping):
        raise _reject("", "not_an_event", "an EPCIS event is a JSON object")
    kind = event.get("type")
    if kind in ("EPCISDocument", "EPCISQueryDocument"):
        raise _reject("/type", "not_an_event", f"this is an {kind}; send documents to POST /capture")
    if not isinstance(kind, str):
        raise _reject("", "not_an_event", f"an event needs a 'type': one of {', '.join(EVENT_TYPES)}")
    findings = Findings(schema_problems(event))
    result = normalise_event(event, "", _context(event.get("@context")), Identifiers(), findings)
    _raise_if_any(event, findings)
    if result is None:  # pragma: no cover - normalise_event only returns None with problems recorded
        raise _reject("", "schema", "the event could not be captured")
    return result
