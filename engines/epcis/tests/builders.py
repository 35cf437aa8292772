"""Small valid EPCIS 2.0 JSON events and documents for the capture tests."""

from typing import Any

import pytest

from engines.epcis import DocumentError, capture_document

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


def event(**fields: Any) -> dict[str, Any]:
    """A valid ObjectEvent; a field given as None is left out."""
    built: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventTime": "2026-03-01T09:30:00.000+08:00",
        "eventTimeZoneOffset": "+08:00",
        "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
        "action": "OBSERVE",
        "bizStep": "shipping",
    }
    built.update(fields)
    return {k: v for k, v in built.items() if v is not None}


def document(*events: dict[str, Any], context: list[Any] | None = None) -> dict[str, Any]:
    """An EPCISDocument holding `events`."""
    return {
        "@context": context or [CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-03-01T10:00:00+08:00",
        "epcisBody": {"eventList": list(events)},
    }


def problems(submitted: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(pointer, rule, message) of each problem capture_document finds."""
    with pytest.raises(DocumentError) as caught:
        capture_document(submitted)
    assert caught.value.exception == "ValidationException"
    return [(p.pointer, p.rule, p.message) for p in caught.value.problems]
