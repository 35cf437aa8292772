"""What the traceability staff pages share: not-found for what the actor may not see, pagination, lists with an
htmx partial, and turning a service's refusal into a form error or a message."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinpai.common.htmx import HtmxHttpRequest
from pinpai.common.paging import window_paginator

PAGE_SIZE = 50


def paginate(request: HttpRequest, queryset: QuerySet[Any]) -> Page[Any]:
    return window_paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def filters(form: Any) -> dict[str, Any]:
    """The valid filters; an invalid one is dropped (the form shows why), the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return dict(form.cleaned_data)


def list_page(
    request: HtmxHttpRequest,
    *,
    queryset: QuerySet[Any],
    form: Any,
    title: Any,
    rows_template: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A filtered list: the page, or its rows alone for htmx."""
    context = {
        "form": form,
        "title": title,
        "rows_template": rows_template,
        "page": paginate(request, queryset),
        **(extra or {}),
    }
    template = rows_template if request.htmx else "traceability/list_page.html"
    return render(request, template, context)
