"""Who may capture, query and manage traceability records. Pure predicates over the actor's scope."""

from __future__ import annotations

from typing import Any

from pinpai.accounts.querysets import actor_scope
from pinpai.registry.models import Enterprise


def is_trace_staff(actor: Any) -> bool:
    """Government staff (market supervision, agriculture, districts) and administrators see every event."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids) or bool(scope.district_ids)


def can_epcis_capture(actor: Any) -> bool:
    """Enterprises capture their own events; administrators and departments (inspection events) may too."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.enterprise_ids) or bool(scope.department_ids)


def can_capture_job_submit(actor: Any) -> bool:
    return can_epcis_capture(actor)


def can_capture_job_run(actor: Any, *, job: Any) -> bool:
    """The submitter's job runs as the submitter (the worker passes them); administrators may rerun it."""
    scope = actor_scope(actor)
    return scope.is_admin or (
        scope.authenticated and actor.pk == job.created_by_id and can_epcis_capture(actor)
    )


def can_event_capture(actor: Any) -> bool:
    return can_epcis_capture(actor)


def can_event_documents_record(actor: Any) -> bool:
    """Platform services record events for enterprises (their own) and for staff (holds of a recall)."""
    return can_epcis_capture(actor) or is_trace_staff(actor)


def can_epcis_query(actor: Any) -> bool:
    return actor_scope(actor).authenticated


def can_named_query_create(actor: Any) -> bool:
    return can_epcis_query(actor)


def can_named_query_delete(actor: Any, *, created_by_id: int) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or (scope.authenticated and actor.pk == created_by_id)


def can_location_register(actor: Any, *, enterprise: Enterprise) -> bool:
    """The enterprise itself, its district, departments and administrators."""
    scope = actor_scope(actor)
    if scope.is_admin or scope.department_ids or enterprise.pk in scope.enterprise_ids:
        return True
    return enterprise.organisation.district_id in scope.district_ids


def can_location_update(actor: Any, *, enterprise: Enterprise) -> bool:
    return can_location_register(actor, enterprise=enterprise)


def can_recall_impact_view(actor: Any, *, producer_ids: set[int]) -> bool:
    """Staff see the downstream reach of any lot; an enterprise that of lots it produced (to notify its customers).
    `producer_ids` holds the producer of every lot asked about (0 for one of no registered product)."""
    scope = actor_scope(actor)
    if is_trace_staff(actor):
        return True
    return bool(scope.enterprise_ids) and bool(producer_ids) and producer_ids <= scope.enterprise_ids


# ---------------------------------------------------------------- lots, 合格证, inspections, recalls
# Defined in permissions_quality.py, re-exported here so every service has its `can_` beside the others.
from pinpai.traceability.permissions_quality import (  # noqa: E402
    can_compliance_certificate_issue,
    can_compliance_certificate_revoke,
    can_inspection_record,
    can_lot_register,
    can_lot_status_change,
    can_recall_close,
    can_recall_manage,
    can_recall_notice_read,
    can_recall_open,
    can_recall_site_update,
    is_inspector,
)

__all__ = [
    "can_compliance_certificate_issue",
    "can_compliance_certificate_revoke",
    "can_epcis_capture",
    "can_epcis_query",
    "can_inspection_record",
    "can_location_register",
    "can_location_update",
    "can_lot_register",
    "can_lot_status_change",
    "can_named_query_create",
    "can_named_query_delete",
    "can_recall_close",
    "can_recall_manage",
    "can_recall_notice_read",
    "can_recall_open",
    "can_recall_site_update",
    "is_inspector",
    "is_trace_staff",
]
