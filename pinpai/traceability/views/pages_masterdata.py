"""Pages for master data: locations (list, register, edit) and lots (list)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pinpai.common.exceptions import ApplicationError, NotFoundError
from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.traceability.forms import LocationFilterForm, LocationForm, LotFilterForm
from pinpai.traceability.permissions import can_location_update
from pinpai.traceability.selectors.masterdata import (
    enterprise_by_uscc,
    enterprise_own_list,
    location_get,
    location_list,
    lot_list,
)
from pinpai.traceability.services.masterdata import location_register, location_update
from pinpai.traceability.views.pages_common import filters, list_page


@login_required
def location_list_page(request: HtmxHttpRequest) -> HttpResponse:
    form = LocationFilterForm(request.GET or None)
    f = filters(form)
    district = f.get("district")
    qs = location_list(
        actor=request.user,
        kind=f.get("kind") or None,
        district_code=district.code if district else None,
        text=f.get("q") or None,
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Locations"),
        rows_template="traceability/_location_rows.html",
        extra={"new_url": "traceability:location_create", "new_label": _("Register a location")},
    )


@login_required
def location_create(request: HttpRequest) -> HttpResponse:
    own = list(enterprise_own_list(actor=request.user)[:2])
    initial = {"enterprise_uscc": own[0].organisation.uscc} if len(own) == 1 else {}
    form = LocationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            enterprise = enterprise_by_uscc(actor=request.user, uscc=data.pop("enterprise_uscc"))
        except NotFoundError:
            form.add_error("enterprise_uscc", _("No enterprise you may see has this code."))
        else:
            try:
                location = location_register(actor=request.user, enterprise=enterprise, **data)
            except ApplicationError as exc:
                form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
            else:
                messages.success(request, _("%(name)s was registered.") % {"name": location.name})
                return redirect("traceability:locations")
    return render(request, "traceability/location_form.html", {"form": form, "location": None})


@login_required
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    location = found(location_get, actor=request.user, pk=pk)
    if not can_location_update(request.user, enterprise=location.enterprise):
        raise PermissionDenied
    initial = {name: getattr(location, name) for name in LocationForm.EDITABLE}
    initial["district"] = location.district.code
    form = LocationForm(request.POST if request.method == "POST" else None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            location_update(actor=request.user, location=location, **form.update_arguments())
        except ApplicationError as exc:
            form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": form.cleaned_data["name"]})
            return redirect("traceability:locations")
    return render(request, "traceability/location_form.html", {"form": form, "location": location})


@login_required
def lot_list_page(request: HtmxHttpRequest) -> HttpResponse:
    form = LotFilterForm(request.GET or None)
    f = filters(form)
    qs = lot_list(actor=request.user, status=f.get("status") or None, text=f.get("q") or None)
    return list_page(
        request, queryset=qs, form=form, title=_("Lots"), rows_template="traceability/_lot_rows.html"
    )
