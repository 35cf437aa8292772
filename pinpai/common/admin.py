"""Reference data is loaded from committed files (`load_reference`); the admin only shows it."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pinpai.common.models import (
    Category,
    District,
    IndustryClass,
    Pillar,
    ProductLine,
    ReferenceDataset,
    Tier,
)


class ReferenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(District)
class DistrictAdmin(ReferenceAdmin):
    list_display = ["code", "name", "kind", "zone", "functional_zone"]
    list_filter = ["zone", "kind"]
    search_fields = ["code", "name"]


@admin.register(Pillar)
class PillarAdmin(ReferenceAdmin):
    list_display = ["code", "name", "sector", "position"]


@admin.register(ProductLine)
class ProductLineAdmin(ReferenceAdmin):
    list_display = ["name", "pillar", "plan_task"]
    list_filter = ["pillar"]
    search_fields = ["name"]


@admin.register(ReferenceDataset)
class ReferenceDatasetAdmin(ReferenceAdmin):
    list_display = ["key", "sha256", "rows", "updated_at"]


@admin.register(IndustryClass)
class IndustryClassAdmin(ReferenceAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Category)
class CategoryAdmin(ReferenceAdmin):
    list_display = ["name", "code", "pillar"]
    list_filter = ["pillar"]


@admin.register(Tier)
class TierAdmin(ReferenceAdmin):
    list_display = ["name", "code", "scheme", "level"]
    list_filter = ["scheme"]
