"""Discounting shared by the income approach: the discount rate and its build-up, discount factors
(end-year or mid-year), the Gordon-growth terminal value and the tax amortisation benefit (TAB)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext

from engines.valuation.errors import ErrorCollector
from engines.valuation.inputs import DcfTerms
from engines.valuation.numbers import CONTEXT, ONE, sqrt
from engines.valuation.result import Trace, fmt

WEIGHT_TOLERANCE = Decimal("0.000001")


def rate_source(inputs: DcfTerms) -> str:
    """The input field the discount rate comes from (for error paths)."""
    if inputs.discount_rate_build_up is not None:
        return "inputs.discount_rate_build_up"
    if inputs.wacc is not None:
        return "inputs.wacc"
    return "inputs.discount_rate"


def plain_rate(inputs: DcfTerms) -> Decimal | None:
    """The discount rate without tracing (None when none is given)."""
    with localcontext(CONTEXT):
        if inputs.discount_rate is not None:
            return inputs.discount_rate
        if (b := inputs.discount_rate_build_up) is not None:
            return b.risk_free_rate + b.beta * b.equity_risk_premium + b.size_premium + b.specific_premium
        if (w := inputs.wacc) is not None:
            return w.equity_weight * w.cost_of_equity + w.debt_weight * w.cost_of_debt * (ONE - w.tax_rate)
    return None


def check_dcf(inputs: DcfTerms, errors: ErrorCollector) -> None:
    given = [
        name
        for name in ("discount_rate", "discount_rate_build_up", "wacc")
        if getattr(inputs, name) is not None
    ]
    if not given:
        errors.add(
            "inputs.discount_rate", "required", "give one of discount_rate, discount_rate_build_up or wacc"
        )
        return
    if len(given) > 1:
        errors.add(
            f"inputs.{given[1]}",
            "conflict",
            f"give only one of {', '.join(given)} (they all set the discount rate)",
        )
        return
    if (w := inputs.wacc) is not None and abs(w.equity_weight + w.debt_weight - ONE) > WEIGHT_TOLERANCE:
        errors.add(
            "inputs.wacc",
            "weights_do_not_sum_to_one",
            f"equity_weight + debt_weight must be 1, got {w.equity_weight + w.debt_weight}",
        )
        return
    rate = plain_rate(inputs)
    assert rate is not None  # noqa: S101 - one source is given, checked above
    if rate <= 0 or rate > 1:
        errors.add(
            rate_source(inputs), "out_of_range", f"the discount rate must be within (0, 1], got {rate}"
        )
    elif inputs.terminal_growth is not None and rate <= inputs.terminal_growth:
        errors.add(
            rate_source(inputs),
            "not_above_growth",
            f"the discount rate ({rate}) must be above the terminal growth rate ({inputs.terminal_growth})",
        )


def discount_rate(inputs: DcfTerms, trace: Trace) -> Decimal:
    """The discount rate, with its build-up steps in the trace."""
    with localcontext(CONTEXT):
        if (b := inputs.discount_rate_build_up) is not None:
            trace.add("risk_free_rate", "无风险利率", "Risk-free rate", "given", b.risk_free_rate)
            erp = trace.add(
                "beta_equity_risk_premium", "β × 市场风险溢价", "Beta × equity risk premium",
                f"{fmt(b.beta)} × {fmt(b.equity_risk_premium)}", b.beta * b.equity_risk_premium,
            )  # fmt: skip
            trace.add("size_premium", "规模溢价", "Size premium", "given", b.size_premium)
            trace.add("specific_premium", "特定风险溢价", "Specific premium", "given", b.specific_premium)
            rate = b.risk_free_rate + erp + b.size_premium + b.specific_premium
            formula = (
                f"{fmt(b.risk_free_rate)} + {fmt(erp)} + {fmt(b.size_premium)} + {fmt(b.specific_premium)}"
            )
        elif (w := inputs.wacc) is not None:
            equity = trace.add(
                "wacc_equity", "股权成本贡献", "Equity part", f"{fmt(w.equity_weight)} × {fmt(w.cost_of_equity)}",
                w.equity_weight * w.cost_of_equity,
            )  # fmt: skip
            debt = trace.add(
                "wacc_debt", "税后债务成本贡献", "Debt part after tax",
                f"{fmt(w.debt_weight)} × {fmt(w.cost_of_debt)} × (1 − {fmt(w.tax_rate)})",
                w.debt_weight * w.cost_of_debt * (ONE - w.tax_rate),
            )  # fmt: skip
            rate = equity + debt
            formula = f"{fmt(equity)} + {fmt(debt)}"
        else:
            assert inputs.discount_rate is not None  # noqa: S101 - check_dcf ran before
            rate, formula = inputs.discount_rate, "given"
        return trace.add("discount_rate", "折现率", "Discount rate", formula, rate)


def discount_factors(rate: Decimal, years: int, timing: str) -> list[Decimal]:
    """DF_t = 1/(1+r)^t (end_year) or 1/(1+r)^(t−0.5) (mid_year), t = 1..years."""
    with localcontext(CONTEXT):
        base = ONE + rate
        half = sqrt(base) if timing == "mid_year" else ONE
        factors = []
        growth = ONE
        for _ in range(years):
            factors.append(half / (growth * base))
            growth *= base
        return factors


def annuity_factor(rate: Decimal, years: int, timing: str) -> Decimal:
    """PVA(n, r) = (1 − (1+r)^−n) / r, times (1+r)^0.5 under mid-year discounting."""
    with localcontext(CONTEXT):
        pva = (ONE - ONE / (ONE + rate) ** years) / rate
        return pva * sqrt(ONE + rate) if timing == "mid_year" else pva


def present_value(inputs: DcfTerms, cash_flows: Sequence[Decimal], trace: Trace) -> Decimal:
    """Σ CF_t × DF_t + PV(Gordon terminal value), times the TAB factor when asked; every step traced."""
    rate = discount_rate(inputs, trace)
    timing = inputs.timing
    shift = Decimal("0.5") if timing == "mid_year" else Decimal(0)
    with localcontext(CONTEXT):
        factors = discount_factors(rate, len(cash_flows), timing)
        total = Decimal(0)
        for t, (cf, df) in enumerate(zip(cash_flows, factors, strict=True), start=1):
            trace.add(
                f"discount_factor[{t}]", f"第{t}年折现系数", f"Discount factor, year {t}",
                f"1 / (1 + {fmt(rate)})^{fmt(t - shift)}", df,
            )  # fmt: skip
            total += trace.add(
                f"pv_cash_flow[{t}]",
                f"第{t}年现值",
                f"Present value, year {t}",
                f"{fmt(cf)} × {fmt(df)}",
                cf * df,
            )
        trace.add("pv_explicit", "预测期现值合计", "Present value of the explicit period", "Σ PV_t", total)
        value = total
        g = inputs.terminal_growth
        if g is not None:
            last = cash_flows[-1]
            tv = trace.add(
                "terminal_value", "终值（戈登增长）", "Terminal value (Gordon growth)",
                f"{fmt(last)} × (1 + {fmt(g)}) / ({fmt(rate)} − {fmt(g)})", last * (ONE + g) / (rate - g),
            )  # fmt: skip
            value += trace.add(
                "pv_terminal_value", "终值现值", "Present value of the terminal value",
                f"{fmt(tv)} × {fmt(factors[-1])} (year {len(cash_flows)}'s factor)", tv * factors[-1],
            )  # fmt: skip
        formula = "pv_explicit + pv_terminal_value" if g is not None else "pv_explicit"
        n = inputs.tab_amortisation_years
        if n is None:
            return trace.add("value", "品牌价值", "Brand value", formula, value)
        value = trace.add(
            "value_before_tab", "品牌价值（未计税收摊销收益）", "Value before TAB", formula, value
        )
        pva = trace.add(
            "tab_annuity_factor", "摊销年金现值系数", "Annuity factor over the amortisation years",
            f"(1 − (1 + {fmt(rate)})^−{n}) / {fmt(rate)}" + (" × √(1 + r)" if timing == "mid_year" else ""),
            annuity_factor(rate, n, timing),
        )  # fmt: skip
        factor = trace.add(
            "tab_factor", "税收摊销收益系数", "Tax amortisation benefit factor",
            f"1 / (1 − {fmt(inputs.tax_rate)} × {fmt(pva)} / {n})", ONE / (ONE - inputs.tax_rate * pva / n),
        )  # fmt: skip
        return trace.add("value", "品牌价值", "Brand value", f"{fmt(value)} × {fmt(factor)}", value * factor)
