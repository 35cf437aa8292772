"""Evaluation cycle API schemas: one In/Out pair per endpoint (shared shapes are subclassed and named for their
endpoint), every field listed. Money is a decimal string in 元; numbers in inputs are checked by the services,
so a bad one is a 422 naming the field and the rule."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema

from pinpai.evaluation.schemas.common import DecimalStr

Number = str | int | float | None  # parsed exactly by the services (a float through its shortest form)


# ---------------------------------------------------------------- cycles


class CycleListIn(Schema):
    year: int | None = Field(None, ge=2016, le=2100)
    pillar: str | None = Field(None, max_length=40, description="pillar code, e.g. agri-processed")
    status: str | None = Field(None, max_length=12)


class _CycleOut(Schema):
    id: int
    year: int
    pillar: str = Field(alias="pillar.code")
    pillar_name: str = Field(alias="pillar.name")
    tier: str = Field(alias="tier.code")
    tier_name: str = Field(alias="tier.name")
    title: str
    status: str
    system_code: str
    system_version: str
    valuation_method: str
    applications_open_on: datetime.date
    applications_close_on: datetime.date
    reference_date: datetime.date
    notice_days: int
    notice_starts_on: datetime.date | None
    notice_ends_on: datetime.date | None
    min_experts: int
    trim: int


class CycleListOut(_CycleOut):
    """CycleListOut: one cycle of the list."""


class CycleGetOut(_CycleOut):
    call_text: str
    valuation_parameters: dict[str, Any]
    published_at: datetime.datetime | None


class CycleCreateIn(Schema):
    year: int = Field(ge=2016, le=2100)
    pillar: str = Field(max_length=40, description="pillar code")
    tier: str = Field(max_length=40, description="level (tier) code, e.g. regional")
    title: str = Field(min_length=1, max_length=200)
    call_text: str = Field("", max_length=20000)
    system_code: str = Field(
        max_length=60, description="a GB/T 29186 indicator system, e.g. gbt29186-agri-regional"
    )
    system_version: str | None = Field(None, max_length=20, description="default: the latest")
    valuation_method: str = Field(
        max_length=40, description="royalty_relief, excess_earnings, income_split, regional_public_brand"
    )
    valuation_parameters: dict[str, Any] = Field(
        description="the method's inputs shared by every application (royalty range, tax rate, discount rate …)"
    )
    applications_open_on: datetime.date
    applications_close_on: datetime.date
    reference_date: datetime.date = Field(description="certificates must be valid on this day")
    notice_days: int = Field(7, ge=1, le=60)
    min_experts: int = Field(3, ge=1, le=50)
    trim: int = Field(1, ge=0, le=10)


class CycleCreateOut(CycleGetOut):
    """CycleCreateOut: the cycle as created (a draft)."""


class CycleOpenOut(_CycleOut):
    """CycleOpenOut: the cycle after the step."""


class CycleCloseOut(_CycleOut):
    """CycleCloseOut: the cycle after the step."""


class CycleScoringStartOut(_CycleOut):
    """CycleScoringStartOut: the cycle after the step."""


class CycleReviewStartOut(_CycleOut):
    """CycleReviewStartOut: the cycle after the step."""


class CycleNoticeStartOut(_CycleOut):
    """CycleNoticeStartOut: the cycle after the step, with its notice window."""


class CyclePublishOut(_CycleOut):
    """CyclePublishOut: the cycle after publication."""


class CycleArchiveOut(_CycleOut):
    """CycleArchiveOut: the cycle after the step."""


class PanelMemberAddIn(Schema):
    expert: str = Field(min_length=1, max_length=150, description="the expert's user name")


class PanelMemberAddOut(Schema):
    id: int
    cycle: int = Field(alias="cycle_id")
    expert: str = Field(alias="expert.username")


class RankingListOut(Schema):
    rank: int
    application_id: int
    brand_id: int
    brand_name: str
    enterprise_name: str
    strength_index: DecimalStr
    strength_score_1000: DecimalStr
    value_yuan: DecimalStr


# ---------------------------------------------------------------- applications


class ApplicationListIn(Schema):
    cycle: int | None = Field(None, ge=1, le=2**63 - 1)
    status: str | None = Field(None, max_length=12)


class _ApplicationOut(Schema):
    id: int
    cycle: int = Field(alias="cycle_id")
    brand: int = Field(alias="brand_id")
    brand_name: str = Field(alias="brand.name")
    applicant: int = Field(alias="applicant_id")
    status: str
    status_reason: str
    submitted_at: datetime.datetime | None


class ApplicationListOut(_ApplicationOut):
    """ApplicationListOut: one application of the list."""


class FinancialYearOut(Schema):
    year: int
    revenue_yuan: DecimalStr
    operating_profit_yuan: DecimalStr
    brand_revenue_yuan: DecimalStr


class ApplicationGetOut(_ApplicationOut):
    submission_count: int
    indicator_values: dict[str, Any]
    financial_years: list[FinancialYearOut]


class ApplicationCreateIn(Schema):
    cycle: int = Field(ge=1, le=2**63 - 1)
    brand: int = Field(ge=1, le=2**63 - 1)


class ApplicationCreateOut(_ApplicationOut):
    """ApplicationCreateOut: the new draft application."""


class FinancialYearIn(Schema):
    year: int | None = None
    revenue_yuan: Number = None
    operating_profit_yuan: Number = None
    brand_revenue_yuan: Number = None


class ApplicationFinancialsSetIn(Schema):
    years: list[FinancialYearIn] = Field(
        max_length=20, description="3–5 consecutive years ending last year, in 元"
    )


class ApplicationFinancialsSetOut(ApplicationGetOut):
    """ApplicationFinancialsSetOut: the application with its financial years."""


class EligibilityLineOut(Schema):
    rule: str
    rule_name: str
    outcome: str
    reason: str
    reason_text: str
    details: dict[str, Any]


class EligibilityReportOut(Schema):
    application_id: int
    attempt: int
    rules_version: str
    evaluated_at: datetime.datetime | None
    eligible: bool | None
    lines: list[EligibilityLineOut]


class ApplicationSubmitOut(_ApplicationOut):
    """ApplicationSubmitOut: the application after the gate (eligible or ineligible); see /eligibility."""


class ApplicationAssignIn(Schema):
    intermediary: int = Field(ge=1, le=2**63 - 1, description="id of the evaluation intermediary")


class ApplicationAssignOut(Schema):
    application: int = Field(alias="application_id")
    intermediary: int = Field(alias="intermediary_id")


class ApplicationVerifyIn(Schema):
    indicator_values: dict[str, Any] = Field(description="raw values of the indicators measured from data")
    notes: str = Field("", max_length=5000)


class ApplicationVerifyOut(_ApplicationOut):
    indicator_values: dict[str, Any]


class ConflictDeclareIn(Schema):
    has_conflict: bool
    note: str = Field("", max_length=500)


class ConflictDeclareOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    has_conflict: bool
    note: str
    declared_at: datetime.datetime = Field(alias="created_at")


class ExpertScoreSubmitIn(Schema):
    scores: dict[str, Any] = Field(description="panel indicator code → score 0–100 (at most two decimals)")


class ExpertScoreOut(Schema):
    indicator_code: str
    score: DecimalStr


class ExpertScoreSubmitOut(Schema):
    application: int = Field(alias="application.pk")
    scores: list[ExpertScoreOut]


class ApplicationScoreOut(Schema):
    application: int = Field(alias="application_id")
    strength_index: DecimalStr
    strength_score_1000: DecimalStr
    value_yuan: DecimalStr
    strength_engine_version: str
    valuation_engine_version: str


class ApplicationReasonIn(Schema):
    reason: str = Field("", max_length=1000)


class ApplicationApproveIn(ApplicationReasonIn):
    """ApplicationApproveIn: an optional note."""


class ApplicationApproveOut(_ApplicationOut):
    """ApplicationApproveOut: the application after the step."""


class ApplicationReturnIn(ApplicationReasonIn):
    """ApplicationReturnIn: the reason (required)."""


class ApplicationReturnOut(_ApplicationOut):
    """ApplicationReturnOut: the application after the step."""


class ApplicationWithdrawIn(ApplicationReasonIn):
    """ApplicationWithdrawIn: the reason (required)."""


class ApplicationWithdrawOut(_ApplicationOut):
    """ApplicationWithdrawOut: the application after the step."""


# ---------------------------------------------------------------- the derivation


class PanelLineOut(Schema):
    code: str
    name: str
    scores: list[tuple[str, DecimalStr]]
    kept: list[DecimalStr]
    dropped: list[DecimalStr]
    mean: DecimalStr
    mean_unrounded: DecimalStr
    minimum: DecimalStr
    maximum: DecimalStr
    std_dev: DecimalStr
    formula: str


class IndicatorLineOut(Schema):
    code: str
    name: str
    source: str
    value: Any
    effective_weight: DecimalStr
    score: DecimalStr
    contribution: DecimalStr


class StepLineOut(Schema):
    code: str
    label: str
    formula: str
    value: DecimalStr


class ResultDerivationOut(Schema):
    application_id: int
    brand_name: str
    enterprise_name: str
    cycle_title: str
    status: str
    rank: int | None
    system_code: str
    system_version: str
    panel: list[PanelLineOut]
    indicators: list[IndicatorLineOut]
    strength_steps: list[StepLineOut]
    strength_index: DecimalStr
    strength_score_1000: DecimalStr
    strength_index_unrounded: DecimalStr
    strength_engine_version: str
    valuation_method: str
    valuation_inputs: dict[str, Any]
    valuation_steps: list[StepLineOut]
    value_yuan: DecimalStr
    value_unrounded: DecimalStr
    valuation_engine_version: str
    reproduced: bool
    recomputed_strength_index: DecimalStr | None
    recomputed_value_yuan: DecimalStr | None
    current_engine_versions: list[str]
    mismatches: list[str]


# ---------------------------------------------------------------- objections


class ObjectionFileIn(Schema):
    text: str = Field(max_length=4000)
    contact_name: str = Field("", max_length=50)
    contact: str = Field("", max_length=100)


class _ObjectionOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    status: str
    filed_at: datetime.datetime = Field(alias="created_at")


class ObjectionFileOut(_ObjectionOut):
    """ObjectionFileOut: the objection as filed (open)."""


class ObjectionListIn(Schema):
    application: int | None = Field(None, ge=1, le=2**63 - 1)


class ObjectionListOut(_ObjectionOut):
    text: str
    decision_reason: str
    decided_at: datetime.datetime | None


class ObjectionDecideIn(Schema):
    upheld: bool
    reason: str = Field(max_length=1000)


class ObjectionDecideOut(_ObjectionOut):
    decision_reason: str
    decided_at: datetime.datetime | None


# ---------------------------------------------------------------- benchmarking


class BenchmarkLineOut(Schema):
    code: str
    name: str = Field(description="in the request's language")
    effective_weight: DecimalStr = Field(description="the indicator's share of the strength index")
    score: DecimalStr = Field(description="the brand's score, 0–100")
    peer_count: int = Field(description="peers with a score for this indicator")
    percentile: DecimalStr | None = Field(description="the brand's mid-rank percentile among the peers")
    top_decile: DecimalStr | None = Field(description="the peers' 90th percentile score (PERCENTILE.INC)")
    gap: DecimalStr | None = Field(description="top decile − score, never negative")
    weighted_gap: DecimalStr | None = Field(description="effective weight × gap: index points to gain")


class BenchmarkActionOut(Schema):
    rank: int = Field(description="1 = the largest weighted gap")
    code: str
    name: str
    score: DecimalStr
    target: DecimalStr = Field(description="the peers' top-decile score")
    weighted_gap: DecimalStr


class ApplicationBenchmarkOut(Schema):
    application_id: int
    brand: str
    cycle: str
    system_code: str
    system_version: str
    strength_index: DecimalStr
    peer_count: int = Field(description="other results of the same cycle and indicator system")
    lines: list[BenchmarkLineOut]
    actions: list[BenchmarkActionOut]
    engine_version: str
