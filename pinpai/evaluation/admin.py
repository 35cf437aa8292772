"""Back-office browsing of self-assessments: read-only (they are recorded by `self_assessment_create`)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pinpai.evaluation.models import (
    Appraisal,
    AppraisalAward,
    AwardClaim,
    EvaluationApplication,
    EvaluationCycle,
    EvaluationResult,
    Objection,
    SelfAssessment,
    Survey,
    SurveyResponse,
)


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


# ---------------------------------------------------------------- appraisal whitelist (read-only: the services write)


class _ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Appraisal)
class AppraisalAdmin(_ReadOnlyAdmin):
    list_display = ["name", "organiser_name", "level", "cycle", "approving_authority", "approval_number",
                    "valid_from", "valid_to", "status", "is_demo"]  # fmt: skip
    list_filter = ["level", "status", "cycle", "is_demo"]
    search_fields = ["name", "organiser_name", "approving_authority", "approval_number"]


@admin.register(AppraisalAward)
class AppraisalAwardAdmin(_ReadOnlyAdmin):
    list_display = ["appraisal", "brand", "year", "title", "granted_on", "revoked_on"]
    list_filter = ["year"]
    search_fields = ["appraisal__name", "brand__name", "certificate_number"]
    list_select_related = ["appraisal", "brand"]


@admin.register(AwardClaim)
class AwardClaimAdmin(_ReadOnlyAdmin):
    list_display = ["brand", "claimed_title", "claimed_organiser", "year", "status", "flag", "reviewed_at"]
    list_filter = ["status", "flag"]
    search_fields = ["claimed_title", "claimed_organiser", "brand__name"]
    list_select_related = ["brand"]


# ---------------------------------------------------------------- surveys: read-only (written by the services;
# the fingerprint salt is never shown)


@admin.register(Survey)
class SurveyAdmin(_ReadOnlyAdmin):
    list_display = ["title", "purpose", "organisation", "status", "open_to", "is_demo", "created_at"]
    list_filter = ["status", "purpose", "is_demo"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    exclude = ["fingerprint_salt"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(_ReadOnlyAdmin):
    list_display = ["survey", "submitted_at", "status", "district", "weight_group"]
    list_filter = ["status"]
    search_fields = ["survey__title"]
    list_select_related = ["survey", "district"]


# ---------------------------------------------------------------- evaluation cycles: read-only, written by their services


class _CycleReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(_CycleReadOnlyAdmin):
    list_display = [
        "title", "year", "pillar", "tier", "status", "applications_open_on", "applications_close_on",
    ]  # fmt: skip
    list_filter = ["status", "year", "pillar"]
    search_fields = ["title"]
    list_select_related = ["pillar", "tier"]


@admin.register(EvaluationApplication)
class EvaluationApplicationAdmin(_CycleReadOnlyAdmin):
    list_display = ["brand", "applicant", "cycle", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["brand__name", "applicant__organisation__name"]
    list_select_related = ["brand", "applicant__organisation", "cycle"]


@admin.register(EvaluationResult)
class EvaluationResultAdmin(_CycleReadOnlyAdmin):
    list_display = ["application", "strength_index", "value_yuan", "rank", "strength_engine_version"]
    list_select_related = ["application__brand"]


@admin.register(Objection)
class ObjectionAdmin(_CycleReadOnlyAdmin):
    list_display = ["application", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["application__brand"]
