"""Staff browse the audit trail in the admin; nobody can add, change or delete an event."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pinpai.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = [
        "sequence",
        "occurred_at",
        "actor_username",
        "action",
        "target_type",
        "target_repr",
        "client_ip",
    ]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_username", "target_repr", "target_id", "request_id", "hash"]
    date_hierarchy = "occurred_at"
    ordering = ["-sequence"]
    list_per_page = 100
    show_full_result_count = False
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
