"""The appraisal whitelist: the public register and its lookup, the awards of the register, and the awards
brands display (recorded by their enterprise, flagged for staff when not on the register).

Reads of the register are public (a token, if sent, must be valid); writes need a token or a session and
are refused (403 `permission_denied`) to anyone but department staff and system administrators, except
recording a brand's displayed award (its enterprise, or staff) and reviewing flags (staff of the brand).
"""

from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Query
from ninja.pagination import paginate

from pinpai.accounts.selectors import organisation_get
from pinpai.api.auth import optional_bearer, signed_in
from pinpai.evaluation import selectors
from pinpai.evaluation.api.base import router
from pinpai.evaluation.schemas.appraisals import (
    AppraisalAwardGrantIn,
    AppraisalAwardGrantOut,
    AppraisalAwardListOut,
    AppraisalAwardRevokeIn,
    AppraisalAwardRevokeOut,
    AppraisalFilterIn,
    AppraisalGetOut,
    AppraisalListOut,
    AppraisalLookupIn,
    AppraisalLookupOut,
    AppraisalRegisterIn,
    AppraisalRegisterOut,
    AppraisalReinstateIn,
    AppraisalReinstateOut,
    AppraisalRevokeIn,
    AppraisalRevokeOut,
    AppraisalSuspendIn,
    AppraisalSuspendOut,
    AppraisalUpdateIn,
    AppraisalUpdateOut,
    AwardClaimFlaggedFilterIn,
    AwardClaimFlaggedListOut,
    AwardClaimRecordIn,
    AwardClaimRecordOut,
    AwardClaimReviewIn,
    AwardClaimReviewOut,
    AwardListForBrandOut,
)
from pinpai.evaluation.services import appraisals as services
from pinpai.registry.schemas.common import MAX_ID

TAGS = ["appraisals"]
RowId = PathEx[int, P(ge=1, le=MAX_ID)]


# ---------------------------------------------------------------- the register


@router.get(
    "/appraisals",
    response=list[AppraisalListOut],
    operation_id="appraisal_list",
    auth=optional_bearer,
    tags=TAGS,
)
@paginate
def appraisal_list(request: HttpRequest, filters: Query[AppraisalFilterIn]) -> Any:
    """The register of sanctioned appraisals (评比达标表彰), in every status, by name."""
    return selectors.appraisal_list(
        actor=request.user,
        level=filters.level.value if filters.level else None,
        status=filters.status.value if filters.status else None,
        text=filters.q,
        valid_on=filters.valid_on,
    )


@router.get(
    "/appraisals/lookup",
    response=AppraisalLookupOut,
    operation_id="appraisal_lookup",
    auth=optional_bearer,
    tags=TAGS,
)
def appraisal_lookup(request: HttpRequest, filters: Query[AppraisalLookupIn]) -> Any:
    """Is this award sanctioned? The appraisals whose name occurs in `q` (or contains it), compared without
    spaces, punctuation or case, each with its answer on the day: `sanctioned`, `suspended`, `revoked`,
    `expired` or `not_yet_valid`; `answer` is `not_on_register` when none matches."""
    return selectors.appraisal_lookup(actor=request.user, text=filters.q, on=filters.on)


@router.get(
    "/appraisals/{appraisal_id}",
    response=AppraisalGetOut,
    operation_id="appraisal_get",
    auth=optional_bearer,
    tags=TAGS,
)
def appraisal_get(request: HttpRequest, appraisal_id: RowId) -> Any:
    """One appraisal with its approval (authority, document number, source) and status."""
    return selectors.appraisal_get(actor=request.user, pk=appraisal_id)


@router.post(
    "/appraisals",
    response={201: AppraisalRegisterOut},
    operation_id="appraisal_register",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_register(request: HttpRequest, payload: AppraisalRegisterIn) -> Any:
    """Put a sanctioned appraisal on the register (department staff, system administrators)."""
    organiser = organisation_get(actor=request.user, pk=payload.organiser) if payload.organiser else None
    return services.appraisal_register(
        actor=request.user,
        name=payload.name,
        organiser=organiser,
        organiser_name=payload.organiser_name,
        organiser_aliases=payload.organiser_aliases,
        approving_authority=payload.approving_authority,
        approval_number=payload.approval_number,
        level=payload.level.value,
        cycle=payload.cycle.value,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        scope_notes=payload.scope_notes,
        source_url=payload.source_url,
        source_text=payload.source_text,
    )


@router.patch(
    "/appraisals/{appraisal_id}",
    response=AppraisalUpdateOut,
    operation_id="appraisal_update",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_update(request: HttpRequest, appraisal_id: RowId, payload: AppraisalUpdateIn) -> Any:
    """Correct an appraisal's record; only the fields sent change (status changes have their own endpoints)."""
    appraisal = selectors.appraisal_get(actor=request.user, pk=appraisal_id)
    data = payload.model_dump(exclude_unset=True)
    for key in ("level", "cycle"):
        if key in data:
            data[key] = data[key].value
    if "organiser" in data:
        data["organiser"] = (
            organisation_get(actor=request.user, pk=data["organiser"]) if data["organiser"] else None
        )
    return services.appraisal_update(actor=request.user, appraisal=appraisal, **data)


@router.post(
    "/appraisals/{appraisal_id}/suspend",
    response=AppraisalSuspendOut,
    operation_id="appraisal_suspend",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_suspend(request: HttpRequest, appraisal_id: RowId, payload: AppraisalSuspendIn) -> Any:
    """Suspend a sanctioned appraisal (reason required); 409 `appraisal_transition_not_allowed` otherwise."""
    appraisal = selectors.appraisal_get(actor=request.user, pk=appraisal_id)
    return services.appraisal_suspend(
        actor=request.user, appraisal=appraisal, reason=payload.reason, on=payload.on
    )


@router.post(
    "/appraisals/{appraisal_id}/reinstate",
    response=AppraisalReinstateOut,
    operation_id="appraisal_reinstate",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_reinstate(request: HttpRequest, appraisal_id: RowId, payload: AppraisalReinstateIn) -> Any:
    """Sanction a suspended appraisal again."""
    appraisal = selectors.appraisal_get(actor=request.user, pk=appraisal_id)
    return services.appraisal_reinstate(
        actor=request.user, appraisal=appraisal, reason=payload.reason, on=payload.on
    )


@router.post(
    "/appraisals/{appraisal_id}/revoke",
    response=AppraisalRevokeOut,
    operation_id="appraisal_revoke",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_revoke(request: HttpRequest, appraisal_id: RowId, payload: AppraisalRevokeIn) -> Any:
    """Revoke an appraisal (reason required); it stays on the register as revoked."""
    appraisal = selectors.appraisal_get(actor=request.user, pk=appraisal_id)
    return services.appraisal_revoke(
        actor=request.user, appraisal=appraisal, reason=payload.reason, on=payload.on
    )


# ---------------------------------------------------------------- awards


@router.get(
    "/appraisals/{appraisal_id}/awards",
    response=list[AppraisalAwardListOut],
    operation_id="appraisal_award_list",
    auth=optional_bearer,
    tags=TAGS,
)
@paginate
def appraisal_award_list(request: HttpRequest, appraisal_id: RowId) -> Any:
    """The awards this appraisal granted, to the brands the caller may see (the public: published brands)."""
    appraisal = selectors.appraisal_get(actor=request.user, pk=appraisal_id)
    return selectors.appraisal_award_list(actor=request.user, appraisal_id=appraisal.pk)


@router.post(
    "/appraisals/{appraisal_id}/awards",
    response={201: AppraisalAwardGrantOut},
    operation_id="appraisal_award_grant",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_award_grant(request: HttpRequest, appraisal_id: RowId, payload: AppraisalAwardGrantIn) -> Any:
    """Record an award the appraisal granted to a brand (one per appraisal, brand and edition year)."""
    appraisal = selectors.appraisal_get(actor=request.user, pk=appraisal_id)
    brand = selectors.appraisal_brand_get(actor=request.user, pk=payload.brand)
    return services.appraisal_award_grant(
        actor=request.user,
        appraisal=appraisal,
        brand=brand,
        year=payload.year,
        granted_on=payload.granted_on,
        title=payload.title,
        edition=payload.edition,
        certificate_number=payload.certificate_number,
    )


@router.post(
    "/appraisal-awards/{award_id}/revoke",
    response=AppraisalAwardRevokeOut,
    operation_id="appraisal_award_revoke",
    auth=signed_in,
    tags=TAGS,
)
def appraisal_award_revoke(request: HttpRequest, award_id: RowId, payload: AppraisalAwardRevokeIn) -> Any:
    """Revoke an award of the register (reason required)."""
    award = selectors.appraisal_award_get(actor=request.user, pk=award_id)
    return services.appraisal_award_revoke(
        actor=request.user, award=award, reason=payload.reason, on=payload.on
    )


@router.get(
    "/brands/{brand_id}/awards",
    response=list[AwardListForBrandOut],
    operation_id="award_list_for_brand",
    auth=optional_bearer,
    tags=TAGS,
)
@paginate
def award_list_for_brand(request: HttpRequest, brand_id: RowId) -> Any:
    """The awards of the register granted to a brand (the public: of a published brand; 404 otherwise)."""
    return selectors.award_list_for_brand(actor=request.user, brand_id=brand_id)


# ---------------------------------------------------------------- claims


@router.post(
    "/award-claims",
    response={201: AwardClaimRecordOut},
    operation_id="award_claim_record",
    auth=signed_in,
    tags=TAGS,
)
def award_claim_record(request: HttpRequest, payload: AwardClaimRecordIn) -> Any:
    """Record an award a brand displays; it is matched against the register at once: `matched`, or
    `unregistered` with the `flag` saying why (flagged for staff)."""
    brand = selectors.appraisal_brand_get(actor=request.user, pk=payload.brand)
    return services.award_claim_record(
        actor=request.user,
        brand=brand,
        claimed_title=payload.claimed_title,
        claimed_organiser=payload.claimed_organiser,
        year=payload.year,
        evidence_note=payload.evidence_note,
    )


@router.get(
    "/award-claims",
    response=list[AwardClaimFlaggedListOut],
    operation_id="award_claim_flagged_list",
    auth=signed_in,
    tags=TAGS,
)
@paginate
def award_claim_flagged_list(request: HttpRequest, filters: Query[AwardClaimFlaggedFilterIn]) -> Any:
    """Staff: claims in their scope with `status` (`unregistered`, the flagged ones, unless asked), newest
    first; department staff see all, district staff their district's brands."""
    return selectors.award_claim_flagged_list(
        actor=request.user, status=filters.status.value, reviewed=filters.reviewed, text=filters.q
    )


@router.post(
    "/award-claims/{claim_id}/review",
    response=AwardClaimReviewOut,
    operation_id="award_claim_review",
    auth=signed_in,
    tags=TAGS,
)
def award_claim_review(request: HttpRequest, claim_id: RowId, payload: AwardClaimReviewIn) -> Any:
    """Staff: `confirm` a flagged claim (the flag stands) or `dismiss` it (note required)."""
    claim = selectors.award_claim_get(actor=request.user, pk=claim_id)
    return services.award_claim_review(
        actor=request.user, claim=claim, decision=payload.decision.value, note=payload.note
    )
