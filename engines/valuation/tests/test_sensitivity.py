from __future__ import annotations

from decimal import Decimal

import pytest

from engines.valuation import (
    InputErrors,
    compute_grid,
    compute_monte_carlo,
    compute_scenarios,
    compute_tornado,
)

D = Decimal


def test_tornado_sorts_by_swing(worked_example):
    result = compute_tornado(
        "royalty_relief",
        worked_example,
        [
            {"input": "tax_rate", "step": "0.05"},
            {"input": "discount_rate", "step": "0.01"},
            {"input": "revenues", "step": "0.1", "relative": True},
        ],
    )

    assert result.base_value == D("3855.18")
    assert [bar.input for bar in result.bars] == ["discount_rate", "revenues", "tax_rate"]
    rate = result.bars[0]
    assert (rate.value_low, rate.value_high) == (D("4377.77"), D("3442.82"))  # 10 % and 12 % at g = 2.5 %
    assert rate.swing == D("934.95")
    revenues = result.bars[1]
    assert (revenues.value_low, revenues.value_high) == (D("3469.66"), D("4240.70"))  # ±10 % scales the value
    assert revenues.swing == D("771.04")


def test_tornado_marks_an_invalid_side(worked_example):
    result = compute_tornado("royalty_relief", worked_example, [{"input": "discount_rate", "step": "0.09"}])

    bar = result.bars[0]
    assert bar.value_low is None  # 2 % is not above the 2.5 % growth
    assert bar.value_high == D("1844.09")  # 20 %
    assert bar.invalid_rule == "not_above_growth"
    assert bar.swing == D("0.00")


def test_tornado_rejects_an_input_the_method_lacks(worked_example):
    with pytest.raises(InputErrors) as caught:
        compute_tornado("royalty_relief", worked_example, [{"input": "unit_margin", "step": "0.1"}])

    assert caught.value.rules() == [("variations[0].input", "not_applicable")]


def test_grid_cell_with_rate_not_above_growth_is_empty(worked_example):
    grid = compute_grid("royalty_relief", worked_example, ["0.02", "0.11"], ["0.025"])

    assert grid.values == ((None,), (D("3855.18"),))


def test_grid_only_for_discounted_methods():
    with pytest.raises(InputErrors) as caught:
        compute_grid("cost", {"cost_items": [{"name": "x", "amount": "1"}]}, ["0.1"], ["0.02"])

    assert caught.value.rules() == [("method", "not_applicable")]


def test_grid_axes_are_validated(worked_example):
    with pytest.raises(InputErrors) as caught:
        compute_grid("royalty_relief", worked_example, ["0.1", "x"], [str(n / 100) for n in range(22)])

    assert caught.value.rules() == [("discount_rates[1]", "not_a_number"), ("growth_rates", "too_many")]


def test_scenarios_apply_named_overrides(worked_example):
    result = compute_scenarios(
        "royalty_relief",
        worked_example,
        [
            {"name": "悲观", "overrides": {"discount_rate": "0.12", "terminal_growth": "0.02"}},
            {"name": "乐观", "overrides": {"strength_index": "80"}},
        ],
    )

    assert [(s.name, s.value) for s in result.scenarios] == [("悲观", D("3319.55")), ("乐观", D("4151.73"))]
    assert result.scenarios[0].difference == D("-535.63")


def test_bad_scenario_override_names_its_path(worked_example):
    with pytest.raises(InputErrors) as caught:
        compute_scenarios(
            "royalty_relief", worked_example, [{"name": "x", "overrides": {"discount_rate": "0.01"}}]
        )

    assert caught.value.rules() == [("scenarios[0].overrides.discount_rate", "not_above_growth")]


def test_monte_carlo_is_deterministic_for_a_seed(worked_example):
    dists = [
        {"input": "discount_rate", "kind": "triangular", "low": "0.10", "mode": "0.11", "high": "0.12"},
        {"input": "revenues", "kind": "normal", "mean": "1", "sd": "0.05"},
    ]

    first = compute_monte_carlo("royalty_relief", worked_example, dists, 400, 7)
    again = compute_monte_carlo("royalty_relief", worked_example, dists, 400, 7)
    other = compute_monte_carlo("royalty_relief", worked_example, dists, 400, 8)

    assert first == again
    assert first.n == 400
    assert first.rejected == 0
    assert (first.mean, first.p5, first.p50, first.p95) == (
        D("3894.38"),
        D("3450.02"),
        D("3900.99"),
        D("4352.24"),
    )
    assert other.mean != first.mean


def test_monte_carlo_counts_rejected_draws(worked_example):
    dists = [{"input": "discount_rate", "kind": "uniform", "low": "0.01", "high": "0.04"}]

    result = compute_monte_carlo("royalty_relief", worked_example, dists, 200, 1)

    assert (result.n, result.rejected) == (99, 101)  # a rate at or below 2.5 % growth is rejected
    assert result.p50 == D("50154.47")


def test_monte_carlo_arguments_are_validated(worked_example):
    with pytest.raises(InputErrors) as caught:
        compute_monte_carlo(
            "royalty_relief",
            worked_example,
            [
                {"input": "discount_rate", "kind": "triangular", "low": "0.12", "high": "0.10"},
                {"input": "tax_rate", "kind": "beta"},
            ],
            100_001,
            "abc",
        )

    assert caught.value.rules() == [
        ("iterations", "too_many"),
        ("seed", "not_an_integer"),
        ("distributions[1].kind", "unknown_choice"),
    ]
    with pytest.raises(InputErrors) as caught:
        compute_monte_carlo(
            "royalty_relief",
            worked_example,
            [{"input": "discount_rate", "kind": "triangular", "low": "0.12", "high": "0.10"}],
            10,
            1,
        )
    assert caught.value.rules() == [
        ("distributions[0].mode", "required"),
        ("distributions[0].low", "low_above_high"),
    ]
