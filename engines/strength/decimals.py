"""Decimal arithmetic of the strength engine: one local context, one reporting rounding, one input coercion.

Everything is computed in a local context of 40 significant digits (banker's rounding inside the context,
which only touches the 40th digit of a non-terminating quotient such as 100/3); nothing is rounded in
between. Reported figures are rounded once, half-up, to 0.01 (`report`).
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

from engines.strength.errors import InputError

PRECISION = 40
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def context() -> decimal.Context:
    """The engine's arithmetic: 40 digits, and a trap on anything that is not a finite result."""
    return decimal.Context(
        prec=PRECISION,
        rounding=decimal.ROUND_HALF_EVEN,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


def report(value: Decimal) -> Decimal:
    """Round a figure for reporting: half-up to 0.01 (72.345 → 72.35)."""
    with decimal.localcontext(context()):
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def exact(value: Decimal) -> Decimal:
    """An unrounded figure without trailing zeros (0.300 → 0.3, 100.0 → 100), computed in the engine's context."""
    with decimal.localcontext(context()):
        normal = value.normalize()
        exponent = normal.as_tuple().exponent
        return normal.quantize(ONE) if isinstance(exponent, int) and exponent > 0 else normal


def plain(value: Decimal) -> str:
    """A Decimal as a plain string without exponent (1E+2 → "100", 0.10 → "0.10")."""
    return f"{value:f}"


def decimal_from(value: object, field: str) -> Decimal:
    """Coerce a JSON-ish number (Decimal, int, float, numeric string) to a finite Decimal.

    Booleans are not numbers here (JSON true is not 1). Floats go through `repr`, so 0.1 is Decimal("0.1"),
    not its binary expansion.
    """
    if isinstance(value, bool):
        raise InputError(field, "not_a_number", "expected a number, got a boolean")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except decimal.InvalidOperation:
            raise InputError(field, "not_a_number", f"expected a number, got {value!r}") from None
    else:
        raise InputError(field, "not_a_number", f"expected a number, got {type(value).__name__}")
    if not number.is_finite():
        raise InputError(field, "not_finite", "NaN and Infinity are not allowed")
    return number
