"""Capture: `POST /capture` (a document, stored by a background job), `GET /capture` and `/capture/{captureID}`
(the jobs), and `POST /events` (one event, stored now)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse

from pinpai.traceability.choices import CaptureErrorBehaviour, CaptureStatus
from pinpai.traceability.models import CaptureJob
from pinpai.traceability.selectors.capture import capture_job_get
from pinpai.traceability.selectors.epcis_lists import capture_job_page
from pinpai.traceability.selectors.paging import per_page_parse
from pinpai.traceability.services.capture import capture_job_submit, event_capture
from pinpai.traceability.views.epcis.common import Call, capture_limit_headers, read_body

# A capture job's error (pointer, rule, message) → the GS1 exception it is an instance of.
_ERROR_EXCEPTIONS = {
    "duplicate_event_id": "ResourceAlreadyExistsException",
    "too_many_events": "CaptureLimitExceededException",
}


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def capture_job_document(job: CaptureJob) -> dict[str, Any]:
    """The binding's CaptureJob: running, success (no error so far), the behaviour, and errors as RFC 7807 problems."""
    document: dict[str, Any] = {
        "captureID": str(job.capture_id),
        "createdAt": _time(job.created_at),
        "running": job.status == CaptureStatus.RUNNING,
        "success": job.status != CaptureStatus.FAILED,
        "captureErrorBehaviour": job.error_behaviour,
        "errors": [
            {
                "type": f"epcisException:{_ERROR_EXCEPTIONS.get(e.get('rule', ''), 'ValidationException')}",
                "title": e.get("rule", ""),
                "detail": e.get("message", ""),
                "pointer": e.get("pointer", ""),
                "rule": e.get("rule", ""),
            }
            for e in job.errors
        ],
    }
    if job.finished_at is not None:
        document["finishedAt"] = _time(job.finished_at)
    return document


def capture_options() -> dict[str, str]:
    """OPTIONS /capture: the limits, and that both error behaviours are offered."""
    return {**capture_limit_headers(), "GS1-Capture-Error-Behaviour": "all"}


def capture_submit(call: Call) -> HttpResponse:
    body = read_body(call.request, limit=settings.EPCIS_CAPTURE_MAX_BYTES)
    behaviour = call.request.headers.get("GS1-Capture-Error-Behaviour") or CaptureErrorBehaviour.ROLLBACK
    job = capture_job_submit(
        actor=call.actor,
        body=body,
        content_type=call.request.META.get("CONTENT_TYPE", ""),
        error_behaviour=behaviour,
    )
    location = f"/epcis/capture/{job.capture_id}"
    return call.json(capture_job_document(job), status=202, headers={"Location": location})


def capture_jobs_list(call: Call) -> HttpResponse:
    per_page, token = call.list_parameters()
    page = capture_job_page(actor=call.actor, per_page=per_page_parse(per_page), token=token)
    return call.json([capture_job_document(j) for j in page.items], headers=call.link_next(page.next_token))


def capture_job_detail(call: Call, capture_id: str) -> HttpResponse:
    return call.json(capture_job_document(capture_job_get(actor=call.actor, capture_id=capture_id)))


def event_post(call: Call) -> HttpResponse:
    """`POST /events`: one event, stored now; 201 with its Location (the eventID percent-encoded)."""
    body = read_body(call.request, limit=settings.EPCIS_CAPTURE_MAX_BYTES)
    event = event_capture(actor=call.actor, body=body, content_type=call.request.META.get("CONTENT_TYPE", ""))
    location = f"/epcis/events/{quote(event.event_id, safe='')}"
    return call.json(event.document, status=201, headers={"Location": location})
