"""Survey reads: the surveys a unit runs, the public questionnaire by token, the per-brand indices (computed
by `engines.surveys` over the valid responses) and the survey values fed to the strength indicators."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from engines import surveys
from pinpai.accounts.models import Organisation
from pinpai.accounts.querysets import actor_scope
from pinpai.common.models import District
from pinpai.evaluation.exceptions import EvaluationInputsInvalid, SurveyNotFound, SurveyResponseNotFound
from pinpai.evaluation.models import (
    Survey,
    SurveyResponse,
    SurveyResponseStatus,
    SurveyStatus,
    SurveyWeighting,
)
from pinpai.registry.models import Brand

CONFIDENCE_Z = {90: Decimal("1.645"), 95: Decimal("1.96"), 99: Decimal("2.576")}  # two-sided normal quantiles
CENT = Decimal("0.01")
FEED_SURVEYS = 10  # the strength feed looks at the 10 most recently closed surveys of a brand


# ---------------------------------------------------------------- surveys


def survey_list(*, actor: Any, status: str | None = None, purpose: str | None = None) -> QuerySet[Survey]:
    """The surveys of the actor's units (all for a system administrator), newest first, with response counts."""
    qs = (
        Survey.objects.visible_to(actor)
        .select_related("organisation", "created_by")
        .prefetch_related("brands")
        .annotate(
            response_count=Count("responses"),
            valid_count=Count("responses", filter=Q(responses__status=SurveyResponseStatus.VALID)),
        )
    )
    if status:
        qs = qs.filter(status=status)
    if purpose:
        qs = qs.filter(purpose=purpose)
    return qs.order_by("-created_at", "-pk")


def survey_get(*, actor: Any, pk: int) -> Survey:
    found = survey_list(actor=actor).filter(pk=pk).first()
    if found is None:
        raise SurveyNotFound(f"No survey {pk}.")
    return found


def survey_get_public(*, token: str) -> Survey:
    """The questionnaire behind a link: an open or closed survey (a draft is not public yet)."""
    found = (
        Survey.objects.filter(token=token, status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED])
        .prefetch_related("brands")
        .first()
    )
    if found is None:
        raise SurveyNotFound("No such survey.")
    return found


def survey_organisation_list(*, actor: Any) -> QuerySet[Organisation]:
    """The units the actor may run a survey for: their department or district government (every current
    department and district government for a system administrator)."""
    scope = actor_scope(actor)
    qs = Organisation.objects.current().filter(kind__in=["department", "district"])
    if not scope.is_admin:
        qs = qs.filter(
            Q(kind="department", pk__in=scope.department_ids)
            | Q(kind="district", district_id__in=scope.district_ids)
        )
    return qs.order_by("kind", "name", "pk")


def survey_brand_list(*, actor: Any, ids: list[int] | None = None) -> QuerySet[Brand]:
    """Brands the actor may put under study (those they may see); `ids` picks some."""
    qs = Brand.objects.visible_to(actor).select_related("owner__organisation")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name", "pk")


def survey_district_list(*, survey: Survey) -> QuerySet[District]:
    """The districts a survey weighted by district offers its respondents (its population shares' codes)."""
    if survey.weighting_by != SurveyWeighting.DISTRICT:
        return District.objects.none()
    return District.objects.filter(code__in=list(survey.population_shares)).order_by("code")


def survey_response_list(
    *, actor: Any, survey: Survey, status: str | None = None
) -> QuerySet[SurveyResponse]:
    """Responses to a survey the actor may see, newest first."""
    qs = SurveyResponse.objects.filter(
        survey=survey, survey__in=Survey.objects.visible_to(actor)
    ).select_related("district", "rejected_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-pk")


def survey_response_get(*, actor: Any, survey: Survey, pk: int) -> SurveyResponse:
    found = survey_response_list(actor=actor, survey=survey).filter(pk=pk).first()
    if found is None:
        raise SurveyResponseNotFound(f"No response {pk} to survey {survey.pk}.")
    return found


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class SurveyBrandIndices:
    brand: Brand
    result: surveys.BrandResult


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    counts: dict[str, int]  # valid / duplicate / rejected responses
    confidence: int  # per cent
    z: Decimal
    weighted: bool
    brands: list[SurveyBrandIndices]
    result: surveys.SurveyResult
    engine_version: str


def _question(survey: Survey, kind: str, role: str | None = None) -> dict[str, Any] | None:
    return next(
        (q for q in survey.questions if q["kind"] == kind and (role is None or q.get("role", "") == role)),
        None,
    )


def survey_engine_inputs(
    *, survey: Survey, brands: list[Brand], responses: list[SurveyResponse], z: Decimal, weighted: bool
) -> surveys.SurveyInputs:
    """The engine's inputs from stored answers: the awareness grid, the unaided question, the Likert and
    0–10 questions about one brand, and each respondent's weighting group (district code or group)."""
    aliases = survey.brand_aliases
    specs = tuple(
        surveys.BrandSpec(str(b.pk), tuple(n for n in (b.name, b.name_en, *aliases.get(str(b.pk), [])) if n))
        for b in brands
    )
    grid = _question(survey, "brand_awareness")
    unaided = _question(survey, "open_text", "unaided")
    likerts = [q for q in survey.questions if q["kind"] == "likert" and q.get("brand") is not None]
    recommends = [q for q in survey.questions if q["kind"] == "recommend" and q.get("brand") is not None]
    by_district = survey.weighting_by == SurveyWeighting.DISTRICT
    respondents = []
    for response in responses:
        answers = response.answers
        respondents.append(
            surveys.Respondent(
                aided=tuple(answers.get(grid["code"], {}).items()) if grid else (),
                unaided=answers.get(unaided["code"]) if unaided else None,
                ratings=tuple(
                    surveys.Rating(str(q["brand"]), q.get("measure", "favourability"), answers[q["code"]])
                    for q in likerts
                    if q["code"] in answers
                ),
                recommend=tuple(
                    (str(q["brand"]), answers[q["code"]]) for q in recommends if q["code"] in answers
                ),
                stratum=(response.district.code if response.district else "")
                if by_district
                else response.weight_group,
            )
        )
    strata = (
        tuple((code, Decimal(str(share))) for code, share in survey.population_shares.items())
        if weighted and survey.weighting_by
        else ()
    )
    return surveys.SurveyInputs(brands=specs, respondents=tuple(respondents), z=z, strata=strata)


def survey_results(
    *, actor: Any, survey: Survey, confidence: int = 95, weighted: bool = True
) -> SurveyResults:
    """Per-brand indices over the valid responses, with n and intervals at `confidence` (90, 95 or 99 %),
    post-stratified when the survey has population shares and `weighted`. Engine errors (a weighting group
    without respondents …) are a 422 `evaluation_inputs_invalid` naming the field and rule."""
    survey = survey_get(actor=actor, pk=survey.pk)
    if confidence not in CONFIDENCE_Z:
        raise EvaluationInputsInvalid([("confidence", "invalid_option")])
    brands = sorted(survey.brands.all(), key=lambda b: (b.name, b.pk))
    responses = list(
        SurveyResponse.objects.filter(survey=survey, status=SurveyResponseStatus.VALID)
        .select_related("district")
        .order_by("submitted_at", "pk")
    )
    counts = dict(
        SurveyResponse.objects.filter(survey=survey).values_list("status").annotate(n=Count("pk")).order_by()
    )
    z = CONFIDENCE_Z[confidence]
    inputs = survey_engine_inputs(
        survey=survey,
        brands=brands,
        responses=responses,
        z=z,
        weighted=weighted and bool(survey.weighting_by),
    )
    try:
        result = surveys.survey_indices(inputs)
    except surveys.InputErrors as exc:
        raise EvaluationInputsInvalid(exc.pairs()) from exc
    by_key = {str(b.pk): b for b in brands}
    return SurveyResults(
        survey=survey,
        counts={status: counts.get(status, 0) for status in SurveyResponseStatus.values},
        confidence=confidence,
        z=z,
        weighted=result.weighted,
        brands=[SurveyBrandIndices(by_key[r.key], r) for r in result.brands],
        result=result,
        engine_version=result.engine_version,
    )


# ---------------------------------------------------------------- feeding the strength indicators

# survey measure → the strength indicators (engines/strength/systems) it supplies, in the indicator's unit:
# aided awareness as per cent (`customer.awareness` of iso20671, `intangible.brand_awareness` of the GB/T
# 29186 systems), and satisfaction as a 0–100 index = (mean − 1) / 4 × 100 (`customer.satisfaction`,
# `service.customer_satisfaction`, both Direct 0–100). `customer.loyalty` (repeat purchase within a year) is
# behaviour, which a survey of intentions does not measure: it is not fed.
INDICATOR_MEASURES = {
    "customer.awareness": "aided",
    "intangible.brand_awareness": "aided",
    "customer.satisfaction": "satisfaction",
    "service.customer_satisfaction": "satisfaction",
}


@dataclass(frozen=True)
class StakeholderIndicatorSource:
    code: str  # the strength indicator
    value: Decimal  # in the indicator's unit, rounded half-up to 0.01
    lower: Decimal | None  # the interval in the same unit
    upper: Decimal | None
    measure: str  # "aided" or "satisfaction"
    n: int
    survey_id: int
    survey_title: str
    closed_at: datetime.datetime
    weighted: bool
    is_demo: bool
    engine_version: str


@dataclass(frozen=True)
class StakeholderIndicators:
    brand_id: int
    as_of: datetime.date
    values: dict[str, Decimal]  # indicator code → value, for `strength_compute(inputs={"values": …})`
    sources: list[StakeholderIndicatorSource]


def _to_index(mean: Decimal | None) -> Decimal | None:
    return None if mean is None else ((mean - 1) / 4 * 100).quantize(CENT, ROUND_HALF_UP)


def survey_stakeholder_indicators(*, brand: Brand, as_of: datetime.date) -> StakeholderIndicators:
    """The customer/stakeholder indicator values a brand's closed surveys give, as of `as_of`: for each
    indicator, the most recently closed survey (closed on or before `as_of`, Asia/Shanghai) that measured it
    for the brand. Published survey results are public, so this read takes no actor. A survey whose
    weighting cannot be applied (a group without respondents) is read unweighted and says so."""
    closed = (
        Survey.objects.filter(brands=brand, status=SurveyStatus.CLOSED, closed_at__date__lte=as_of)
        .prefetch_related("brands")
        .order_by("-closed_at", "-pk")[:FEED_SURVEYS]
    )
    values: dict[str, Decimal] = {}
    sources: list[StakeholderIndicatorSource] = []
    for survey in closed:
        missing = [code for code in INDICATOR_MEASURES if code not in values]
        if not missing:
            break
        brands = list(survey.brands.all())
        responses = list(
            SurveyResponse.objects.filter(survey=survey, status=SurveyResponseStatus.VALID)
            .select_related("district")
            .order_by("submitted_at", "pk")
        )
        result = None
        for weighted in (bool(survey.weighting_by), False):
            try:
                inputs = survey_engine_inputs(
                    survey=survey, brands=brands, responses=responses, z=CONFIDENCE_Z[95], weighted=weighted
                )
                result = surveys.survey_indices(inputs)
                break
            except surveys.InputErrors:
                continue
        found = result.brand(str(brand.pk)) if result else None
        if result is None or found is None:
            continue
        for code in missing:
            source = _feed(code, found, survey, result)
            if source is not None:
                values[code] = source.value
                sources.append(source)
    return StakeholderIndicators(brand_id=brand.pk, as_of=as_of, values=values, sources=sources)


def _feed(
    code: str, found: surveys.BrandResult, survey: Survey, result: surveys.SurveyResult
) -> StakeholderIndicatorSource | None:
    measure = INDICATOR_MEASURES[code]
    mean = found.rating("satisfaction")
    lower: Decimal | None
    upper: Decimal | None
    if measure == "aided" and found.aided is not None:
        value, lower, upper, n = found.aided.percent, found.aided.lower, found.aided.upper, found.aided.n
    elif measure == "satisfaction" and mean is not None:
        value = ((mean.mean_unrounded - 1) / 4 * 100).quantize(CENT, ROUND_HALF_UP)
        lower, upper, n = _to_index(mean.lower_unrounded), _to_index(mean.upper_unrounded), mean.n
    else:
        return None
    return StakeholderIndicatorSource(
        code=code,
        value=value,
        lower=lower,
        upper=upper,
        measure=measure,
        n=n,
        survey_id=survey.pk,
        survey_title=survey.title,
        closed_at=survey.closed_at or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        weighted=result.weighted,
        is_demo=survey.is_demo,
        engine_version=result.engine_version,
    )
