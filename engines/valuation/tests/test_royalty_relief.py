from __future__ import annotations

from decimal import Decimal, localcontext

from engines.valuation import (
    ENGINE_VERSION,
    RoyaltyReliefInputs,
    compute,
    compute_grid,
    royalty_relief,
    to_jsonable,
)

D = Decimal


def test_worked_example_is_exact_to_the_cent(worked_example):
    result = compute("royalty_relief", worked_example)

    assert result.value == D("3855.18")
    assert result.value_unrounded == D("3855.180907215744011892198922524052793324")
    assert result.currency == "CNY"
    assert result.unit == "万元"
    assert result.discounting == "end_year"
    assert result.engine_version == ENGINE_VERSION == "valuation-2026.1"


def test_worked_example_steps_rederive_the_value(worked_example):
    result = compute("royalty_relief", worked_example)

    assert result.step("royalty_rate").value == D("0.039")
    assert [result.step(f"cash_flow[{t}]").value for t in range(1, 6)] == [
        D("292.5"),
        D("315.9"),
        D("336.375"),
        D("353.925"),
        D("368.55"),
    ]
    assert result.step("discount_factor[1]").formula == "1 / (1 + 0.11)^1"
    assert result.step("terminal_value").value == D("4444.279411764705882352941176470588235294")
    with localcontext(prec=40):  # the engine's precision: re-deriving with it gives the same digits
        pv = sum((result.step(f"pv_cash_flow[{t}]").value for t in range(1, 6)), D(0))
        assert pv == result.step("pv_explicit").value
        assert pv + result.step("pv_terminal_value").value == result.value_unrounded
    assert [s.code for s in result.steps][:2] == ["royalty_rate", "cash_flow[1]"]
    assert result.steps[-1].code == "value"


def test_worked_example_grid_matches_the_issue(worked_example):
    grid = compute_grid(
        "royalty_relief", worked_example, ["0.10", "0.11", "0.12"], ["0.020", "0.025", "0.030"]
    )

    assert grid.values == (
        (D("4168.00"), D("4377.77"), D("4617.51")),
        (D("3696.50"), D("3855.18"), D("4033.69")),
        (D("3319.55"), D("3442.82"), D("3579.79")),
    )
    assert grid.base_value == D("3855.18")


def test_typed_call_gives_the_same_figure():
    inputs = RoyaltyReliefInputs(
        revenues=(D(10000), D(10800), D(11500), D(12100), D(12600)),
        royalty_rate_low=D("0.01"),
        royalty_rate_high=D("0.05"),
        strength_index=D("72.5"),
        tax_rate=D("0.25"),
        discount_rate=D("0.11"),
        terminal_growth=D("0.025"),
    )

    assert royalty_relief(inputs).value == D("3855.18")


def test_floats_are_read_through_their_decimal_text(worked_example):
    as_floats = {**worked_example, "royalty_rate_low": 0.01, "royalty_rate_high": 0.05, "tax_rate": 0.25}

    assert compute("royalty_relief", as_floats).value_unrounded == D(
        "3855.180907215744011892198922524052793324"
    )


def test_mid_year_discounting_shifts_every_factor_half_a_year(worked_example):
    result = compute("royalty_relief", {**worked_example, "timing": "mid_year"})

    assert result.discounting == "mid_year"
    assert result.value == D("4061.69")
    assert result.step("discount_factor[1]").formula == "1 / (1 + 0.11)^0.5"


def test_without_terminal_growth_only_the_explicit_period_counts(worked_example):
    inputs = {k: v for k, v in worked_example.items() if k != "terminal_growth"}

    result = compute("royalty_relief", inputs)

    assert result.value == D("1217.72")
    assert result.step("value").formula == "pv_explicit"


def test_tax_amortisation_benefit_multiplies_by_the_stated_factor(worked_example):
    result = compute("royalty_relief", {**worked_example, "tab_amortisation_years": 15})

    r, t, n = D("0.11"), D("0.25"), 15
    with localcontext(prec=40):
        pva = (1 - 1 / (1 + r) ** n) / r
        factor = 1 / (1 - t * pva / n)
        assert result.step("tab_annuity_factor").value == pva
        assert result.step("tab_factor").value == factor
        assert result.step("value").value == result.step("value_before_tab").value * factor
    assert result.value == D("4380.13")


def test_discount_rate_build_up_is_traced(worked_example):
    inputs = {k: v for k, v in worked_example.items() if k != "discount_rate"}
    inputs["discount_rate_build_up"] = {
        "risk_free_rate": "0.025",
        "equity_risk_premium": "0.06",
        "beta": "1.1",
        "size_premium": "0.01",
        "specific_premium": "0.009",
    }

    result = compute("royalty_relief", inputs)

    assert result.step("beta_equity_risk_premium").value == D("0.066")
    assert result.step("discount_rate").value == D("0.110")
    assert result.value == D("3855.18")


def test_wacc_is_traced(worked_example):
    inputs = {k: v for k, v in worked_example.items() if k != "discount_rate"}
    inputs["wacc"] = {
        "cost_of_equity": "0.13",
        "cost_of_debt": "0.06",
        "tax_rate": "0.25",
        "equity_weight": "0.75",
        "debt_weight": "0.25",
    }

    result = compute("royalty_relief", inputs)

    assert result.step("wacc_debt").value == D("0.01125")
    assert result.step("discount_rate").value == D("0.10875")
    assert result.value == D("3913.67")


def test_to_jsonable_writes_decimals_as_strings(worked_example):
    body = to_jsonable(compute("royalty_relief", worked_example))

    assert isinstance(body, dict)
    assert body["value"] == "3855.18"
    assert body["engine_version"] == "valuation-2026.1"
    assert body["inputs"]["method"] == "royalty_relief"
    assert body["inputs"]["revenues"] == ["10000", "10800", "11500", "12100", "12600"]
    assert body["steps"][0] == {
        "code": "royalty_rate",
        "label_zh": "许可费率",
        "label_en": "Royalty rate",
        "formula": "0.01 + (0.05 − 0.01) × 72.5 / 100",
        "value": "0.039",
    }
