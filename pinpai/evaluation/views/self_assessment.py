"""An enterprise scores its own brand on a GB/T 29186 indicator system before applying for an evaluation:
preview the index and each contribution (a read), save it (the service), and see past self-assessments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pinpai.common.exceptions import NotFoundError
from pinpai.evaluation import selectors, services
from pinpai.evaluation.exceptions import EvaluationInputsInvalid
from pinpai.evaluation.forms import SelfAssessmentForm
from pinpai.registry.models import Brand

BRAND_CHOICES = 500  # a system administrator picks from the first 500 brands (or passes ?brand=<id>)
PAST_SHOWN = 50
DEFAULT_SYSTEM = "gbt29186"


def _brand(request: HttpRequest, offered: list[Brand]) -> Brand | None:
    wanted = request.GET.get("brand", "")
    if not wanted:
        return offered[0] if offered else None
    if not wanted.isdigit():
        raise Http404
    brand = next((b for b in offered if b.pk == int(wanted)), None)
    if brand is None:
        brand = selectors.self_assessment_brand_list(actor=request.user).filter(pk=int(wanted)).first()
    if brand is None:
        raise Http404
    return brand


def _system(request: HttpRequest, offered: list[selectors.StrengthSystem]) -> selectors.StrengthSystem:
    wanted = request.GET.get("system")
    if wanted:
        found = next((s for s in offered if s.code == wanted), None)
        if found is None:
            raise Http404
        return found
    return next(s for s in offered if s.code == DEFAULT_SYSTEM)  # the general system; variants on request


@login_required
def self_assessment(request: HttpRequest) -> HttpResponse:
    brands = list(selectors.self_assessment_brand_list(actor=request.user)[:BRAND_CHOICES])
    past = list(selectors.self_assessment_list(actor=request.user)[:PAST_SHOWN])
    context: dict[str, Any] = {"brands": brands, "past": past}
    brand = _brand(request, brands)
    if brand is None:
        return render(request, "evaluation/self_assessment.html", context)
    systems = selectors.strength_system_list_for_self_assessment()
    system = _system(request, systems)
    form = SelfAssessmentForm(system, request.POST if request.method == "POST" else None)
    context.update({"brand": brand, "systems": systems, "system": system, "form": form})
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            if request.POST.get("action") == "save":
                assessment = services.self_assessment_create(
                    actor=request.user,
                    brand=brand,
                    inputs={"system": system.code, "version": system.version, "values": values},
                )
                messages.success(request, _("The self-assessment was saved."))
                return redirect("evaluation:self_assessment_detail", pk=assessment.pk)
            context["preview"] = selectors.strength_compute(
                system=system.code, version=system.version, inputs={"values": values}
            )
        except EvaluationInputsInvalid as exc:
            form.add_engine_errors(exc.errors)
    return render(request, "evaluation/self_assessment.html", context)


@login_required
def self_assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        assessment = selectors.self_assessment_get(actor=request.user, pk=pk)
        system = selectors.strength_system_get(code=assessment.system_code, version=assessment.system_version)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    indicators = {e.code: e for e in system.indicators}
    rows = [
        {
            "entry": indicators.get(str(row.get("code"))),
            "value": assessment.values.get(str(row.get("code"))),
            **row,
        }
        for row in assessment.contributions
    ]
    return render(
        request,
        "evaluation/self_assessment_detail.html",
        {"assessment": assessment, "system": system, "rows": rows, "radar": _radar(system, rows)},
    )


def _radar(system: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each top-level element's score on 0–100 (its leaves' contributions over its share of the
    index), for the radar chart; the table beside it has every figure."""
    contributions: dict[str, Decimal] = {}
    for row in rows:
        entry = row["entry"]
        if entry is not None and entry.path:
            top = entry.path[0]
            contributions[top] = contributions.get(top, Decimal(0)) + Decimal(str(row["contribution"]))
    return [
        {"name": str(node.name), "score": float(contributions.get(node.code, 0) / node.effective_weight)}
        for node in system.entries
        if node.depth == 0 and not node.is_indicator and node.effective_weight
    ]
