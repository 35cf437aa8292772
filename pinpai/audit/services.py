"""audit_record(): the one way an audit event is written, inside the caller's transaction."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from pinpai.audit.chain import GENESIS_HASH, event_hash
from pinpai.audit.choices import AuditAction
from pinpai.audit.context import current_request_context
from pinpai.audit.models import AuditChainHead, AuditEvent, occurred_at_text


def _plain(value: Any) -> Any:
    """Dates, Decimals and UUIDs as strings: what is hashed is exactly what the JSON column returns."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def model_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """A {field: [before, after]} map of the fields that differ (both sides as plain JSON)."""
    before = dict(before or {})
    after = dict(after or {})
    changed: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        old, new = _plain(before.get(key)), _plain(after.get(key))
        if old != new:
            changed[key] = [old, new]
    return changed


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    target: models.Model,
    changes: Mapping[str, Any] | None = None,
    occurred_at: datetime.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the service's transaction")
    ctx = current_request_context()
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_sequence": 0, "last_hash": GENESIS_HASH}
    )
    when = occurred_at or timezone.now()
    event = AuditEvent(
        sequence=head.last_sequence + 1,
        occurred_at=when,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "anonymous",
        action=str(action),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=_plain(dict(changes or {})),
        request_id=ctx.request_id,
        client_ip=ctx.client_ip,
        previous_hash=head.last_hash,
    )
    event.hash = event_hash(
        sequence=event.sequence,
        occurred_at=occurred_at_text(when),
        actor_id=event.actor_id,
        actor_username=event.actor_username,
        action=event.action,
        target_type=event.target_type,
        target_id=event.target_id,
        target_repr=event.target_repr,
        changes=event.changes,
        request_id=event.request_id,
        client_ip=event.client_ip,
        previous_hash=event.previous_hash,
    )
    event.save(force_insert=True)
    AuditChainHead.objects.filter(pk=1).update(last_sequence=event.sequence, last_hash=event.hash)
    return event
