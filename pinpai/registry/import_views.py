"""Import pages: upload, the job page (progress, preview, errors, import buttons), the error report
as .csv and an empty template .xlsx per kind. The services write; these pages parse and show."""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import NotFoundError
from pinpai.common.htmx import HtmxHttpRequest
from pinpai.registry.choices import ImportKind, ImportStatus
from pinpai.registry.exceptions import ImportInvalid
from pinpai.registry.imports.columns import canonical_header, cell_text, template_workbook
from pinpai.registry.imports.selectors import import_job_get, import_job_list, import_job_preview
from pinpai.registry.models import ImportJob
from pinpai.registry.permissions import can_import_job_commit, can_import_job_create
from pinpai.registry.services.imports import RUNNING, import_job_commit, import_job_create

ERRORS_SHOWN = 200
JOBS_SHOWN = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportUploadForm(forms.Form):
    """Shape only: which kind and a file; the service checks size, extension and content."""

    kind = forms.ChoiceField(label=gettext_lazy("What to import"), choices=ImportKind.choices)
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))
    only_valid = forms.BooleanField(
        label=gettext_lazy("I intend to import only the valid rows if some have errors"), required=False
    )


def _job(request: HttpRequest, pk: int) -> ImportJob:
    try:
        return import_job_get(actor=request.user, pk=pk)
    except NotFoundError as exc:
        raise Http404(str(exc)) from exc


@login_required
def import_create(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
                only_valid=form.cleaned_data["only_valid"],
            )
        except ImportInvalid as exc:
            field_errors: dict[str, list[str]] = exc.extra.get("errors") or {}
            for name, errors in field_errors.items():
                form.add_error(name if name in form.fields else None, errors)
            if not field_errors:
                form.add_error(None, exc.detail)
        else:
            return redirect("registry:import_detail", pk=job.pk)
    context = {
        "form": form,
        "kinds": ImportKind.choices,
        "jobs": import_job_list(actor=request.user)[:JOBS_SHOWN],
        "may_import": can_import_job_create(request.user, kind=""),
    }
    return render(request, "registry/imports/create.html", context)


def _preview(job: ImportJob) -> dict[str, Any] | None:
    table = import_job_preview(job=job)
    if table is None:
        return None
    bad = {(e["row"], e["column"]) for e in job.errors}
    bad_rows = {e["row"] for e in job.errors}
    headers = [canonical_header(job.kind, h) for h in table.headers]
    rows = [
        {
            "number": number,
            "bad": number in bad_rows,
            "cells": [
                {"text": cell_text(value), "bad": (number, headers[i]) in bad}
                for i, value in enumerate(cells[: len(headers)])
            ],
        }
        for number, cells in table.rows
    ]
    return {"headers": table.headers, "rows": rows}


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    running = job.status in RUNNING
    context = {
        "job": job,
        "running": running,
        "preview": None if running else _preview(job),
        "errors": job.errors[:ERRORS_SHOWN],
        "errors_hidden": max(0, len(job.errors) - ERRORS_SHOWN),
        "may_commit": job.status == ImportStatus.READY and can_import_job_commit(request.user, job=job),
    }
    return render(request, "registry/imports/detail.html", context)


@login_required
def import_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls; once the job stops running, the page reloads."""
    job = _job(request, pk)
    running = job.status in RUNNING
    response = render(request, "registry/imports/_progress.html", {"job": job, "running": running})
    if request.htmx and not running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        import_job_commit(
            actor=request.user, job=job, only_valid=request.POST.get("only_valid") == "1", defer=True
        )
    except ImportInvalid as exc:
        messages.error(request, exc.detail)
    return redirect("registry:import_detail", pk=job.pk)


def _csv_safe(value: object) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas; quote them."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def import_errors_csv(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Row"), _("Column"), _("Error")])
    for error in job.errors:
        writer.writerow([error["row"] or "", _csv_safe(error["column"]), _csv_safe(error["message"])])
    return response


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ImportKind.values:
        raise Http404(f"No import kind {kind}.")
    response = HttpResponse(template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="pinpai-import-{kind}.xlsx"'
    return response
