"""Evaluation reads: the engines' registries in the active language, the calculators (which store nothing)
and past self-assessments."""

from pinpai.evaluation.selectors.self_assessments import (
    self_assessment_brand_list,
    self_assessment_get,
    self_assessment_list,
)
from pinpai.evaluation.selectors.strength import (
    StrengthComputation,
    StrengthEntry,
    StrengthIndicatorResult,
    StrengthNodeResult,
    StrengthStep,
    StrengthSystem,
    strength_compute,
    strength_system_get,
    strength_system_list,
    strength_system_list_for_self_assessment,
)
from pinpai.evaluation.selectors.valuation import (
    MONTE_CARLO_MAX_ITERATIONS,
    ValuationComputation,
    ValuationField,
    ValuationMethod,
    ValuationStep,
    valuation_compute,
    valuation_grid_compute,
    valuation_method_get,
    valuation_method_list,
    valuation_monte_carlo_compute,
    valuation_scenarios_compute,
    valuation_tornado_compute,
)

__all__ = [
    "MONTE_CARLO_MAX_ITERATIONS",
    "StrengthComputation",
    "StrengthEntry",
    "StrengthIndicatorResult",
    "StrengthNodeResult",
    "StrengthStep",
    "StrengthSystem",
    "ValuationComputation",
    "ValuationField",
    "ValuationMethod",
    "ValuationStep",
    "self_assessment_brand_list",
    "self_assessment_get",
    "self_assessment_list",
    "strength_compute",
    "strength_system_get",
    "strength_system_list",
    "strength_system_list_for_self_assessment",
    "valuation_compute",
    "valuation_grid_compute",
    "valuation_method_get",
    "valuation_method_list",
    "valuation_monte_carlo_compute",
    "valuation_scenarios_compute",
    "valuation_tornado_compute",
]
