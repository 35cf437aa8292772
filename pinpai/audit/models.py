"""The append-only audit trail and the head of its hash chain."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pinpai.audit.chain import event_hash


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events are append-only")

    def for_target(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditEvent(models.Model):
    """Who did what to which record, when, from where; hash-chained to the event before it."""

    sequence = models.BigIntegerField(_("sequence"), unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time"), db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
        editable=False,
    )
    actor_username = models.CharField(_("actor username"), max_length=150, editable=False)
    action = models.CharField(_("action"), max_length=80, db_index=True, editable=False)
    target_type = models.CharField(_("target type"), max_length=100, editable=False)
    target_id = models.CharField(_("target id"), max_length=64, editable=False)
    target_repr = models.CharField(_("target"), max_length=300, editable=False)
    changes = models.JSONField(_("changes"), default=dict, blank=True, editable=False)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, editable=False)
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True, editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_event_target_idx")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events are append-only")

    def computed_hash(self) -> str:
        """The hash these stored fields should have; differs from `hash` when a row was altered."""
        return event_hash(
            sequence=self.sequence,
            occurred_at=occurred_at_text(self.occurred_at),
            actor_id=self.actor_id,
            actor_username=self.actor_username,
            action=self.action,
            target_type=self.target_type,
            target_id=self.target_id,
            target_repr=self.target_repr,
            changes=self.changes,
            request_id=self.request_id,
            client_ip=self.client_ip,
            previous_hash=self.previous_hash,
        )


class AuditChainHead(models.Model):
    """One row: the last sequence number and hash. Locked by each writer, so the chain never forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash[:12]}"


def occurred_at_text(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
