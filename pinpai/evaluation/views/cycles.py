"""Evaluation cycle pages: the list of cycles, a cycle (staff: its applications and steps; enterprises: apply; the
public: the notice with its objection form, or the published ranking), an application (financials, submission
and the eligibility outcome; the expert's declaration and scores), the public result with its derivation, and
the result letter as PDF. Reads go through selectors, every write through its service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import ApplicationError, NotFoundError
from pinpai.evaluation.permissions_cycles import (
    can_application_financials_set,
    can_application_score,
    can_application_submit,
    can_cycle_manage,
)
from pinpai.evaluation.selectors import cycle_benchmark, cycle_derivation
from pinpai.evaluation.selectors import cycles as selectors
from pinpai.evaluation.services import cycle_applications, cycle_scoring
from pinpai.evaluation.services import cycles as services

FINANCIAL_YEARS_SHOWN = 5
CYCLE_STEPS: dict[str, Callable[..., Any]] = {
    "open": services.cycle_open,
    "close": services.cycle_close,
    "scoring": services.cycle_scoring_start,
    "review": services.cycle_review_start,
    "notice": services.cycle_notice_start,
    "publish": services.cycle_publish,
    "archive": services.cycle_archive,
}
STEP_LABELS = {
    "open": gettext_lazy("Open for applications"),
    "close": gettext_lazy("Close applications"),
    "scoring": gettext_lazy("Start expert scoring"),
    "review": gettext_lazy("Start the review"),
    "notice": gettext_lazy("Start the public notice"),
    "publish": gettext_lazy("Publish the results"),
    "archive": gettext_lazy("Archive"),
}
APPLICATION_STEPS: dict[str, Callable[..., Any]] = {
    "submit": cycle_applications.application_submit,
    "score": cycle_scoring.application_score,
    "approve": cycle_applications.application_approve,
}


def _found(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc


def _error_messages(request: HttpRequest, exc: ApplicationError) -> None:
    errors = exc.extra.get("errors")
    if isinstance(errors, list) and errors:
        for item in errors:
            messages.error(request, f"{item['field']}: {item['message']}")
    else:
        messages.error(request, exc.detail)


def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = list(selectors.cycle_list(actor=request.user)[:200])
    return render(request, "evaluation/cycle_list.html", {"cycles": cycles})


def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _found(lambda: selectors.cycle_get(actor=request.user, pk=pk))
    manages = can_cycle_manage(request.user, cycle=cycle)
    context: dict[str, Any] = {
        "cycle": cycle,
        "manages": manages,
        "applications": list(selectors.application_list(actor=request.user, cycle_id=cycle.pk)[:500]),
        "brands": list(selectors.application_brand_list(actor=request.user, cycle=cycle)[:200])
        if request.user.is_authenticated and cycle.status == "open"
        else [],
        "notice": list(selectors.notice_application_list(cycle=cycle)),
        "ranking": selectors.ranking_list(cycle=cycle),
        "steps": list(STEP_LABELS.items()) if manages else [],
        "panel": list(selectors.panel_member_list(actor=request.user, cycle=cycle)),
        "intermediaries": list(selectors.intermediary_list()[:200]) if manages else [],
    }
    return render(request, "evaluation/cycle_detail.html", context)


@login_required
@require_POST
def cycle_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    cycle = _found(lambda: selectors.cycle_get(actor=request.user, pk=pk))
    service = CYCLE_STEPS.get(step)
    if service is None:
        raise Http404
    try:
        service(actor=request.user, cycle=cycle)
        messages.success(request, _("Done."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:cycle_detail", pk=pk)


@login_required
@require_POST
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _found(lambda: selectors.cycle_get(actor=request.user, pk=pk))
    brand_id = request.POST.get("brand", "")
    if not brand_id.isdigit():
        raise Http404
    brand = _found(lambda: selectors.application_brand_get(actor=request.user, pk=int(brand_id)))
    try:
        application = cycle_applications.application_create(actor=request.user, cycle=cycle, brand=brand)
    except ApplicationError as exc:
        _error_messages(request, exc)
        return redirect("evaluation:cycle_detail", pk=pk)
    return redirect("evaluation:application_detail", pk=application.pk)


def _financial_rows(cycle_year: int, post: Any) -> list[dict[str, Any]]:
    rows = []
    for year in range(cycle_year - FINANCIAL_YEARS_SHOWN, cycle_year):
        values = {name: post.get(f"{name}_{year}", "").strip() for name in cycle_applications.MONEY_FIELDS}
        if any(values.values()):
            rows.append({"year": year, **values})
    return rows


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    cycle = application.cycle
    by_year = {f.year: f for f in application.financial_years.all()}
    years = [
        {"year": y, "row": by_year.get(y)} for y in range(cycle.year - FINANCIAL_YEARS_SHOWN, cycle.year)
    ]
    on_panel = selectors.panel_member_is(actor=request.user, cycle=cycle)
    system = selectors.cycle_system(cycle)
    context: dict[str, Any] = {
        "application": application,
        "cycle": cycle,
        "years": years,
        "can_edit": can_application_financials_set(request.user, application=application)
        and application.status in cycle_applications.APPLICANT_EDITABLE,
        "can_submit": can_application_submit(request.user, application=application)
        and application.status in cycle_applications.APPLICANT_EDITABLE,
        "manages": can_cycle_manage(request.user, cycle=cycle),
        "can_score": can_application_score(request.user, application=application)
        and application.status == "verified",
        "report": selectors.eligibility_report(actor=request.user, application=application)
        if application.submission_count
        else None,
        "on_panel": on_panel,
        "panel_indicators": selectors.panel_indicator_codes(system) if on_panel else (),
        "my_scores": {
            s.indicator_code: s.score
            for s in selectors.expert_score_list(actor=request.user, application=application)
        },
        "has_result": hasattr(application, "result"),
        "intermediaries": list(selectors.intermediary_list()[:200]),
        "objections": list(selectors.objection_list(actor=request.user, application_id=application.pk)),
    }
    return render(request, "evaluation/cycle_application.html", context)


@login_required
@require_POST
def application_financials(request: HttpRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    try:
        cycle_applications.application_financials_set(
            actor=request.user,
            application=application,
            years=_financial_rows(application.cycle.year, request.POST),
        )
        messages.success(request, _("The financials were saved."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:application_detail", pk=pk)


@login_required
@require_POST
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    service = APPLICATION_STEPS.get(step)
    if service is None:
        raise Http404
    try:
        service(actor=request.user, application=application)
        messages.success(request, _("Done."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:application_detail", pk=pk)


@login_required
@require_POST
def application_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert's declaration (first) and scores (then), from the same page."""
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    try:
        if request.POST.get("action") == "declare":
            conflict = request.POST.get("has_conflict") == "yes"
            cycle_scoring.conflict_declare(
                actor=request.user,
                application=application,
                has_conflict=conflict,
                note=request.POST.get("note", ""),
            )
        else:
            codes = selectors.panel_indicator_codes(selectors.cycle_system(application.cycle))
            scores = {code: request.POST.get(f"score_{code}", "").strip() for code in codes}
            cycle_scoring.expert_score_submit(actor=request.user, application=application, scores=scores)
        messages.success(request, _("Saved."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:application_detail", pk=pk)


@require_POST
def objection_file(request: HttpRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.notice_application_get(actor=request.user, pk=pk))
    try:
        services.objection_file(
            actor=request.user,
            application=application,
            text=request.POST.get("text", ""),
            contact_name=request.POST.get("contact_name", ""),
            contact=request.POST.get("contact", ""),
        )
        messages.success(request, _("Your objection was filed; the cycle's managers will decide on it."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:cycle_detail", pk=application.cycle_id)


def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    derivation = _found(lambda: cycle_derivation.result_derivation(actor=request.user, application=pk))
    return render(request, "evaluation/cycle_result.html", {"d": derivation})


def result_benchmark(request: HttpRequest, pk: int) -> HttpResponse:
    """标杆对比: the brand against the other results of its cycle, with a radar chart and ranked actions."""
    bench = _found(lambda: cycle_benchmark.application_benchmark(actor=request.user, application=pk))
    radar = [
        {"name": line.name, "score": float(line.score), "top": float(line.top_decile or 0)}
        for line in bench.lines
    ]
    return render(request, "evaluation/cycle_benchmark.html", {"b": bench, "radar": radar})


def ranking(request: HttpRequest, year: int, pillar: str, tier: str) -> HttpResponse:
    cycle = _found(lambda: selectors.ranking_cycle_get(year=year, pillar_code=pillar, tier_code=tier))
    return render(
        request,
        "evaluation/cycle_ranking.html",
        {"cycle": cycle, "ranking": selectors.ranking_list(cycle=cycle)},
    )


@login_required
def result_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The result letter (PDF) of a published application, for its applicant and the cycle's managers."""
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    if application.status != "published":
        raise Http404
    if not (
        can_application_submit(request.user, application=application)
        or can_cycle_manage(request.user, cycle=application.cycle)
    ):
        raise PermissionDenied
    derivation = cycle_derivation.result_derivation(actor=request.user, application=application)
    html = render_to_string(
        "evaluation/cycle_letter_pdf.html", {"application": application, "d": derivation}, request=request
    )
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415 - heavy import, only for this page

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluation-result-{application.pk}.pdf"'
    return response


@login_required
@require_POST
def application_assign(request: HttpRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    try:
        wanted = request.POST.get("intermediary", "")
        intermediary = selectors.intermediary_get(pk=int(wanted) if wanted.isdigit() else 0)
        cycle_applications.application_assign(
            actor=request.user, application=application, intermediary=intermediary
        )
        messages.success(request, _("Done."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:application_detail", pk=pk)


@login_required
@require_POST
def application_return(request: HttpRequest, pk: int) -> HttpResponse:
    application = _found(lambda: selectors.application_get(actor=request.user, pk=pk))
    try:
        cycle_applications.application_return(
            actor=request.user, application=application, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("Done."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:application_detail", pk=pk)


@login_required
@require_POST
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    objection = _found(lambda: selectors.objection_get(actor=request.user, pk=pk))
    try:
        services.objection_decide(
            actor=request.user,
            objection=objection,
            upheld=request.POST.get("decision") == "upheld",
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Done."))
    except ApplicationError as exc:
        _error_messages(request, exc)
    return redirect("evaluation:application_detail", pk=objection.application_id)


# Mounted by `evaluation/urls.py` under /evaluation/.
urlpatterns = [
    path("cycles/", cycle_list, name="cycle_list"),
    path("cycles/<int:pk>/", cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/apply/", application_create, name="cycle_apply"),
    path("cycles/<int:pk>/<slug:step>/", cycle_step, name="cycle_step"),
    path("applications/<int:pk>/", application_detail, name="application_detail"),
    path("applications/<int:pk>/financials/", application_financials, name="application_financials"),
    path("applications/<int:pk>/panel/", application_panel, name="application_panel"),
    path("applications/<int:pk>/assign/", application_assign, name="application_assign"),
    path("applications/<int:pk>/return/", application_return, name="application_return"),
    path("applications/<int:pk>/objection/", objection_file, name="objection_file"),
    path("applications/<int:pk>/result/", result_detail, name="result_detail"),
    path("applications/<int:pk>/letter.pdf", result_letter, name="result_letter"),
    path("applications/<int:pk>/benchmark/", result_benchmark, name="result_benchmark"),
    path("applications/<int:pk>/<slug:step>/", application_step, name="application_step"),
    path("objections/<int:pk>/decide/", objection_decide, name="objection_decide"),
    path("rankings/<int:year>/<slug:pillar>/<slug:tier>/", ranking, name="ranking"),
]
