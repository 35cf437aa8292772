"""Inspection pages: the list, the record form with its item rows (a failure opens a recall), the detail page."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pinpai.common.exceptions import ApplicationError, NotFoundError
from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.traceability.forms import InspectionFilterForm, InspectionForm, InspectionItemFormSet
from pinpai.traceability.permissions import is_inspector
from pinpai.traceability.selectors.masterdata import location_by_identifier, lot_get_by_number
from pinpai.traceability.selectors.quality import inspection_get, inspection_list
from pinpai.traceability.services.inspections import InspectionItemInput, inspection_record
from pinpai.traceability.views.pages_common import filters, list_page

ITEM_ERROR = re.compile(r"items\.(\d+)\.(\w+)")


@login_required
def inspection_list_page(request: HtmxHttpRequest) -> HttpResponse:
    form = InspectionFilterForm(request.GET or None)
    f = filters(form)
    qs = inspection_list(actor=request.user, result=f.get("result") or None, text=f.get("q") or None)
    extra: dict[str, Any] = {}
    if is_inspector(request.user):
        extra = {"new_url": "traceability:inspection_record", "new_label": _("Record an inspection")}
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Inspections"),
        rows_template="traceability/_inspection_rows.html",
        extra=extra,
    )


def _items(formset: Any) -> tuple[list[InspectionItemInput], list[int]]:
    """The filled item rows and, for each, the index of its form (to put a service error on the right row)."""
    items: list[InspectionItemInput] = []
    rows: list[int] = []
    for index, row in enumerate(formset.forms):
        data = row.cleaned_data
        if not data or not (data.get("name") or "").strip():
            continue
        items.append(
            InspectionItemInput(
                name=data["name"],
                result=data.get("result") or None,
                method_standard=data.get("method_standard") or "",
                measured_value=data.get("measured_value"),
                unit=data.get("unit") or "",
                limit=data.get("limit"),
            )
        )
        rows.append(index)
    return items, rows


def _show_errors(form: InspectionForm, formset: Any, rows: list[int], exc: ApplicationError) -> None:
    errors = exc.extra.get("errors") or {}
    rest: dict[str, list[str]] = {}
    for field, messages_ in errors.items():
        match = ITEM_ERROR.fullmatch(field)
        if match and int(match.group(1)) < len(rows) and match.group(2) in formset.forms[0].fields:
            formset.forms[rows[int(match.group(1))]].add_error(match.group(2), list(messages_))
        else:
            rest[field] = list(messages_)
    if rest or not errors:
        form.add_service_errors(rest, exc.detail)


def _record(request: HttpRequest, form: InspectionForm, formset: Any) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        lot = lot_get_by_number(actor=request.user, gtin=data["gtin"], lot_number=data["lot_number"])
    except NotFoundError:
        form.add_error("lot_number", _("No lot with this GTIN and lot number that you may see."))
        return None
    location = None
    if data.get("sampling_gln"):
        identifier = f"https://id.gs1.org/414/{data['sampling_gln'].strip()}"
        location = location_by_identifier(values=[identifier]).get(identifier)
        if location is None:
            form.add_error("sampling_gln", _("No location is registered with this GLN."))
            return None
    items, rows = _items(formset)
    try:
        inspection = inspection_record(
            actor=request.user,
            lot=lot,
            sampled_at=data["sampled_at"],
            tested_at=data["tested_at"],
            laboratory=data["laboratory"],
            report_number=data["report_number"],
            items=items,
            result=data.get("result") or None,
            sampling_location=location,
            note=data.get("note") or "",
        )
    except PermissionDenied:
        form.add_error(None, _("You may not record inspections of this lot."))
        return None
    except ApplicationError as exc:
        _show_errors(form, formset, rows, exc)
        return None
    recall = inspection.recalls.first()
    if recall is not None:
        messages.warning(
            request,
            _("The inspection failed: recall %(number)s was opened and the lot is on hold.")
            % {"number": recall.number},
        )
    else:
        messages.success(request, _("The inspection was recorded."))
    return redirect("traceability:inspection_detail", pk=inspection.pk)


@login_required
def inspection_record_page(request: HttpRequest) -> HttpResponse:
    if not is_inspector(request.user):
        raise PermissionDenied
    form = InspectionForm(request.POST if request.method == "POST" else None)
    formset = InspectionItemFormSet(request.POST if request.method == "POST" else None, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        response = _record(request, form, formset)
        if response is not None:
            return response
    return render(request, "traceability/inspection_form.html", {"form": form, "formset": formset})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = found(inspection_get, actor=request.user, pk=pk)
    return render(request, "traceability/inspection_detail.html", {"inspection": inspection})
