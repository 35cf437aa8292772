from __future__ import annotations

from decimal import Decimal as D

import pytest

from engines.strength import (
    SYSTEMS,
    Direct,
    Indicator,
    IndicatorSystem,
    InputErrors,
    Node,
    compute,
    evaluate,
    system_describe,
    system_get,
    system_list,
    system_parse,
    to_jsonable,
)

GBT29186_VALUES = {
    "tangible.revenue": "120000000",  # ≥ 1亿 → 80
    "tangible.profit_margin": "10",  # 100 × 15 / 25 = 60
    "tangible.total_assets": "300000000",  # → 80
    "quality.qms_certified": True,  # 100
    "quality.pass_rate": "98",  # 80
    "quality.award_level": 2,  # 70
    "innovation.rd_intensity": "3",  # 60
    "innovation.patents": 12,  # 70
    "innovation.new_product_share": "15",  # 50
    "service.customer_satisfaction": "82",  # 82
    "service.complaint_resolution_rate": "95",  # 75
    "service.service_certified": False,  # 0
    "intangible.trademarks": 4,  # 70
    "intangible.heritage_or_gi": True,  # 100
    "intangible.certifications": 2,  # 60
    "intangible.brand_awareness": "36",  # 45
}


def test_default_systems_are_listed_with_unique_code_and_version():
    assert [(s.code, s.version) for s in SYSTEMS] == [
        ("gbt29186", "2026.1"),
        ("iso20671", "2026.1"),
        ("gbt29186-agri-regional", "2026.1"),
        ("gbt29186-mfg", "2026.1"),
    ]


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.code)
def test_effective_weights_of_every_default_system_sum_to_one(system):
    assert sum(leaf.effective_weight for leaf in system.leaves()) == 1


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.code)
def test_every_default_indicator_is_documented(system):
    for leaf in system.leaves():
        ind = leaf.indicator
        texts = (
            ind.name_zh,
            ind.name_en,
            ind.description_zh,
            ind.description_en,
            ind.evidence_zh,
            ind.evidence_en,
        )
        assert all(texts), ind.code


@pytest.mark.parametrize("system", SYSTEMS, ids=lambda s: s.code)
def test_json_form_of_a_default_system_parses_back_to_the_same_system(system):
    assert system_parse(to_jsonable(system)) == system


def test_gbt29186_golden_case():
    result = evaluate(system_get("gbt29186"), GBT29186_VALUES)

    assert [(n.code, n.score) for n in result.nodes] == [
        ("tangible", D("74.00")),
        ("quality", D("83.50")),
        ("innovation", D("61.00")),
        ("service", D("63.50")),
        ("intangible", D("64.00")),
    ]
    # 0.2 × 74 + 0.25 × 83.5 + 0.2 × 61 + 0.15 × 63.5 + 0.2 × 64
    assert result.index == D("70.20")
    assert result.score_1000 == D("702.00")


def test_iso20671_takes_gbt29186_element_scores_as_its_inputs() -> None:
    elements = evaluate(system_get("gbt29186"), GBT29186_VALUES)
    values: dict[str, object] = {f"elements.{n.code}": n.score_unrounded for n in elements.nodes}
    values |= {
        "legal.trademark_coverage": "80",  # 80
        "legal.no_open_disputes": True,  # 100
        "customer.awareness": "40",  # 50
        "customer.loyalty": "30",  # 50
        "customer.satisfaction": "82",
        "market.share": "5",  # 25
        "market.sales_growth": "10",  # 50
        "market.regions": 8,  # 60
        "environment.cultivation_list": True,  # 100
        "environment.social_responsibility": "90",
        "financial.revenue": "120000000",  # 3 of 4 peers below → 75
        "financial.profit_margin": "10",  # 60
    }
    peers = {"financial.revenue": ["50000000", "80000000", "100000000", "900000000"]}

    result = evaluate(system_get("iso20671"), values, peers)

    # elements: (74 + 83.5 + 61 + 63.5 + 64) / 5 = 69.2
    # legal 0.6 × 80 + 0.4 × 100 = 88; customer 0.3 × 50 + 0.4 × 50 + 0.3 × 82 = 59.6
    # market 0.5 × 25 + 0.3 × 50 + 0.2 × 60 = 39.5; environment 0.4 × 100 + 0.6 × 90 = 94
    # financial 0.5 × 75 + 0.5 × 60 = 67.5
    # dimensions 0.15 × 88 + 0.25 × 59.6 + 0.25 × 39.5 + 0.1 × 94 + 0.25 × 67.5 = 64.25
    # index 0.4 × 69.2 + 0.6 × 64.25 = 66.23
    assert [(n.code, n.score) for n in result.nodes] == [
        ("elements", D("69.20")),
        ("dimensions", D("64.25")),
        ("legal", D("88.00")),
        ("customer", D("59.60")),
        ("market", D("39.50")),
        ("environment", D("94.00")),
        ("financial", D("67.50")),
    ]
    assert result.index == D("66.23")


def test_variants_differ_from_the_general_system_in_weights_and_indicators() -> None:
    general, agri, mfg = (
        system_get("gbt29186"),
        system_get("gbt29186-agri-regional"),
        system_get("gbt29186-mfg"),
    )

    def weights(system: IndicatorSystem) -> dict[str, D]:
        return {n.code: n.weight for n in system.nodes}

    assert weights(general) == {
        "tangible": D("0.20"),
        "quality": D("0.25"),
        "innovation": D("0.20"),
        "service": D("0.15"),
        "intangible": D("0.20"),
    }
    assert (weights(agri)["quality"], weights(agri)["intangible"]) == (D("0.30"), D("0.30"))
    assert weights(mfg)["innovation"] == D("0.30")
    assert agri.indicator("quality.traceability_coverage") is not None
    assert general.indicator("quality.traceability_coverage") is None
    assert mfg.indicator("innovation.high_tech") is not None


def test_system_get_returns_the_latest_version_unless_asked():
    assert system_get("gbt29186").version == "2026.1"
    assert system_get("gbt29186", "2026.1").code == "gbt29186"


@pytest.mark.parametrize(("code", "version"), [("gbt-unknown", None), ("gbt29186", "2019.1")])
def test_system_get_rejects_an_unknown_system(code, version):
    with pytest.raises(InputErrors) as caught:
        system_get(code, version)

    assert caught.value.pairs() == (("system", "unknown_system"),)


@pytest.mark.parametrize(
    ("pillar", "industry", "codes"),
    [
        ("agri-original", None, ["gbt29186", "iso20671", "gbt29186-agri-regional"]),
        ("mfg-national", None, ["gbt29186", "iso20671", "gbt29186-mfg"]),
        (None, "C36", ["gbt29186", "iso20671", "gbt29186-mfg"]),
        (None, "13", ["gbt29186", "iso20671", "gbt29186-agri-regional"]),
        ("svc-health", None, ["gbt29186", "iso20671"]),
    ],
)
def test_system_list_picks_the_systems_meant_for_a_pillar_or_industry(pillar, industry, codes):
    assert [s.code for s in system_list(pillar=pillar, industry=industry)] == codes


def test_system_describe_gives_the_methodology_page_the_evaluated_data():
    described = system_describe(system_get("gbt29186"))

    assert described["identifier"] == "gbt29186 2026.1"
    quality = described["nodes"][1]
    assert (quality["code"], quality["name_zh"], quality["weight"], quality["effective_weight"]) == (
        "quality",
        "质量要素",
        "0.25",
        "0.25",
    )
    pass_rate = quality["children"][1]
    assert pass_rate["code"] == "quality.pass_rate"
    assert pass_rate["effective_weight"] == "0.1125"
    assert pass_rate["rule"] == {"kind": "linear", "lower": "90", "upper": "100", "higher_is_better": True}
    assert pass_rate["rule_zh"] == "线性：不高于 90 得 0 分，不低于 100 得 100 分，其间按线性插值"


def test_a_system_with_bad_weights_cannot_be_built():
    with pytest.raises(InputErrors) as caught:
        IndicatorSystem(
            "bad",
            "1",
            "坏",
            "bad",
            (
                Indicator("a", "甲", "a", D("0.5"), Direct()),
                Node("b", "乙", "b", D("0.4"), (Indicator("b.x", "x", "x", D("1.2"), Direct()),)),
            ),
        )

    assert caught.value.pairs() == (
        ("system.nodes[1].children[0].weight", "out_of_range"),
        ("system.nodes[1].children", "weights_do_not_sum_to_one"),
        ("system.nodes", "weights_do_not_sum_to_one"),
    )


def test_compute_accepts_a_default_system_code_and_version():
    result = compute({"system": "gbt29186", "version": "2026.1", "values": GBT29186_VALUES})

    assert (result.system_code, result.system_version, result.index) == ("gbt29186", "2026.1", D("70.20"))
