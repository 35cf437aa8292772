from __future__ import annotations

from decimal import Decimal

import pytest

from engines.valuation import InputError, InputErrors, RoyaltyReliefInputs, compute, royalty_relief


def _rules(method, inputs):
    with pytest.raises(InputErrors) as caught:
        compute(method, inputs)
    return caught.value.rules()


def test_negative_and_missing_revenues(worked_example):
    assert _rules("royalty_relief", {**worked_example, "revenues": [100, -5, 200, 1, 1]}) == [
        ("inputs.revenues[1]", "negative")
    ]
    missing = {k: v for k, v in worked_example.items() if k != "revenues"}
    assert _rules("royalty_relief", missing) == [("inputs.revenues", "required")]


def test_discount_rate_not_above_growth(worked_example):
    assert _rules("royalty_relief", {**worked_example, "discount_rate": "0.025"}) == [
        ("inputs.discount_rate", "not_above_growth")
    ]


def test_unknown_method(worked_example):
    assert _rules("interbrand", worked_example) == [("method", "unknown_method")]


def test_strength_index_outside_0_100(worked_example):
    assert _rules("royalty_relief", {**worked_example, "strength_index": "100.5"}) == [
        ("inputs.strength_index", "out_of_range")
    ]


@pytest.mark.parametrize(
    "bad", ["abc", "NaN", "Infinity", "-inf", float("nan"), float("inf"), True, [1], "", "1e999"]
)
def test_not_a_number(worked_example, bad):
    rules = _rules("royalty_relief", {**worked_example, "tax_rate": bad})
    assert rules in ([("inputs.tax_rate", "not_a_number")], [("inputs.tax_rate", "out_of_range")])
    if bad != "1e999":
        assert rules == [("inputs.tax_rate", "not_a_number")]


def test_empty_lists_and_mismatched_lengths(worked_example):
    assert _rules("royalty_relief", {**worked_example, "revenues": []}) == [("inputs.revenues", "empty")]
    dcf = {"tax_rate": "0.25", "discount_rate": "0.11"}
    assert _rules("excess_earnings", {**dcf, "revenues": [1, 2, 3], "operating_profits": [1, 2]}) == [
        ("inputs.operating_profits", "length_mismatch")
    ]
    asset = {"name": "设备", "required_return": "0.08", "balances": [1, 2]}
    assert _rules(
        "excess_earnings",
        {**dcf, "revenues": [1, 2, 3], "operating_profits": [1, 2, 3], "contributory_assets": [asset]},
    ) == [("inputs.contributory_assets[0].balances", "length_mismatch")]


def test_absurd_sizes_are_capped(worked_example):
    assert _rules("royalty_relief", {**worked_example, "revenues": [1] * 51}) == [
        ("inputs.revenues", "too_many")
    ]


def test_several_bad_fields_are_reported_at_once(worked_example):
    inputs = {
        **worked_example,
        "revenues": [1, "x", -1],
        "strength_index": 101,
        "timing": "sometimes",
        "colour": "red",
    }

    with pytest.raises(InputErrors) as caught:
        compute("royalty_relief", inputs)

    assert caught.value.rules() == [
        ("inputs.colour", "unknown_field"),
        ("inputs.revenues[1]", "not_a_number"),
        ("inputs.revenues[2]", "negative"),
        ("inputs.strength_index", "out_of_range"),
        ("inputs.timing", "unknown_choice"),
    ]
    first = caught.value.errors[0]
    assert isinstance(first, InputError)
    assert isinstance(first, ValueError)
    assert first.message == "'colour' is not an input of this method"


def test_discount_rate_sources_conflict_or_are_missing(worked_example):
    no_rate = {k: v for k, v in worked_example.items() if k != "discount_rate"}
    wacc = {
        "cost_of_equity": "0.1",
        "cost_of_debt": "0.05",
        "tax_rate": "0.25",
        "equity_weight": "0.7",
        "debt_weight": "0.2",
    }

    assert _rules("royalty_relief", no_rate) == [("inputs.discount_rate", "required")]
    assert _rules("royalty_relief", {**worked_example, "wacc": wacc}) == [("inputs.wacc", "conflict")]
    assert _rules("royalty_relief", {**no_rate, "wacc": wacc}) == [
        ("inputs.wacc", "weights_do_not_sum_to_one")
    ]
    assert _rules("royalty_relief", {**no_rate, "wacc": {**wacc, "beta": 1}}) == [
        ("inputs.wacc.beta", "unknown_field"),
    ]


def test_royalty_range_and_other_cross_field_rules(worked_example):
    assert _rules("royalty_relief", {**worked_example, "royalty_rate_low": "0.06"}) == [
        ("inputs.royalty_rate_low", "low_above_high")
    ]
    assert _rules(
        "regional_public_brand",
        {"sales_revenues": [1], "brand_income_share": "0.1", "strength_index": 60},
    ) == [("inputs.prices", "required")]
    assert _rules(
        "regional_public_brand",
        {
            "sales_revenues": [1],
            "brand_income_share": "0.1",
            "strength_index": 60,
            "prices": [1, 2],
            "loyalty_factor": "0.9",
        },
    ) == [("inputs.prices", "conflict")]
    assert _rules("cost", {"cost_items": [{"name": "广告", "amount": "1", "index_factor": "0"}]}) == [
        ("inputs.cost_items[0].index_factor", "out_of_range")
    ]


def test_inputs_must_be_an_object():
    assert _rules("cost", [1, 2]) == [("inputs", "not_an_object")]


def test_typed_callers_get_the_same_rules():
    bad = RoyaltyReliefInputs(
        revenues=(Decimal(-1),),
        royalty_rate_low=Decimal("0.01"),
        royalty_rate_high=Decimal("0.05"),
        strength_index=Decimal(50),
        tax_rate=Decimal("0.25"),
        discount_rate=Decimal("0.02"),
        terminal_growth=Decimal("0.03"),
    )

    with pytest.raises(InputErrors) as caught:
        royalty_relief(bad)

    assert caught.value.rules() == [("inputs.revenues[0]", "negative")]
