"""The income approach: each method turns its inputs into brand cash flows, then discounts them."""

from __future__ import annotations

from decimal import Decimal, localcontext

from engines.valuation.discounting import present_value
from engines.valuation.inputs import (
    DcfTerms,
    IncomeSplitInputs,
    PricePremiumInputs,
    RoyaltyReliefInputs,
    VolumePremiumInputs,
)
from engines.valuation.methods.checks import check
from engines.valuation.numbers import CONTEXT, HUNDRED, ONE
from engines.valuation.result import Trace, ValuationResult, fmt


def _finish(inputs: DcfTerms, cash_flows: list[Decimal], trace: Trace) -> ValuationResult:
    value = present_value(inputs, cash_flows, trace)
    return trace.result(
        method=inputs.method,
        value=value,
        currency=inputs.currency,
        unit=inputs.unit,
        discounting=inputs.timing,
        inputs=inputs,
    )


def royalty_rate(low: Decimal, high: Decimal, strength_index: Decimal) -> Decimal:
    """rate = low + (high − low) × index / 100: linear within the sector range."""
    with localcontext(CONTEXT):
        return low + (high - low) * strength_index / HUNDRED


def royalty_relief(inputs: RoyaltyReliefInputs) -> ValuationResult:
    """许可费节省法: after-tax royalties saved on brand revenue, discounted."""
    check(inputs)
    trace = Trace()
    low, high, index = inputs.royalty_rate_low, inputs.royalty_rate_high, inputs.strength_index
    rate = trace.add(
        "royalty_rate", "许可费率", "Royalty rate",
        f"{fmt(low)} + ({fmt(high)} − {fmt(low)}) × {fmt(index)} / 100", royalty_rate(low, high, index),
    )  # fmt: skip
    keep = ONE - inputs.tax_rate
    flows = []
    with localcontext(CONTEXT):
        for t, revenue in enumerate(inputs.revenues, start=1):
            flows.append(
                trace.add(
                    f"cash_flow[{t}]",
                    f"第{t}年税后许可费节省",
                    f"After-tax royalty saved, year {t}",
                    f"{fmt(revenue)} × {fmt(rate)} × (1 − {fmt(inputs.tax_rate)})",
                    revenue * rate * keep,
                )  # fmt: skip
            )
    return _finish(inputs, flows, trace)


def price_premium(inputs: PricePremiumInputs) -> ValuationResult:
    """溢价法: after-tax price premium times volume, less the cost of keeping the brand, discounted."""
    check(inputs)
    trace = Trace()
    costs = inputs.brand_costs or tuple(Decimal(0) for _ in inputs.volumes)
    flows = []
    with localcontext(CONTEXT):
        for t, (volume, premium, cost) in enumerate(
            zip(inputs.volumes, inputs.unit_price_premiums, costs, strict=True), 1
        ):
            flows.append(
                trace.add(
                    f"cash_flow[{t}]",
                    f"第{t}年税后溢价收益",
                    f"After-tax premium income, year {t}",
                    f"({fmt(volume)} × {fmt(premium)} − {fmt(cost)}) × (1 − {fmt(inputs.tax_rate)})",
                    (volume * premium - cost) * (ONE - inputs.tax_rate),
                )  # fmt: skip
            )
    return _finish(inputs, flows, trace)


def volume_premium(inputs: VolumePremiumInputs) -> ValuationResult:
    """销量溢价法: after-tax profit on the volume sold above an unbranded product, discounted."""
    check(inputs)
    trace = Trace()
    flows = []
    with localcontext(CONTEXT):
        for t, (volume, generic) in enumerate(zip(inputs.volumes, inputs.generic_volumes, strict=True), 1):
            flows.append(
                trace.add(
                    f"cash_flow[{t}]",
                    f"第{t}年税后超额销量利润",
                    f"After-tax profit on extra volume, year {t}",
                    f"({fmt(volume)} − {fmt(generic)}) × {fmt(inputs.unit_margin)} × (1 − {fmt(inputs.tax_rate)})",
                    (volume - generic) * inputs.unit_margin * (ONE - inputs.tax_rate),
                )  # fmt: skip
            )
    return _finish(inputs, flows, trace)


def income_split(inputs: IncomeSplitInputs) -> ValuationResult:
    """收益分成法: the brand's share of after-tax operating earnings, discounted."""
    check(inputs)
    trace = Trace()
    flows = []
    with localcontext(CONTEXT):
        for t, earnings in enumerate(inputs.earnings, start=1):
            flows.append(
                trace.add(
                    f"cash_flow[{t}]",
                    f"第{t}年品牌分成收益",
                    f"Brand share of after-tax earnings, year {t}",
                    f"{fmt(earnings)} × (1 − {fmt(inputs.tax_rate)}) × {fmt(inputs.brand_share)}",
                    earnings * (ONE - inputs.tax_rate) * inputs.brand_share,
                )  # fmt: skip
            )
    return _finish(inputs, flows, trace)
