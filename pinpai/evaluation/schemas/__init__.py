"""Evaluation API schemas: one In/Out pair per endpoint, every field listed; numbers as decimal strings."""

from pinpai.evaluation.schemas.strength import (
    StrengthComputeIn,
    StrengthComputeOut,
    StrengthSystemGetIn,
    StrengthSystemGetOut,
    StrengthSystemListOut,
)
from pinpai.evaluation.schemas.valuation import (
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

__all__ = [
    "StrengthComputeIn",
    "StrengthComputeOut",
    "StrengthSystemGetIn",
    "StrengthSystemGetOut",
    "StrengthSystemListOut",
    "ValuationComputeIn",
    "ValuationComputeOut",
    "ValuationGridComputeIn",
    "ValuationGridComputeOut",
    "ValuationMethodGetOut",
    "ValuationMethodListOut",
    "ValuationMonteCarloComputeIn",
    "ValuationMonteCarloComputeOut",
    "ValuationScenariosComputeIn",
    "ValuationScenariosComputeOut",
    "ValuationTornadoComputeIn",
    "ValuationTornadoComputeOut",
]
