"""Decimal arithmetic of the survey engine: one local context, one reporting rounding.

Everything is computed in a local context of 40 significant digits (square roots included); nothing is
rounded in between. Reported figures are rounded once, half-up, to 0.01 (`report`): shares and interval
ends as per cent (37.50), means on their own scale (3.87), the index on 0–100, effective sample sizes.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

PRECISION = 40
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
TWO = Decimal(2)
FOUR = Decimal(4)
HUNDRED = Decimal(100)


def context() -> decimal.Context:
    """The engine's arithmetic: 40 digits, and a trap on anything that is not a finite result."""
    return decimal.Context(
        prec=PRECISION,
        rounding=decimal.ROUND_HALF_EVEN,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


def report(value: Decimal) -> Decimal:
    """Round a figure for reporting: half-up to 0.01 (37.345 → 37.35)."""
    with decimal.localcontext(context()):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def exact(value: Decimal) -> Decimal:
    """An unrounded figure without trailing zeros (0.300 → 0.3, 100.0 → 100)."""
    with decimal.localcontext(context()):
        normal = value.normalize()
        exponent = normal.as_tuple().exponent
        return normal.quantize(ONE) if isinstance(exponent, int) and exponent > 0 else normal


def plain(value: Decimal) -> str:
    """A Decimal as a plain string without exponent (1E+2 → "100")."""
    return f"{value:f}"
