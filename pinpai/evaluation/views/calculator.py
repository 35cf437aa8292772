"""The public valuation calculator: a method's form, generated from METHODS; htmx posts swap in the value,
its derivation step by step and, for an income method, the discount rate × growth grid around it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render

from pinpai.common.exceptions import NotFoundError
from pinpai.evaluation import selectors
from pinpai.evaluation.exceptions import EvaluationInputsInvalid
from pinpai.evaluation.forms import ValuationForm
from pinpai.evaluation.views.htmx import HtmxHttpRequest

DEFAULT_METHOD = "royalty_relief"
RATE_STEP = Decimal("0.01")  # grid rows: the discount rate ± 1 percentage point
GROWTH_STEP = Decimal("0.005")  # grid columns: the terminal growth ± 0.5 percentage point


@dataclass(frozen=True)
class GridRow:
    rate: Decimal
    cells: list[tuple[Decimal, Decimal | None]]  # (growth rate, value)


def _method(code: str) -> selectors.ValuationMethod:
    try:
        return selectors.valuation_method_get(code=code)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc


def _grid(method: selectors.ValuationMethod, inputs: dict[str, object]) -> dict[str, Any] | None:
    """The 3 × 3 grid around the discount rate and terminal growth the user gave (income methods only)."""
    try:
        rate = Decimal(str(inputs["discount_rate"]))
        growth = Decimal(str(inputs["terminal_growth"]))
    except (KeyError, InvalidOperation):
        return None
    rates = [rate - RATE_STEP, rate, rate + RATE_STEP]
    growths = [growth - GROWTH_STEP, growth, growth + GROWTH_STEP]
    try:
        grid = selectors.valuation_grid_compute(
            method=method.code,
            inputs=inputs,
            discount_rates=[format(r, "f") for r in rates],
            growth_rates=[format(g, "f") for g in growths],
        )
    except EvaluationInputsInvalid:
        return None  # e.g. a rate pushed below zero: the value stands, the grid is left out
    rows = [
        GridRow(rate=r, cells=list(zip(grid.growth_rates, values, strict=True)))
        for r, values in zip(grid.discount_rates, grid.values, strict=True)
    ]
    return {"growth_rates": grid.growth_rates, "rows": rows, "rate": rate, "growth": growth}


def calculator(request: HtmxHttpRequest) -> HttpResponse:
    code = request.GET.get("method") or DEFAULT_METHOD
    method = _method(code)
    context: dict[str, Any] = {"methods": selectors.valuation_method_list(), "method": method}
    if request.method == "POST":
        form = ValuationForm(method, request.POST)
        if form.is_valid():
            inputs = form.inputs()
            try:
                result = selectors.valuation_compute(method=method.code, inputs=inputs)
            except EvaluationInputsInvalid as exc:
                form.add_engine_errors(exc.errors)
            else:
                context["result"] = result
                if method.discounted:
                    context["grid"] = _grid(method, result.inputs)
    else:
        form = ValuationForm(method, example=True)
    context["form"] = form
    template = "evaluation/_calculator.html" if request.htmx else "evaluation/calculator.html"
    return render(request, template, context)
