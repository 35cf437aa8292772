"""Back-office browsing of self-assessments: read-only (they are recorded by `self_assessment_create`)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pinpai.evaluation.models import SelfAssessment


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "brand",
        "system_code",
        "system_version",
        "index",
        "score_1000",
        "created_by",
        "created_at",
    ]
    list_filter = ["system_code"]
    search_fields = ["brand__name", "brand__owner__organisation__name"]
    list_select_related = ["brand", "created_by"]
    readonly_fields = [
        "brand", "system_code", "system_version", "values", "index", "score_1000", "contributions",
        "engine_version", "created_by", "created_at", "updated_at",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
