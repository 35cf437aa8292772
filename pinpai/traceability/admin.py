"""Back-office browsing of traceability master data, 合格证, inspections and recalls. Writes go through the pages
and the API (services with permission checks and audit events), so the admin only reads."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pinpai.traceability.models import (
    ComplianceCertificate,
    Inspection,
    InspectionItem,
    Location,
    Lot,
    Recall,
    RecallLot,
    RecallNotice,
    RecallSite,
)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Location)
class LocationAdmin(ReadOnly):
    list_display = ["name", "gln", "extension", "kind", "enterprise", "district"]
    list_filter = ["kind", "district__zone"]
    search_fields = ["name", "gln", "identifier", "enterprise__organisation__name"]
    list_select_related = ["enterprise__organisation", "district"]


@admin.register(Lot)
class LotAdmin(ReadOnly):
    list_display = ["lot_number", "product", "producer", "produced_on", "status"]
    list_filter = ["status"]
    search_fields = ["lot_number", "identifier", "product__gtin", "product__name"]
    list_select_related = ["product", "producer__organisation"]


@admin.register(ComplianceCertificate)
class ComplianceCertificateAdmin(ReadOnly):
    list_display = ["number", "product_name", "lot", "quantity", "unit", "producer", "issued_on", "status"]
    list_filter = ["status", "product_category", "issued_on"]
    search_fields = [
        "number",
        "verification_code",
        "product_name",
        "lot__lot_number",
        "producer__organisation__name",
    ]
    list_select_related = ["lot__product", "producer__organisation"]
    date_hierarchy = "issued_on"


class InspectionItemInline(ReadOnlyInline):
    model = InspectionItem
    fields = ["name", "method_standard", "measured_value", "unit", "limit", "result"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnly):
    list_display = ["report_number", "laboratory", "lot", "tested_at", "result", "recorded_by"]
    list_filter = ["result"]
    search_fields = ["report_number", "laboratory", "lot__lot_number"]
    list_select_related = ["lot__product", "recorded_by"]
    inlines = [InspectionItemInline]


class RecallLotInline(ReadOnlyInline):
    model = RecallLot
    fields = ["lot", "quantity", "uom"]


class RecallSiteInline(ReadOnlyInline):
    model = RecallSite
    fields = [
        "identifier",
        "location",
        "enterprise",
        "status",
        "quantity",
        "note",
        "updated_by",
        "updated_at",
    ]
    readonly_fields = ["updated_at"]


@admin.register(Recall)
class RecallAdmin(ReadOnly):
    list_display = ["number", "status", "inspection", "opened_by", "opened_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["number", "reason"]
    list_select_related = ["inspection", "opened_by"]
    inlines = [RecallLotInline, RecallSiteInline]


@admin.register(RecallNotice)
class RecallNoticeAdmin(ReadOnly):
    list_display = ["recall", "enterprise", "created_at", "read_at", "read_by"]
    list_filter = ["read_at"]
    list_select_related = ["recall", "enterprise__organisation", "read_by"]
