"""Cross-field rules of each method, on top of the per-field rules the registry gives."""

from __future__ import annotations

from engines.valuation.discounting import check_dcf
from engines.valuation.errors import ErrorCollector
from engines.valuation.inputs import (
    DcfTerms,
    ExcessEarningsInputs,
    MethodInputs,
    RegionalPublicBrandInputs,
    RoyaltyReliefInputs,
)
from engines.valuation.parse import validate
from engines.valuation.registry import METHODS


def check(inputs: MethodInputs) -> None:
    """Raise InputErrors listing every rule `inputs` breaks: field rules first, then cross-field rules."""
    validate(inputs)
    errors = ErrorCollector()
    spec = METHODS[inputs.method]
    years: int | None = None
    first = ""
    for field in spec.fields:
        values = getattr(inputs, field.name)
        if not field.per_year or values is None:
            continue
        if years is None:
            years, first = len(values), field.name
        elif len(values) != years:
            errors.add(
                f"inputs.{field.name}",
                "length_mismatch",
                f"has {len(values)} years but {first} has {years}: per-year lists must cover the same years",
            )
    if isinstance(inputs, DcfTerms):
        check_dcf(inputs, errors)
    if isinstance(inputs, RoyaltyReliefInputs) and inputs.royalty_rate_low > inputs.royalty_rate_high:
        errors.add(
            "inputs.royalty_rate_low",
            "low_above_high",
            f"the low end ({inputs.royalty_rate_low}) is above the high end ({inputs.royalty_rate_high})",
        )
    if isinstance(inputs, ExcessEarningsInputs):
        for n, asset in enumerate(inputs.contributory_assets):
            path = f"inputs.contributory_assets[{n}]"
            if (asset.balances is None) == (asset.revenue_share is None):
                rule = "required" if asset.balances is None else "conflict"
                errors.add(f"{path}.balances", rule, "give exactly one of balances or revenue_share")
            elif asset.balances is not None and len(asset.balances) != len(inputs.revenues):
                errors.add(
                    f"{path}.balances",
                    "length_mismatch",
                    f"has {len(asset.balances)} years but revenues has {len(inputs.revenues)}",
                )
    if isinstance(inputs, RegionalPublicBrandInputs):
        if (inputs.prices is None) == (inputs.loyalty_factor is None):
            rule = "required" if inputs.prices is None else "conflict"
            errors.add("inputs.prices", rule, "give exactly one of prices or loyalty_factor")
        elif inputs.prices is not None and not any(inputs.prices):
            errors.add("inputs.prices", "out_of_range", "prices must not all be zero")
    errors.raise_if_any()
