"""Brand valuation: the methods registry and the calculators. Public; a calculation stores nothing."""

from typing import Any

from django.http import HttpRequest

from pinpai.api.auth import optional_bearer
from pinpai.evaluation import selectors
from pinpai.evaluation.api.base import router
from pinpai.evaluation.schemas import (
    ValuationComputeIn,
    ValuationComputeOut,
    ValuationGridComputeIn,
    ValuationGridComputeOut,
    ValuationMethodGetOut,
    ValuationMethodListOut,
    ValuationMonteCarloComputeIn,
    ValuationMonteCarloComputeOut,
    ValuationScenariosComputeIn,
    ValuationScenariosComputeOut,
    ValuationTornadoComputeIn,
    ValuationTornadoComputeOut,
)

TAGS = ["valuation"]


@router.get(
    "/valuation/methods",
    response=list[ValuationMethodListOut],
    operation_id="valuation_method_list",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_method_list(request: HttpRequest) -> Any:
    """The valuation methods (ISO 10668 / GB/T 29187 …), named in the request's language."""
    return selectors.valuation_method_list()


@router.get(
    "/valuation/methods/{code}",
    response=ValuationMethodGetOut,
    operation_id="valuation_method_get",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_method_get(request: HttpRequest, code: str) -> Any:
    """One method: its formulas and every input with kind, unit, default and bounds (the engine's own data)."""
    return selectors.valuation_method_get(code=code)


@router.post(
    "/valuation/compute",
    response=ValuationComputeOut,
    operation_id="valuation_compute",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_compute(request: HttpRequest, payload: ValuationComputeIn) -> Any:
    """Value a brand: the value rounded half-up to 0.01 and every step of the derivation, unrounded.

    Bad inputs are a 422 `evaluation_inputs_invalid` whose `errors` name each field and rule
    (`{"field": "inputs.revenues[2]", "rule": "negative", "message": …}`); an unknown method is
    `{"field": "method", "rule": "unknown_method"}`."""
    return selectors.valuation_compute(method=payload.method, inputs=payload.inputs)


@router.post(
    "/valuation/grid",
    response=ValuationGridComputeOut,
    operation_id="valuation_grid_compute",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_grid_compute(request: HttpRequest, payload: ValuationGridComputeIn) -> Any:
    """Two-way sensitivity of an income method: discount rate × terminal growth rate."""
    return selectors.valuation_grid_compute(
        method=payload.method,
        inputs=payload.inputs,
        discount_rates=payload.discount_rates,
        growth_rates=payload.growth_rates,
    )


@router.post(
    "/valuation/tornado",
    response=ValuationTornadoComputeOut,
    operation_id="valuation_tornado_compute",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_tornado_compute(request: HttpRequest, payload: ValuationTornadoComputeIn) -> Any:
    """One-way sensitivity: each input moved down and up, widest swing first."""
    return selectors.valuation_tornado_compute(
        method=payload.method, inputs=payload.inputs, variations=payload.variations
    )


@router.post(
    "/valuation/scenarios",
    response=ValuationScenariosComputeOut,
    operation_id="valuation_scenarios_compute",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_scenarios_compute(request: HttpRequest, payload: ValuationScenariosComputeIn) -> Any:
    """Named scenarios, each valued with its overrides, and the difference from the base value."""
    return selectors.valuation_scenarios_compute(
        method=payload.method, inputs=payload.inputs, scenarios=payload.scenarios
    )


@router.post(
    "/valuation/monte-carlo",
    response=ValuationMonteCarloComputeOut,
    operation_id="valuation_monte_carlo_compute",
    auth=optional_bearer,
    tags=TAGS,
)
def valuation_monte_carlo_compute(request: HttpRequest, payload: ValuationMonteCarloComputeIn) -> Any:
    """Seeded Monte Carlo (the same seed gives the same result): mean, 5th, 50th and 95th percentiles."""
    return selectors.valuation_monte_carlo_compute(
        method=payload.method,
        inputs=payload.inputs,
        distributions=payload.distributions,
        iterations=payload.iterations,
        seed=payload.seed,
    )
