"""Who sees which master-data and quality rows. Every selector of locations, lots, 合格证, inspections and
recalls starts here.

- system administrators and department staff: everything;
- district staff: rows of their districts (the site's district, or the producer's / enterprise's district);
- enterprise users: their own enterprise's locations, lots, certificates and inspections of their lots; recalls
  that concern their lots or reached one of their sites, and only their own sites and notices;
- the public: nothing here (the certificate verification page has its own selector).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from pinpai.accounts.querysets import actor_scope

if TYPE_CHECKING:  # the models import this module; names for the type checker only
    from pinpai.traceability.models import (  # noqa: F401
        ComplianceCertificate,
        Inspection,
        Recall,
        RecallNotice,
        RecallSite,
    )

NOTHING = Q(pk__in=[])


def location_scope_q(actor: Any) -> Q | None:
    """The Q limiting locations to what `actor` may see, or None for everything."""
    scope = actor_scope(actor)
    if scope.is_admin or scope.department_ids:
        return None
    q = NOTHING
    if scope.district_ids:
        q |= Q(district_id__in=scope.district_ids) | Q(
            enterprise__organisation__district_id__in=scope.district_ids
        )
    if scope.enterprise_ids:
        q |= Q(enterprise_id__in=scope.enterprise_ids)
    return q


def lot_scope_q(actor: Any, prefix: str = "") -> Q | None:
    """Lots (or rows reached through `prefix`, e.g. "lot__") the actor may see; None for everything."""
    scope = actor_scope(actor)
    if scope.is_admin or scope.department_ids:
        return None
    q = NOTHING
    if scope.district_ids:
        q |= Q(**{f"{prefix}producer__organisation__district_id__in": scope.district_ids})
    if scope.enterprise_ids:
        q |= Q(**{f"{prefix}producer_id__in": scope.enterprise_ids})
    return q


class ComplianceCertificateQuerySet(models.QuerySet["ComplianceCertificate"]):
    def visible_to(self, actor: Any) -> ComplianceCertificateQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = NOTHING
        if scope.district_ids:
            q |= Q(district_id__in=scope.district_ids) | Q(
                producer__organisation__district_id__in=scope.district_ids
            )
        if scope.enterprise_ids:
            q |= Q(producer_id__in=scope.enterprise_ids)
        return self.filter(q)


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def visible_to(self, actor: Any) -> InspectionQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = lot_scope_q(actor, "lot__") or NOTHING
        if scope.district_ids:
            q |= Q(sampling_location__district_id__in=scope.district_ids)
        return self.filter(q)


def _recall_ids_for(actor: Any) -> Q:
    """Recalls of the actor's lots (producer) or, for district staff, of their districts' producers and sites."""
    from pinpai.traceability.models import RecallLot, RecallSite  # noqa: PLC0415 - models import this module

    scope = actor_scope(actor)
    q = NOTHING
    if scope.district_ids:
        lots = RecallLot.objects.filter(lot__producer__organisation__district_id__in=scope.district_ids)
        sites = RecallSite.objects.filter(
            Q(location__district_id__in=scope.district_ids)
            | Q(enterprise__organisation__district_id__in=scope.district_ids)
        )
        q |= Q(pk__in=lots.order_by().values("recall_id")) | Q(pk__in=sites.order_by().values("recall_id"))
    if scope.enterprise_ids:
        lots = RecallLot.objects.filter(lot__producer_id__in=scope.enterprise_ids)
        sites = RecallSite.objects.filter(enterprise_id__in=scope.enterprise_ids)
        q |= Q(pk__in=lots.order_by().values("recall_id")) | Q(pk__in=sites.order_by().values("recall_id"))
    return q


class RecallQuerySet(models.QuerySet["Recall"]):
    def open(self) -> RecallQuerySet:
        return self.filter(status="open")

    def visible_to(self, actor: Any) -> RecallQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        return self.filter(_recall_ids_for(actor))


class RecallSiteQuerySet(models.QuerySet["RecallSite"]):
    def visible_to(self, actor: Any) -> RecallSiteQuerySet:
        """Staff follow every site of the recalls they oversee; an enterprise sees its own sites only."""
        from pinpai.traceability.models import RecallLot  # noqa: PLC0415 - models import this module

        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = NOTHING
        if scope.district_ids:
            lots = RecallLot.objects.filter(lot__producer__organisation__district_id__in=scope.district_ids)
            q |= (
                Q(recall_id__in=lots.order_by().values("recall_id"))
                | Q(location__district_id__in=scope.district_ids)
                | Q(enterprise__organisation__district_id__in=scope.district_ids)
            )
        if scope.enterprise_ids:
            q |= Q(enterprise_id__in=scope.enterprise_ids)
        return self.filter(q)


class RecallNoticeQuerySet(models.QuerySet["RecallNotice"]):
    def unread(self) -> RecallNoticeQuerySet:
        return self.filter(read_at__isnull=True)

    def visible_to(self, actor: Any) -> RecallNoticeQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = NOTHING
        if scope.district_ids:
            q |= Q(enterprise__organisation__district_id__in=scope.district_ids)
        if scope.enterprise_ids:
            q |= Q(enterprise_id__in=scope.enterprise_ids)
        return self.filter(q)
