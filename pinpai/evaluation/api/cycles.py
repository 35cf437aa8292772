"""Evaluation cycles (评价周期): the annual call, applications, the eligibility gate, verification, the expert
panel, scoring, public notice and objections, publication and rankings.

Reads take an optional bearer token (the public sees opened cycles, published results and rankings); writes
need a token or a session, except filing an objection, which anyone may do during the notice. A row the
caller may not see is a 404; a step the caller may not take a 403; a step the status does not allow a 409
(`cycle_transition_not_allowed`, `application_transition_not_allowed` …); bad input a 422 naming each field
and rule (`application_invalid`, `expert_score_invalid` …).
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from pinpai.api.auth import optional_bearer, signed_in
from pinpai.evaluation.api.base import router
from pinpai.evaluation.schemas.cycles import (
    ApplicationApproveIn,
    ApplicationApproveOut,
    ApplicationAssignIn,
    ApplicationAssignOut,
    ApplicationBenchmarkOut,
    ApplicationCreateIn,
    ApplicationCreateOut,
    ApplicationFinancialsSetIn,
    ApplicationFinancialsSetOut,
    ApplicationGetOut,
    ApplicationListIn,
    ApplicationListOut,
    ApplicationReturnIn,
    ApplicationReturnOut,
    ApplicationScoreOut,
    ApplicationSubmitOut,
    ApplicationVerifyIn,
    ApplicationVerifyOut,
    ApplicationWithdrawIn,
    ApplicationWithdrawOut,
    ConflictDeclareIn,
    ConflictDeclareOut,
    CycleArchiveOut,
    CycleCloseOut,
    CycleCreateIn,
    CycleCreateOut,
    CycleGetOut,
    CycleListIn,
    CycleListOut,
    CycleNoticeStartOut,
    CycleOpenOut,
    CyclePublishOut,
    CycleReviewStartOut,
    CycleScoringStartOut,
    EligibilityReportOut,
    ExpertScoreSubmitIn,
    ExpertScoreSubmitOut,
    ObjectionDecideIn,
    ObjectionDecideOut,
    ObjectionFileIn,
    ObjectionFileOut,
    ObjectionListIn,
    ObjectionListOut,
    PanelMemberAddIn,
    PanelMemberAddOut,
    RankingListOut,
    ResultDerivationOut,
)
from pinpai.evaluation.selectors import cycle_benchmark, cycle_derivation
from pinpai.evaluation.selectors import cycles as selectors
from pinpai.evaluation.services import cycle_applications, cycle_scoring
from pinpai.evaluation.services import cycles as services
from pinpai.registry.api.base import RowId

CYCLES = ["evaluation-cycles"]
APPLICATIONS = ["evaluation-applications"]


# ---------------------------------------------------------------- cycles


@router.get(
    "/evaluation-cycles",
    response=list[CycleListOut],
    operation_id="cycle_list",
    auth=optional_bearer,
    tags=CYCLES,
)
@paginate
def cycle_list(request: HttpRequest, filters: Query[CycleListIn]) -> Any:
    """Cycles the caller may see (the public: every cycle once opened), newest year first."""
    return selectors.cycle_list(
        actor=request.user, year=filters.year, pillar_code=filters.pillar, status=filters.status
    )


@router.post(
    "/evaluation-cycles",
    response={201: CycleCreateOut},
    operation_id="cycle_create",
    auth=signed_in,
    tags=CYCLES,
)
def cycle_create(request: HttpRequest, payload: CycleCreateIn) -> Any:
    """Draft a cycle for a pillar and level (departments leading or cooperating on the pillar)."""
    pillar, tier = selectors.cycle_reference_get(pillar_code=payload.pillar, tier_code=payload.tier)
    return services.cycle_create(
        actor=request.user, year=payload.year, pillar=pillar, tier=tier, title=payload.title,
        call_text=payload.call_text, system_code=payload.system_code, system_version=payload.system_version,
        valuation_method=payload.valuation_method, valuation_parameters=payload.valuation_parameters,
        applications_open_on=payload.applications_open_on, applications_close_on=payload.applications_close_on,
        reference_date=payload.reference_date, notice_days=payload.notice_days, min_experts=payload.min_experts,
        trim=payload.trim,
    )  # fmt: skip


@router.get(
    "/evaluation-cycles/{cycle_id}",
    response=CycleGetOut,
    operation_id="cycle_get",
    auth=optional_bearer,
    tags=CYCLES,
)
def cycle_get(request: HttpRequest, cycle_id: RowId) -> Any:
    """One cycle with its call and valuation parameters."""
    return selectors.cycle_get(actor=request.user, pk=cycle_id)


def _cycle_step(request: HttpRequest, cycle_id: int, step: Any) -> Any:
    return step(actor=request.user, cycle=selectors.cycle_get(actor=request.user, pk=cycle_id))


@router.post(
    "/evaluation-cycles/{cycle_id}/open",
    response=CycleOpenOut,
    operation_id="cycle_open",
    auth=signed_in,
    tags=CYCLES,
)
def cycle_open(request: HttpRequest, cycle_id: RowId) -> Any:
    """draft → open: enterprises may apply within the application window."""
    return _cycle_step(request, cycle_id, services.cycle_open)


@router.post(
    "/evaluation-cycles/{cycle_id}/close", response=CycleCloseOut, operation_id="cycle_close", auth=signed_in,
    tags=CYCLES,
)  # fmt: skip
def cycle_close(request: HttpRequest, cycle_id: RowId) -> Any:
    """open → closed: no more applications."""
    return _cycle_step(request, cycle_id, services.cycle_close)


@router.post(
    "/evaluation-cycles/{cycle_id}/scoring", response=CycleScoringStartOut, operation_id="cycle_scoring_start",
    auth=signed_in, tags=CYCLES,
)  # fmt: skip
def cycle_scoring_start(request: HttpRequest, cycle_id: RowId) -> Any:
    """closed → scoring: the panel (at least the cycle's minimum of experts) scores verified applications."""
    return _cycle_step(request, cycle_id, services.cycle_scoring_start)


@router.post(
    "/evaluation-cycles/{cycle_id}/review", response=CycleReviewStartOut, operation_id="cycle_review_start",
    auth=signed_in, tags=CYCLES,
)  # fmt: skip
def cycle_review_start(request: HttpRequest, cycle_id: RowId) -> Any:
    """scoring → review: every application still running has been scored and valued."""
    return _cycle_step(request, cycle_id, services.cycle_review_start)


@router.post(
    "/evaluation-cycles/{cycle_id}/notice", response=CycleNoticeStartOut, operation_id="cycle_notice_start",
    auth=signed_in, tags=CYCLES,
)  # fmt: skip
def cycle_notice_start(request: HttpRequest, cycle_id: RowId) -> Any:
    """review → notice: the approved results go on public notice (公示) from today."""
    return _cycle_step(request, cycle_id, services.cycle_notice_start)


@router.post(
    "/evaluation-cycles/{cycle_id}/publish", response=CyclePublishOut, operation_id="cycle_publish",
    auth=signed_in, tags=CYCLES,
)  # fmt: skip
def cycle_publish(request: HttpRequest, cycle_id: RowId) -> Any:
    """notice → published, after the notice and with every objection decided; ranks by brand value."""
    return _cycle_step(request, cycle_id, services.cycle_publish)


@router.post(
    "/evaluation-cycles/{cycle_id}/archive", response=CycleArchiveOut, operation_id="cycle_archive",
    auth=signed_in, tags=CYCLES,
)  # fmt: skip
def cycle_archive(request: HttpRequest, cycle_id: RowId) -> Any:
    """published → archived."""
    return _cycle_step(request, cycle_id, services.cycle_archive)


@router.post(
    "/evaluation-cycles/{cycle_id}/panel", response={201: PanelMemberAddOut}, operation_id="panel_member_add",
    auth=signed_in, tags=CYCLES,
)  # fmt: skip
def panel_member_add(request: HttpRequest, cycle_id: RowId, payload: PanelMemberAddIn) -> Any:
    """Put an expert on the cycle's panel."""
    cycle = selectors.cycle_get(actor=request.user, pk=cycle_id)
    expert = selectors.expert_get(username=payload.expert)
    return services.panel_member_add(actor=request.user, cycle=cycle, expert=expert)


@router.get(
    "/evaluation-cycles/{cycle_id}/rankings", response=list[RankingListOut], operation_id="ranking_list",
    auth=optional_bearer, tags=CYCLES,
)  # fmt: skip
def ranking_list(request: HttpRequest, cycle_id: RowId) -> Any:
    """The published ranking of the cycle's pillar, level and year, by brand value (empty before publication)."""
    return selectors.ranking_list(cycle=selectors.cycle_get(actor=request.user, pk=cycle_id))


# ---------------------------------------------------------------- applications


@router.get(
    "/evaluation-applications", response=list[ApplicationListOut], operation_id="application_list",
    auth=optional_bearer, tags=APPLICATIONS,
)  # fmt: skip
@paginate
def application_list(request: HttpRequest, filters: Query[ApplicationListIn]) -> Any:
    """Applications the caller may see: their own, their pillars', assigned to their intermediary, on their panel;
    the public sees published ones."""
    return selectors.application_list(actor=request.user, cycle_id=filters.cycle, status=filters.status)


@router.post(
    "/evaluation-applications", response={201: ApplicationCreateOut}, operation_id="application_create",
    auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_create(request: HttpRequest, payload: ApplicationCreateIn) -> Any:
    """Start a draft application of one of the caller's brands to an open cycle."""
    cycle = selectors.cycle_get(actor=request.user, pk=payload.cycle)
    brand = selectors.application_brand_get(actor=request.user, pk=payload.brand)
    return cycle_applications.application_create(actor=request.user, cycle=cycle, brand=brand)


@router.get(
    "/evaluation-applications/{application_id}", response=ApplicationGetOut, operation_id="application_get",
    auth=optional_bearer, tags=APPLICATIONS,
)  # fmt: skip
def application_get(request: HttpRequest, application_id: RowId) -> Any:
    """One application with its financial years and verified indicator values."""
    return selectors.application_get(actor=request.user, pk=application_id)


def _application(request: HttpRequest, application_id: int) -> Any:
    return selectors.application_get(actor=request.user, pk=application_id)


@router.put(
    "/evaluation-applications/{application_id}/financials", response=ApplicationFinancialsSetOut,
    operation_id="application_financials_set", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_financials_set(
    request: HttpRequest, application_id: RowId, payload: ApplicationFinancialsSetIn
) -> Any:
    """Replace the financial years (revenue, operating profit, revenue under the brand, in 元)."""
    application = cycle_applications.application_financials_set(
        actor=request.user,
        application=_application(request, application_id),
        years=[year.model_dump(exclude_unset=True) for year in payload.years],
    )
    return selectors.application_get(actor=request.user, pk=application.pk)


@router.post(
    "/evaluation-applications/{application_id}/submit", response=ApplicationSubmitOut,
    operation_id="application_submit", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_submit(request: HttpRequest, application_id: RowId) -> Any:
    """Submit through the eligibility gate: eligible when no rule fails (an unknown outcome does not block)."""
    return cycle_applications.application_submit(
        actor=request.user, application=_application(request, application_id)
    )


@router.get(
    "/evaluation-applications/{application_id}/eligibility", response=EligibilityReportOut,
    operation_id="eligibility_report", auth=optional_bearer, tags=APPLICATIONS,
)  # fmt: skip
def eligibility_report(request: HttpRequest, application_id: RowId) -> Any:
    """Every rule of the gate at the latest submission: outcome (pass, fail, unknown) and reason."""
    return selectors.eligibility_report(actor=request.user, application=_application(request, application_id))


@router.post(
    "/evaluation-applications/{application_id}/assign", response=ApplicationAssignOut,
    operation_id="application_assign", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_assign(request: HttpRequest, application_id: RowId, payload: ApplicationAssignIn) -> Any:
    """Assign an eligible application to the evaluation intermediary that verifies its data."""
    return cycle_applications.application_assign(
        actor=request.user,
        application=_application(request, application_id),
        intermediary=selectors.intermediary_get(pk=payload.intermediary),
    )


@router.post(
    "/evaluation-applications/{application_id}/verify", response=ApplicationVerifyOut,
    operation_id="application_verify", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_verify(request: HttpRequest, application_id: RowId, payload: ApplicationVerifyIn) -> Any:
    """The assigned intermediary enters the indicators measured from data; the data is locked from then on."""
    return cycle_applications.application_verify(
        actor=request.user,
        application=_application(request, application_id),
        indicator_values=payload.indicator_values,
        notes=payload.notes,
    )


@router.post(
    "/evaluation-applications/{application_id}/conflict", response={201: ConflictDeclareOut},
    operation_id="conflict_declare", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def conflict_declare(request: HttpRequest, application_id: RowId, payload: ConflictDeclareIn) -> Any:
    """A panel expert declares (once) whether they have a conflict of interest with the application."""
    return cycle_scoring.conflict_declare(
        actor=request.user,
        application=_application(request, application_id),
        has_conflict=payload.has_conflict,
        note=payload.note,
    )


@router.put(
    "/evaluation-applications/{application_id}/scores", response=ExpertScoreSubmitOut,
    operation_id="expert_score_submit", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def expert_score_submit(request: HttpRequest, application_id: RowId, payload: ExpertScoreSubmitIn) -> Any:
    """A panel expert's scores (0–100) of every panel indicator, replacing their earlier ones."""
    return cycle_scoring.expert_score_submit(
        actor=request.user, application=_application(request, application_id), scores=payload.scores
    )


@router.post(
    "/evaluation-applications/{application_id}/score", response=ApplicationScoreOut,
    operation_id="application_score", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_score(request: HttpRequest, application_id: RowId) -> Any:
    """Aggregate the panel, evaluate the strength index and value the brand; all stored with the engine versions."""
    return cycle_scoring.application_score(
        actor=request.user, application=_application(request, application_id)
    )


@router.post(
    "/evaluation-applications/{application_id}/approve", response=ApplicationApproveOut,
    operation_id="application_approve", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_approve(request: HttpRequest, application_id: RowId, payload: ApplicationApproveIn) -> Any:
    """Approve a valued application during the review."""
    return cycle_applications.application_approve(
        actor=request.user, application=_application(request, application_id), reason=payload.reason
    )


@router.post(
    "/evaluation-applications/{application_id}/return", response=ApplicationReturnOut,
    operation_id="application_return", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_return(request: HttpRequest, application_id: RowId, payload: ApplicationReturnIn) -> Any:
    """Send the application back to the applicant with a reason."""
    return cycle_applications.application_return(
        actor=request.user, application=_application(request, application_id), reason=payload.reason
    )


@router.post(
    "/evaluation-applications/{application_id}/withdraw", response=ApplicationWithdrawOut,
    operation_id="application_withdraw", auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def application_withdraw(request: HttpRequest, application_id: RowId, payload: ApplicationWithdrawIn) -> Any:
    """The applicant withdraws the application, with a reason."""
    return cycle_applications.application_withdraw(
        actor=request.user, application=_application(request, application_id), reason=payload.reason
    )


@router.get(
    "/evaluation-applications/{application_id}/derivation", response=ResultDerivationOut,
    operation_id="result_derivation", auth=optional_bearer, tags=APPLICATIONS,
)  # fmt: skip
def result_derivation(request: HttpRequest, application_id: RowId) -> Any:
    """How the result was reached, step by step from the stored inputs, and whether the engines reproduce it."""
    return cycle_derivation.result_derivation(actor=request.user, application=application_id)


@router.get(
    "/evaluation-applications/{application_id}/benchmark", response=ApplicationBenchmarkOut,
    operation_id="application_benchmark", auth=optional_bearer, tags=APPLICATIONS,
)  # fmt: skip
def application_benchmark(request: HttpRequest, application_id: RowId) -> Any:
    """标杆对比: the brand's indicator scores against the other results of its cycle — percentile, the peers'
    top decile, the gap, and improvement actions ranked by weighted gap (index points to gain)."""
    return cycle_benchmark.application_benchmark(actor=request.user, application=application_id)


# ---------------------------------------------------------------- objections


@router.post(
    "/evaluation-applications/{application_id}/objections", response={201: ObjectionFileOut},
    operation_id="objection_file", auth=optional_bearer, tags=APPLICATIONS,
)  # fmt: skip
def objection_file(request: HttpRequest, application_id: RowId, payload: ObjectionFileIn) -> Any:
    """Object to a result on public notice; without signing in, leave a name and a contact."""
    application = selectors.notice_application_get(actor=request.user, pk=application_id)
    return services.objection_file(
        actor=request.user, application=application, text=payload.text, contact_name=payload.contact_name,
        contact=payload.contact,
    )  # fmt: skip


@router.get(
    "/evaluation-objections", response=list[ObjectionListOut], operation_id="objection_list", auth=signed_in,
    tags=APPLICATIONS,
)  # fmt: skip
@paginate
def objection_list(request: HttpRequest, filters: Query[ObjectionListIn]) -> Any:
    """Objections the caller filed, or those of the cycles they manage."""
    return selectors.objection_list(actor=request.user, application_id=filters.application)


@router.post(
    "/evaluation-objections/{objection_id}/decide", response=ObjectionDecideOut, operation_id="objection_decide",
    auth=signed_in, tags=APPLICATIONS,
)  # fmt: skip
def objection_decide(request: HttpRequest, objection_id: RowId, payload: ObjectionDecideIn) -> Any:
    """Uphold (the application is returned) or reject an objection, with a reason."""
    return services.objection_decide(
        actor=request.user,
        objection=selectors.objection_get(actor=request.user, pk=objection_id),
        upheld=payload.upheld,
        reason=payload.reason,
    )
