"""多期超额收益法 (GB/T 29188): after-tax operating profit less contributory asset charges, discounted."""

from __future__ import annotations

from decimal import Decimal, localcontext

from engines.valuation.inputs import ExcessEarningsInputs
from engines.valuation.methods.checks import check
from engines.valuation.methods.income import _finish
from engines.valuation.numbers import CONTEXT, ONE
from engines.valuation.result import Trace, ValuationResult, fmt


def excess_earnings(inputs: ExcessEarningsInputs) -> ValuationResult:
    check(inputs)
    trace = Trace()
    flows = []
    with localcontext(CONTEXT):
        for t, (revenue, profit) in enumerate(zip(inputs.revenues, inputs.operating_profits, strict=True), 1):
            after_tax = trace.add(
                f"profit_after_tax[{t}]", f"第{t}年税后经营利润", f"Operating profit after tax, year {t}",
                f"{fmt(profit)} × (1 − {fmt(inputs.tax_rate)})", profit * (ONE - inputs.tax_rate),
            )  # fmt: skip
            charges = Decimal(0)
            for n, asset in enumerate(inputs.contributory_assets):
                if asset.balances is not None:
                    balance, basis = asset.balances[t - 1], "given"
                else:
                    share = asset.revenue_share or Decimal(0)
                    balance, basis = share * revenue, f"{fmt(share)} × {fmt(revenue)}"
                charges += trace.add(
                    f"contributory_charge[{n}][{t}]", f"第{t}年贡献资产回报：{asset.name}",
                    f"Contributory asset charge, {asset.name}, year {t}",
                    f"{fmt(asset.required_return)} × {fmt(balance)} (balance {basis})", asset.required_return * balance,
                )  # fmt: skip
            excess = trace.add(
                f"excess_earnings[{t}]", f"第{t}年超额收益", f"Excess earnings, year {t}",
                f"{fmt(after_tax)} − {fmt(charges)}", after_tax - charges,
            )  # fmt: skip
            flows.append(
                trace.add(
                    f"cash_flow[{t}]",
                    f"第{t}年品牌超额收益",
                    f"Brand excess earnings, year {t}",
                    f"{fmt(excess)} × {fmt(inputs.brand_share)}",
                    excess * inputs.brand_share,
                )  # fmt: skip
            )
    return _finish(inputs, flows, trace)
