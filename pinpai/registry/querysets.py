"""Scoping: who sees which registry rows. Every registry selector starts from `visible_to(actor)`.

- system administrators: everything;
- department staff: brands of the pillars their department leads or cooperates on, and all enterprises;
- district staff: enterprises in their district and brands of those enterprises or marked for their district;
- enterprise users: their own enterprise and its brands, certificates, trademarks, in any status;
- everyone (the public included): what is published.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from pinpai.accounts.querysets import actor_scope
from pinpai.common.models import PillarDepartment

if TYPE_CHECKING:  # the models import this module; names for the type checker only
    from pinpai.registry.models import Brand, Certificate, Enterprise, Trademark  # noqa: F401

PUBLISHED = "published"


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def with_published_brands(self) -> EnterpriseQuerySet:
        return self.filter(has_published_brand=True)

    def visible_to(self, actor: Any) -> EnterpriseQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = Q(has_published_brand=True)
        if scope.district_ids:
            q |= Q(organisation__district_id__in=scope.district_ids)
        if scope.enterprise_ids:
            q |= Q(pk__in=scope.enterprise_ids)
        return self.filter(q)


def brand_scope_q(actor: Any) -> Q | None:
    """The Q that limits brands to what `actor` may see, or None for everything.

    Written without joins: each way of seeing a brand is a column test or an `IN (subquery)` that
    PostgreSQL runs once as a hashed subplan, so the scope is one pass over `registry_brand` and a
    brand is never repeated (an m2m join would repeat it, and a `pk IN (…)` wrapper around the joins
    made every count of a large list a hash join over the whole table).
    """
    from pinpai.registry.models import Brand, Enterprise  # noqa: PLC0415 - models import this module

    scope = actor_scope(actor)
    if scope.is_admin:
        return None
    q = Q(status=PUBLISHED)
    if scope.department_ids:
        pillars = (
            PillarDepartment.objects.filter(department_id__in=scope.department_ids)
            .order_by()
            .values("pillar_id")
        )
        q |= Q(pillar_id__in=models.Subquery(pillars))
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
        q |= Q(owner_id__in=models.Subquery(owners)) | Q(pk__in=models.Subquery(marked))
    if scope.enterprise_ids:
        q |= Q(owner_id__in=scope.enterprise_ids)
    return q


class BrandQuerySet(models.QuerySet["Brand"]):
    def published(self) -> BrandQuerySet:
        return self.filter(status=PUBLISHED)

    def visible_to(self, actor: Any) -> BrandQuerySet:
        q = brand_scope_q(actor)
        return self.all() if q is None else self.filter(q)


class TrademarkQuerySet(models.QuerySet["Trademark"]):
    def expiring(self, *, today: datetime.date, within_days: int) -> TrademarkQuerySet:
        return self.filter(
            status="registered",
            valid_to__gte=today,
            valid_to__lte=today + datetime.timedelta(days=within_days),
        )

    def visible_to(self, actor: Any) -> TrademarkQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = Q(brand__status=PUBLISHED)
        if scope.district_ids:
            q |= Q(registrant__organisation__district_id__in=scope.district_ids)
        if scope.enterprise_ids:
            q |= Q(registrant_id__in=scope.enterprise_ids)
        return self.filter(q)


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid_on(self, day: datetime.date) -> CertificateQuerySet:
        return self.filter(revoked_on__isnull=True, valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def expiring(self, *, today: datetime.date, within_days: int = 90) -> CertificateQuerySet:
        return self.filter(
            revoked_on__isnull=True,
            valid_to__gte=today,
            valid_to__lte=today + datetime.timedelta(days=within_days),
        )

    def visible_to(self, actor: Any) -> CertificateQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        # The public sees certificates of enterprises with a published brand, unless they belong to one of
        # that enterprise's unpublished brands (whose very name is not public yet).
        q = Q(holder__has_published_brand=True) & (Q(brand__isnull=True) | Q(brand__status=PUBLISHED))
        if scope.district_ids:
            q |= Q(holder__organisation__district_id__in=scope.district_ids)
        if scope.enterprise_ids:
            q |= Q(holder_id__in=scope.enterprise_ids)
        return self.filter(q)
