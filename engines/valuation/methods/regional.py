"""农产品区域公用品牌价值评估模型 (the CARD model of 浙江大学 CARD 中国农业品牌研究中心, as we implement it).

V = BI × BL × BS: brand income × loyalty factor × strength multiplier. See docs/engines/valuation.md for
the definitions chosen (brand income share, the price standard deviation, the floor of the loyalty factor).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from engines.valuation.inputs import RegionalPublicBrandInputs
from engines.valuation.methods.checks import check
from engines.valuation.numbers import CONTEXT, ZERO, mean, sqrt, std_dev
from engines.valuation.result import Trace, ValuationResult, fmt

FIFTY = Decimal(50)


def strength_multiplier(x: Decimal) -> Decimal:
    """The S-curve: y = x²/250 for x ≤ 50 (250y = x²); y = 10 + √(2x − 100) above ((y − 10)² = 2x − 100)."""
    with localcontext(CONTEXT):
        if x <= FIFTY:
            return x * x / 250
        return 10 + sqrt(2 * x - 100)


def loyalty_factor(prices: tuple[Decimal, ...], *, sample: bool) -> tuple[Decimal, Decimal, Decimal]:
    """(mean, σ, BL) with BL = (mean − σ) / mean floored at 0: steadier prices mean more loyal buyers."""
    with localcontext(CONTEXT):
        m = mean(prices)
        sigma = std_dev(prices, sample=sample)
        return m, sigma, max(ZERO, (m - sigma) / m)


def regional_public_brand(inputs: RegionalPublicBrandInputs) -> ValuationResult:
    check(inputs)
    trace = Trace()
    with localcontext(CONTEXT):
        sales = trace.add(
            "mean_sales", "近年平均销售额", "Mean recent sales",
            f"mean of {len(inputs.sales_revenues)} years", mean(inputs.sales_revenues),
        )  # fmt: skip
        income = trace.add(
            "brand_income", "品牌收益", "Brand income", f"{fmt(sales)} × {fmt(inputs.brand_income_share)}",
            sales * inputs.brand_income_share,
        )  # fmt: skip
        if inputs.prices is not None:
            sample = inputs.price_deviation == "sample"
            m, sigma, loyalty = loyalty_factor(inputs.prices, sample=sample)
            trace.add("mean_price", "近年平均售价", "Mean price", f"mean of {len(inputs.prices)} years", m)
            trace.add(
                "price_std_dev", "售价标准差", "Standard deviation of prices",
                f"{'sample (n − 1)' if sample else 'population (n)'} standard deviation", sigma,
            )  # fmt: skip
            trace.add(
                "loyalty_factor", "品牌忠诚度因子", "Loyalty factor",
                f"max(0, ({fmt(m)} − {fmt(sigma)}) / {fmt(m)})", loyalty,
            )  # fmt: skip
        else:
            loyalty = trace.add(
                "loyalty_factor", "品牌忠诚度因子", "Loyalty factor", "given", inputs.loyalty_factor or ZERO
            )
        x = inputs.strength_index
        curve = f"{fmt(x)}² / 250" if x <= FIFTY else f"10 + √(2 × {fmt(x)} − 100)"
        multiplier = trace.add(
            "strength_multiplier", "品牌强度乘数", "Strength multiplier", curve, strength_multiplier(x)
        )
        value = trace.add(
            "value", "品牌价值", "Brand value", f"{fmt(income)} × {fmt(loyalty)} × {fmt(multiplier)}",
            income * loyalty * multiplier,
        )  # fmt: skip
    return trace.result(
        method=inputs.method,
        value=value,
        currency=inputs.currency,
        unit=inputs.unit,
        discounting=None,
        inputs=inputs,
    )
