from __future__ import annotations

from decimal import Decimal as D
from decimal import localcontext

import pytest

from engines.strength import (
    ENGINE_VERSION,
    Direct,
    Indicator,
    IndicatorSystem,
    InputErrors,
    Linear,
    Node,
    YesNo,
    compute,
    evaluate,
    system_parse,
    to_jsonable,
)
from engines.strength.decimals import context, report
from engines.strength.tests.examples import example_inputs, example_system


def test_hand_worked_example_matches_the_docs():
    result = compute(example_inputs())

    assert result.index == D("80.67")
    assert result.score_1000 == D("806.67")
    assert result.index_unrounded == D("80.66666666666666666666666666666666666667")
    assert result.engine_version == ENGINE_VERSION == "strength-2026.1"
    assert (result.system_code, result.system_version) == ("example", "1")
    assert [(r.code, r.score, r.effective_weight, r.contribution) for r in result.leaves] == [
        ("quality.pass_rate", D("85.00"), D("0.3"), D("25.50")),
        ("quality.qms_certified", D("100.00"), D("0.3"), D("30.00")),
        ("market.share", D("41.67"), D("0.1"), D("4.17")),
        ("market.awareness", D("70.00"), D("0.3"), D("21.00")),
    ]
    assert [(n.code, n.score, n.contribution) for n in result.nodes] == [
        ("quality", D("92.50"), D("55.50")),
        ("market", D("62.92"), D("25.17")),
    ]


def test_trace_lists_every_step_with_its_formula_and_unrounded_value():
    result = compute(example_inputs())

    assert [step.code for step in result.trace] == [
        "quality.pass_rate.score",
        "quality.pass_rate.contribution",
        "quality.qms_certified.score",
        "quality.qms_certified.contribution",
        "quality.score",
        "market.share.score",
        "market.share.contribution",
        "market.awareness.score",
        "market.awareness.contribution",
        "market.score",
        "index",
        "score_1000",
    ]
    steps = {step.code: step for step in result.trace}
    assert (
        steps["quality.pass_rate.score"].formula
        == "score = clamp(100 × (x − 90) / (100 − 90), 0, 100), x = 98.5"
    )
    assert steps["market.share.score"].formula == (
        "score = 100 × (peers below x + peers equal to x / 2) / peers = 100 × (2 + 1 / 2) / 6, x = 12"
    )
    assert steps["market.awareness.score"].formula == "x = 55 ≥ 50 (band 3 of 4) → score = 70"
    assert steps["quality.score"].formula == "score = Σ weight × score = 0.5 × 85 + 0.5 × 100"
    assert steps["index"].value == D("80.66666666666666666666666666666666666667")
    assert steps["score_1000"].value == D("806.6666666666666666666666666666666666667")
    assert (steps["quality.score"].label_zh, steps["quality.score"].label_en) == ("质量得分", "quality score")


def test_leaf_contributions_add_up_to_the_index():
    result = compute(example_inputs())

    with localcontext(context()):
        assert sum(r.contribution_unrounded for r in result.leaves) == result.index_unrounded
        assert sum(n.contribution_unrounded for n in result.nodes) == result.index_unrounded


def test_reported_figures_round_half_up_to_the_cent():
    assert report(D("72.345")) == D("72.35")
    assert report(D("0.125")) == D("0.13")
    assert report(D("-0.125")) == D("-0.13")
    assert report(D("99.994999")) == D("99.99")


def _one_level(*leaves: Indicator) -> IndicatorSystem:
    return IndicatorSystem("t", "1", "测试", "test", leaves)


def test_half_up_applies_to_the_index_not_to_a_sum_of_rounded_parts():
    system = _one_level(
        Indicator("a", "甲", "a", D("0.5"), Direct()),
        Indicator("b", "乙", "b", D("0.5"), Direct()),
    )

    result = evaluate(system, {"a": "72.345", "b": "72.345"})

    assert result.leaves[0].contribution == D("36.17")  # 36.1725
    assert result.index == D("72.35")  # not 36.17 + 36.17 = 72.34
    assert result.score_1000 == D("723.45")


def test_missing_value_is_an_error_by_default():
    inputs = example_inputs()
    del inputs["values"]["quality.pass_rate"]
    inputs["values"]["market.awareness"] = None

    with pytest.raises(InputErrors) as caught:
        compute(inputs)

    assert caught.value.pairs() == (
        ("inputs.values.quality.pass_rate", "required"),
        ("inputs.values.market.awareness", "required"),
    )


def test_missing_zero_scores_missing_values_zero_and_lists_them():
    inputs = example_inputs()
    del inputs["values"]["quality.pass_rate"]
    inputs["missing"] = "zero"

    result = compute(inputs)

    assert result.missing == ("quality.pass_rate",)
    assert result.leaves[0].missing is True
    assert result.leaves[0].value is None
    assert result.leaves[0].score == D("0.00")
    assert result.index == D("55.17")  # 80.6667 − 25.5
    assert result.trace[0].formula == 'missing value → score = 0 (missing="zero")'


def test_three_level_tree_multiplies_weights_down_the_path():
    system = IndicatorSystem(
        "deep",
        "1",
        "深",
        "deep",
        (
            Node(
                "a",
                "甲",
                "a",
                D("0.8"),
                (
                    Node("a.b", "乙", "b", D("0.25"), (Indicator("a.b.x", "x", "x", D("1"), YesNo()),)),
                    Indicator("a.y", "y", "y", D("0.75"), Linear(D(0), D(4))),
                ),
            ),
            Indicator("z", "z", "z", D("0.2"), Direct()),
        ),
    )

    result = evaluate(system, {"a.b.x": True, "a.y": 1, "z": "50"})

    assert [(r.code, r.effective_weight, r.path) for r in result.leaves] == [
        ("a.b.x", D("0.2"), ("a", "a.b")),
        ("a.y", D("0.6"), ("a",)),
        ("z", D("0.2"), ()),
    ]
    # 0.2 × 100 + 0.6 × 25 + 0.2 × 50
    assert result.index == D("45.00")
    assert [(n.code, n.score, n.effective_weight) for n in result.nodes] == [
        ("a", D("43.75"), D("0.8")),
        ("a.b", D("100.00"), D("0.2")),
    ]


def test_scores_of_a_result_are_unrounded():
    result = compute(example_inputs())

    assert result.scores()["market.share"] == D("41.66666666666666666666666666666666666667")


def test_to_jsonable_renders_decimals_as_plain_strings():
    rendered = to_jsonable(compute(example_inputs()))

    assert isinstance(rendered, dict)
    assert rendered["index"] == "80.67"
    assert rendered["score_1000"] == "806.67"
    assert rendered["engine_version"] == "strength-2026.1"
    assert rendered["leaves"][1]["value"] is True
    assert rendered["leaves"][0]["effective_weight"] == "0.3"
    assert rendered["missing"] == []


def test_evaluation_is_deterministic():
    system = system_parse(example_system())
    inputs = example_inputs()

    first = evaluate(system, inputs["values"], inputs["peers"])
    second = evaluate(system, inputs["values"], inputs["peers"])

    assert first == second
