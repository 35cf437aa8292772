"""Cross-checks: the market approach (comparable multiples) and the cost approach."""

from __future__ import annotations

from decimal import Decimal, localcontext

from engines.valuation.inputs import CostInputs, MarketMultiplesInputs
from engines.valuation.methods.checks import check
from engines.valuation.numbers import CONTEXT, ONE, mean, median
from engines.valuation.result import Trace, ValuationResult, fmt


def market_multiples(inputs: MarketMultiplesInputs) -> ValuationResult:
    """市场法: metric × median (or mean) of the comparables' multiples."""
    check(inputs)
    trace = Trace()
    multiples = []
    for n, comparable in enumerate(inputs.comparables):
        multiples.append(
            trace.add(
                f"multiple[{n}]",
                f"可比乘数：{comparable.name}",
                f"Multiple, {comparable.name}",
                "given",
                comparable.multiple,
            )  # fmt: skip
        )
    statistic = median(multiples) if inputs.statistic == "median" else mean(multiples)
    chosen = trace.add(
        "chosen_multiple", "选定乘数（中位数）" if inputs.statistic == "median" else "选定乘数（平均数）",
        f"Chosen multiple ({inputs.statistic})", f"{inputs.statistic} of {len(multiples)} multiples", statistic,
    )  # fmt: skip
    with localcontext(CONTEXT):
        value = trace.add(
            "value", "品牌价值", "Brand value", f"{fmt(inputs.metric)} ({inputs.metric_name}) × {fmt(chosen)}",
            inputs.metric * chosen,
        )  # fmt: skip
    return trace.result(
        method=inputs.method,
        value=value,
        currency=inputs.currency,
        unit=inputs.unit,
        discounting=None,
        inputs=inputs,
    )


def cost(inputs: CostInputs) -> ValuationResult:
    """成本法: Σ cost × index factor, less obsolescence."""
    check(inputs)
    trace = Trace()
    total = Decimal(0)
    with localcontext(CONTEXT):
        for n, item in enumerate(inputs.cost_items):
            total += trace.add(
                f"indexed_cost[{n}]", f"调整后成本：{item.name}", f"Indexed cost, {item.name}",
                f"{fmt(item.amount)} × {fmt(item.index_factor)}", item.amount * item.index_factor,
            )  # fmt: skip
        label = "历史成本（指数调整）合计" if inputs.basis == "historical" else "重置成本合计"
        trace.add("total_cost", label, f"Total {inputs.basis} cost", "Σ indexed costs", total)
        value = trace.add(
            "value", "品牌价值", "Brand value", f"{fmt(total)} × (1 − {fmt(inputs.obsolescence)})",
            total * (ONE - inputs.obsolescence),
        )  # fmt: skip
    return trace.result(
        method=inputs.method,
        value=value,
        currency=inputs.currency,
        unit=inputs.unit,
        discounting=None,
        inputs=inputs,
    )
