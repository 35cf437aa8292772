"""The evaluation API: the worked example to the cent, every bad-input case of the issue as a 422
problem+json naming field and rule, the methods and systems registries, and the sensitivities."""

import pytest
from django.utils import translation

from pinpai.audit.models import AuditEvent
from pinpai.evaluation.models import SelfAssessment
from pinpai.evaluation.tests.examples import (
    GBT29186_CONTRIBUTIONS,
    GBT29186_VALUES,
    GRID_GROWTHS,
    GRID_RATES,
    GRID_VALUES,
    ROYALTY_RELIEF,
)

pytestmark = pytest.mark.django_db
ENGINE = "valuation-2026.1"


def post(client, path, body, **headers):
    return client.post(f"/api/v1{path}", body, content_type="application/json", **headers)


def invalid(path, errors):
    """The problem+json of bad evaluation inputs, with `errors` as (field, rule, Chinese message)."""
    return {
        "type": "urn:pinpai:problem:evaluation_inputs_invalid",
        "title": "Invalid evaluation inputs",
        "status": 422,
        "detail": "; ".join(f"{f}: {m}" for f, _, m in errors),
        "code": "evaluation_inputs_invalid",
        "errors": [{"field": f, "rule": r, "message": m} for f, r, m in errors],
        "instance": f"/api/v1{path}",
    }


# ---------------------------------------------------------------- valuation compute


def test_the_worked_example_values_the_brand_at_3855_18(client):
    response = post(client, "/valuation/compute", {"method": "royalty_relief", "inputs": ROYALTY_RELIEF})
    assert response.status_code == 200
    body = response.json()
    assert body["value"] == "3855.18"
    assert body["value_unrounded"] == "3855.180907215744011892198922524052793324"
    assert (body["method"], body["currency"], body["unit"], body["discounting"], body["engine_version"]) == (
        "royalty_relief", "CNY", "万元", "end_year", ENGINE,
    )  # fmt: skip
    assert body["steps"][0] == {
        "code": "royalty_rate",
        "label": "许可费率",
        "formula": "0.01 + (0.05 − 0.01) × 72.5 / 100",
        "value": "0.039",
    }
    steps = {s["code"]: s["value"] for s in body["steps"]}
    assert steps["terminal_value"] == "4444.279411764705882352941176470588235294"
    assert steps["pv_explicit"] == "1217.717388040668697986825938480038634721"
    assert steps["value"] == body["value_unrounded"]
    assert body["inputs"] == {
        "currency": "CNY",
        "unit": "万元",
        "tax_rate": "0.25",
        "discount_rate": "0.11",
        "discount_rate_build_up": None,
        "wacc": None,
        "terminal_growth": "0.025",
        "timing": "end_year",
        "tab_amortisation_years": None,
        "revenues": ["10000", "10800", "11500", "12100", "12600"],
        "royalty_rate_low": "0.01",
        "royalty_rate_high": "0.05",
        "strength_index": "72.5",
    }


def test_step_labels_follow_the_requested_language(client):
    response = post(
        client,
        "/valuation/compute",
        {"method": "royalty_relief", "inputs": ROYALTY_RELIEF},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json()["steps"][0]["label"] == "Royalty rate"


def test_the_grid_around_the_worked_example_is_exact(client):
    response = post(
        client,
        "/valuation/grid",
        {
            "method": "royalty_relief",
            "inputs": ROYALTY_RELIEF,
            "discount_rates": GRID_RATES,
            "growth_rates": GRID_GROWTHS,
        },
    )
    assert response.status_code == 200
    assert response.json() == {
        "method": "royalty_relief",
        "base_value": "3855.18",
        "discount_rates": GRID_RATES,
        "growth_rates": GRID_GROWTHS,
        "values": GRID_VALUES,
        "engine_version": ENGINE,
    }


def _without(key):
    return {k: v for k, v in ROYALTY_RELIEF.items() if k != key}


WACC_OFF = {
    **_without("discount_rate"),
    "wacc": {
        "cost_of_equity": "0.12",
        "cost_of_debt": "0.05",
        "tax_rate": "0.25",
        "equity_weight": "0.7",
        "debt_weight": "0.2",
    },
}


@pytest.mark.parametrize(
    ("method", "inputs", "errors"),
    [
        pytest.param(
            "royalty_relief",
            {**ROYALTY_RELIEF, "revenues": [10000, 10800, -1, 12100, 12600]},
            [("inputs.revenues[2]", "negative", "不得为负数")],
            id="negative revenue",
        ),
        pytest.param(
            "royalty_relief",
            _without("revenues"),
            [("inputs.revenues", "required", "为必填项")],
            id="missing revenues",
        ),
        pytest.param(
            "royalty_relief",
            {**ROYALTY_RELIEF, "discount_rate": "0.025"},
            [("inputs.discount_rate", "not_above_growth", "折现率必须高于永续增长率")],
            id="discount rate not above growth",
        ),
        pytest.param(
            "royalty_relief",
            WACC_OFF,
            [("inputs.wacc", "weights_do_not_sum_to_one", "权重之和必须等于1")],
            id="weights not summing to 1",
        ),
        pytest.param(
            "brand_magic",
            ROYALTY_RELIEF,
            [("method", "unknown_method", "不是已知的估值方法")],
            id="unknown method",
        ),
        pytest.param(
            "royalty_relief",
            {**ROYALTY_RELIEF, "strength_index": "100.5"},
            [("inputs.strength_index", "out_of_range", "超出允许范围")],
            id="strength index above 100",
        ),
        pytest.param(
            "royalty_relief",
            {**ROYALTY_RELIEF, "revenues": [1] * 51},
            [("inputs.revenues", "too_many", "项数过多")],
            id="absurd list length",
        ),
    ],
)
def test_bad_valuation_inputs_are_a_422_naming_field_and_rule(client, method, inputs, errors):
    response = post(client, "/valuation/compute", {"method": method, "inputs": inputs})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == invalid("/valuation/compute", errors)


def test_every_bad_field_is_reported_at_once_in_english_on_request(client):
    inputs = {**ROYALTY_RELIEF, "revenues": [1, -2, 3], "tax_rate": "1.5", "colour": "red"}
    response = post(
        client,
        "/valuation/compute",
        {"method": "royalty_relief", "inputs": inputs},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "inputs.colour", "rule": "unknown_field", "message": "is not an accepted input"},
        {"field": "inputs.revenues[1]", "rule": "negative", "message": "must not be negative"},
        {"field": "inputs.tax_rate", "rule": "out_of_range", "message": "is outside the allowed range"},
    ]


def test_a_missing_method_is_a_validation_error(client):
    response = post(client, "/valuation/compute", {"inputs": ROYALTY_RELIEF})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["errors"][0]["field"] == "payload.method"


# ---------------------------------------------------------------- sensitivity


def test_tornado_sorts_bars_by_swing(client):
    response = post(
        client,
        "/valuation/tornado",
        {
            "method": "royalty_relief",
            "inputs": ROYALTY_RELIEF,
            "variations": [
                {"input": "tax_rate", "step": "0.05"},
                {"input": "discount_rate", "step": "0.01"},
            ],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["base_value"] == "3855.18"
    assert [b["input"] for b in body["bars"]] == ["discount_rate", "tax_rate"]
    assert body["bars"][0]["value_low"] == "4377.77"  # r = 10 %, g = 2.5 %: the grid's cell
    assert body["bars"][0]["value_high"] == "3442.82"


def test_scenarios_report_the_difference_from_the_base(client):
    response = post(
        client,
        "/valuation/scenarios",
        {
            "method": "royalty_relief",
            "inputs": ROYALTY_RELIEF,
            "scenarios": [{"name": "高折现率", "overrides": {"discount_rate": "0.12"}}],
        },
    )
    assert response.status_code == 200
    assert response.json()["scenarios"] == [{"name": "高折现率", "value": "3442.82", "difference": "-412.36"}]


def test_a_bad_scenario_override_names_its_path(client):
    response = post(
        client,
        "/valuation/scenarios",
        {
            "method": "royalty_relief",
            "inputs": ROYALTY_RELIEF,
            "scenarios": [{"name": "x", "overrides": {"revenues": [1, -1, 1, 1, 1]}}],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "scenarios[0].overrides.revenues[1]", "rule": "negative", "message": "不得为负数"}
    ]


def test_monte_carlo_is_deterministic_for_a_seed_and_capped(client):
    body = {
        "method": "royalty_relief",
        "inputs": ROYALTY_RELIEF,
        "distributions": [{"input": "discount_rate", "kind": "uniform", "low": "0.10", "high": "0.12"}],
        "iterations": 200,
        "seed": 7,
    }
    first = post(client, "/valuation/monte-carlo", body)
    assert first.status_code == 200
    assert first.json() == post(client, "/valuation/monte-carlo", body).json()
    result = first.json()
    assert (result["n"], result["rejected"], result["iterations"], result["seed"]) == (200, 0, 200, 7)
    assert "3442.82" < result["p5"] < result["p50"] < result["p95"] < "4377.77"

    too_many = post(client, "/valuation/monte-carlo", {**body, "iterations": 10_001})
    assert too_many.status_code == 422
    assert too_many.json()["errors"] == [{"field": "iterations", "rule": "too_many", "message": "项数过多"}]


def test_a_grid_over_21_points_is_refused(client):
    response = post(
        client,
        "/valuation/grid",
        {
            "method": "royalty_relief",
            "inputs": ROYALTY_RELIEF,
            "discount_rates": ["0.1"] * 22,
            "growth_rates": ["0"],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "discount_rates", "rule": "too_many", "message": "项数过多"}
    ]


# ---------------------------------------------------------------- methods


def test_methods_list_every_method_in_the_request_language(client):
    zh = client.get("/api/v1/valuation/methods").json()
    assert [m["code"] for m in zh] == [
        "royalty_relief", "excess_earnings", "price_premium", "volume_premium", "income_split",
        "market_multiples", "cost", "regional_public_brand",
    ]  # fmt: skip
    assert zh[0] == {
        "code": "royalty_relief",
        "approach": "income",
        "approach_label": "收益法",
        "name": "许可费节省法",
        "description": "品牌价值等于因拥有品牌而无需支付的许可费的税后现值；许可费率在行业区间内按品牌强度指数线性插值。",
        "discounted": True,
        "engine_version": ENGINE,
    }
    en = client.get("/api/v1/valuation/methods", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (en[0]["name"], en[0]["approach_label"]) == ("Royalty relief", "income approach")


def test_a_method_lists_its_inputs_with_units_and_bounds(client):
    body = client.get("/api/v1/valuation/methods/royalty_relief").json()
    fields = {f["name"]: f for f in body["fields"]}
    assert fields["strength_index"] == {
        "name": "strength_index",
        "label": "品牌强度指数",
        "kind": "decimal",
        "unit": "index 0–100",
        "unit_label": "指数，0–100",
        "required": True,
        "default": None,
        "minimum": "0",
        "maximum": "100",
        "minimum_exclusive": False,
        "maximum_exclusive": False,
        "bounds": "[0, 100]",
        "choices": [],
        "min_items": 1,
        "max_items": None,
        "per_year": False,
        "fields": [],
    }
    assert fields["timing"]["choices"] == ["end_year", "mid_year"]
    assert fields["timing"]["default"] == "end_year"
    assert [f["name"] for f in fields["wacc"]["fields"]] == [
        "cost_of_equity", "cost_of_debt", "tax_rate", "equity_weight", "debt_weight",
    ]  # fmt: skip
    assert body["formulas"][0] == "royalty_rate = low + (high − low) × strength_index / 100"


def test_an_unknown_method_code_is_a_404_problem(client):
    response = client.get("/api/v1/valuation/methods/brand_magic")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:pinpai:problem:valuation_method_not_found",
        "title": "Not found",
        "status": 404,
        "detail": "No valuation method 'brand_magic'.",
        "code": "valuation_method_not_found",
        "instance": "/api/v1/valuation/methods/brand_magic",
    }


def test_a_bad_token_is_refused_even_on_public_endpoints(client):
    response = client.get("/api/v1/valuation/methods", HTTP_AUTHORIZATION="Bearer pp_nonsense")
    assert response.status_code == 401


# ---------------------------------------------------------------- strength


def test_strength_of_a_complete_gbt29186_assessment(client):
    events = AuditEvent.objects.count()
    response = post(
        client, "/strength/compute", {"system": "gbt29186", "inputs": {"values": GBT29186_VALUES}}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["index"], body["score_1000"], body["index_unrounded"]) == ("70.24", "702.38", "70.2375")
    assert (body["system_code"], body["system_version"], body["engine_version"]) == (
        "gbt29186", "2026.1", "strength-2026.1",
    )  # fmt: skip
    assert body["system_name"] == "品牌价值要素评价（五要素）"
    assert [(i["code"], i["score"], i["contribution"]) for i in body["indicators"]] == GBT29186_CONTRIBUTIONS
    assert body["indicators"][3]["value"] is True
    assert body["indicators"][0]["value"] == "80000000"
    assert [(n["code"], n["score"], n["contribution"]) for n in body["nodes"]] == [
        ("tangible", "68.40", "13.68"),
        ("quality", "78.25", "19.56"),
        ("innovation", "65.10", "13.02"),
        ("service", "68.50", "10.28"),
        ("intangible", "68.50", "13.70"),
    ]
    assert body["steps"][-2]["code"] == "index"
    assert body["steps"][-2]["label"] == "品牌强度指数"
    assert body["missing"] == []
    assert SelfAssessment.objects.count() == 0
    assert AuditEvent.objects.count() == events


INLINE_BAD_WEIGHTS = {
    "code": "mine",
    "nodes": [
        {"code": "a", "weight": "0.5", "rule": {"kind": "direct"}},
        {"code": "b", "weight": "0.4", "rule": {"kind": "direct"}},
    ],
}


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        pytest.param(
            {
                "system": "gbt29186",
                "inputs": {"values": {**GBT29186_VALUES, "service.customer_satisfaction": "101"}},
            },
            [("inputs.values.service.customer_satisfaction", "out_of_range", "超出允许范围")],
            id="a score outside 0-100",
        ),
        pytest.param(
            {"system": "gbt29186", "inputs": {"values": {**GBT29186_VALUES, "market.share": "3"}}},
            [("inputs.values.market.share", "unknown_indicator", "不是该指标体系中的指标")],
            id="unknown indicator",
        ),
        pytest.param(
            {"system": "gbt29186", "inputs": {"values": {"quality.qms_certified": "yes"}}},
            None,
            id="several errors",
        ),
        pytest.param(
            {"system": "gbt29999", "inputs": {"values": {}}},
            [("system", "unknown_system", "不是已知的指标体系")],
            id="unknown system",
        ),
        pytest.param(
            {"system": INLINE_BAD_WEIGHTS, "inputs": {"values": {"a": 1, "b": 2}}},
            [("system.nodes", "weights_do_not_sum_to_one", "权重之和必须等于1")],
            id="weights not summing to 1",
        ),
        pytest.param(
            {"system": "gbt29186", "inputs": {"values": {}, "brand": "x"}},
            [("inputs.brand", "unknown_field", "不是可接受的输入项")],
            id="unknown input key",
        ),
    ],
)
def test_bad_strength_inputs_are_a_422_naming_field_and_rule(client, body, errors):
    response = post(client, "/strength/compute", body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    if errors is None:
        pairs = [(e["field"], e["rule"]) for e in response.json()["errors"]]
        assert ("inputs.values.quality.qms_certified", "not_a_boolean") in pairs
        assert ("inputs.values.quality.pass_rate", "required") in pairs
        assert len(pairs) == 16
    else:
        assert response.json() == invalid("/strength/compute", errors)


def test_strength_systems_and_one_system(client):
    systems = client.get("/api/v1/strength/systems").json()
    assert [s["code"] for s in systems] == ["gbt29186", "iso20671", "gbt29186-agri-regional", "gbt29186-mfg"]
    body = client.get("/api/v1/strength/systems/gbt29186", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["name"] == "Brand value elements (five elements)"
    assert [n["code"] for n in body["nodes"]] == [
        "tangible",
        "quality",
        "innovation",
        "service",
        "intangible",
    ]
    pass_rate = next(i for i in body["indicators"] if i["code"] == "quality.pass_rate")
    assert pass_rate == {
        **pass_rate,
        "path": ["quality"],
        "unit": "%",
        "weight": "0.45",
        "effective_weight": "0.1125",
        "rule": {"kind": "linear", "lower": "90", "upper": "100", "higher_is_better": True},
        "rule_text": "linear: 0 at or below 90, 100 at or above 100, interpolated in between",
    }
    missing = client.get("/api/v1/strength/systems/gbt29999")
    assert missing.status_code == 404
    assert missing.json()["code"] == "strength_system_not_found"


def test_zh_is_the_default_language_of_messages():
    with translation.override("zh-hans"):
        from pinpai.evaluation.exceptions import rule_message

        assert rule_message("negative") == "不得为负数"
        assert rule_message("something_new") == "无效"
