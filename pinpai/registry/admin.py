"""Back-office browsing of the registry. Writes go through the registry pages, the API and imports
(services with permission checks and audit events), so the admin is read-only here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pinpai.registry.models import (
    Brand,
    BrandReview,
    Certificate,
    CultivationList,
    Enterprise,
    GeographicalIndication,
    GiAuthorisation,
    ImportJob,
    Product,
    Trademark,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnly):
    list_display = ["organisation", "status", "industry", "legal_representative", "registered_capital_yuan"]
    list_filter = ["status", "organisation__district__zone"]
    search_fields = ["organisation__name", "organisation__uscc"]
    list_select_related = ["organisation", "industry"]


@admin.register(Brand)
class BrandAdmin(ReadOnly):
    list_display = ["name", "owner", "kind", "pillar", "tier", "status", "published_at"]
    list_filter = ["status", "kind", "pillar", "tier"]
    search_fields = ["name", "owner__organisation__name"]
    list_select_related = ["owner__organisation", "pillar", "tier"]


@admin.register(BrandReview)
class BrandReviewAdmin(ReadOnly):
    list_display = ["brand", "action", "from_status", "to_status", "actor", "at"]
    list_select_related = ["brand", "actor"]


@admin.register(Trademark)
class TrademarkAdmin(ReadOnly):
    list_display = ["registration_number", "mark_text", "nice_class", "registrant", "valid_to", "status"]
    list_filter = ["status", "nice_class"]
    search_fields = ["registration_number", "mark_text"]
    list_select_related = ["registrant__organisation"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ["kind", "number", "holder", "brand", "valid_from", "valid_to", "revoked_on"]
    list_filter = ["kind"]
    search_fields = ["number", "holder__organisation__name"]
    list_select_related = ["holder__organisation", "brand"]


@admin.register(GeographicalIndication)
class GeographicalIndicationAdmin(ReadOnly):
    list_display = ["name", "kind", "registration_number", "standard", "holder", "brand"]
    list_filter = ["kind"]


@admin.register(GiAuthorisation)
class GiAuthorisationAdmin(ReadOnly):
    list_display = ["gi", "enterprise", "number", "valid_from", "valid_to", "revoked_on"]
    list_select_related = ["gi", "enterprise__organisation"]


@admin.register(Product)
class ProductAdmin(ReadOnly):
    list_display = ["gtin", "name", "brand", "enterprise"]
    search_fields = ["gtin", "name"]
    list_select_related = ["brand", "enterprise__organisation"]


@admin.register(CultivationList)
class CultivationListAdmin(ReadOnly):
    list_display = ["title", "year", "pillar", "district", "status"]
    list_filter = ["year", "pillar", "status"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnly):
    list_display = [
        "original_name",
        "kind",
        "status",
        "total_rows",
        "valid_rows",
        "imported_rows",
        "created_by",
        "created_at",
    ]
    list_filter = ["kind", "status"]
