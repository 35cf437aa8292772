"""Appraisal whitelist writes: keeping the register of sanctioned appraisals (register, update, suspend,
reinstate, revoke), recording the awards they granted to brands, and recording and reviewing the awards
brands display (matched against the register when recorded)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from pinpai.accounts.models import Organisation
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.validation import full_clean_or_raise
from pinpai.evaluation.exceptions import (
    AppraisalAwardInvalid,
    AppraisalInvalid,
    AppraisalTransitionNotAllowed,
    AwardClaimInvalid,
    AwardClaimNotFlagged,
)
from pinpai.evaluation.models import (
    Appraisal,
    AppraisalAward,
    AppraisalStatus,
    AwardClaim,
    AwardClaimDecision,
    AwardClaimStatus,
    appraisal_text_key,
)
from pinpai.evaluation.permissions import (
    can_appraisal_award_grant,
    can_appraisal_award_revoke,
    can_appraisal_register,
    can_appraisal_reinstate,
    can_appraisal_revoke,
    can_appraisal_suspend,
    can_appraisal_update,
    can_award_claim_record,
    can_award_claim_review,
)
from pinpai.evaluation.selectors.appraisals import award_claim_match
from pinpai.registry.models import Brand

APPRAISAL_FIELDS = [
    "name", "organiser", "organiser_name", "organiser_aliases", "approving_authority", "approval_number",
    "level", "cycle", "valid_from", "valid_to", "status", "status_reason", "status_changed_on",
    "scope_notes", "source_url", "source_text", "is_demo",
]  # fmt: skip
APPRAISAL_UPDATABLE = frozenset(APPRAISAL_FIELDS) - {
    "status",
    "status_reason",
    "status_changed_on",
    "is_demo",
}
AWARD_FIELDS = ["appraisal", "brand", "year", "edition", "title", "granted_on", "certificate_number",
                "revoked_on", "revoked_reason"]  # fmt: skip
CLAIM_FIELDS = ["brand", "claimed_title", "claimed_organiser", "year", "evidence_note", "appraisal", "award",
                "status", "flag", "note"]  # fmt: skip


def _snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return model_to_dict(obj, fields=fields)


def _set_keys(appraisal: Appraisal) -> None:
    appraisal.name_key = appraisal_text_key(appraisal.name)[:200]
    appraisal.organiser_key = appraisal_text_key(appraisal.organiser_name)[:200]


def _reason_required(reason: str, error: type[AppraisalInvalid] | type[AppraisalAwardInvalid]) -> str:
    reason = reason.strip()
    if not reason:
        raise error("reason: a reason is required.", extra={"errors": {"reason": ["required"]}})
    return reason


def _locked(appraisal: Appraisal) -> Appraisal:
    return Appraisal.objects.select_for_update().get(pk=appraisal.pk)


# ---------------------------------------------------------------- the register


@transaction.atomic
def appraisal_register(
    *,
    actor: Any,
    name: str,
    approving_authority: str,
    level: str,
    cycle: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    organiser: Organisation | None = None,
    organiser_name: str = "",
    organiser_aliases: str = "",
    approval_number: str = "",
    scope_notes: str = "",
    source_url: str = "",
    source_text: str = "",
    is_demo: bool = False,
) -> Appraisal:
    """Put a sanctioned appraisal on the register; the organiser is an organisation on the platform or named
    as text (an organisation's name is used when no text is given)."""
    if not can_appraisal_register(actor):
        raise PermissionDenied
    appraisal = Appraisal(
        name=name.strip(), organiser=organiser,
        organiser_name=organiser_name.strip() or (organiser.name if organiser is not None else ""),
        organiser_aliases=organiser_aliases.strip(), approving_authority=approving_authority.strip(),
        approval_number=approval_number.strip(), level=level, cycle=cycle, valid_from=valid_from,
        valid_to=valid_to, status=AppraisalStatus.SANCTIONED, scope_notes=scope_notes.strip(),
        source_url=source_url.strip(), source_text=source_text.strip(), is_demo=is_demo, created_by=actor,
    )  # fmt: skip
    _set_keys(appraisal)
    full_clean_or_raise(appraisal, AppraisalInvalid)
    appraisal.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPRAISAL_REGISTERED,
        target=appraisal,
        changes=model_changes(None, _snapshot(appraisal, APPRAISAL_FIELDS)),
    )
    return appraisal


@transaction.atomic
def appraisal_update(*, actor: Any, appraisal: Appraisal, **fields: Any) -> Appraisal:
    """Correct or extend an appraisal's record (name, organiser, approval, level, cycle, validity, scope,
    source); its status changes only through suspend, reinstate and revoke."""
    unknown = set(fields) - APPRAISAL_UPDATABLE
    if unknown:
        raise AppraisalInvalid(
            f"These fields cannot be changed here: {', '.join(sorted(unknown))}.",
            extra={"errors": {key: ["not updatable"] for key in sorted(unknown)}},
        )
    locked = _locked(appraisal)
    if not can_appraisal_update(actor, appraisal=locked):
        raise PermissionDenied
    before = _snapshot(locked, APPRAISAL_FIELDS)
    for key, value in fields.items():
        setattr(locked, key, value.strip() if isinstance(value, str) else value)
    _set_keys(locked)
    full_clean_or_raise(locked, AppraisalInvalid)
    changes = model_changes(before, _snapshot(locked, APPRAISAL_FIELDS))
    if changes:
        locked.save()
        audit_record(
            actor=actor, action=AuditAction.EVALUATION_APPRAISAL_UPDATED, target=locked, changes=changes
        )
    return locked


def _transition(
    *,
    actor: Any,
    appraisal: Appraisal,
    allowed_from: frozenset[str],
    to: str,
    reason: str,
    on: datetime.date | None,
    action: AuditAction,
) -> Appraisal:
    locked = _locked(appraisal)
    if locked.status not in allowed_from:
        raise AppraisalTransitionNotAllowed(
            f"The appraisal is {locked.status}; it cannot become {to}.",
            extra={"current_status": locked.status},
        )
    before = _snapshot(locked, ["status", "status_reason", "status_changed_on"])
    locked.status = to
    locked.status_reason = reason
    locked.status_changed_on = on or timezone.localdate()
    full_clean_or_raise(locked, AppraisalInvalid)
    locked.save(update_fields=["status", "status_reason", "status_changed_on", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=locked,
        changes=model_changes(before, _snapshot(locked, ["status", "status_reason", "status_changed_on"])),
    )
    return locked


@transaction.atomic
def appraisal_suspend(
    *, actor: Any, appraisal: Appraisal, reason: str, on: datetime.date | None = None
) -> Appraisal:
    """Suspend a sanctioned appraisal (e.g. while a complaint about fees is investigated); reason required."""
    if not can_appraisal_suspend(actor, appraisal=appraisal):
        raise PermissionDenied
    return _transition(
        actor=actor, appraisal=appraisal, allowed_from=frozenset({AppraisalStatus.SANCTIONED}),
        to=AppraisalStatus.SUSPENDED, reason=_reason_required(reason, AppraisalInvalid), on=on,
        action=AuditAction.EVALUATION_APPRAISAL_SUSPENDED,
    )  # fmt: skip


@transaction.atomic
def appraisal_reinstate(
    *, actor: Any, appraisal: Appraisal, reason: str = "", on: datetime.date | None = None
) -> Appraisal:
    """Sanction a suspended appraisal again."""
    if not can_appraisal_reinstate(actor, appraisal=appraisal):
        raise PermissionDenied
    return _transition(
        actor=actor, appraisal=appraisal, allowed_from=frozenset({AppraisalStatus.SUSPENDED}),
        to=AppraisalStatus.SANCTIONED, reason=reason.strip(), on=on,
        action=AuditAction.EVALUATION_APPRAISAL_REINSTATED,
    )  # fmt: skip


@transaction.atomic
def appraisal_revoke(
    *, actor: Any, appraisal: Appraisal, reason: str, on: datetime.date | None = None
) -> Appraisal:
    """Take an appraisal off the list of sanctioned ones for good (it stays on the register, revoked, so a
    lookup says so); reason required."""
    if not can_appraisal_revoke(actor, appraisal=appraisal):
        raise PermissionDenied
    return _transition(
        actor=actor, appraisal=appraisal,
        allowed_from=frozenset({AppraisalStatus.SANCTIONED, AppraisalStatus.SUSPENDED}),
        to=AppraisalStatus.REVOKED, reason=_reason_required(reason, AppraisalInvalid), on=on,
        action=AuditAction.EVALUATION_APPRAISAL_REVOKED,
    )  # fmt: skip


# ---------------------------------------------------------------- awards


@transaction.atomic
def appraisal_award_grant(
    *,
    actor: Any,
    appraisal: Appraisal,
    brand: Brand,
    year: int,
    granted_on: datetime.date,
    title: str = "",
    edition: str = "",
    certificate_number: str = "",
) -> AppraisalAward:
    """Record that a sanctioned appraisal granted a brand an award in one edition (one per appraisal, brand
    and edition year). Claims of the brand already matched to that appraisal and year are linked to it."""
    if not can_appraisal_award_grant(actor, appraisal=appraisal, brand=brand):
        raise PermissionDenied
    locked = _locked(appraisal)
    if locked.status != AppraisalStatus.SANCTIONED:
        raise AppraisalAwardInvalid(
            f"appraisal: {locked.name} is {locked.status}; only a sanctioned appraisal's awards are recorded.",
            extra={"errors": {"appraisal": [f"not sanctioned ({locked.status})"]}},
        )
    award = AppraisalAward(
        appraisal=locked, brand=brand, year=year, granted_on=granted_on, title=title.strip() or locked.name,
        edition=edition.strip(), certificate_number=certificate_number.strip(), granted_by=actor,
    )  # fmt: skip
    full_clean_or_raise(award, AppraisalAwardInvalid)
    award.save()
    linked = AwardClaim.objects.filter(
        brand=brand, appraisal=locked, year=year, status=AwardClaimStatus.MATCHED, award__isnull=True
    ).update(award=award, updated_at=timezone.now())
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPRAISAL_AWARD_GRANTED,
        target=award,
        changes={**model_changes(None, _snapshot(award, AWARD_FIELDS)), "linked_claims": [None, linked]},
    )
    return award


@transaction.atomic
def appraisal_award_revoke(
    *, actor: Any, award: AppraisalAward, reason: str, on: datetime.date | None = None
) -> AppraisalAward:
    """Revoke an award (e.g. the brand obtained it by fraud); reason required. Revoking twice is refused."""
    locked = AppraisalAward.objects.select_for_update().select_related("appraisal").get(pk=award.pk)
    if not can_appraisal_award_revoke(actor, award=locked):
        raise PermissionDenied
    reason = _reason_required(reason, AppraisalAwardInvalid)
    if locked.revoked_on is not None:
        raise AppraisalAwardInvalid(
            f"The award was already revoked on {locked.revoked_on.isoformat()}.",
            extra={"errors": {"award": ["already revoked"]}},
        )
    before = _snapshot(locked, ["revoked_on", "revoked_reason"])
    locked.revoked_on = on or timezone.localdate()
    locked.revoked_reason = reason
    full_clean_or_raise(locked, AppraisalAwardInvalid)
    locked.save(update_fields=["revoked_on", "revoked_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPRAISAL_AWARD_REVOKED,
        target=locked,
        changes=model_changes(before, _snapshot(locked, ["revoked_on", "revoked_reason"])),
    )
    return locked


# ---------------------------------------------------------------- claims


@transaction.atomic
def award_claim_record(
    *,
    actor: Any,
    brand: Brand,
    claimed_title: str,
    claimed_organiser: str,
    year: int,
    evidence_note: str = "",
) -> AwardClaim:
    """Record an award a brand displays, as displayed, and match it against the register at once: matched
    (linked to the appraisal and, if recorded, the brand's award), or not on the register (flagged, with why)."""
    if not can_award_claim_record(actor, brand=brand):
        raise PermissionDenied
    claim = AwardClaim(
        brand=brand, claimed_title=claimed_title.strip(), claimed_organiser=claimed_organiser.strip(), year=year,
        evidence_note=evidence_note.strip(), claimed_by=actor, status=AwardClaimStatus.UNREGISTERED,
    )  # fmt: skip
    full_clean_or_raise(claim, AwardClaimInvalid, exclude=["status", "flag"])
    match = award_claim_match(
        brand=brand, title=claim.claimed_title, organiser=claim.claimed_organiser, year=year
    )
    claim.status, claim.flag, claim.appraisal, claim.award = (
        match.status, match.flag, match.appraisal, match.award,
    )  # fmt: skip
    full_clean_or_raise(claim, AwardClaimInvalid)
    claim.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_AWARD_CLAIM_RECORDED,
        target=claim,
        changes=model_changes(None, _snapshot(claim, CLAIM_FIELDS)),
    )
    return claim


@transaction.atomic
def award_claim_review(*, actor: Any, claim: AwardClaim, decision: str, note: str = "") -> AwardClaim:
    """Staff review a flagged claim: `confirm` (the award is not on the register; the flag stands, e.g. for
    follow-up by market regulation) or `dismiss` (the flag is withdrawn; a note saying why is required)."""
    locked = (
        AwardClaim.objects.select_for_update().select_related("brand__owner__organisation").get(pk=claim.pk)
    )
    if not can_award_claim_review(actor, claim=locked):
        raise PermissionDenied
    if decision not in AwardClaimDecision.values:
        raise AwardClaimInvalid(
            f"decision: must be one of {', '.join(AwardClaimDecision.values)}.",
            extra={"errors": {"decision": ["unknown decision"]}},
        )
    note = note.strip()
    if decision == AwardClaimDecision.DISMISS and not note:
        raise AwardClaimInvalid(
            "note: say why the flag is dismissed.", extra={"errors": {"note": ["required"]}}
        )
    if locked.status != AwardClaimStatus.UNREGISTERED:
        raise AwardClaimNotFlagged(
            f"The claim is {locked.status}; only a claim not on the register is reviewed.",
            extra={"current_status": locked.status},
        )
    before = _snapshot(locked, ["status", "note"])
    if decision == AwardClaimDecision.DISMISS:
        locked.status = AwardClaimStatus.DISMISSED
    locked.note = note
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    full_clean_or_raise(locked, AwardClaimInvalid)
    locked.save(update_fields=["status", "note", "reviewed_by", "reviewed_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_AWARD_CLAIM_REVIEWED,
        target=locked,
        changes={
            "decision": [None, decision],
            **model_changes(before, _snapshot(locked, ["status", "note"])),
        },
    )
    return locked
