"""Scoping of the appraisal whitelist.

- the register (appraisals): public, every appraisal in every status;
- awards: those of the brands the actor may see (`Brand.objects.visible_to`; the public: published brands);
- award claims: system administrators and department staff all; district staff those about brands of their
  district's enterprises or marked for their district; enterprise users their own brands'; the public none.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from pinpai.accounts.querysets import actor_scope
from pinpai.registry.models import Brand, Enterprise

if TYPE_CHECKING:  # the models import this module; names for the type checker only
    from pinpai.evaluation.models.appraisals import (  # noqa: F401
        Appraisal,
        AppraisalAward,
        AwardClaim,
    )

SANCTIONED = "sanctioned"  # AppraisalStatus.SANCTIONED
UNREGISTERED = "unregistered"  # AwardClaimStatus.UNREGISTERED


class AppraisalQuerySet(models.QuerySet["Appraisal"]):
    def sanctioned(self) -> AppraisalQuerySet:
        return self.filter(status=SANCTIONED)

    def valid_on(self, day: datetime.date) -> AppraisalQuerySet:
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def visible_to(self, actor: Any) -> AppraisalQuerySet:
        """The register is public: every appraisal in every status, with its approval."""
        return self.all()


class AppraisalAwardQuerySet(models.QuerySet["AppraisalAward"]):
    def visible_to(self, actor: Any) -> AppraisalAwardQuerySet:
        """Awards of the brands the actor may see (the public: published brands)."""
        if actor_scope(actor).is_admin:
            return self.all()
        brands = Brand.objects.visible_to(actor).order_by().values("pk")
        return self.filter(brand_id__in=models.Subquery(brands))


class AwardClaimQuerySet(models.QuerySet["AwardClaim"]):
    def flagged(self) -> AwardClaimQuerySet:
        return self.filter(status=UNREGISTERED)

    def visible_to(self, actor: Any) -> AwardClaimQuerySet:
        """System administrators and department staff: every claim; district staff: claims about brands of
        their district's enterprises or marked for their district; enterprise users: their own brands'."""
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = Q(pk__in=[])
        if scope.district_ids:
            owners = (
                Enterprise.objects.filter(organisation__district_id__in=scope.district_ids)
                .order_by()
                .values("pk")
            )
            marked = (
                Brand.districts.through.objects.filter(district_id__in=scope.district_ids)
                .order_by()
                .values("brand_id")
            )
            q |= Q(brand__owner_id__in=models.Subquery(owners)) | Q(brand_id__in=models.Subquery(marked))
        if scope.enterprise_ids:
            q |= Q(brand__owner_id__in=scope.enterprise_ids)
        return self.filter(q)
