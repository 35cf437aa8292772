"""Survey pages: the public questionnaire behind a link or QR code (mobile first, Chinese by default) with its
thank-you page, and the staff pages: the list, drafting a survey, a survey with its link, QR code, actions and
latest responses, and the results (indices with n and intervals, a bar chart with error bars).
Reads go through selectors, writes through the services."""

from __future__ import annotations

import io
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import ApplicationError, NotFoundError
from pinpai.evaluation.exceptions import (
    EvaluationInputsInvalid,
    SurveyInvalid,
    SurveyNotOpen,
    SurveyResponseInvalid,
)
from pinpai.evaluation.forms_surveys import SurveyForm, SurveyResponseForm
from pinpai.evaluation.models import Survey, SurveyResponseStatus, SurveyStatus
from pinpai.evaluation.permissions import can_survey_close, can_survey_open, can_survey_use
from pinpai.evaluation.selectors import surveys as selectors
from pinpai.evaluation.services import surveys as services

SHOWN = 50  # surveys on the list page, responses on a survey's page
BRAND_CHOICES = 500
QR_SCALE = {"svg": 4, "png": 8}
QR_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def _survey(request: HttpRequest, pk: int) -> Survey:
    try:
        return selectors.survey_get(actor=request.user, pk=pk)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc


def _public_link(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("evaluation:survey_public", args=[survey.token]))


# ---------------------------------------------------------------- public


def survey_public(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire. A POST records the answers and redirects to the thank-you page."""
    try:
        survey = selectors.survey_get_public(token=token)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    brands = sorted(survey.brands.all(), key=lambda b: (b.name, b.pk))
    districts = list(selectors.survey_district_list(survey=survey))
    accepting = survey.accepts_responses(timezone.now())
    form = SurveyResponseForm(survey, brands, districts, request.POST if request.method == "POST" else None)
    if request.method == "POST" and accepting and form.is_valid():
        if not request.session.session_key:
            request.session.save()
        try:
            response = services.survey_response_submit(
                actor=request.user,
                survey=survey,
                answers=form.answers(),
                respondent=services.RespondentKey(
                    session_key=request.session.session_key or "",
                    user_agent=request.headers.get("User-Agent", "")[:500],
                    phone=form.cleaned_data.get("phone") or "",
                ),
                district_code=form.cleaned_data.get("district") or "",
                weight_group=form.cleaned_data.get("weight_group") or "",
            )
        except SurveyResponseInvalid as exc:
            form.add_service_errors(exc.errors)
        except SurveyNotOpen:
            accepting = False
        except ApplicationError as exc:  # too many resubmissions
            form.add_error(None, exc.detail)
        else:
            thanks = reverse("evaluation:survey_thanks", args=[survey.token])
            duplicate = response.status == SurveyResponseStatus.DUPLICATE
            return redirect(thanks + ("?duplicate=1" if duplicate else ""))
    return render(
        request,
        "evaluation/survey_public.html",
        {"survey": survey, "form": form, "accepting": accepting},
    )


def survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey = selectors.survey_get_public(token=token)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    return render(
        request,
        "evaluation/survey_thanks.html",
        {"survey": survey, "duplicate": request.GET.get("duplicate") == "1"},
    )


# ---------------------------------------------------------------- staff


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    if not can_survey_use(request.user):
        raise PermissionDenied
    surveys = list(selectors.survey_list(actor=request.user)[:SHOWN])
    return render(request, "evaluation/survey_list.html", {"surveys": surveys})


@login_required
def survey_new(request: HttpRequest) -> HttpResponse:
    organisations = selectors.survey_organisation_list(actor=request.user)
    if not organisations.exists():
        raise PermissionDenied
    brand_ids = list(
        selectors.survey_brand_list(actor=request.user).values_list("pk", flat=True)[:BRAND_CHOICES]
    )
    brands = selectors.survey_brand_list(actor=request.user, ids=brand_ids)
    form = SurveyForm(organisations, brands, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                actor=request.user,
                organisation=data["organisation"],
                title=data["title"],
                description=data["description"],
                purpose=data["purpose"],
                brands=list(data["brands"]),
                questions=data["questions"],
                open_from=data["open_from"],
                open_to=data["open_to"],
                weighting_by=data["weighting_by"] or "",
                population_shares=data["population_shares"],
            )
        except SurveyInvalid as exc:
            form.add_service_errors(exc.extra.get("errors") or {"__all__": [exc.detail]})
        else:
            messages.success(request, _("The survey was saved as a draft."))
            return redirect("evaluation:survey_detail", pk=survey.pk)
    return render(request, "evaluation/survey_form.html", {"form": form})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    responses = list(selectors.survey_response_list(actor=request.user, survey=survey)[:SHOWN])
    return render(
        request,
        "evaluation/survey_detail.html",
        {
            "survey": survey,
            "link": _public_link(request, survey),
            "responses": responses,
            "brands": sorted(survey.brands.all(), key=lambda b: (b.name, b.pk)),
            "can_open": survey.status == SurveyStatus.DRAFT and can_survey_open(request.user, survey=survey),
            "can_close": survey.status == SurveyStatus.OPEN and can_survey_close(request.user, survey=survey),
        },
    )


@login_required
@require_POST
def survey_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Open or close a survey."""
    survey = _survey(request, pk)
    step = {"open": services.survey_open, "close": services.survey_close}.get(action)
    if step is None:
        raise Http404
    try:
        step(actor=request.user, survey=survey)
    except ApplicationError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request, _("The survey is open.") if action == "open" else _("The survey is closed.")
        )
    return redirect("evaluation:survey_detail", pk=survey.pk)


@login_required
@require_POST
def survey_response_reject(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    try:
        response = selectors.survey_response_get(actor=request.user, survey=survey, pk=response_pk)
        services.survey_response_reject(
            actor=request.user, response=response, reason=request.POST.get("reason", "")[:500]
        )
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
    except ApplicationError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("The response was rejected and no longer counts."))
    return redirect("evaluation:survey_detail", pk=survey.pk)


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    wanted = request.GET.get("confidence", "95")
    confidence = int(wanted) if wanted in ("90", "95", "99") else 95
    weighted = request.GET.get("weighted", "1") != "0"
    context: dict[str, Any] = {"survey": survey, "confidence": confidence, "weighted": weighted}
    try:
        results = selectors.survey_results(
            actor=request.user, survey=survey, confidence=confidence, weighted=weighted
        )
    except EvaluationInputsInvalid as exc:
        context["errors"] = exc.errors
    else:
        context["results"] = results
        context["chart"] = [
            {
                "name": row.brand.name,
                "aided": [
                    float(row.result.aided.percent),
                    float(row.result.aided.lower),
                    float(row.result.aided.upper),
                ]
                if row.result.aided
                else None,
                "unaided": [
                    float(row.result.unaided.percent),
                    float(row.result.unaided.lower),
                    float(row.result.unaided.upper),
                ]
                if row.result.unaided
                else None,
            }
            for row in results.brands
        ]
    return render(request, "evaluation/survey_results.html", context)


@login_required
def survey_qr(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The QR code of the public link, as SVG or PNG (segno, error correction level M)."""
    if kind not in QR_TYPES:
        raise Http404
    survey = _survey(request, pk)
    buffer = io.BytesIO()
    segno.make(_public_link(request, survey), error="m").save(
        buffer, kind=kind, scale=QR_SCALE[kind], border=2
    )
    response = HttpResponse(buffer.getvalue(), content_type=QR_TYPES[kind])
    response["Content-Disposition"] = f'inline; filename="survey-{survey.pk}.{kind}"'
    return response


# ---------------------------------------------------------------- urls (included by evaluation/urls.py)

urlpatterns = [
    path("s/<str:token>/", survey_public, name="survey_public"),
    path("s/<str:token>/thanks/", survey_thanks, name="survey_thanks"),
    path("surveys/", survey_list, name="surveys"),
    path("surveys/new/", survey_new, name="survey_new"),
    path("surveys/<int:pk>/", survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/results/", survey_results, name="survey_results"),
    path("surveys/<int:pk>/qr.<str:kind>", survey_qr, name="survey_qr"),
    path("surveys/<int:pk>/<str:action>/", survey_action, name="survey_action"),
    path(
        "surveys/<int:pk>/responses/<int:response_pk>/reject/",
        survey_response_reject,
        name="survey_response_reject",
    ),
]
