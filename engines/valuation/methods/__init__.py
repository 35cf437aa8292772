"""The valuation methods: one typed function per method, and `value` dispatching on the input type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engines.valuation.inputs import MethodInputs
from engines.valuation.methods.checks import check
from engines.valuation.methods.cross_checks import cost, market_multiples
from engines.valuation.methods.excess_earnings import excess_earnings
from engines.valuation.methods.income import income_split, price_premium, royalty_relief, volume_premium
from engines.valuation.methods.regional import regional_public_brand
from engines.valuation.result import ValuationResult

FUNCTIONS: dict[str, Callable[[Any], ValuationResult]] = {
    "royalty_relief": royalty_relief,
    "excess_earnings": excess_earnings,
    "price_premium": price_premium,
    "volume_premium": volume_premium,
    "income_split": income_split,
    "market_multiples": market_multiples,
    "cost": cost,
    "regional_public_brand": regional_public_brand,
}


def value(inputs: MethodInputs) -> ValuationResult:
    """Value `inputs` with the method its type names."""
    return FUNCTIONS[inputs.method](inputs)


__all__ = [
    "FUNCTIONS",
    "check",
    "cost",
    "excess_earnings",
    "income_split",
    "market_multiples",
    "price_premium",
    "regional_public_brand",
    "royalty_relief",
    "value",
    "volume_premium",
]
