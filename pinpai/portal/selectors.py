"""Reads for the public pages: counts for the home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Organisation
from pinpai.common.models import District, Pillar, ProductLine


@dataclass(frozen=True)
class HomeStats:
    districts: int
    departments: int
    enterprises: int
    pillars: int
    product_lines: int


def home_stats_for_portal() -> HomeStats:
    orgs = Organisation.objects.current().aggregate(
        departments=Count("pk", filter=Q(kind=OrganisationKind.DEPARTMENT)),
        enterprises=Count("pk", filter=Q(kind=OrganisationKind.ENTERPRISE)),
    )
    return HomeStats(
        districts=District.objects.count(),
        departments=orgs["departments"],
        enterprises=orgs["enterprises"],
        pillars=Pillar.objects.count(),
        product_lines=ProductLine.objects.count(),
    )
