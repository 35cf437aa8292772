"""Reads of reference data."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from pinpai.common.models import District, Pillar, ProductLine


def district_list(*, zone: str | None = None) -> QuerySet[District]:
    qs = District.objects.all()
    if zone:
        qs = qs.filter(zone=zone)
    return qs.order_by("code")


def pillar_list() -> QuerySet[Pillar]:
    return Pillar.objects.prefetch_related(
        Prefetch("product_lines", queryset=ProductLine.objects.order_by("position", "pk"))
    ).order_by("position", "code")
