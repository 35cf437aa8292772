"""Evaluation errors. Bad calculator inputs are one 422 listing every bad field with a stable rule code;
the message is the rule said in the active language (Chinese by default)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from pinpai.common.exceptions import ApplicationError, ConflictError, InvalidInputError, NotFoundError

# The engines' stable rule codes (engines/valuation/errors.py, engines/strength/errors.py) → a message.
RULE_MESSAGES = {
    "required": _("is required"),
    "not_a_number": _("must be a number"),
    "not_an_integer": _("must be a whole number"),
    "not_a_list": _("must be a list"),
    "not_an_object": _("must be an object"),
    "not_a_string": _("must be text"),
    "not_a_boolean": _("must be yes or no"),
    "not_finite": _("must be a finite number"),
    "negative": _("must not be negative"),
    "out_of_range": _("is outside the allowed range"),
    "empty": _("must not be empty"),
    "too_many": _("has too many items"),
    "length_mismatch": _("must cover as many years as the other per-year inputs"),
    "not_above_growth": _("the discount rate must be above the terminal growth rate"),
    "unknown_method": _("is not a known valuation method"),
    "unknown_field": _("is not an accepted input"),
    "unknown_choice": _("is not one of the allowed choices"),
    "unknown_indicator": _("is not an indicator of this system"),
    "unknown_system": _("is not a known indicator system"),
    "unknown_rule": _("is not a known scoring rule"),
    "conflict": _("conflicts with another input"),
    "weights_do_not_sum_to_one": _("the weights must sum to 1"),
    "not_applicable": _("does not apply here"),
    "low_above_high": _("the low end is above the high end"),
    "invalid_code": _("is not a valid code"),
    "duplicate_code": _("is used twice"),
    "bounds_not_increasing": _("the lower bound must be below the upper bound"),
    "thresholds_not_increasing": _("the thresholds must strictly increase"),
    "too_few_scores": _("leaves no score after trimming"),
    "invalid_option": _("is not an allowed option"),
}
FALLBACK_MESSAGE = _("is invalid")


def rule_message(rule: str) -> str:
    return str(RULE_MESSAGES.get(rule, FALLBACK_MESSAGE))


class EvaluationInputsInvalid(InvalidInputError):
    """Calculator or self-assessment inputs break an engine rule; `errors` lists field, rule and message."""

    code = "evaluation_inputs_invalid"
    title = "Invalid evaluation inputs"

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        items = [{"field": field, "rule": rule, "message": rule_message(rule)} for field, rule in errors]
        detail = "; ".join(f"{item['field']}: {item['message']}" for item in items)
        super().__init__(detail, extra={"errors": items})
        self.errors = items


class ValuationMethodNotFound(NotFoundError):
    code = "valuation_method_not_found"


class StrengthSystemNotFound(NotFoundError):
    code = "strength_system_not_found"


class SelfAssessmentInvalid(InvalidInputError):
    code = "self_assessment_invalid"


# ---------------------------------------------------------------- appraisal whitelist


class AppraisalInvalid(InvalidInputError):
    code = "appraisal_invalid"
    title = "Invalid appraisal"


class AppraisalNotFound(NotFoundError):
    code = "appraisal_not_found"


class AppraisalTransitionNotAllowed(ConflictError):
    """Suspending, reinstating or revoking an appraisal from a status that does not allow it."""

    code = "appraisal_transition_not_allowed"
    title = "Appraisal status does not allow this"


class AppraisalAwardInvalid(InvalidInputError):
    code = "appraisal_award_invalid"
    title = "Invalid appraisal award"


class AppraisalAwardNotFound(NotFoundError):
    code = "appraisal_award_not_found"


class AwardClaimInvalid(InvalidInputError):
    code = "award_claim_invalid"
    title = "Invalid award claim"


class AwardClaimNotFound(NotFoundError):
    code = "award_claim_not_found"


class AwardClaimNotFlagged(ConflictError):
    """Only a claim flagged as not on the register is reviewed."""

    code = "award_claim_not_flagged"
    title = "Award claim is not flagged"


# ---------------------------------------------------------------- evaluation cycles (docs/domains/evaluation-cycles.md)

# Rule codes of the cycles' own checks → a message; engine and Django rule codes fall back to RULE_MESSAGES.
CYCLE_RULE_MESSAGES = {
    "missing_year": _("this financial year is missing"),
    "too_few_years": _("at least 3 consecutive financial years are required"),
    "too_many_years": _("at most 5 financial years are accepted"),
    "not_latest": _("the last financial year must be the year before the cycle's year"),
    "duplicate_year": _("this year is given twice"),
    "above_revenue": _("must not exceed the revenue"),
    "wrong_pillar": _("the brand is not in the cycle's pillar"),
    "already_applied": _("this brand has already applied to this cycle"),
    "not_an_intermediary": _("is not an evaluation intermediary"),
    "not_an_expert": _("does not hold the expert role"),
    "already_on_panel": _("is already on the panel"),
    "dates_not_ordered": _("must not be before the opening date"),
    "panel_too_small_for_trim": _("must be more than twice the number of scores trimmed at each end"),
    "method_not_supported": _("this valuation method is not offered for evaluation cycles"),
    "supplied_by_application": _("comes from each application and cannot be set for the cycle"),
}


class RuleViolations(InvalidInputError):
    """Inputs that break the cycles' rules: 422, every bad field in `errors` with its stable `rule` and a message
    in the active language. Items are (field, rule) or (field, rule, message)."""

    code = "rule_violations"
    title = "Invalid input"

    def __init__(self, errors: Iterable[tuple[str, ...]]) -> None:
        items = []
        for field, rule, *message in errors:
            text = message[0] if message else str(CYCLE_RULE_MESSAGES.get(rule) or rule_message(rule))
            items.append({"field": field, "rule": rule, "message": text})
        super().__init__("; ".join(f"{i['field']}: {i['message']}" for i in items), extra={"errors": items})
        self.errors = items


class CycleInvalid(RuleViolations):
    code = "cycle_invalid"
    title = "Invalid evaluation cycle"


class ApplicationInvalid(RuleViolations):
    code = "application_invalid"
    title = "Invalid evaluation application"


class ExpertScoreInvalid(RuleViolations):
    code = "expert_score_invalid"
    title = "Invalid expert scores"


class ObjectionInvalid(RuleViolations):
    code = "objection_invalid"
    title = "Invalid objection"


class CycleTransitionNotAllowed(ConflictError):
    """The cycle is not in a status this step starts from; `current_status` says which it is in."""

    code = "cycle_transition_not_allowed"
    title = "Evaluation cycle status does not allow this"


class ApplicationTransitionNotAllowed(ConflictError):
    """The application is not in a status this step starts from; `current_status` says which it is in."""

    code = "application_transition_not_allowed"
    title = "Evaluation application status does not allow this"


class ApplicationWindowClosed(ConflictError):
    code = "application_window_closed"
    title = "The application window is closed"


class ExpertNotOnPanel(ApplicationError):
    code = "expert_not_on_panel"
    status = 403
    title = "Not on the expert panel"


class ExpertConflictOfInterest(ApplicationError):
    code = "expert_conflict_of_interest"
    status = 403
    title = "Conflict of interest declared"


class ConflictDeclarationRequired(ConflictError):
    code = "conflict_declaration_required"
    title = "Declare conflicts of interest first"


class ConflictAlreadyDeclared(ConflictError):
    code = "conflict_already_declared"
    title = "Conflict of interest already declared"


class PanelTooSmall(ConflictError):
    """Fewer experts than the cycle's minimum scored an application; `scored` and `required` say how many."""

    code = "panel_too_small"
    title = "Too few expert scores"


class ApplicationsPending(ConflictError):
    """Applications still wait for a decision of this phase; `applications` lists their ids."""

    code = "applications_pending"
    title = "Applications are still pending"


class ObjectionWindowClosed(ConflictError):
    code = "objection_window_closed"
    title = "The public notice is not open for objections"


class NoticeWindowNotEnded(ConflictError):
    code = "notice_window_not_ended"
    title = "The public notice has not ended"


class ObjectionsOpen(ConflictError):
    """Objections still wait for a decision; `objections` lists their ids."""

    code = "objections_open"
    title = "Objections are still open"


class EvaluationCycleNotFound(NotFoundError):
    code = "evaluation_cycle_not_found"


class EvaluationApplicationNotFound(NotFoundError):
    code = "evaluation_application_not_found"


class ObjectionNotFound(NotFoundError):
    code = "objection_not_found"


# ---------------------------------------------------------------- surveys


# Rules an answer can break (docs/domains/evaluation-surveys.md) → a message in the active language.
SURVEY_RULE_MESSAGES = {
    "required": _("please answer this question"),
    "unknown_question": _("is not a question of this survey"),
    "invalid_option": _("is not one of the options"),
    "too_many": _("too many options chosen"),
    "out_of_range": _("is outside the scale"),
    "not_an_integer": _("must be a whole number"),
    "not_a_string": _("must be text"),
    "not_a_list": _("must be a list"),
    "not_an_object": _("must be an object"),
    "too_long": _("is too long"),
    "unknown_brand": _("is not one of the brands asked about"),
    "unknown_level": _("is not an awareness level"),
    "invalid_phone": _("is not a mainland mobile number (11 digits starting with 1)"),
}


class SurveyResponseInvalid(InvalidInputError):
    """Answers that break the questionnaire's rules; `errors` lists field (`answers.<code>`), rule and message."""

    code = "survey_response_invalid"
    title = "Invalid survey response"

    def __init__(self, errors: Iterable[tuple[str, str]]) -> None:
        items = [
            {"field": field, "rule": rule, "message": str(SURVEY_RULE_MESSAGES.get(rule, FALLBACK_MESSAGE))}
            for field, rule in errors
        ]
        detail = "; ".join(f"{item['field']}: {item['message']}" for item in items)
        super().__init__(detail, extra={"errors": items})
        self.errors = items


class SurveyInvalid(InvalidInputError):
    code = "survey_invalid"
    title = "Invalid survey"


class SurveyNotFound(NotFoundError):
    code = "survey_not_found"


class SurveyResponseNotFound(NotFoundError):
    code = "survey_response_not_found"


class SurveyTransitionNotAllowed(ConflictError):
    """Editing, opening or closing a survey (or rejecting a response) from a status that does not allow it."""

    code = "survey_transition_not_allowed"
    title = "Survey status does not allow this"


class SurveyNotOpen(ConflictError):
    """The survey is not open for responses (a draft, closed, or outside its window)."""

    code = "survey_not_open"
    title = "The survey is not open for responses"


class SurveyResponseTooMany(ApplicationError):
    """The same respondent keeps submitting: past a few stored duplicates, further copies are refused."""

    code = "survey_response_too_many"
    status = 429
    title = "Too many responses from this respondent"
