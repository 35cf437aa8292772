"""Consumer and stakeholder surveys: staff manage surveys and read their per-brand indices; the public reads an
open questionnaire by its token and submits a response.

Staff endpoints need a token or a session (403 `permission_denied` outside the running unit; a survey of
another unit is a 404 `survey_not_found`). Public ones need nothing; a response with a bad answer is a 422
`survey_response_invalid` naming every `answers.<code>` and its rule.
"""

from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Query
from ninja.pagination import paginate

from pinpai.api.auth import optional_bearer, signed_in
from pinpai.evaluation import selectors, services
from pinpai.evaluation.api.base import router
from pinpai.evaluation.exceptions import SurveyInvalid
from pinpai.evaluation.schemas.surveys import (
    SurveyCloseOut,
    SurveyCreateIn,
    SurveyCreateOut,
    SurveyFilterIn,
    SurveyGetOut,
    SurveyListOut,
    SurveyOpenOut,
    SurveyPublicGetOut,
    SurveyResponseRejectIn,
    SurveyResponseRejectOut,
    SurveyResponseSubmitIn,
    SurveyResponseSubmitOut,
    SurveyResultsIn,
    SurveyResultsOut,
    SurveyUpdateIn,
    SurveyUpdateOut,
)
from pinpai.registry.schemas.common import MAX_ID

TAGS = ["surveys"]
RowId = PathEx[int, P(ge=1, le=MAX_ID)]
Token = PathEx[str, P(min_length=16, max_length=43, pattern=r"^[A-Za-z0-9_-]+$")]


def _brands(request: HttpRequest, ids: list[int]) -> list[Any]:
    found = list(selectors.survey_brand_list(actor=request.user, ids=ids))
    missing = sorted(set(ids) - {b.pk for b in found})
    if missing:
        message = f"unknown brand ids {', '.join(str(i) for i in missing)}"
        raise SurveyInvalid(f"brands: {message}", extra={"errors": {"brands": [message]}})
    by_id = {b.pk: b for b in found}
    return [by_id[i] for i in dict.fromkeys(ids)]


def _organisation(request: HttpRequest, wanted: int | None) -> Any:
    units = selectors.survey_organisation_list(actor=request.user)
    if wanted is not None:
        found = units.filter(pk=wanted).first()
        if found is None:
            raise SurveyInvalid(
                f"organisation: you cannot run a survey for {wanted}",
                extra={"errors": {"organisation": ["not one of your units"]}},
            )
        return found
    mine = list(units[:2])
    if len(mine) != 1:
        raise SurveyInvalid(
            "organisation: say which department or district government runs the survey",
            extra={"errors": {"organisation": ["required"]}},
        )
    return mine[0]


# ---------------------------------------------------------------- staff


@router.get("/surveys", response=list[SurveyListOut], operation_id="survey_list", auth=signed_in, tags=TAGS)
@paginate
def survey_list(request: HttpRequest, filters: Query[SurveyFilterIn]) -> Any:
    """The surveys of the caller's department or district government (all for a system administrator)."""
    return selectors.survey_list(actor=request.user, status=filters.status, purpose=filters.purpose)


@router.post(
    "/surveys", response={201: SurveyCreateOut}, operation_id="survey_create", auth=signed_in, tags=TAGS
)
def survey_create(request: HttpRequest, payload: SurveyCreateIn) -> Any:
    """Draft a survey: the brands under study and the questionnaire (validated; 422 `survey_invalid`)."""
    return services.survey_create(
        actor=request.user,
        organisation=_organisation(request, payload.organisation),
        title=payload.title,
        description=payload.description,
        purpose=payload.purpose,
        brands=_brands(request, payload.brands),
        brand_aliases=payload.brand_aliases,
        questions=payload.questions,
        open_from=payload.open_from,
        open_to=payload.open_to,
        weighting_by=payload.weighting_by,
        population_shares=payload.population_shares,
        is_demo=payload.is_demo,
    )


@router.get(
    "/surveys/{survey_id}", response=SurveyGetOut, operation_id="survey_get", auth=signed_in, tags=TAGS
)
def survey_get(request: HttpRequest, survey_id: RowId) -> Any:
    return selectors.survey_get(actor=request.user, pk=survey_id)


@router.patch(
    "/surveys/{survey_id}",
    response=SurveyUpdateOut,
    operation_id="survey_update",
    auth=signed_in,
    tags=TAGS,
)
def survey_update(request: HttpRequest, survey_id: RowId, payload: SurveyUpdateIn) -> Any:
    """Edit a draft (409 `survey_transition_not_allowed` once opened); only the fields sent change."""
    survey = selectors.survey_get(actor=request.user, pk=survey_id)
    fields = payload.model_dump(exclude_unset=True)
    brand_ids = fields.pop("brands", None)
    return services.survey_update(
        actor=request.user,
        survey=survey,
        brands=_brands(request, brand_ids) if brand_ids is not None else None,
        **fields,
    )


@router.post(
    "/surveys/{survey_id}/open",
    response=SurveyOpenOut,
    operation_id="survey_open",
    auth=signed_in,
    tags=TAGS,
)
def survey_open(request: HttpRequest, survey_id: RowId) -> Any:
    """Publish the questionnaire at its link (and QR code)."""
    survey = selectors.survey_get(actor=request.user, pk=survey_id)
    return services.survey_open(actor=request.user, survey=survey)


@router.post(
    "/surveys/{survey_id}/close",
    response=SurveyCloseOut,
    operation_id="survey_close",
    auth=signed_in,
    tags=TAGS,
)
def survey_close(request: HttpRequest, survey_id: RowId) -> Any:
    survey = selectors.survey_get(actor=request.user, pk=survey_id)
    return services.survey_close(actor=request.user, survey=survey)


@router.get(
    "/surveys/{survey_id}/results",
    response=SurveyResultsOut,
    operation_id="survey_results",
    auth=signed_in,
    tags=TAGS,
)
def survey_results(request: HttpRequest, survey_id: RowId, filters: Query[SurveyResultsIn]) -> Any:
    """Per-brand awareness, recognition and recommendation with n, Kish n_eff and intervals, the
    awareness-recognition index and every step, over the valid responses."""
    survey = selectors.survey_get(actor=request.user, pk=survey_id)
    return selectors.survey_results(
        actor=request.user, survey=survey, confidence=filters.confidence, weighted=filters.weighted
    )


@router.post(
    "/surveys/{survey_id}/responses/{response_id}/reject",
    response=SurveyResponseRejectOut,
    operation_id="survey_response_reject",
    auth=signed_in,
    tags=TAGS,
)
def survey_response_reject(
    request: HttpRequest, survey_id: RowId, response_id: RowId, payload: SurveyResponseRejectIn
) -> Any:
    """Take a valid response out of the results, with a reason (audited)."""
    survey = selectors.survey_get(actor=request.user, pk=survey_id)
    response = selectors.survey_response_get(actor=request.user, survey=survey, pk=response_id)
    return services.survey_response_reject(actor=request.user, response=response, reason=payload.reason)


# ---------------------------------------------------------------- public


@router.get(
    "/s/{token}",
    response=SurveyPublicGetOut,
    operation_id="survey_get_public",
    auth=optional_bearer,
    tags=TAGS,
)
def survey_get_public(request: HttpRequest, token: Token) -> Any:
    """The questionnaire behind a link (an open or closed survey; a draft is a 404)."""
    return selectors.survey_get_public(token=token)


@router.post(
    "/s/{token}/responses",
    response={201: SurveyResponseSubmitOut},
    operation_id="survey_response_submit",
    auth=optional_bearer,
    tags=TAGS,
)
def survey_response_submit(request: HttpRequest, token: Token, payload: SurveyResponseSubmitIn) -> Any:
    """Answer the questionnaire. A second answer from the same respondent (same phone, reference, or browser
    session and user agent) is stored as `duplicate` and not counted; a closed survey is a 409
    `survey_not_open`; repeated resubmission a 429 `survey_response_too_many`."""
    survey = selectors.survey_get_public(token=token)
    if not request.session.session_key:
        request.session.save()  # a session key to tell a browser's second answer from a first one
    return services.survey_response_submit(
        actor=request.user,
        survey=survey,
        answers=payload.answers,
        respondent=services.RespondentKey(
            session_key=request.session.session_key or "",
            user_agent=request.headers.get("User-Agent", "")[:500],
            phone=payload.phone,
            reference=payload.reference,
        ),
        district_code=payload.district,
        weight_group=payload.weight_group,
    )
