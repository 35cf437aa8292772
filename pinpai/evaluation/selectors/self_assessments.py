"""Self-assessment reads, scoped by `visible_to(actor)`: the brands an actor may assess and past results."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pinpai.accounts.querysets import actor_scope
from pinpai.common.exceptions import NotFoundError
from pinpai.evaluation.models import SelfAssessment
from pinpai.registry.models import Brand


def self_assessment_brand_list(*, actor: Any) -> QuerySet[Brand]:
    """Brands the actor may assess: those of their enterprises (every brand for a system administrator)."""
    scope = actor_scope(actor)
    qs = Brand.objects.select_related("owner__organisation")
    if not scope.is_admin:
        qs = qs.filter(owner_id__in=scope.enterprise_ids)
    return qs.order_by("name", "pk")


def self_assessment_list(*, actor: Any, brand_id: int | None = None) -> QuerySet[SelfAssessment]:
    """Past self-assessments the actor may see, newest first."""
    qs = SelfAssessment.objects.visible_to(actor).select_related("brand__owner__organisation", "created_by")
    if brand_id is not None:
        qs = qs.filter(brand_id=brand_id)
    return qs.order_by("-created_at", "-pk")


def self_assessment_get(*, actor: Any, pk: int) -> SelfAssessment:
    found = self_assessment_list(actor=actor).filter(pk=pk).first()
    if found is None:
        raise NotFoundError(f"No self-assessment {pk}.")
    return found
