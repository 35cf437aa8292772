"""The EPCIS event store: capture jobs, events, the identifiers they name, and named queries.

An event is stored once as captured (`document`, the JSON binding form) with the fields queries filter on as
columns. Every identifier an event names (EPCs, parent, children, inputs, outputs and their classes) is one
`EventIdentifier` row holding its canonical GS1 Digital Link, so a query by EPC URN finds an event captured with
Digital Links and the other way round, and lot genealogy walks one index.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import Organisation
from pinpai.traceability.choices import (
    CaptureErrorBehaviour,
    CaptureStatus,
    EventAction,
    EventType,
    IdentifierRole,
)
from pinpai.traceability.querysets import EventQuerySet


class CaptureJob(models.Model):
    """One POST /epcis/capture: the document as received and what became of it."""

    capture_id = models.UUIDField(_("capture ID"), default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=CaptureStatus.choices, default=CaptureStatus.RUNNING
    )
    error_behaviour = models.CharField(
        _("error behaviour"),
        max_length=10,
        choices=CaptureErrorBehaviour.choices,
        default=CaptureErrorBehaviour.ROLLBACK,
    )
    content_type = models.CharField(_("content type"), max_length=100)
    payload = models.BinaryField(_("document as received"), editable=False)
    prepared = models.BinaryField(
        _("validated events awaiting storage"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "normalised at submission (UTF-8 JSON) so the job stores without validating twice; cleared when done"
        ),
    )
    event_count = models.PositiveIntegerField(_("events in the document"), default=0)
    stored_count = models.PositiveIntegerField(_("events stored"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="epcis_capture_jobs",
        verbose_name=_("submitted by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="epcis_capture_jobs",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("capture job")
        verbose_name_plural = _("capture jobs")

    def __str__(self) -> str:
        return str(self.capture_id)


class Event(models.Model):
    """One EPCIS event as captured, with its query columns."""

    id = models.BigAutoField(primary_key=True)
    event_id = models.CharField(_("event ID"), max_length=255)
    hash_id = models.CharField(_("event hash ID"), max_length=120)
    event_type = models.CharField(_("event type"), max_length=24, choices=EventType.choices)
    action = models.CharField(_("action"), max_length=8, choices=EventAction.choices, blank=True)
    event_time = models.DateTimeField(_("event time"))
    event_time_zone_offset = models.CharField(_("time zone offset"), max_length=6)
    record_time = models.DateTimeField(_("record time"))
    biz_step = models.CharField(_("business step"), max_length=255, blank=True)
    disposition = models.CharField(_("disposition"), max_length=255, blank=True)
    read_point = models.CharField(_("read point"), max_length=255, blank=True)
    biz_location = models.CharField(_("business location"), max_length=255, blank=True)
    error_declared = models.BooleanField(_("error declared"), default=False)
    document = models.JSONField(_("event as captured"))
    capture_job = models.ForeignKey(
        CaptureJob,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("capture job"),
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        db_index=False,  # (owner, record_time) below serves it
        related_name="epcis_events",
        verbose_name=_("captured by"),
        help_text=_("the organisation whose user captured the event"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["record_time", "id"]
        verbose_name = _("EPCIS event")
        verbose_name_plural = _("EPCIS events")
        constraints = [
            # A constraint, not unique=True: PostgreSQL then gets one index, without a LIKE twin.
            models.UniqueConstraint(fields=["event_id"], name="traceability_event_event_id_unique"),
        ]
        indexes = [
            models.Index(fields=["record_time", "id"], name="trace_event_record_time"),
            models.Index(fields=["event_time", "id"], name="trace_event_event_time"),
            models.Index(fields=["biz_step", "event_time"], name="trace_event_biz_step"),
            models.Index(fields=["disposition", "event_time"], name="trace_event_disposition"),
            models.Index(fields=["biz_location", "event_time"], name="trace_event_biz_location"),
            models.Index(fields=["read_point", "event_time"], name="trace_event_read_point"),
            models.Index(fields=["owner", "record_time"], name="trace_event_owner"),
        ]

    def __str__(self) -> str:
        return self.event_id


class EventIdentifier(models.Model):
    """An identifier an event names, in canonical form, with its role and (for classes) its quantity."""

    id = models.BigAutoField(primary_key=True)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="identifiers", verbose_name=_("event")
    )
    role = models.CharField(_("role"), max_length=12, choices=IdentifierRole.choices)
    value = models.CharField(_("identifier"), max_length=255)
    quantity = models.DecimalField(_("quantity"), max_digits=20, decimal_places=6, null=True, blank=True)
    uom = models.CharField(_("unit of measure"), max_length=10, blank=True)

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("event identifier")
        verbose_name_plural = _("event identifiers")
        indexes = [
            # Equality and prefix (EPC pattern) matches on PostgreSQL; the role narrows within one value.
            models.Index(
                fields=["value", "role"],
                name="trace_identifier_value",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
                include=["event"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.value}"


class NamedQuery(models.Model):
    """A saved EPCIS query (`/epcis/queries/{name}`): its parameters, as a client would send them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    parameters = models.JSONField(_("parameters"), help_text=_("query parameter → list of values"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="epcis_named_queries",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("named query")
        verbose_name_plural = _("named queries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(name__regex=r"^[A-Za-z0-9_.\-]+$"),
                name="traceability_namedquery_name_safe",
            ),
        ]

    def __str__(self) -> str:
        return self.name
