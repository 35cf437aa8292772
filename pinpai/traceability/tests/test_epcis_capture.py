"""POST /epcis/capture, the capture jobs, and POST /epcis/events (one event)."""

import json
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client, override_settings

from pinpai.accounts.tests.factories import TEST_PASSWORD
from pinpai.audit.choices import AuditAction
from pinpai.audit.models import AuditEvent
from pinpai.traceability.models import CaptureJob, Event, EventIdentifier
from pinpai.traceability.tests.factories_events import (
    CONTEXT,
    URN_DOCUMENT,
    bearer_client,
    example,
    example_bytes,
    object_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(enterprise_user):
    return bearer_client(enterprise_user)


def submit(client, body, capture, *, content_type="application/ld+json", **headers):
    with capture(execute=True):
        return client.post("/epcis/capture", body, content_type=content_type, **headers)


def test_capture_is_accepted_then_stored_by_the_job(
    client, enterprise_user, django_capture_on_commit_callbacks
):
    before = AuditEvent.objects.count()
    response = submit(client, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks)
    assert response.status_code == 202
    job = CaptureJob.objects.get()
    assert response["Location"] == f"/epcis/capture/{job.capture_id}"
    assert response["GS1-EPCIS-Version"] == "2.0.0"
    assert response["GS1-CBV-Version"] == "2.0.0"
    assert response.json()["captureID"] == str(job.capture_id)
    assert response.json()["running"] is True  # as it was when accepted
    assert Event.objects.count() == 2
    assert EventIdentifier.objects.filter(role="epc").count() == 3
    assert list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True)[before:]) == [
        AuditAction.TRACE_CAPTURE_JOB_SUBMITTED,
        AuditAction.TRACE_CAPTURE_JOB_FINISHED,
    ]
    body = client.get(response["Location"]).json()
    job.refresh_from_db()
    assert body == {
        "captureID": str(job.capture_id),
        "createdAt": job.created_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "finishedAt": job.finished_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "running": False,
        "success": True,
        "captureErrorBehaviour": "rollback",
        "errors": [],
    }


@pytest.mark.parametrize("behaviour", ["rollback", "proceed"])
def test_a_failed_job_reports_its_errors(client, django_capture_on_commit_callbacks, behaviour):
    submit(client, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks)
    again = submit(
        client,
        example_bytes(URN_DOCUMENT),
        django_capture_on_commit_callbacks,
        HTTP_GS1_CAPTURE_ERROR_BEHAVIOUR=behaviour,
    )
    assert again.status_code == 202
    body = client.get(again["Location"]).json()
    assert (body["running"], body["success"], body["captureErrorBehaviour"]) == (False, False, behaviour)
    assert body["errors"][0] == {
        "type": "epcisException:ResourceAlreadyExistsException",
        "title": "duplicate_event_id",
        "detail": "eventID ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0 "
        "is already stored",
        "pointer": "/epcisBody/eventList/0/eventID",
        "rule": "duplicate_event_id",
    }
    assert len(body["errors"]) == 2
    assert Event.objects.count() == 2


def test_options_advertise_the_capture_limits(client):
    response = Client().options("/epcis/capture")  # discovery needs no credentials
    assert response.status_code == 204
    assert response["Allow"] == "OPTIONS, GET, HEAD, POST"
    assert response["GS1-EPCIS-Capture-Limit"] == str(settings.EPCIS_CAPTURE_MAX_EVENTS)
    assert response["GS1-EPCIS-Capture-File-Size-Limit"] == str(settings.EPCIS_CAPTURE_MAX_BYTES)
    assert response["GS1-Capture-Error-Behaviour"] == "all"
    for header in (
        "GS1-EPCIS-Version",
        "GS1-EPCIS-Min",
        "GS1-EPCIS-Max",
        "GS1-CBV-Version",
        "GS1-CBV-Min",
        "GS1-CBV-Max",
    ):
        assert response[header] == "2.0.0"


@override_settings(EPCIS_CAPTURE_MAX_BYTES=1000)
def test_a_body_above_the_limit_is_413_before_it_is_read(
    client, enterprise_user, django_capture_on_commit_callbacks
):
    before = AuditEvent.objects.count()
    response = submit(client, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response["GS1-EPCIS-Capture-File-Size-Limit"] == "1000"
    assert response.json()["type"] == "epcisException:CaptureLimitExceededException"
    assert response.json()["code"] == "epcis_capture_limit_exceeded"
    assert CaptureJob.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_document_larger_than_django_upload_limit_is_captured(client, django_capture_on_commit_callbacks):
    body = example_bytes(URN_DOCUMENT) + b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = submit(client, body, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    assert Event.objects.count() == 2


def test_too_many_events_is_413(client, django_capture_on_commit_callbacks):
    document = {"@context": [CONTEXT], "type": "EPCISDocument", "schemaVersion": "2.0",
                "creationDate": "2025-03-01T00:00:00Z", "epcisBody": {"eventList": [object_event(i) for i in range(3)]}}  # fmt: skip
    with override_settings(EPCIS_CAPTURE_MAX_EVENTS=2):
        response = submit(client, json.dumps(document), django_capture_on_commit_callbacks)
    assert response.status_code == 413
    assert response.json()["type"] == "epcisException:CaptureLimitExceededException"


def test_other_media_types_are_415(client, django_capture_on_commit_callbacks):
    response = submit(
        client, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks, content_type="text/plain"
    )
    assert response.status_code == 415
    assert response.json()["type"] == "epcisException:UnsupportedMediaTypeException"
    assert CaptureJob.objects.count() == 0


def test_an_invalid_document_is_400_with_its_problems(client, django_capture_on_commit_callbacks):
    document = example(URN_DOCUMENT)
    document["epcisBody"]["eventList"][1]["bizStep"] = "https://ref.gs1.org/cbv/BizStep-shiping"
    before = AuditEvent.objects.count()
    response = submit(client, json.dumps(document), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "epcisException:ValidationException"
    assert body["code"] == "epcis_validation"
    assert body["errors"] == [
        {
            "pointer": "/epcisBody/eventList/1/bizStep",
            "rule": "unknown_vocabulary",
            "message": "bizStep 'https://ref.gs1.org/cbv/BizStep-shiping' names 'shiping', which is not a CBV 2.0 "
            "business step",
        }
    ]
    assert CaptureJob.objects.count() == 0
    assert AuditEvent.objects.count() == before
    malformed = submit(client, b"{not json", django_capture_on_commit_callbacks)
    assert malformed.status_code == 400
    assert malformed.json()["errors"][0]["rule"] == "malformed_json"


def test_unknown_error_behaviour_is_400(client, django_capture_on_commit_callbacks):
    response = submit(
        client,
        example_bytes(URN_DOCUMENT),
        django_capture_on_commit_callbacks,
        HTTP_GS1_CAPTURE_ERROR_BEHAVIOUR="all",
    )
    assert response.status_code == 400
    assert response.json()["type"] == "epcisException:ValidationException"


def test_who_may_capture(district_user, django_capture_on_commit_callbacks):
    anonymous = Client().post("/epcis/capture", example_bytes(URN_DOCUMENT), content_type="application/json")
    assert anonymous.status_code == 401
    assert anonymous.json()["type"] == "epcisException:SecurityException"
    denied = submit(
        bearer_client(district_user), example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks
    )
    assert denied.status_code == 403
    assert denied.json()["type"] == "epcisException:SecurityException"
    assert denied.json()["code"] == "permission_denied"
    assert CaptureJob.objects.count() == 0


def test_session_writes_need_the_csrf_token_and_bearer_writes_do_not(
    enterprise_user, django_capture_on_commit_callbacks
):
    session = Client(enforce_csrf_checks=True)
    assert session.login(username="zhacai", password=TEST_PASSWORD)
    refused = submit(session, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    session.get("/accounts/login/")  # sets the CSRF cookie
    token = session.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = submit(
        session, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks, HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 202
    secret_client = bearer_client(enterprise_user, enforce_csrf_checks=True)
    assert (
        submit(secret_client, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks).status_code
        == 202
    )


def test_capture_jobs_are_listed_newest_first_and_paged(
    client, department_user, django_capture_on_commit_callbacks
):
    for _ in range(3):
        submit(client, example_bytes(URN_DOCUMENT), django_capture_on_commit_callbacks)
    jobs = [str(j.capture_id) for j in CaptureJob.objects.order_by("-created_at", "-pk")]
    first = client.get("/epcis/capture", {"perPage": 2})
    assert [j["captureID"] for j in first.json()] == jobs[:2]
    second = client.get(first["Link"][1 : first["Link"].index(">")])
    assert [j["captureID"] for j in second.json()] == jobs[2:]
    assert "Link" not in second
    assert bearer_client(department_user).get("/epcis/capture").json() == []  # not theirs
    assert client.get("/epcis/capture", {"status": "running"}).status_code == 400
    missing = client.get("/epcis/capture/not-a-uuid")
    assert missing.status_code == 404
    assert missing.json()["type"] == "epcisException:NoSuchResourceException"


def test_one_event_is_captured_at_once(client):
    event = object_event(7, eventID="urn:uuid:6a0a0a0a-0000-4000-8000-000000000007")
    before = AuditEvent.objects.count()
    response = client.post("/epcis/events", json.dumps(event), content_type="application/json")
    assert response.status_code == 201
    assert response["Location"] == "/epcis/events/" + quote(
        "urn:uuid:6a0a0a0a-0000-4000-8000-000000000007", safe=""
    )
    assert response.json()["eventID"] == "urn:uuid:6a0a0a0a-0000-4000-8000-000000000007"
    assert list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True)[before:]) == [
        AuditAction.TRACE_EVENT_CAPTURED
    ]
    assert client.get(response["Location"]).status_code == 200
    duplicate = client.post("/epcis/events", json.dumps(event), content_type="application/json")
    assert duplicate.status_code == 409
    assert duplicate.json()["type"] == "epcisException:ResourceAlreadyExistsException"
    assert Event.objects.count() == 1


def test_an_event_without_an_id_gets_its_hash_id(client):
    response = client.post("/epcis/events", json.dumps(object_event(8)), content_type="application/json")
    assert response.status_code == 201
    event = Event.objects.get()
    assert event.event_id.startswith("ni:///sha-256;")
    assert response["Location"] == "/epcis/events/" + quote(event.event_id, safe="")
