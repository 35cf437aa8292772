from __future__ import annotations

from decimal import Decimal as D

import pytest

from engines.strength import InputErrors, benchmark, compute, system_parse
from engines.strength.benchmark import quantile
from engines.strength.tests.examples import example_inputs, example_system

BRAND = {
    "quality.pass_rate": 85,
    "quality.qms_certified": 100,
    "market.share": "41.67",
    "market.awareness": 70,
}
PEERS = [
    {"quality.pass_rate": 60, "quality.qms_certified": 100, "market.share": 10, "market.awareness": 40},
    {"quality.pass_rate": 70, "quality.qms_certified": 0, "market.share": 20, "market.awareness": 100},
    {"quality.pass_rate": 80, "quality.qms_certified": 100, "market.share": 30},
    {"quality.pass_rate": 90, "quality.qms_certified": 100, "market.share": 50},
    {"quality.pass_rate": 100, "quality.qms_certified": 0, "market.share": 60, "market.awareness": None},
]


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([60, 70, 80, 90, 100], "0.9", D(96)),  # h = 3.6 → 90 + 0.6 × 10
        ([40, 100], "0.9", D(94)),  # h = 0.9 → 40 + 0.9 × 60
        ([7], "0.9", D(7)),
        ([3, 1, 2], "0.5", D(2)),
        ([1, 2, 3, 4], "1", D(4)),
        ([1, 2, 3, 4], "0", D(1)),
    ],
)
def test_quantile_interpolates_between_closest_ranks(values, p, expected):
    assert quantile([D(v) for v in values], D(p)) == expected


def test_benchmark_gives_percentile_top_decile_and_weighted_gap_per_indicator():
    result = benchmark(system_parse(example_system()), BRAND, PEERS)

    assert [
        (r.code, r.peer_count, r.percentile, r.top_decile, r.gap, r.effective_weight, r.weighted_gap)
        for r in result.rows
    ] == [
        ("quality.pass_rate", 5, D("60.00"), D("96.00"), D("11.00"), D("0.3"), D("3.30")),
        ("quality.qms_certified", 5, D("70.00"), D("100.00"), D("0.00"), D("0.3"), D("0.00")),
        ("market.share", 5, D("60.00"), D("56.00"), D("14.33"), D("0.1"), D("1.43")),
        ("market.awareness", 2, D("50.00"), D("94.00"), D("24.00"), D("0.3"), D("7.20")),
    ]


def test_improvement_actions_are_ranked_by_weighted_gap():
    result = benchmark(system_parse(example_system()), BRAND, PEERS)

    assert [(a.rank, a.code, a.score, a.target, a.weighted_gap) for a in result.actions] == [
        (1, "market.awareness", D("70.00"), D("94.00"), D("7.20")),
        (2, "quality.pass_rate", D("85.00"), D("96.00"), D("3.30")),
        (3, "market.share", D("41.67"), D("56.00"), D("1.43")),
    ]
    assert (result.system_code, result.engine_version) == ("example", "strength-2026.1")


def test_benchmark_takes_the_unrounded_scores_of_a_result():
    brand = compute(example_inputs()).scores()

    result = benchmark(system_parse(example_system()), brand, [])

    assert [(r.code, r.score, r.percentile, r.gap) for r in result.rows][2] == (
        "market.share",
        D("41.67"),
        None,
        None,
    )
    assert result.actions == ()


def test_benchmark_validates_scores():
    brand = dict(BRAND, **{"market.share": "140"})
    del brand["market.awareness"]

    with pytest.raises(InputErrors) as caught:
        benchmark(system_parse(example_system()), brand, [{"quality.pass_rate": "x", "brand.age": 5}])

    assert caught.value.pairs() == (
        ("peers[0].brand.age", "unknown_indicator"),
        ("peers[0].quality.pass_rate", "not_a_number"),
        ("brand.market.share", "out_of_range"),
        ("brand.market.awareness", "required"),
    )
