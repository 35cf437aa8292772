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

if TYPE_CHECKING:  # the models import this module; names for the type checker only
    from pinpai.registry.models import Brand, Certificate, Enterprise, Trademark  # noqa: F401

PUBLISHED = "published"


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def with_published_brands(self) -> EnterpriseQuerySet:
        return self.filter(pk__in=models.Subquery(_published_brand_owner_ids()))

    def visible_to(self, actor: Any) -> EnterpriseQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids:
            return self.all()
        q = Q(pk__in=models.Subquery(_published_brand_owner_ids()))
        if scope.district_ids:
            q |= Q(organisation__district_id__in=scope.district_ids)
        if scope.enterprise_ids:
            q |= Q(pk__in=scope.enterprise_ids)
        return self.filter(q)


def _published_brand_owner_ids() -> Any:
    from pinpai.registry.models import Brand  # noqa: PLC0415 - models import this module

    return Brand.objects.filter(status=PUBLISHED).values("owner_id")


def brand_scope_q(actor: Any, prefix: str = "") -> Q | None:
    """The Q that limits brands to what `actor` may see, or None for everything."""
    scope = actor_scope(actor)
    if scope.is_admin:
        return None
    q = Q(**{f"{prefix}status": PUBLISHED})
    if scope.department_ids:
        q |= Q(**{f"{prefix}pillar__departments__department_id__in": scope.department_ids})
    if scope.district_ids:
        q |= Q(**{f"{prefix}owner__organisation__district_id__in": scope.district_ids})
        q |= Q(**{f"{prefix}districts__in": scope.district_ids})
    if scope.enterprise_ids:
        q |= Q(**{f"{prefix}owner_id__in": scope.enterprise_ids})
    return q


class BrandQuerySet(models.QuerySet["Brand"]):
    def published(self) -> BrandQuerySet:
        return self.filter(status=PUBLISHED)

    def visible_to(self, actor: Any) -> BrandQuerySet:
        q = brand_scope_q(actor)
        if q is None:
            return self.all()
        # Joins through m2m (districts, pillar departments) can repeat a brand: filter by id instead.
        from pinpai.registry.models import Brand  # noqa: PLC0415

        return self.filter(pk__in=Brand.objects.filter(q).values("pk"))


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
        q = Q(holder__in=models.Subquery(_published_brand_owner_ids())) & (
            Q(brand__isnull=True) | Q(brand__status=PUBLISHED)
        )
        if scope.district_ids:
            q |= Q(holder__organisation__district_id__in=scope.district_ids)
        if scope.enterprise_ids:
            q |= Q(holder_id__in=scope.enterprise_ids)
        return self.filter(q)
