"""Appraisal whitelist API schemas: one In/Out pair per endpoint, every field listed."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from pinpai.evaluation.models import (
    AppraisalCycle,
    AppraisalLevel,
    AppraisalStatus,
    AwardClaimDecision,
    AwardClaimStatus,
)
from pinpai.registry.schemas.common import MAX_ID, refuse_null

YEAR_MIN, YEAR_MAX = 1949, 2100

# ---------------------------------------------------------------- nested references


class AppraisalOrganiserRefOut(Schema):
    id: int
    name: str


class AppraisalRefOut(Schema):
    id: int
    name: str
    organiser_name: str
    status: str


class AppraisalBrandRefOut(Schema):
    id: int
    name: str
    owner: str = Field(alias="owner.organisation.name")


# ---------------------------------------------------------------- the register


class AppraisalFilterIn(Schema):
    level: AppraisalLevel | None = None
    status: AppraisalStatus | None = None
    valid_on: datetime.date | None = Field(None, description="sanctioned on this day (whatever the status)")
    q: str | None = Field(None, max_length=100, description="part of the name, organiser or document number")


class AppraisalListOut(Schema):
    id: int
    name: str
    organiser: AppraisalOrganiserRefOut | None
    organiser_name: str
    approving_authority: str
    approval_number: str
    level: str
    cycle: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str
    status_reason: str
    is_demo: bool


class AppraisalGetOut(Schema):
    id: int
    name: str
    organiser: AppraisalOrganiserRefOut | None
    organiser_name: str
    organiser_aliases: str
    approving_authority: str
    approval_number: str
    level: str
    cycle: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str
    status_reason: str
    status_changed_on: datetime.date | None
    scope_notes: str
    source_url: str
    source_text: str
    is_demo: bool


class AppraisalLookupIn(Schema):
    q: str = Field(min_length=1, max_length=200, description="the award or appraisal name as displayed")
    on: datetime.date | None = Field(None, description="the day asked about (today unless given)")


class AppraisalLookupAppraisalOut(Schema):
    id: int
    name: str
    organiser_name: str
    approving_authority: str
    approval_number: str
    level: str
    cycle: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str
    status_reason: str
    source_url: str


class AppraisalLookupMatchOut(Schema):
    appraisal: AppraisalLookupAppraisalOut
    answer: str = Field(
        description="sanctioned, suspended, revoked, expired or not_yet_valid on the day asked"
    )


class AppraisalLookupOut(Schema):
    query: str
    on: datetime.date
    answer: str = Field(description="the best answer of the matches (sanctioned first), or not_on_register")
    matches: list[AppraisalLookupMatchOut]


class AppraisalRegisterIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    organiser: int | None = Field(None, ge=1, le=MAX_ID, description="organisation id, if on the platform")
    organiser_name: str = Field(
        "", max_length=200, description="the organiser as listed (else the organisation's name)"
    )
    organiser_aliases: str = Field(
        "", max_length=2000, description="other names of the organiser, one a line"
    )
    approving_authority: str = Field(min_length=1, max_length=200)
    approval_number: str = Field(
        "", max_length=100, description="文号 of the approval or of the published list"
    )
    level: AppraisalLevel
    cycle: AppraisalCycle
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    scope_notes: str = Field("", max_length=5000)
    source_url: str = Field("", max_length=500)
    source_text: str = Field("", max_length=20000)


class AppraisalRegisterOut(Schema):
    id: int
    name: str
    organiser: AppraisalOrganiserRefOut | None
    organiser_name: str
    organiser_aliases: str
    approving_authority: str
    approval_number: str
    level: str
    cycle: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str
    status_reason: str
    status_changed_on: datetime.date | None
    scope_notes: str
    source_url: str
    source_text: str
    is_demo: bool


class AppraisalUpdateIn(Schema):
    """Only the fields sent are changed; `organiser: null` and `valid_to: null` clear them."""

    name: str | None = Field(None, min_length=1, max_length=200)
    organiser: int | None = Field(None, ge=1, le=MAX_ID)
    organiser_name: str | None = Field(None, min_length=1, max_length=200)
    organiser_aliases: str | None = Field(None, max_length=2000)
    approving_authority: str | None = Field(None, min_length=1, max_length=200)
    approval_number: str | None = Field(None, max_length=100)
    level: AppraisalLevel | None = None
    cycle: AppraisalCycle | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    scope_notes: str | None = Field(None, max_length=5000)
    source_url: str | None = Field(None, max_length=500)
    source_text: str | None = Field(None, max_length=20000)

    @field_validator(
        "name", "organiser_name", "organiser_aliases", "approving_authority", "approval_number", "level", "cycle",
        "valid_from", "scope_notes", "source_url", "source_text",
    )  # fmt: skip
    @classmethod
    def not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class AppraisalUpdateOut(Schema):
    id: int
    name: str
    organiser: AppraisalOrganiserRefOut | None
    organiser_name: str
    organiser_aliases: str
    approving_authority: str
    approval_number: str
    level: str
    cycle: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    status: str
    status_reason: str
    status_changed_on: datetime.date | None
    scope_notes: str
    source_url: str
    source_text: str
    is_demo: bool


class AppraisalSuspendIn(Schema):
    reason: str = Field(max_length=500, description="required")
    on: datetime.date | None = Field(None, description="the day it took effect (today unless given)")


class AppraisalSuspendOut(Schema):
    id: int
    status: str
    status_reason: str
    status_changed_on: datetime.date | None


class AppraisalReinstateIn(Schema):
    reason: str = Field("", max_length=500)
    on: datetime.date | None = None


class AppraisalReinstateOut(Schema):
    id: int
    status: str
    status_reason: str
    status_changed_on: datetime.date | None


class AppraisalRevokeIn(Schema):
    reason: str = Field(max_length=500, description="required")
    on: datetime.date | None = None


class AppraisalRevokeOut(Schema):
    id: int
    status: str
    status_reason: str
    status_changed_on: datetime.date | None


# ---------------------------------------------------------------- awards


class AppraisalAwardListOut(Schema):
    id: int
    appraisal: AppraisalRefOut
    brand: AppraisalBrandRefOut
    year: int
    edition: str
    title: str
    granted_on: datetime.date
    certificate_number: str
    revoked_on: datetime.date | None
    revoked_reason: str


class AwardListForBrandOut(Schema):
    id: int
    appraisal: AppraisalRefOut
    brand: AppraisalBrandRefOut
    year: int
    edition: str
    title: str
    granted_on: datetime.date
    certificate_number: str
    revoked_on: datetime.date | None
    revoked_reason: str


class AppraisalAwardGrantIn(Schema):
    brand: int = Field(ge=1, le=MAX_ID, description="brand id")
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX, description="edition year")
    granted_on: datetime.date
    title: str = Field("", max_length=200, description="award title or level (the appraisal's name if empty)")
    edition: str = Field("", max_length=50, description="e.g. 第八届")
    certificate_number: str = Field("", max_length=100)


class AppraisalAwardGrantOut(Schema):
    id: int
    appraisal: AppraisalRefOut
    brand: AppraisalBrandRefOut
    year: int
    edition: str
    title: str
    granted_on: datetime.date
    certificate_number: str
    revoked_on: datetime.date | None
    revoked_reason: str


class AppraisalAwardRevokeIn(Schema):
    reason: str = Field(max_length=500, description="required")
    on: datetime.date | None = None


class AppraisalAwardRevokeOut(Schema):
    id: int
    appraisal: AppraisalRefOut
    brand: AppraisalBrandRefOut
    year: int
    edition: str
    title: str
    granted_on: datetime.date
    certificate_number: str
    revoked_on: datetime.date | None
    revoked_reason: str


# ---------------------------------------------------------------- claims


class AwardClaimRecordIn(Schema):
    brand: int = Field(ge=1, le=MAX_ID, description="brand id")
    claimed_title: str = Field(min_length=1, max_length=200, description="the award as the brand displays it")
    claimed_organiser: str = Field(min_length=1, max_length=200, description="its organiser as displayed")
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    evidence_note: str = Field("", max_length=5000, description="where it is displayed")


class AwardClaimRecordOut(Schema):
    id: int
    brand: AppraisalBrandRefOut
    claimed_title: str
    claimed_organiser: str
    year: int
    evidence_note: str
    status: str
    flag: str
    appraisal: AppraisalRefOut | None
    award_id: int | None
    created_at: datetime.datetime


class AwardClaimFlaggedFilterIn(Schema):
    status: AwardClaimStatus = AwardClaimStatus.UNREGISTERED
    reviewed: bool | None = Field(None, description="only reviewed (true) or unreviewed (false) claims")
    q: str | None = Field(None, max_length=100, description="part of the award, organiser, brand or owner")


class AwardClaimFlaggedListOut(Schema):
    id: int
    brand: AppraisalBrandRefOut
    claimed_title: str
    claimed_organiser: str
    year: int
    evidence_note: str
    status: str
    flag: str
    appraisal: AppraisalRefOut | None
    award_id: int | None
    claimed_by: str = Field(alias="claimed_by.username")
    created_at: datetime.datetime
    reviewed_at: datetime.datetime | None
    note: str


class AwardClaimReviewIn(Schema):
    decision: AwardClaimDecision
    note: str = Field("", max_length=500, description="required to dismiss")


class AwardClaimReviewOut(Schema):
    id: int
    status: str
    flag: str
    note: str
    reviewed_at: datetime.datetime | None
