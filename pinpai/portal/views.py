"""Public pages: home, the organisation directory (htmx-filtered), districts."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pinpai.accounts.selectors import organisation_list
from pinpai.common.htmx import HtmxHttpRequest
from pinpai.common.selectors import district_list, pillar_list
from pinpai.portal.forms import OrganisationFilterForm
from pinpai.portal.selectors import home_stats_for_portal

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"stats": home_stats_for_portal(), "pillars": pillar_list()})


def organisations(request: HtmxHttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = organisation_list(
        actor=request.user,
        kind=filters.get("kind") or None,
        district_code=filters.get("district") or None,
        text=filters.get("q") or None,
        valid_on=timezone.localdate() if filters.get("current") else None,
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "districts": district_list(), "today": timezone.localdate()}
    template = "portal/_organisation_rows.html" if request.htmx else "portal/organisations.html"
    return render(request, template, context)


def districts(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/districts.html", {"districts": district_list()})
