from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from engines.strength import InputError, InputErrors, compute
from engines.strength.tests.examples import example_inputs


def _errors(inputs: Any) -> tuple[tuple[str, str], ...]:
    with pytest.raises(InputErrors) as caught:
        compute(inputs)
    return caught.value.pairs()


@pytest.mark.parametrize(
    ("code", "value", "rule"),
    [
        ("quality.pass_rate", "NaN", "not_finite"),
        ("quality.pass_rate", "Infinity", "not_finite"),
        ("quality.pass_rate", float("inf"), "not_finite"),
        ("quality.pass_rate", "ninety", "not_a_number"),
        ("quality.pass_rate", True, "not_a_number"),
        ("quality.pass_rate", [98], "not_a_number"),
        ("quality.qms_certified", "yes", "not_a_boolean"),
        ("quality.qms_certified", 1, "not_a_boolean"),
        ("market.awareness", {"value": 5}, "not_a_number"),
    ],
)
def test_bad_values_are_rejected_with_their_field_and_rule(code, value, rule):
    inputs = example_inputs()
    inputs["values"][code] = value

    assert _errors(inputs) == ((f"inputs.values.{code}", rule),)


def test_floats_are_read_through_their_decimal_repr():
    inputs = example_inputs()
    inputs["values"]["quality.pass_rate"] = 98.5

    assert compute(inputs).leaves[0].value == D("98.5")


def test_all_problems_are_reported_at_once():
    inputs = example_inputs()
    inputs["values"] |= {"quality.pass_rate": "x", "quality.qms_certified": "no", "brand.age": 3}
    inputs["peers"] = {"market.share": ["5", "NaN"], "market.size": ["1"]}

    assert _errors(inputs) == (
        ("inputs.values.brand.age", "unknown_indicator"),
        ("inputs.peers.market.size", "unknown_indicator"),
        ("inputs.values.quality.pass_rate", "not_a_number"),
        ("inputs.values.quality.qms_certified", "not_a_boolean"),
        ("inputs.peers.market.share[1]", "not_finite"),
    )


def test_error_messages_are_plain_english():
    inputs = example_inputs()
    inputs["values"]["brand.age"] = 3

    with pytest.raises(InputErrors) as caught:
        compute(inputs)

    assert caught.value.errors == (
        InputError(
            "inputs.values.brand.age", "unknown_indicator", "system example 1 has no indicator 'brand.age'"
        ),
    )
    assert (
        str(caught.value)
        == "inputs.values.brand.age: system example 1 has no indicator 'brand.age' (unknown_indicator)"
    )


@pytest.mark.parametrize("peers", [None, {}, {"market.share": []}])
def test_a_percentile_indicator_needs_peers(peers):
    inputs = example_inputs()
    inputs["peers"] = peers

    assert _errors(inputs) == (("inputs.peers.market.share", "required"),)


def test_peers_must_be_a_list():
    inputs = example_inputs()
    inputs["peers"] = {"market.share": "5,8"}

    assert _errors(inputs) == (("inputs.peers.market.share", "not_a_list"),)


def test_direct_scores_must_be_within_0_and_100():
    inputs = {"system": "gbt29186", "values": {"service.customer_satisfaction": "100.5"}, "missing": "zero"}

    assert _errors(inputs) == (("inputs.values.service.customer_satisfaction", "out_of_range"),)


def test_declared_bounds_of_a_raw_value_are_enforced():
    inputs = {
        "system": "gbt29186",
        "values": {"quality.pass_rate": "101", "tangible.revenue": "-1"},
        "missing": "zero",
    }

    assert _errors(inputs) == (
        ("inputs.values.tangible.revenue", "out_of_range"),
        ("inputs.values.quality.pass_rate", "out_of_range"),
    )


@pytest.mark.parametrize(
    ("inputs", "pairs"),
    [
        ("gbt29186", (("inputs", "not_an_object"),)),
        ({}, (("inputs.system", "required"), ("inputs.values", "required"))),
        ({"system": "gbt1", "values": {}}, (("inputs.system", "unknown_system"),)),
        ({"system": "gbt29186", "version": "1999.1", "values": {}}, (("inputs.system", "unknown_system"),)),
        ({"system": "gbt29186", "version": 2026, "values": {}}, (("inputs.version", "not_a_string"),)),
        ({"system": 7, "values": {}}, (("inputs.system", "not_an_object"),)),
        (
            {"system": "gbt29186", "values": [], "peers": []},
            (("inputs.values", "not_an_object"), ("inputs.peers", "not_an_object")),
        ),
        ({"system": "gbt29186", "values": {}, "missing": "skip"}, (("inputs.missing", "invalid_option"),)),
        ({"system": "gbt29186", "values": {}, "brand": "x"}, (("inputs.brand", "unknown_field"),)),
    ],
)
def test_request_shape_errors(inputs, pairs):
    assert _errors(inputs) == pairs


def test_inline_system_weights_must_sum_to_one():
    inputs = example_inputs()
    inputs["system"]["nodes"][1]["weight"] = "0.5"
    inputs["system"]["nodes"][1]["children"][0]["weight"] = "0.3"

    assert _errors(inputs) == (
        ("inputs.system.nodes[1].children", "weights_do_not_sum_to_one"),
        ("inputs.system.nodes", "weights_do_not_sum_to_one"),
    )


@pytest.mark.parametrize(
    ("change", "pairs"),
    [
        (
            lambda s: s["nodes"][0].update(weight="heavy"),
            (("inputs.system.nodes[0].weight", "not_a_number"),),
        ),
        (
            lambda s: s["nodes"][0].update(weight="0"),
            (
                ("inputs.system.nodes[0].weight", "out_of_range"),
                ("inputs.system.nodes", "weights_do_not_sum_to_one"),
            ),
        ),
        (
            lambda s: s["nodes"][0]["children"][0].pop("weight"),
            (("inputs.system.nodes[0].children[0].weight", "required"),),
        ),
        (
            lambda s: s["nodes"][0]["children"][0]["rule"].update(kind="log"),
            (("inputs.system.nodes[0].children[0].rule.kind", "unknown_rule"),),
        ),
        (
            lambda s: s["nodes"][0]["children"][0]["rule"].update(upper="80"),
            (("inputs.system.nodes[0].children[0].rule", "bounds_not_increasing"),),
        ),
        (
            lambda s: s["nodes"][0]["children"][0]["rule"].update(steep=True),
            (("inputs.system.nodes[0].children[0].rule.steep", "unknown_field"),),
        ),
        (
            lambda s: s["nodes"][1]["children"][1]["rule"].update(bands=[["0", "0"], ["0", "50"]]),
            (("inputs.system.nodes[1].children[1].rule.bands", "thresholds_not_increasing"),),
        ),
        (
            lambda s: s["nodes"][1]["children"][1]["rule"].update(bands=[["0", "150"]]),
            (("inputs.system.nodes[1].children[1].rule.bands[0]", "out_of_range"),),
        ),
        (
            lambda s: s["nodes"][1]["children"][1]["rule"].update(bands="0-100"),
            (("inputs.system.nodes[1].children[1].rule.bands", "not_a_list"),),
        ),
        (
            lambda s: s["nodes"][1]["children"][0]["rule"].update(higher_is_better="yes"),
            (("inputs.system.nodes[1].children[0].rule.higher_is_better", "not_a_boolean"),),
        ),
        (lambda s: s["nodes"][1].update(code="Market!"), (("inputs.system.nodes[1].code", "invalid_code"),)),
        (
            lambda s: s["nodes"][1].update(code="quality"),
            (("inputs.system.nodes[1].code", "duplicate_code"),),
        ),
        (lambda s: s["nodes"][1].update(children=[]), (("inputs.system.nodes[1].children", "empty"),)),
        (lambda s: s["nodes"][1].pop("children"), (("inputs.system.nodes[1].children", "required"),)),
        (
            lambda s: s["nodes"][1].update(rule={"kind": "direct"}),
            (("inputs.system.nodes[1]", "unknown_field"),),
        ),
        (lambda s: s.update(code="gbt29186"), (("inputs.system.code", "duplicate_code"),)),
        (lambda s: s.update(nodes="all"), (("inputs.system.nodes", "not_a_list"),)),
        (lambda s: s.update(pillars="agri-original"), (("inputs.system.pillars", "not_a_list"),)),
        (lambda s: s.pop("code"), (("inputs.system.code", "required"),)),
    ],
)
def test_inline_system_errors_point_at_the_field(change, pairs):
    inputs = example_inputs()
    change(inputs["system"])

    assert _errors(inputs) == pairs


def test_inline_system_without_names_and_version_is_accepted():
    inputs = example_inputs()
    for key in ("version", "name_zh", "name_en"):
        del inputs["system"][key]

    result = compute(inputs)

    assert (result.system_code, result.system_version, result.index) == ("example", "custom", D("80.67"))


def test_inline_system_does_not_take_a_separate_version():
    inputs = example_inputs()
    inputs["version"] = "2"

    assert _errors(inputs) == (("inputs.version", "unknown_field"),)
