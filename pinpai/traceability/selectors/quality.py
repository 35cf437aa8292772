"""Reads of 合格证, inspections and recalls, scoped by who asks (querysets_quality); the public certificate check."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from pinpai.accounts.models import Membership, Organisation
from pinpai.accounts.querysets import actor_scope
from pinpai.common.exceptions import NotFoundError
from pinpai.traceability.models import (
    ComplianceCertificate,
    Inspection,
    InspectionItem,
    Lot,
    Recall,
    RecallLot,
    RecallNotice,
    RecallSite,
)

# ---------------------------------------------------------------- 合格证


def compliance_certificate_list(
    *,
    actor: Any,
    producer_id: int | None = None,
    status: str | None = None,
    lot_id: int | None = None,
    issued_from: datetime.date | None = None,
    issued_to: datetime.date | None = None,
    text: str | None = None,
) -> QuerySet[ComplianceCertificate]:
    qs = ComplianceCertificate.objects.visible_to(actor).select_related(
        "lot__product", "producer__organisation", "district"
    )
    if producer_id:
        qs = qs.filter(producer_id=producer_id)
    if status:
        qs = qs.filter(status=status)
    if lot_id:
        qs = qs.filter(lot_id=lot_id)
    if issued_from:
        qs = qs.filter(issued_on__gte=issued_from)
    if issued_to:
        qs = qs.filter(issued_on__lte=issued_to)
    for term in (text or "").split():
        qs = qs.filter(
            Q(number__icontains=term) | Q(product_name__icontains=term) | Q(lot__lot_number__icontains=term)
        )
    return qs.order_by("-issued_on", "-pk")


def compliance_certificate_get(*, actor: Any, pk: int) -> ComplianceCertificate:
    certificate = (
        compliance_certificate_list(actor=actor)
        .select_related("inspection", "revoked_by")
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise NotFoundError(f"No compliance certificate {pk}.")
    return certificate


def compliance_certificate_verify(*, code: str) -> ComplianceCertificate:
    """The public check of a certificate by the code printed on it (no login): found, valid or revoked."""
    certificate = (
        ComplianceCertificate.objects.select_related("lot__product", "producer__organisation", "district")
        .filter(verification_code=(code or "").strip().upper())
        .first()
    )
    if certificate is None:
        raise NotFoundError(f"No certificate with verification code {code}.")
    return certificate


# ---------------------------------------------------------------- inspections


def inspection_list(
    *,
    actor: Any,
    lot_id: int | None = None,
    result: str | None = None,
    producer_id: int | None = None,
    text: str | None = None,
) -> QuerySet[Inspection]:
    qs = Inspection.objects.visible_to(actor).select_related(
        "lot__product", "lot__producer__organisation", "sampling_location"
    )
    if lot_id:
        qs = qs.filter(lot_id=lot_id)
    if result:
        qs = qs.filter(result=result)
    if producer_id:
        qs = qs.filter(lot__producer_id=producer_id)
    for term in (text or "").split():
        qs = qs.filter(
            Q(report_number__icontains=term)
            | Q(laboratory__icontains=term)
            | Q(lot__lot_number__icontains=term)
            | Q(lot__product__name__icontains=term)
        )
    return qs.order_by("-tested_at", "-pk")


def inspection_get(*, actor: Any, pk: int) -> Inspection:
    inspection = (
        inspection_list(actor=actor)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("items", queryset=InspectionItem.objects.order_by("position", "pk")),
            Prefetch("recalls", queryset=Recall.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if inspection is None:
        raise NotFoundError(f"No inspection {pk}.")
    return inspection


# ---------------------------------------------------------------- recalls


def recall_list(*, actor: Any, status: str | None = None, text: str | None = None) -> QuerySet[Recall]:
    qs = (
        Recall.objects.visible_to(actor)
        .select_related("inspection", "opened_by")
        .annotate(
            site_count=Count("sites", distinct=True),
            open_site_count=Count("sites", filter=~Q(sites__status="closed"), distinct=True),
        )
    )
    if status:
        qs = qs.filter(status=status)
    for term in (text or "").split():
        qs = qs.filter(Q(number__icontains=term) | Q(reason__icontains=term))
    return qs.order_by("-opened_at", "-pk")


def recall_get(*, actor: Any, pk: int) -> Recall:
    recall = (
        recall_list(actor=actor)
        .select_related("closed_by", "inspection__lot")
        .prefetch_related(
            Prefetch(
                "lots",
                queryset=RecallLot.objects.select_related(
                    "lot__product", "lot__producer__organisation"
                ).order_by("pk"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if recall is None:
        raise NotFoundError(f"No recall {pk}.")
    return recall


def recall_site_list(
    *, actor: Any, recall: Recall | None = None, status: str | None = None
) -> QuerySet[RecallSite]:
    """The sites of a recall the actor may follow (an enterprise: its own)."""
    qs = RecallSite.objects.visible_to(actor).select_related(
        "recall", "location__district", "enterprise__organisation", "updated_by"
    )
    if recall is not None:
        qs = qs.filter(recall=recall)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("recall_id", "pk")


def recall_site_get(*, actor: Any, pk: int) -> RecallSite:
    site = recall_site_list(actor=actor).filter(pk=pk).first()
    if site is None:
        raise NotFoundError(f"No recall site {pk}.")
    return site


def recall_notice_list(*, actor: Any, unread: bool = False) -> QuerySet[RecallNotice]:
    """The recall notices of the actor's enterprises (the inbox)."""
    scope = actor_scope(actor)
    qs = RecallNotice.objects.filter(enterprise_id__in=scope.enterprise_ids).select_related(
        "recall", "enterprise__organisation"
    )
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def recall_notice_get(*, actor: Any, pk: int) -> RecallNotice:
    notice = recall_notice_list(actor=actor).filter(pk=pk).first()
    if notice is None:
        raise NotFoundError(f"No recall notice {pk}.")
    return notice


def recall_event_owner(*, actor: Any, lot: Lot) -> Organisation:
    """Whose EPCIS event a recall's hold is: the actor's government unit (department, else district government),
    an administrator's first organisation, else the lot's producer."""
    scope = actor_scope(actor)
    if not scope.authenticated:
        raise PermissionDenied
    roles = ("department_staff", "district_staff", "system_admin", "enterprise_user")
    memberships = (
        Membership.objects.filter(user=actor, role__in=roles).active().select_related("organisation")
    )
    by_role = {m.role: m.organisation for m in memberships.order_by("-pk")}
    for role in roles:
        if role in by_role:
            return by_role[role]
    return lot.producer.organisation
