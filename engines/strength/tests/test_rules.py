from __future__ import annotations

from decimal import Decimal as D

import pytest

from engines.strength import Banded, Direct, Linear, Percentile, YesNo, percentile_rank

BANDS = Banded(bands=((D(0), D(0)), (D(1), D(40)), (D(5), D(70)), (D(20), D(100))))


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        (Linear(D(90), D(100)), D("98.5"), D(85)),
        (Linear(D(90), D(100)), D(90), D(0)),
        (Linear(D(90), D(100)), D(80), D(0)),  # clamped below
        (Linear(D(90), D(100)), D(100), D(100)),
        (Linear(D(-5), D(20)), D(10), D(60)),
        (Linear(D(-5), D(20)), D(-30), D(0)),
        (Linear(D(0), D(3)), D(1), D("33.33333333333333333333333333333333333333")),
        (Linear(D(0), D(10), higher_is_better=False), D(2), D(80)),  # lower is better
        (Linear(D(0), D(10), higher_is_better=False), D(12), D(0)),
        (BANDS, D(0), D(0)),
        (BANDS, D("4.99"), D(40)),
        (BANDS, D(5), D(70)),
        (BANDS, D(19), D(70)),
        (BANDS, D(1000), D(100)),
        (BANDS, D(-1), D(0)),  # below the first band
        (Banded(bands=((D(10), D(50)),), below=D(20)), D(3), D(20)),
        (Banded(bands=((D(0), D(100)), (D(1), D(60)), (D(5), D(0)))), D(2), D(60)),  # falling scores
        (YesNo(), True, D(100)),
        (YesNo(), False, D(0)),
        (YesNo(yes_score=D(80), no_score=D(20)), False, D(20)),
        (Direct(), D("87.5"), D("87.5")),
    ],
)
def test_rule_scores(rule, value, expected):
    assert rule.score(value, ()) == expected


@pytest.mark.parametrize(
    ("value", "population", "higher_is_better", "expected"),
    [
        (D(12), [D(5), D(8), D(12), D(20)], True, D("62.5")),  # (2 + 1/2) / 4
        (D(50), [D(1), D(2)], True, D(100)),  # above everyone
        (D(0), [D(1), D(2)], True, D(0)),  # below everyone
        (D(7), [D(7), D(7), D(7)], True, D(50)),  # all tied: the middle
        (D(8), [D(5), D(8), D(8), D(20)], True, D(50)),  # (1 + 2/2) / 4
        (D(8), [D(5), D(8), D(8), D(20)], False, D(50)),  # (1 + 2/2) / 4, counting the higher ones
        (D(3), [D(5), D(8)], False, D(100)),  # lower is better
    ],
)
def test_percentile_rank_uses_mid_ranks(value, population, higher_is_better, expected):
    assert percentile_rank(value, population, higher_is_better=higher_is_better) == expected
    assert Percentile(higher_is_better).score(value, population) == expected


@pytest.mark.parametrize(
    ("rule", "zh", "en"),
    [
        (
            Linear(D(90), D(100)),
            "线性：不高于 90 得 0 分，不低于 100 得 100 分，其间按线性插值",
            "linear: 0 at or below 90, 100 at or above 100, interpolated in between",
        ),
        (
            Banded(bands=((D(0), D(0)), (D(1), D(40)))),
            "分档：≥0 得 0 分；≥1 得 40 分；低于 0 得 0 分",
            "bands: ≥ 0: 0; ≥ 1: 40; below 0: 0",
        ),
        (YesNo(), "是/否：是得 100 分，否得 0 分", "yes/no: yes 100, no 0"),
        (
            Percentile(),
            "同组百分位（越高越好）：100 ×（劣于本品牌的同组数 + 相等数 / 2）/ 同组数",
            "percentile within the peer group (higher is better): 100 × (peers worse + peers equal / 2) / peers",
        ),
        (
            Direct(),
            "直接计分：输入值即 0–100 分（专家评分、调查指数）",
            "direct: the value is the score on 0–100 (an expert score, a survey index)",
        ),
    ],
)
def test_rules_describe_themselves_in_chinese_and_english(rule, zh, en):
    assert (rule.describe_zh(), rule.describe_en()) == (zh, en)


@pytest.mark.parametrize(
    ("rule", "pairs"),
    [
        (Linear(D(5), D(5)), [("r", "bounds_not_increasing")]),
        (Linear(D("NaN"), D(5)), [("r", "not_finite")]),
        (Banded(bands=()), [("r.bands", "empty")]),
        (Banded(bands=((D(1), D(10)), (D(1), D(20)))), [("r.bands", "thresholds_not_increasing")]),
        (
            Banded(bands=((D(1), D(101)),), below=D(-1)),
            [("r.bands[0]", "out_of_range"), ("r.below", "out_of_range")],
        ),
        (YesNo(yes_score=D(120)), [("r.yes_score", "out_of_range")]),
        (Percentile(), []),
        (Direct(), []),
    ],
)
def test_rule_parameters_are_validated(rule, pairs):
    assert [(e.field, e.rule) for e in rule.problems("r")] == pairs
