"""Test helpers for the EPCIS REST binding: example documents, bearer clients, and events built through the services."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import Client

from pinpai.accounts.services import api_token_issue
from pinpai.traceability.models import Event
from pinpai.traceability.selectors.capture import capture_owner_get
from pinpai.traceability.services.capture import event_documents_record

EXAMPLES = Path(__file__).resolve().parents[3] / "tests" / "conformance" / "epcis" / "examples"
URN_DOCUMENT = "gs1/json/Example_9.6.1-ObjectEvent.jsonld"
DL_DOCUMENT = "gs1/json/WithDigitalLinkID/Example_9.6.1-ObjectEventWithDigitalLink.jsonld"
CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# GS1 company prefix 6901234 (fixture only): a GTIN, two stores' GLNs.
GTIN = "06901234000016"
STORE = "https://id.gs1.org/414/6901234000016"
OTHER_STORE = "https://id.gs1.org/414/6901234000023"


def example_bytes(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def example(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(example_bytes(name))
    return document


def bearer_client(user: Any, **defaults: Any) -> Client:
    """A test client that sends `Authorization: Bearer <a new token of user>`."""
    secret = api_token_issue(actor=user, user=user).secret
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", **defaults)


def object_event(
    serial: str | int = 1,
    *,
    event_time: str = "2025-03-01T08:00:00+08:00",
    biz_step: str = "shipping",
    disposition: str = "in_transit",
    biz_location: str | None = STORE,
    **extra: Any,
) -> dict[str, Any]:
    """A valid ObjectEvent (OBSERVE) of one SGTIN of GTIN; fields can be overridden or added."""
    event: dict[str, Any] = {
        "@context": [CONTEXT],
        "type": "ObjectEvent",
        "eventTime": event_time,
        "eventTimeZoneOffset": event_time[-6:],
        "epcList": [f"https://id.gs1.org/01/{GTIN}/21/{serial}"],
        "action": "OBSERVE",
        "bizStep": biz_step,
        "disposition": disposition,
        "readPoint": {"id": STORE + "/254/1"},
    }
    if biz_location:
        event["bizLocation"] = {"id": biz_location}
    event.update(extra)
    return event


def events_record(actor: Any, documents: list[dict[str, Any]]) -> list[Event]:
    """Store bare events as `actor`'s organisation (the platform service; record time = now, in list order)."""
    with transaction.atomic():
        return event_documents_record(
            actor=actor, owner=capture_owner_get(actor=actor), documents=[copy.deepcopy(d) for d in documents]
        )
