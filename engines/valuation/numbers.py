"""Decimal arithmetic of the valuation engine: one local context, no intermediate rounding.

Every computation runs in `CONTEXT` (40 significant digits, ROUND_HALF_EVEN inside the arithmetic,
which only matters at the 40th digit). Only a published figure is rounded, once, half-up to 0.01.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

PRECISION = 40
CONTEXT = Context(prec=PRECISION)
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def round_money(value: Decimal) -> Decimal:
    """The one rounding of a reported figure: half-up to 0.01 (3855.185 -> 3855.19)."""
    with localcontext(CONTEXT):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def dsum(values: Sequence[Decimal]) -> Decimal:
    with localcontext(CONTEXT):
        return sum(values, ZERO)


def mean(values: Sequence[Decimal]) -> Decimal:
    with localcontext(CONTEXT):
        return dsum(values) / len(values)


def median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    n = len(ordered)
    with localcontext(CONTEXT):
        if n % 2:
            return ordered[n // 2]
        return (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def std_dev(values: Sequence[Decimal], *, sample: bool) -> Decimal:
    """Population (divide by n) or sample (divide by n - 1) standard deviation."""
    n = len(values)
    with localcontext(CONTEXT) as ctx:
        m = mean(values)
        squares = dsum([(v - m) * (v - m) for v in values])
        divisor = n - 1 if sample else n
        return ctx.sqrt(squares / divisor) if squares else ZERO


def percentile(ordered: Sequence[Decimal], p: Decimal) -> Decimal:
    """Percentile of sorted values by linear interpolation between closest ranks (numpy's default, type 7)."""
    n = len(ordered)
    with localcontext(CONTEXT):
        h = (n - 1) * p / HUNDRED
        lower = int(h)
        upper = min(lower + 1, n - 1)
        return ordered[lower] + (h - lower) * (ordered[upper] - ordered[lower])


def sqrt(value: Decimal) -> Decimal:
    with localcontext(CONTEXT) as ctx:
        return ctx.sqrt(value)
