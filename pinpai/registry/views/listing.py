"""What every registry list page shares: filters, pagination, the htmx partial and the exports."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from pinpai.common.htmx import HtmxHttpRequest
from pinpai.common.paging import window_paginator
from pinpai.registry import exports

PAGE_SIZE = 50
EXPIRY_WINDOW_DAYS = 90


def expiry_context() -> dict[str, datetime.date]:
    today = timezone.localdate()
    return {"today": today, "horizon": today + datetime.timedelta(days=EXPIRY_WINDOW_DAYS)}


def paginate(request: HttpRequest, queryset: QuerySet[Any], param: str = "page") -> Page[Any]:
    return window_paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))


def wants_export(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in exports.FORMATS else None


def list_page(
    request: HtmxHttpRequest,
    *,
    queryset: QuerySet[Any],
    form: Any,
    title: Any,
    rows_template: str,
    export: exports.Export,
    extra: dict[str, Any] | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """A filtered list: the page, its rows alone for htmx, or the whole list as .xlsx/.csv."""
    fmt = wants_export(request)
    if fmt is not None:
        return exports.export_response(queryset, export, fmt)
    context = {
        "form": form,
        "title": title,
        "rows_template": rows_template,
        "page": paginate(request, queryset),
        **expiry_context(),
        **(extra or {}),
    }
    template = rows_template if request.htmx else "registry/list_page.html"
    return render(request, template, context)


def filters(form: Any) -> dict[str, Any]:
    """The valid filters; an invalid one is dropped (and the form shows why), the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return dict(form.cleaned_data)
