"""Evaluation writes, one module per sub-domain."""

# Evaluation cycles, by sub-module: services.cycles, services.cycle_applications, services.cycle_scoring.
from pinpai.evaluation.services import cycle_applications, cycle_scoring, cycles  # noqa: F401 - sub-modules
from pinpai.evaluation.services.appraisals import (
    appraisal_award_grant,
    appraisal_award_revoke,
    appraisal_register,
    appraisal_reinstate,
    appraisal_revoke,
    appraisal_suspend,
    appraisal_update,
    award_claim_record,
    award_claim_review,
)
from pinpai.evaluation.services.self_assessment import self_assessment_create
from pinpai.evaluation.services.surveys import (
    RespondentKey,
    survey_close,
    survey_create,
    survey_open,
    survey_response_reject,
    survey_response_submit,
    survey_update,
)

__all__ = [
    "RespondentKey",
    "survey_close",
    "survey_create",
    "survey_open",
    "survey_response_reject",
    "survey_response_submit",
    "survey_update",
    "appraisal_award_grant",
    "appraisal_award_revoke",
    "appraisal_register",
    "appraisal_reinstate",
    "appraisal_revoke",
    "appraisal_suspend",
    "appraisal_update",
    "award_claim_record",
    "award_claim_review",
    "self_assessment_create",
]
