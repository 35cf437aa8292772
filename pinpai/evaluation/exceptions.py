"""Evaluation errors. Bad calculator inputs are one 422 listing every bad field with a stable rule code;
the message is the rule said in the active language (Chinese by default)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from pinpai.common.exceptions import InvalidInputError, NotFoundError

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
