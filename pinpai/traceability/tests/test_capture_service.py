"""The capture services: validated events kept on the job, error declarations, duplicates, contexts, permission."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import enterprise_create, user_with_role
from pinpai.traceability.models import CaptureJob, Event
from pinpai.traceability.services.capture import capture_job_run, capture_job_submit, event_capture
from pinpai.traceability.tests.factories_events import CONTEXT, object_event

pytestmark = pytest.mark.django_db


def _document(*events: dict[str, Any], context: list[Any] | None = None) -> bytes:
    return json.dumps(
        {
            "@context": context or [CONTEXT],
            "type": "EPCISDocument",
            "schemaVersion": "2.0",
            "creationDate": "2025-03-01T08:00:00+08:00",
            "epcisBody": {"eventList": [{k: v for k, v in e.items() if k != "@context"} for e in events]},
        }
    ).encode()


def _submit(user: Any, body: bytes, **kw: Any) -> CaptureJob:
    job = capture_job_submit(actor=user, body=body, content_type="application/json", **kw)
    return capture_job_run(actor=user, job=CaptureJob.objects.get(pk=job.pk))


def _declaration(event: dict[str, Any]) -> dict[str, Any]:
    declared = copy.deepcopy(event)
    declared["errorDeclaration"] = {
        "declarationTime": "2025-03-02T08:00:00+08:00",
        "reason": "incorrect_data",
    }
    return declared


def test_the_job_keeps_the_validated_events_until_it_has_stored_them(enterprise_user: Any) -> None:
    job = capture_job_submit(
        actor=enterprise_user,
        body=_document(object_event(1), object_event(2)),
        content_type="application/json",
    )
    job = CaptureJob.objects.get(pk=job.pk)
    assert job.prepared is not None
    prepared = json.loads(bytes(job.prepared))
    assert [row["event_id"][:14] for row in prepared] == ["ni:///sha-256;", "ni:///sha-256;"]
    job = capture_job_run(actor=enterprise_user, job=job)
    assert (job.status, job.stored_count, job.prepared) == ("success", 2, None)
    assert capture_job_run(actor=enterprise_user, job=job).stored_count == 2  # a second run changes nothing
    assert Event.objects.count() == 2


def test_an_error_declaration_is_attached_to_the_stored_event(enterprise_user: Any) -> None:
    event = object_event(1)
    _submit(enterprise_user, _document(event))
    stored = Event.objects.get()
    job = _submit(enterprise_user, _document({**_declaration(event), "eventID": stored.event_id}))
    assert (job.status, job.stored_count) == ("success", 1)
    stored.refresh_from_db()
    assert Event.objects.count() == 1
    assert stored.error_declared is True
    assert stored.document["errorDeclaration"]["reason"] == "incorrect_data"


def test_a_declaration_posted_as_one_event_is_attached_too(enterprise_user: Any) -> None:
    event = object_event(1, eventID="urn:uuid:6f0e3f54-5e2d-4d7b-a3a5-000000000001")
    event_capture(actor=enterprise_user, body=json.dumps(event).encode(), content_type="application/json")
    declared = event_capture(
        actor=enterprise_user, body=json.dumps(_declaration(event)).encode(), content_type="application/json"
    )
    assert declared.event_id == "urn:uuid:6f0e3f54-5e2d-4d7b-a3a5-000000000001"
    assert (Event.objects.count(), Event.objects.get().error_declared) == (1, True)


@pytest.mark.parametrize(
    ("behaviour", "status", "stored"), [("rollback", "failed", 0), ("proceed", "failed", 1)]
)
def test_a_repeated_event_id_in_one_document(
    enterprise_user: Any, behaviour: str, status: str, stored: int
) -> None:
    job = _submit(enterprise_user, _document(object_event(1), object_event(1)), error_behaviour=behaviour)
    assert (job.status, job.stored_count, Event.objects.count()) == (status, stored, stored)
    assert [(e["pointer"], e["rule"]) for e in job.errors] == [
        ("/epcisBody/eventList/1/eventID", "duplicate_event_id")
    ]


def test_an_extension_context_is_kept_with_each_event(enterprise_user: Any) -> None:
    context = [CONTEXT, {"example": "https://ns.example.com/epcis/"}]
    _submit(enterprise_user, _document(object_event(1, **{"example:grade": "A"}), context=context))
    document = Event.objects.get().document
    assert (document["@context"], document["example:grade"]) == (context, "A")
    _submit(enterprise_user, _document(object_event(2)))
    assert "@context" not in Event.objects.get(document__epcList__0__endswith="/21/2").document


def test_only_the_submitter_or_an_administrator_runs_a_job(enterprise_user: Any) -> None:
    job = capture_job_submit(
        actor=enterprise_user, body=_document(object_event(1)), content_type="application/json"
    )
    other = user_with_role(
        Role.ENTERPRISE_USER, enterprise_create(name="重庆测试超市有限公司"), username="shop"
    )
    with pytest.raises(PermissionDenied):
        capture_job_run(actor=other, job=CaptureJob.objects.get(pk=job.pk))
    assert Event.objects.count() == 0


def test_a_large_capture_stores_every_event_and_identifier(enterprise_user: Any) -> None:
    # 250 events: on PostgreSQL the job COPYs them (ids from the sequence); on SQLite it bulk-inserts.
    events = [
        object_event(
            n,
            quantityList=[
                {"epcClass": f"https://id.gs1.org/01/06901234000016/10/L{n}", "quantity": 2.5, "uom": "KGM"}
            ],
        )
        for n in range(250)
    ]
    job = _submit(enterprise_user, _document(*events))
    assert (job.status, job.stored_count) == ("success", 250)
    stored = list(Event.objects.order_by("id").prefetch_related("identifiers"))
    assert len({e.id for e in stored}) == 250
    assert [e.document["epcList"][0].rsplit("/", 1)[1] for e in stored] == [str(n) for n in range(250)]
    assert all(e.document["recordTime"].endswith("Z") and e.capture_job_id == job.pk for e in stored)
    last = stored[-1].identifiers.order_by("role")
    assert [(i.role, i.value, i.quantity, i.uom) for i in last] == [
        ("epc", "https://id.gs1.org/01/06901234000016/21/249", None, ""),
        ("epc_class", "https://id.gs1.org/01/06901234000016/10/L249", Decimal("2.500000"), "KGM"),
    ]
    # The sequence moved past the copied ids: the next event gets a fresh one.
    more = _submit(enterprise_user, _document(object_event(999)))
    assert Event.objects.get(capture_job=more).id > stored[-1].id
