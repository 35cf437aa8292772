"""Reads around capture: whose events a capture becomes, capture jobs."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from pinpai.accounts.models import Membership, Organisation
from pinpai.accounts.querysets import actor_scope
from pinpai.traceability.exceptions import EpcisNoSuchResource
from pinpai.traceability.models import CaptureJob


def capture_owner_get(*, actor: Any) -> Organisation:
    """The organisation a capture is recorded for: the actor's enterprise, else its department."""
    scope = actor_scope(actor)
    for ids in (scope.enterprise_ids, scope.department_ids):
        if ids:
            return Organisation.objects.get(pk=min(ids))
    if scope.is_admin:
        membership: Membership | None = (
            actor.memberships.order_by("pk").select_related("organisation").first()
        )
        if membership is not None:
            return membership.organisation
    raise PermissionDenied


def capture_job_list(*, actor: Any) -> QuerySet[CaptureJob]:
    """Administrators see every job; everyone else the jobs they submitted."""
    qs = CaptureJob.objects.defer("payload")
    if not actor_scope(actor).is_admin:
        qs = qs.filter(created_by=actor)
    return qs.order_by("-created_at", "-pk")


def capture_job_get(*, actor: Any, capture_id: str) -> CaptureJob:
    try:
        key = UUID(capture_id)
    except ValueError:
        raise EpcisNoSuchResource(f"no capture job {capture_id!r}") from None
    job = capture_job_list(actor=actor).filter(capture_id=key).first()
    if job is None:
        raise EpcisNoSuchResource(f"no capture job {capture_id!r}")
    return job


def capture_job_get_for_task(*, pk: int) -> CaptureJob:
    return CaptureJob.objects.select_related("created_by", "organisation").get(pk=pk)
