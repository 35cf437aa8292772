"""audit_record(): the one way an audit event is written, inside the caller's transaction."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
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


@dataclass(frozen=True)
class AuditEntry:
    """One event for `audit_record_many`: the record it is about and what changed."""

    target: models.Model
    changes: Mapping[str, Any] | None = None


def _require_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name}() must be called inside the service's transaction")


# Set inside `audit_batch()`: the head as it was when the batch locked it.
_batch_head: ContextVar[tuple[int, str] | None] = ContextVar("audit_batch_head", default=None)


def _locked_head() -> AuditChainHead:
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_sequence": 0, "last_hash": GENESIS_HASH}
    )
    return head


def _chain_tip() -> tuple[int, str]:
    """The sequence and hash the next event chains to; locks the head unless a batch holds it."""
    batch = _batch_head.get()
    if batch is None:
        head = _locked_head()
        return head.last_sequence, head.last_hash
    # In a batch the head row is not moved per event; the newest event is the tip. Reading it (not
    # a counter kept in Python) stays right when a savepoint rolls some of the batch's events back.
    last = (
        AuditEvent.objects.filter(sequence__gt=batch[0])
        .order_by("-sequence")
        .values_list("sequence", "hash")
        .first()
    )
    return last or batch


def _advance_head(sequence: int, last_hash: str) -> None:
    if _batch_head.get() is None:
        AuditChainHead.objects.filter(pk=1).update(last_sequence=sequence, last_hash=last_hash)


@contextmanager
def audit_batch() -> Iterator[None]:
    """Lock the chain head once for many services' events and move it once, at the end.

    For bulk operations that call services row by row in one transaction (imports): on PostgreSQL
    every UPDATE of the one head row inside a transaction leaves a row version that each later lock
    walks, so N events would cost O(N²). Inside the batch each event chains to the newest stored
    event instead. If the block raises, the head is left alone (the transaction is rolling back).
    """
    _require_transaction("audit_batch")
    if _batch_head.get() is not None:  # already inside a batch: the outer one moves the head
        yield
        return
    head = _locked_head()
    token = _batch_head.set((head.last_sequence, head.last_hash))
    try:
        yield
        tip = _chain_tip()
    finally:
        _batch_head.reset(token)
    if tip != (head.last_sequence, head.last_hash):
        _advance_head(*tip)


def _chained_event(
    *,
    sequence: int,
    previous_hash: str,
    actor: Any,
    action: AuditAction,
    target: models.Model,
    changes: Mapping[str, Any] | None,
    when: datetime.datetime,
    request_id: str,
    client_ip: str | None,
) -> AuditEvent:
    event = AuditEvent(
        sequence=sequence,
        occurred_at=when,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "username", "") or "anonymous",
        action=str(action),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=_plain(dict(changes or {})),
        request_id=request_id,
        client_ip=client_ip,
        previous_hash=previous_hash,
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
    return event


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    target: models.Model,
    changes: Mapping[str, Any] | None = None,
    occurred_at: datetime.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the service's transaction."""
    _require_transaction("audit_record")
    ctx = current_request_context()
    last_sequence, last_hash = _chain_tip()
    event = _chained_event(
        sequence=last_sequence + 1,
        previous_hash=last_hash,
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        when=occurred_at or timezone.now(),
        request_id=ctx.request_id,
        client_ip=ctx.client_ip,
    )
    event.save(force_insert=True)
    _advance_head(event.sequence, event.hash)
    return event


def audit_record_many(
    *,
    actor: Any,
    action: AuditAction,
    entries: Iterable[AuditEntry],
    occurred_at: datetime.datetime | None = None,
    batch_size: int = 1000,
) -> list[AuditEvent]:
    """Append one event per entry, chained exactly as `audit_record` would chain them one by one,
    with one lock of the chain head, bulk INSERTs and one head update.

    For bulk services (imports): on PostgreSQL, updating the head row once per event inside one long
    transaction leaves a chain of row versions that every later lock walks, so N events cost O(N²).
    All events share one time (the operation's), the actor, the action and the request metadata.
    """
    _require_transaction("audit_record_many")
    ctx = current_request_context()
    when = occurred_at or timezone.now()
    sequence, previous = _chain_tip()
    events: list[AuditEvent] = []
    for entry in entries:
        sequence += 1
        event = _chained_event(
            sequence=sequence,
            previous_hash=previous,
            actor=actor,
            action=action,
            target=entry.target,
            changes=entry.changes,
            when=when,
            request_id=ctx.request_id,
            client_ip=ctx.client_ip,
        )
        previous = event.hash
        events.append(event)
    if events:
        AuditEvent.objects.bulk_create(events, batch_size=batch_size)
        _advance_head(sequence, previous)
    return events
