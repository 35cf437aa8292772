from __future__ import annotations

from decimal import Decimal as D

import pytest

from engines.strength import InputErrors, trimmed_mean


def test_trimmed_mean_drops_the_highest_and_lowest_and_reports_the_spread():
    panel = trimmed_mean(["70", 80, "85", D(90), 60])

    assert panel.mean == D("78.33")  # (70 + 80 + 85) / 3
    assert panel.mean_unrounded == D("78.33333333333333333333333333333333333333")
    assert panel.kept == (D(70), D(80), D(85))
    assert panel.dropped == (D(60), D(90))
    assert (panel.count, panel.minimum, panel.maximum) == (5, D(60), D(90))
    assert panel.std_dev == D("12.04")  # √(580 / 4) = √145
    assert panel.formula == "mean = (70 + 80 + 85) / 3, dropped 60, 90"


def test_trim_zero_is_the_plain_mean_and_one_score_has_no_spread():
    panel = trimmed_mean(["72.5"], trim=0)

    assert (panel.mean, panel.std_dev, panel.dropped) == (D("72.50"), D("0.00"), ())


def test_trim_two_drops_two_at_each_end():
    panel = trimmed_mean([10, 20, 30, 40, 50, 60], trim=2)

    assert (panel.kept, panel.mean) == ((D(30), D(40)), D("35.00"))


@pytest.mark.parametrize(
    ("scores", "trim", "pairs"),
    [
        ([80, 90], 1, (("scores", "too_few_scores"),)),
        ([], 0, (("scores", "too_few_scores"),)),
        (
            [80, 101, -1, "NaN", "good"],
            1,
            (
                ("scores[1]", "out_of_range"),
                ("scores[2]", "out_of_range"),
                ("scores[3]", "not_finite"),
                ("scores[4]", "not_a_number"),
            ),
        ),
        ([80, 90, 70], -1, (("trim", "out_of_range"),)),
    ],
)
def test_trimmed_mean_rejects_bad_panels(scores, trim, pairs):
    with pytest.raises(InputErrors) as caught:
        trimmed_mean(scores, trim)

    assert caught.value.pairs() == pairs
