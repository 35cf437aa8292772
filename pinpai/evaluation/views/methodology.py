"""Methodology pages, generated from the data the engines compute with: each valuation method's formulas and
inputs, and each strength indicator system's tree of weights and scoring rules."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pinpai.common.exceptions import NotFoundError
from pinpai.evaluation import selectors


def method_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/method_list.html",
        {"methods": selectors.valuation_method_list(), "systems": selectors.strength_system_list()},
    )


def method_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        method = selectors.valuation_method_get(code=code)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    return render(request, "evaluation/method_detail.html", {"method": method})


def system_detail(request: HttpRequest, code: str) -> HttpResponse:
    version = request.GET.get("version") or None
    try:
        system = selectors.strength_system_get(code=code, version=version)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    return render(request, "evaluation/system_detail.html", {"system": system})
