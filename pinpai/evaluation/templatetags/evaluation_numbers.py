"""How evaluation pages write numbers: published figures with two decimals and thousands separators,
unrounded figures in full, rates as per cent. Exact Decimal arithmetic, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()
CENT = Decimal("0.01")


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@register.filter
def money(value: object) -> str:
    """3855.18 → "3,855.18" (half-up to 0.01; the engines have already rounded published figures)."""
    number = _decimal(value)
    return "" if number is None else format(number.quantize(CENT, rounding=ROUND_HALF_UP), ",f")


@register.filter
def plain(value: object) -> str:
    """A Decimal in plain notation with every digit it has."""
    number = _decimal(value)
    return str(value) if number is None else format(number, "f")


@register.filter
def percent(value: object) -> str:
    """A fraction as per cent: 0.025 → "2.5"."""
    number = _decimal(value)
    if number is None:
        return ""
    scaled = number.scaleb(2).normalize()
    return format(scaled, "f")
