"""Back office. Organisations are created and edited through the services (permission + audit);
users, memberships and tokens are shown read-only here and changed with the services' commands."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import ApiToken, Membership, Organisation, User
from pinpai.accounts.services import organisation_create, organisation_update
from pinpai.common.exceptions import ApplicationError
from pinpai.common.identifiers import IdentifierError, uscc_validate


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "short_name",
        "kind",
        "district",
        "uscc",
        "valid_from",
        "valid_to",
        "successor",
        "is_demo",
    ]
    list_filter = ["kind", "is_demo", "district__zone"]
    search_fields = ["name", "short_name", "uscc", "reference_key"]
    list_select_related = ["district", "successor"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["successor", "valid_to", "created_at", "updated_at"]
    fields = [
        "kind", "name", "short_name", "name_en", "uscc", "district", "parent",
        "reference_key", "valid_from", "valid_to", "successor", "is_demo", "created_at", "updated_at",
    ]  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*self.readonly_fields, "kind"] if obj else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # units end (valid_to, successor); they are never deleted

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = OrganisationAdminForm
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request: HttpRequest, obj: Organisation, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        cd = form.cleaned_data
        try:
            if change:
                data = {k: cd.get(k) for k in form.changed_data if k in cd}
                saved = organisation_update(
                    actor=request.user, organisation=Organisation.objects.get(pk=obj.pk), **data
                )
            else:
                saved = organisation_create(
                    actor=request.user,
                    kind=cd["kind"],
                    name=cd["name"],
                    short_name=cd.get("short_name") or "",
                    name_en=cd.get("name_en") or "",
                    uscc=cd.get("uscc") or None,
                    district=cd.get("district"),
                    parent=cd.get("parent"),
                    reference_key=cd.get("reference_key") or None,
                    valid_from=cd.get("valid_from"),
                    is_demo=bool(cd.get("is_demo")),
                )
        except ApplicationError as exc:  # rules the form could not check; nothing was written
            raise PermissionDenied(exc.detail) from exc
        obj.pk = saved.pk


class OrganisationAdminForm(ModelForm):  # type: ignore[type-arg]
    """Shape checks with field errors; the service repeats them and writes."""

    class Meta:
        model = Organisation
        fields = [
            "kind", "name", "short_name", "name_en", "uscc", "district", "parent",
            "reference_key", "valid_from", "is_demo",
        ]  # fmt: skip

    def clean_uscc(self) -> str | None:
        value = self.cleaned_data.get("uscc")
        if not value:
            return None
        try:
            code = uscc_validate(value)
        except IdentifierError as exc:
            raise ValidationError(str(exc)) from exc
        if Organisation.objects.filter(uscc=code).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This unified social credit code is already registered."))
        return code


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff", "last_login"]
    search_fields = ["username", "full_name", "email"]
    exclude = ["password"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "user", "name", "created_at", "expires_at", "revoked_at"]
    exclude = ["key_hash"]
    list_select_related = ["user"]
