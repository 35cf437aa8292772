"""Properties that hold for any valid input of the default systems."""

from __future__ import annotations

from decimal import Decimal as D
from decimal import localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from engines.strength import SYSTEMS, Direct, Linear, YesNo, evaluate, system_get
from engines.strength.decimals import context

GENERAL = system_get("gbt29186")


def _value_strategy(indicator):
    if isinstance(indicator.rule, YesNo):
        return st.booleans()
    low = (
        D(0)
        if isinstance(indicator.rule, Direct)
        else (indicator.minimum if indicator.minimum is not None else D(-(10**9)))
    )
    high = (
        D(100)
        if isinstance(indicator.rule, Direct)
        else (indicator.maximum if indicator.maximum is not None else D(10**10))
    )
    return st.decimals(min_value=low, max_value=high, allow_nan=False, allow_infinity=False, places=2)


VALUES = st.fixed_dictionaries(
    {leaf.indicator.code: _value_strategy(leaf.indicator) for leaf in GENERAL.leaves()}
)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_index_is_on_0_to_100_and_the_sum_of_contributions(values):
    result = evaluate(GENERAL, values)

    assert D(0) <= result.index <= D(100)
    assert result.score_1000 == (result.index_unrounded * 10).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert all(D(0) <= leaf.score_unrounded <= D(100) for leaf in result.leaves)
    with localcontext(context()):
        total = sum(leaf.contribution_unrounded for leaf in result.leaves)
    assert abs(total - result.index_unrounded) < D("1E-30")


@given(
    st.decimals(min_value=-1000, max_value=1000, places=3),
    st.decimals(min_value=-1000, max_value=1000, places=3),
)
def test_linear_scores_never_fall_as_the_value_rises(a, b):
    rule = Linear(D(-50), D(50))
    low, high = sorted((a, b))

    assert rule.score(low) <= rule.score(high)


def test_every_default_system_evaluates_with_missing_zero():
    for system in SYSTEMS:
        result = evaluate(system, {}, missing="zero")

        assert (result.index, len(result.missing)) == (D("0.00"), len(system.leaves()))
