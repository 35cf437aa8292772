"""Who may do what in evaluation. Pure predicates over the actor's scope (accounts.querysets)."""

from __future__ import annotations

from typing import Any

from pinpai.accounts.models import Organisation
from pinpai.accounts.querysets import actor_scope
from pinpai.evaluation.models import Appraisal, AppraisalAward, AwardClaim, Survey, SurveyResponse
from pinpai.evaluation.permissions_cycles import (
    can_application_approve,
    can_application_assign,
    can_application_create,
    can_application_financials_set,
    can_application_return,
    can_application_score,
    can_application_submit,
    can_application_verify,
    can_application_withdraw,
    can_conflict_declare,
    can_cycle_archive,
    can_cycle_close,
    can_cycle_create,
    can_cycle_manage,
    can_cycle_notice_start,
    can_cycle_open,
    can_cycle_publish,
    can_cycle_review_start,
    can_cycle_scoring_start,
    can_expert_score_submit,
    can_objection_decide,
    can_objection_file,
    can_panel_member_add,
)
from pinpai.registry.models import Brand


def can_self_assessment_create(actor: Any, *, brand: Brand) -> bool:
    """A user of the brand owner's enterprise, or a system administrator."""
    scope = actor_scope(actor)
    return scope.is_admin or brand.owner_id in scope.enterprise_ids


def can_self_assessment_use(actor: Any) -> bool:
    """Whether the self-assessment page has anything to offer the actor (to show the link or the form)."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.enterprise_ids)


# ---------------------------------------------------------------- appraisal whitelist
# The register is kept by municipal department staff (市场监管 and the departments that lead the plan's
# tasks all hold the `department_staff` role) and system administrators; district staff review the award
# claims of their district's brands; an enterprise records the awards its own brands display.


def _is_appraisal_registrar(actor: Any) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids)


def _covers_brand(actor: Any, brand: Brand) -> bool:
    """A system administrator, department staff, or district staff of the brand's owner or marked districts."""
    if _is_appraisal_registrar(actor):
        return True
    districts = actor_scope(actor).district_ids
    if not districts:
        return False
    if brand.owner.organisation.district_id in districts:
        return True
    return brand.districts.filter(pk__in=districts).exists()


def can_appraisal_register(actor: Any) -> bool:
    """Department staff or a system administrator."""
    return _is_appraisal_registrar(actor)


def can_appraisal_update(actor: Any, *, appraisal: Appraisal) -> bool:
    return _is_appraisal_registrar(actor)


def can_appraisal_suspend(actor: Any, *, appraisal: Appraisal) -> bool:
    return _is_appraisal_registrar(actor)


def can_appraisal_reinstate(actor: Any, *, appraisal: Appraisal) -> bool:
    return _is_appraisal_registrar(actor)


def can_appraisal_revoke(actor: Any, *, appraisal: Appraisal) -> bool:
    return _is_appraisal_registrar(actor)


def can_appraisal_award_grant(actor: Any, *, appraisal: Appraisal, brand: Brand) -> bool:
    return _is_appraisal_registrar(actor)


def can_appraisal_award_revoke(actor: Any, *, award: AppraisalAward) -> bool:
    return _is_appraisal_registrar(actor)


def can_award_claim_record(actor: Any, *, brand: Brand) -> bool:
    """A user of the brand owner's enterprise, or staff covering the brand (see `_covers_brand`)."""
    return brand.owner_id in actor_scope(actor).enterprise_ids or _covers_brand(actor, brand)


def can_award_claim_review(actor: Any, *, claim: AwardClaim) -> bool:
    """Staff covering the claim's brand: department staff and administrators any, district staff their district's."""
    return _covers_brand(actor, claim.brand)


def can_award_claim_flagged_list(actor: Any) -> bool:
    """Whether the flagged-claims page has anything for the actor (to show the link)."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids) or bool(scope.district_ids)


# ---------------------------------------------------------------- surveys
# A survey is run by a municipal department or a district government: its staff (and system administrators)
# create, edit, open and close it and reject responses. Anyone, signed in or not, may respond: whether the
# survey is open is a state rule (`SurveyNotOpen`), not a permission.


def can_survey_create(actor: Any, *, organisation: Organisation) -> bool:
    """A system administrator (for any department or district government), staff of that department, or
    staff of that district government."""
    scope = actor_scope(actor)
    if scope.is_admin:
        return organisation.kind in ("department", "district")
    if organisation.kind == "department":
        return organisation.pk in scope.department_ids
    return organisation.kind == "district" and organisation.district_id in scope.district_ids


def can_survey_use(actor: Any) -> bool:
    """Whether the survey pages have anything for the actor (to show the link)."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids) or bool(scope.district_ids)


def can_survey_update(actor: Any, *, survey: Survey) -> bool:
    return can_survey_create(actor, organisation=survey.organisation)


def can_survey_open(actor: Any, *, survey: Survey) -> bool:
    return can_survey_create(actor, organisation=survey.organisation)


def can_survey_close(actor: Any, *, survey: Survey) -> bool:
    return can_survey_create(actor, organisation=survey.organisation)


def can_survey_response_submit(actor: Any, *, survey: Survey) -> bool:
    """Anyone, the public included."""
    return True


def can_survey_response_reject(actor: Any, *, response: SurveyResponse) -> bool:
    return can_survey_create(actor, organisation=response.survey.organisation)


# ---------------------------------------------------------------- evaluation cycles
# The predicates live in `permissions_cycles.py` (docs/domains/evaluation-cycles.md); re-exported here, where
# every service's `can_<service>` is found.
__all__ = [
    "can_application_approve",
    "can_application_assign",
    "can_application_create",
    "can_application_financials_set",
    "can_application_return",
    "can_application_score",
    "can_application_submit",
    "can_application_verify",
    "can_application_withdraw",
    "can_conflict_declare",
    "can_cycle_archive",
    "can_cycle_close",
    "can_cycle_create",
    "can_cycle_manage",
    "can_cycle_notice_start",
    "can_cycle_open",
    "can_cycle_publish",
    "can_cycle_review_start",
    "can_cycle_scoring_start",
    "can_expert_score_submit",
    "can_objection_decide",
    "can_objection_file",
    "can_panel_member_add",
]
