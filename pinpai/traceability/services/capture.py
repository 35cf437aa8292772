"""EPCIS capture: a document is validated when it arrives (400, nothing stored) and stored by a capture job.

`capture_job_submit` parses and validates the whole document (JSON schema with format checks, CBV, check digits:
engines/epcis), records the job and enqueues `capture_job_run`, which stores every event with its identifiers in
one transaction (GS1-Capture-Error-Behaviour `rollback`, the default) or the events that are new (`proceed`).
`event_capture` stores one event synchronously (POST /epcis/events). `events_record` is for the platform's own
services (recalls, inspections) that write events in their transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engines.epcis.document import (
    CapturedEvent,
    DocumentError,
    capture_document,
    capture_event,
    parse_json_document,
)
from engines.epcis.xml_binding import parse_xml_document
from pinpai.accounts.models import Organisation
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.traceability.choices import CaptureErrorBehaviour, CaptureStatus
from pinpai.traceability.exceptions import (
    EpcisCaptureLimitExceeded,
    EpcisDuplicateEvent,
    EpcisUnsupportedMediaType,
    EpcisValidationError,
)
from pinpai.traceability.models import CaptureJob, Event, EventIdentifier
from pinpai.traceability.permissions import (
    can_capture_job_run,
    can_capture_job_submit,
    can_event_capture,
    can_event_documents_record,
)
from pinpai.traceability.selectors.capture import capture_owner_get

JSON_TYPES = frozenset({"application/json", "application/ld+json"})
XML_TYPES = frozenset({"application/xml", "text/xml"})
_CHUNK = 500  # ids per IN (...) on SQLite's parameter limit; rows per INSERT


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _problems(error: DocumentError) -> list[dict[str, Any]]:
    return [{"pointer": p.pointer, "rule": p.rule, "message": p.message} for p in error.problems]


def _document_parse(*, body: bytes, content_type: str) -> dict[str, Any]:
    """Bytes → the JSON-binding document (XML is XSD-validated and converted). 415 for other media types."""
    media = _media_type(content_type)
    try:
        if media in JSON_TYPES:
            return parse_json_document(body)
        if media in XML_TYPES:
            return parse_xml_document(body)
    except DocumentError as error:
        raise EpcisValidationError(
            _("The document is not well-formed."), problems=_problems(error)
        ) from error
    raise EpcisUnsupportedMediaType(
        _("Send EPCIS documents as application/json, application/ld+json or application/xml, not %(type)s.")
        % {"type": media or _("(none)")}
    )


def _captured(document: dict[str, Any]) -> tuple[CapturedEvent, ...]:
    try:
        return capture_document(document, max_events=settings.EPCIS_CAPTURE_MAX_EVENTS)
    except DocumentError as error:
        problems = _problems(error)
        if any(p["rule"] == "too_many_events" for p in problems):
            raise EpcisCaptureLimitExceeded(
                _("A capture holds at most %(n)d events.") % {"n": settings.EPCIS_CAPTURE_MAX_EVENTS},
                problems=problems,
            ) from error
        raise EpcisValidationError(
            _("The document has %(n)d invalid field(s); nothing was stored.") % {"n": len(problems)},
            problems=problems,
        ) from error


@transaction.atomic
def capture_job_submit(
    *,
    actor: Any,
    body: bytes,
    content_type: str,
    error_behaviour: str = CaptureErrorBehaviour.ROLLBACK,
) -> CaptureJob:
    """Validate a whole EPCISDocument and record a capture job that stores it (enqueued on commit)."""
    if not can_capture_job_submit(actor):
        raise PermissionDenied
    if len(body) > settings.EPCIS_CAPTURE_MAX_BYTES:
        raise EpcisCaptureLimitExceeded(
            _("A capture document may be at most %(n)d bytes.") % {"n": settings.EPCIS_CAPTURE_MAX_BYTES}
        )
    if error_behaviour not in CaptureErrorBehaviour.values:
        raise EpcisValidationError(
            _("GS1-Capture-Error-Behaviour must be rollback or proceed, not %(value)s.")
            % {"value": error_behaviour}
        )
    document = _document_parse(body=body, content_type=content_type)
    captured = _captured(document)
    job = CaptureJob.objects.create(
        error_behaviour=error_behaviour,
        content_type=_media_type(content_type),
        payload=body,
        prepared=json.dumps(_prepare(captured, _extra_context(document)), ensure_ascii=False).encode(),
        event_count=len(captured),
        created_by=actor,
        organisation=capture_owner_get(actor=actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_CAPTURE_JOB_SUBMITTED,
        target=job,
        changes={"events": len(captured), "error_behaviour": error_behaviour},
    )
    from pinpai.traceability.tasks import capture_job_run_task  # noqa: PLC0415 - tasks import services

    transaction.on_commit(lambda: capture_job_run_task.enqueue(job_id=job.pk))
    return job


def _existing(event_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(event_ids), _CHUNK):
        found.update(
            Event.objects.filter(event_id__in=event_ids[i : i + _CHUNK]).values_list("event_id", flat=True)
        )
    return found


STANDARD_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
STANDARD_CONTEXTS = frozenset(
    {
        STANDARD_CONTEXT,
        "https://gs1.github.io/EPCIS/epcis-context.jsonld",
    }
)


def _extra_context(document: dict[str, Any]) -> list[Any] | None:
    """The document's @context when it declares more than the standard one (extension prefixes): stored with
    each event so its CURIE keys can be served back."""
    context = document.get("@context")
    entries = context if isinstance(context, list) else [context]
    if all(isinstance(c, str) and c in STANDARD_CONTEXTS for c in entries):
        return None
    return entries


def _prepare(captured: Iterable[CapturedEvent], context: list[Any] | None) -> list[dict[str, Any]]:
    """Validated events as JSON, kept on the job between submission and storage."""
    rows = []
    for c in captured:
        document = c.document if context is None else {"@context": context, **c.document}
        rows.append(
            {
                "event_id": c.event_id,
                "hash_id": c.hash_id,
                "event_type": c.event_type,
                "action": c.action,
                "event_time": c.event_time.isoformat(),
                "event_time_zone_offset": c.event_time_zone_offset,
                "biz_step": c.biz_step,
                "disposition": c.disposition,
                "read_point": c.read_point,
                "biz_location": c.biz_location,
                "error_declared": c.error_declaration,
                "document": document,
                "identifiers": [
                    [i.role, i.value, None if i.quantity is None else str(i.quantity), i.uom]
                    for i in c.identifiers
                ],
            }
        )
    return rows


def _rows(
    prepared: Iterable[dict[str, Any]], *, owner: Organisation, job: CaptureJob | None, record_time: datetime
) -> tuple[list[Event], list[list[EventIdentifier]]]:
    events: list[Event] = []
    identifiers: list[list[EventIdentifier]] = []
    stamp = record_time.isoformat().replace("+00:00", "Z")
    for row in prepared:
        document = dict(row["document"])
        document["recordTime"] = stamp
        events.append(
            Event(
                event_id=row["event_id"],
                hash_id=row["hash_id"],
                event_type=row["event_type"],
                action=row["action"],
                event_time=datetime.fromisoformat(row["event_time"]),
                event_time_zone_offset=row["event_time_zone_offset"],
                record_time=record_time,
                biz_step=row["biz_step"],
                disposition=row["disposition"],
                read_point=row["read_point"],
                biz_location=row["biz_location"],
                error_declared=row["error_declared"],
                document=document,
                capture_job=job,
                owner=owner,
            )
        )
        identifiers.append(
            [
                EventIdentifier(
                    role=role, value=value, quantity=None if qty is None else Decimal(qty), uom=uom
                )
                for role, value, qty, uom in row["identifiers"]
            ]
        )
    return events, identifiers


_EVENT_COLUMNS = (
    "id", "event_id", "hash_id", "event_type", "action", "event_time", "event_time_zone_offset", "record_time",
    "biz_step", "disposition", "read_point", "biz_location", "error_declared", "document", "capture_job_id",
    "owner_id",
)  # fmt: skip
_COPY_FROM = 200  # events: below this, bulk_create is as fast


def _copy_rows(
    rows: Sequence[dict[str, Any]], *, owner_id: int, job_id: int | None, record_time: datetime
) -> None:
    """PostgreSQL: ids from the sequence, then COPY both tables straight from the validated rows (bulk_create's
    INSERT … RETURNING of thousands of model instances with JSON documents costs several times a COPY). Same rows,
    same constraints, same transaction."""
    stamp = record_time.isoformat().replace("+00:00", "Z")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('traceability_event', 'id')) FROM generate_series(1, %s)",
            [len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        with cursor.copy(f"COPY traceability_event ({', '.join(_EVENT_COLUMNS)}) FROM STDIN") as copy:
            for pk, r in zip(ids, rows, strict=True):
                document = json.dumps({**r["document"], "recordTime": stamp}, ensure_ascii=False)
                copy.write_row(
                    (pk, r["event_id"], r["hash_id"], r["event_type"], r["action"], r["event_time"],
                     r["event_time_zone_offset"], record_time, r["biz_step"], r["disposition"], r["read_point"],
                     r["biz_location"], r["error_declared"], document, job_id, owner_id)
                )  # fmt: skip
        with cursor.copy(
            "COPY traceability_eventidentifier (event_id, role, value, quantity, uom) FROM STDIN"
        ) as copy:
            for pk, r in zip(ids, rows, strict=True):
                for role, value, quantity, uom in r["identifiers"]:
                    copy.write_row((pk, role, value, quantity, uom))


def _store(rows: Sequence[dict[str, Any]], *, owner: Organisation, job: CaptureJob) -> int:
    """Store a job's validated rows; returns how many."""
    record_time = timezone.now()
    if connection.vendor == "postgresql" and len(rows) >= _COPY_FROM:
        _copy_rows(rows, owner_id=owner.pk, job_id=job.pk, record_time=record_time)
    else:
        _insert(*_rows(rows, owner=owner, job=job, record_time=record_time))
    return len(rows)


def _insert(events: list[Event], identifiers: list[list[EventIdentifier]]) -> None:
    Event.objects.bulk_create(events, batch_size=_CHUNK)
    flat: list[EventIdentifier] = []
    for event, rows in zip(events, identifiers, strict=True):
        for row in rows:
            row.event_id = event.pk
            flat.append(row)
    EventIdentifier.objects.bulk_create(flat, batch_size=2 * _CHUNK)


def _sort_rows(
    prepared: Sequence[dict[str, Any]], existing: set[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(new events, error declarations about stored or earlier events, duplicate-eventID problems).

    An event carrying an errorDeclaration whose eventID is already known is the declaration about that event
    (EPCIS 2.0 §7.4.1.2: it repeats the erroneous event with the same eventID), not a duplicate."""
    new: list[dict[str, Any]] = []
    declarations: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, row in enumerate(prepared):
        event_id = row["event_id"]
        known = event_id in existing or event_id in seen
        if known and row["error_declared"]:
            declarations.append(row)
        elif known:
            problems.append(
                {
                    "pointer": f"/epcisBody/eventList/{index}/eventID",
                    "rule": "duplicate_event_id",
                    "message": f"eventID {event_id} is already stored"
                    if event_id in existing
                    else f"eventID {event_id} appears twice in the document",
                }
            )
        else:
            new.append(row)
            seen.add(event_id)
    return new, declarations, problems


def _declare_errors(declarations: Sequence[dict[str, Any]]) -> None:
    """Attach each errorDeclaration to the stored event it is about (the event itself stays, flagged)."""
    for row in declarations:
        event = Event.objects.select_for_update().get(event_id=row["event_id"])
        event.document = {**event.document, "errorDeclaration": row["document"]["errorDeclaration"]}
        event.error_declared = True
        event.save(update_fields=["document", "error_declared"])


def capture_job_run(*, actor: Any, job: CaptureJob) -> CaptureJob:
    """Store a submitted document's events. Rollback: all or none; proceed: the new ones, the rest reported.
    The worker runs it as the job's submitter."""
    if not can_capture_job_run(actor, job=job):
        raise PermissionDenied
    if job.status != CaptureStatus.RUNNING:
        return job  # already finished: running a job twice changes nothing
    prepared = None if job.prepared is None else json.loads(bytes(job.prepared))
    if prepared is None:  # submitted before validated events were kept on the job: validate again
        try:
            document = _document_parse(body=bytes(job.payload), content_type=job.content_type)
            prepared = _prepare(_captured(document), _extra_context(document))
        except EpcisValidationError as error:
            return _finish(job, stored=0, problems=error.problems)
    with transaction.atomic():
        keep, declarations, problems = _sort_rows(prepared, _existing([row["event_id"] for row in prepared]))
        if problems and job.error_behaviour == CaptureErrorBehaviour.ROLLBACK:
            return _finish(job, stored=0, problems=problems)
        try:
            with transaction.atomic():
                stored = _store(keep, owner=job.organisation, job=job)
                _declare_errors(declarations)
        except IntegrityError:  # another job stored one of these eventIDs in the meantime
            return _finish(
                job,
                stored=0,
                problems=[
                    {
                        "pointer": "",
                        "rule": "duplicate_event_id",
                        "message": "an eventID was stored concurrently",
                    }
                ],
            )
        return _finish(job, stored=stored + len(declarations), problems=problems)


def _finish(job: CaptureJob, *, stored: int, problems: list[dict[str, Any]]) -> CaptureJob:
    with transaction.atomic():
        job.status = CaptureStatus.FAILED if problems else CaptureStatus.SUCCESS
        job.stored_count = stored
        job.errors = problems[:100]
        job.finished_at = timezone.now()
        job.prepared = None
        job.save(update_fields=["status", "stored_count", "errors", "finished_at", "prepared"])
        audit_record(
            actor=job.created_by,
            action=AuditAction.TRACE_CAPTURE_JOB_FINISHED,
            target=job,
            changes={"status": job.status, "stored": stored, "errors": len(problems)},
        )
    return job


@transaction.atomic
def event_capture(*, actor: Any, body: bytes, content_type: str) -> Event:
    """POST /epcis/events: one bare event (or a one-event document), stored now. 409 for a known eventID."""
    if not can_event_capture(actor):
        raise PermissionDenied
    document = _document_parse(body=body, content_type=content_type)
    if document.get("type") == "EPCISDocument":
        captured = _captured(document)
    else:
        try:
            captured = (capture_event(document),)
        except DocumentError as error:
            raise EpcisValidationError(
                _("The event has %(n)d invalid field(s); nothing was stored.") % {"n": len(error.problems)},
                problems=_problems(error),
            ) from error
    if len(captured) != 1:
        raise EpcisValidationError(_("POST /events takes exactly one event; use /capture for documents."))
    (event,) = _events_record(actor=actor, owner=capture_owner_get(actor=actor), captured=captured)
    audit_record(actor=actor, action=AuditAction.TRACE_EVENT_CAPTURED, target=event)
    return event


def _events_record(*, actor: Any, owner: Organisation, captured: Sequence[CapturedEvent]) -> list[Event]:
    """Store already-validated events inside the caller's transaction (the caller checks permission and audits).
    An error declaration about a stored event is attached to it; any other known eventID is a 409."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events_record() must run inside the calling service's transaction")
    prepared = _prepare(captured, None)
    keep, declarations, problems = _sort_rows(prepared, _existing([row["event_id"] for row in prepared]))
    if problems:
        duplicate = prepared[int(problems[0]["pointer"].split("/")[3])]["event_id"]
        raise EpcisDuplicateEvent(_("Event %(id)s is already stored.") % {"id": duplicate})
    events, identifiers = _rows(keep, owner=owner, job=None, record_time=timezone.now())
    try:
        with transaction.atomic():
            _insert(events, identifiers)
            _declare_errors(declarations)
    except IntegrityError as error:
        raise EpcisDuplicateEvent(_("An event with this eventID was stored at the same time.")) from error
    declared = {
        e.event_id: e for e in Event.objects.filter(event_id__in=[r["event_id"] for r in declarations])
    }
    by_id = {e.event_id: e for e in events} | declared
    return [by_id[row["event_id"]] for row in prepared]


def event_documents_record(
    *, actor: Any, owner: Organisation, documents: Sequence[dict[str, Any]]
) -> list[Event]:
    """For platform services: validate and store bare event dicts (e.g. a hold event of a recall), inside the
    calling service's transaction; that service audits its own operation."""
    if not can_event_documents_record(actor):
        raise PermissionDenied
    captured = []
    for document in documents:
        if "@context" not in document:
            document = {"@context": [STANDARD_CONTEXT], **document}
        try:
            captured.append(capture_event(document))
        except DocumentError as error:  # our own events must be valid: a bug, not user input
            raise EpcisValidationError(str(error), problems=_problems(error)) from error
    return _events_record(actor=actor, owner=owner, captured=captured)
