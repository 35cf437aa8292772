from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engines.valuation import compute, strength_multiplier

D = Decimal
DCF = {"tax_rate": "0.25", "discount_rate": "0.11", "terminal_growth": "0.025", "unit": "万元"}


def _dcf(flows: list[Decimal]) -> Decimal:
    """Independent end-year DCF with a Gordon terminal value, at the engine's precision."""
    with localcontext(prec=40):
        r, g = D("0.11"), D("0.025")
        pv = sum((cf / (1 + r) ** t for t, cf in enumerate(flows, start=1)), D(0))
        return pv + flows[-1] * (1 + g) / (r - g) / (1 + r) ** len(flows)


def test_excess_earnings_charges_contributory_assets():
    result = compute(
        "excess_earnings",
        {
            **DCF,
            "revenues": [10000, 10800, 11500],
            "operating_profits": [1500, 1650, 1800],
            "contributory_assets": [
                {"name": "营运资金", "required_return": "0.05", "revenue_share": "0.1"},
                {"name": "固定资产", "required_return": "0.08", "balances": [2000, 2100, 2200]},
            ],
            "brand_share": "0.6",
        },
    )

    assert result.step("contributory_charge[0][1]").value == D("50.000")  # 0.05 × 0.1 × 10000
    assert result.step("contributory_charge[1][3]").value == D("176.00")  # 0.08 × 2200
    flows = [
        (D(p) * D("0.75") - D("0.05") * D("0.1") * D(rev) - D("0.08") * D(bal)) * D("0.6")
        for p, rev, bal in [(1500, 10000, 2000), (1650, 10800, 2100), (1800, 11500, 2200)]
    ]
    assert [result.step(f"cash_flow[{t}]").value for t in (1, 2, 3)] == flows
    assert result.value_unrounded == _dcf(flows)
    assert result.value == D("7385.66")


def test_price_premium_nets_brand_costs():
    result = compute(
        "price_premium",
        {
            **DCF,
            "volumes": [100, 110, 120],
            "unit_price_premiums": ["2.5", "2.5", "2.6"],
            "brand_costs": [50, 55, 60],
        },
    )

    flows = [D("150.00"), D("165.00"), D("189.00")]  # (100×2.5−50)×0.75 …
    assert [result.step(f"cash_flow[{t}]").value for t in (1, 2, 3)] == flows
    assert result.value_unrounded == _dcf(flows)
    assert result.value == D("2073.72")


def test_volume_premium_values_the_extra_volume():
    result = compute(
        "volume_premium",
        {**DCF, "volumes": [1000, 1100, 1200], "generic_volumes": [800, 850, 900], "unit_margin": "1.2"},
    )

    flows = [D("180.00"), D("225.00"), D("270.00")]
    assert [result.step(f"cash_flow[{t}]").value for t in (1, 2, 3)] == flows
    assert result.value == D("2922.87")


def test_income_split_takes_the_brand_share():
    result = compute("income_split", {**DCF, "earnings": [1500, 1650, 1800], "brand_share": "0.3"})

    assert result.step("cash_flow[1]").value == D("337.500")
    assert result.value == D("4472.51")


@pytest.mark.parametrize(
    ("statistic", "chosen", "value"),
    [("median", D("0.385"), D("4620.00")), ("mean", D("0.3875"), D("4650.00"))],
)
def test_market_multiples_show_the_chosen_statistic(statistic, chosen, value):
    result = compute(
        "market_multiples",
        {
            "metric": "12000",
            "comparables": [
                {"name": "A", "multiple": "0.35"},
                {"name": "B", "multiple": "0.42"},
                {"name": "C", "multiple": "0.28"},
                {"name": "D", "multiple": "0.5"},
            ],
            "statistic": statistic,
        },
    )

    assert [result.step(f"multiple[{n}]").value for n in range(4)] == [
        D("0.35"),
        D("0.42"),
        D("0.28"),
        D("0.5"),
    ]
    assert result.step("chosen_multiple").value == chosen
    assert result.value == value
    assert result.discounting is None


def test_cost_indexes_then_deducts_obsolescence():
    result = compute(
        "cost",
        {
            "cost_items": [
                {"name": "广告", "amount": "800", "index_factor": "1.12"},
                {"name": "商标注册", "amount": "50"},
            ],
            "obsolescence": "0.2",
        },
    )

    assert result.step("indexed_cost[0]").value == D("896.00")
    assert result.step("total_cost").value == D("946.00")
    assert result.value == D("756.80")


def test_regional_public_brand_multiplies_income_loyalty_and_strength():
    result = compute(
        "regional_public_brand",
        {
            "sales_revenues": [52000, 55000, 58000],
            "brand_income_share": "0.12",
            "strength_index": "82",
            "prices": ["30", "32", "31"],
        },
    )

    assert result.step("brand_income").value == D("6600.00")
    with localcontext(prec=40) as ctx:
        sigma = ctx.sqrt(D(2) / 3)
        assert result.step("price_std_dev").value == sigma
        assert result.step("loyalty_factor").value == (31 - sigma) / 31
    assert result.step("strength_multiplier").value == D(18)  # 10 + √(164 − 100)
    assert result.value == D("115670.97")


def test_regional_public_brand_accepts_a_given_loyalty_factor_and_sample_deviation():
    given_factor = compute(
        "regional_public_brand",
        {
            "sales_revenues": [1000],
            "brand_income_share": "0.5",
            "strength_index": "40",
            "loyalty_factor": "0.9",
        },
    )
    sample = compute(
        "regional_public_brand",
        {
            "sales_revenues": [1000],
            "brand_income_share": "0.5",
            "strength_index": "50",
            "prices": ["30", "32", "31"],
            "price_deviation": "sample",
        },
    )

    assert given_factor.value == D("2880.00")  # 500 × 0.9 × 40²/250 = 500 × 0.9 × 6.4
    assert sample.step("price_std_dev").value == D(1)  # √(2 / 2)
    assert sample.value == D("4838.71")  # 500 × 30/31 × 10


@pytest.mark.parametrize(
    ("x", "y"),
    [(D(0), D(0)), (D(25), D("2.5")), (D(50), D(10)), (D("50.5"), D(11)), (D(68), D(16)), (D(100), D(20))],
)
def test_strength_multiplier_s_curve(x, y):
    assert strength_multiplier(x) == y


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_strength_multiplier_is_monotone_and_bounded(x):
    y = strength_multiplier(x)
    assert D(0) <= y <= D(20)
    assert strength_multiplier(min(x + D("0.01"), D(100))) >= y
