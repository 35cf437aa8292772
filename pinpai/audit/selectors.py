"""Reads of the audit trail: verification of the chain, events about one record."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet

from pinpai.audit.chain import GENESIS_HASH
from pinpai.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    last_sequence: int
    breaks: tuple[ChainBreak, ...]

    @property
    def ok(self) -> bool:
        return not self.breaks


def audit_chain_verify(*, stop_at_first: bool = True, chunk_size: int = 2000) -> ChainReport:
    """Walk the chain in sequence order; report each altered, missing or re-linked event."""
    breaks: list[ChainBreak] = []
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=chunk_size):
        checked += 1
        if event.sequence != expected_sequence:
            missing = (
                f"{expected_sequence}"
                if event.sequence == expected_sequence + 1
                else f"{expected_sequence}–{event.sequence - 1}"
            )
            breaks.append(ChainBreak(expected_sequence, None, f"event #{missing} is missing (deleted)"))
        elif event.previous_hash != previous_hash:
            breaks.append(
                ChainBreak(event.sequence, event.pk, "previous_hash does not match the event before it")
            )
        if event.computed_hash() != event.hash:
            breaks.append(
                ChainBreak(
                    event.sequence, event.pk, "stored fields do not match the event's hash (row altered)"
                )
            )
        if breaks and stop_at_first:
            return ChainReport(checked, event.sequence, tuple(breaks[:1]))
        previous_hash = event.hash
        expected_sequence = event.sequence + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    last = expected_sequence - 1
    if head is not None and (head.last_sequence != last or head.last_hash != previous_hash):
        if head.last_sequence > last:
            reason = f"events #{last + 1}–{head.last_sequence} at the end of the chain are missing (deleted)"
        else:
            reason = "the chain head does not match the last event"
        breaks.append(ChainBreak(last + 1 if head.last_sequence > last else last, None, reason))
    return ChainReport(checked, last, tuple(breaks[:1] if stop_at_first else breaks))


def audit_event_list_for_target(*, target: models.Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.for_target(target).select_related("actor").order_by("-sequence")
