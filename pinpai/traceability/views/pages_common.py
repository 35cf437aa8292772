"""What the traceability staff pages share: not-found for what the actor may not see, pagination, lists with an
htmx partial, and turning a service's refusal into a form error or a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from pinpai.common.exceptions import NotFoundError
from pinpai.common.paging import window_paginator

PAGE_SIZE = 50
T = TypeVar("T")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def found(getter: Callable[..., T], **kwargs: Any) -> T:
    """Call a `*_get` selector; what the actor may not see is simply not found."""
    try:
        return getter(**kwargs)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc


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
