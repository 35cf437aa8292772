"""Input errors of the valuation engine: a field path, a stable rule code and an English message.

The API layer turns these into a 422 problem+json with one entry per field; clients match on `rule`.
"""

from __future__ import annotations

from collections.abc import Iterable

RULES = (
    "required",  # a required input is missing (or null)
    "not_a_number",  # not a finite decimal number (includes NaN, Infinity, booleans, malformed strings)
    "not_an_integer",  # a count (years, iterations) that is not a whole number
    "not_a_list",  # a list was expected
    "not_an_object",  # a JSON object was expected
    "not_a_string",  # text was expected
    "negative",  # below zero where only zero or more makes sense (revenues, volumes, costs)
    "out_of_range",  # outside the documented bounds (a rate above 1, a strength index above 100)
    "empty",  # an empty list where at least one item is needed
    "too_many",  # a list longer than its cap (years > 50, comparables > 200, iterations > 100,000)
    "length_mismatch",  # lists that must run over the same years have different lengths
    "not_above_growth",  # a discount rate not strictly above the terminal growth rate
    "unknown_method",  # a method code that is not in METHODS
    "unknown_field",  # an input the method does not take (usually a typo)
    "unknown_choice",  # a text value outside the allowed choices
    "conflict",  # inputs given together that exclude each other (discount_rate and wacc)
    "weights_do_not_sum_to_one",  # WACC weights
    "not_applicable",  # a sensitivity asked of a method that has no such input
    "low_above_high",  # a range whose low end is above its high end
)


class InputError(ValueError):
    """One bad input: `field` is a dotted path (`inputs.revenues[2]`), `rule` a stable snake_case code."""

    def __init__(self, field: str, rule: str, message: str) -> None:
        if rule not in RULES:
            raise AssertionError(f"undeclared rule {rule!r}")
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule
        self.message = message

    def __repr__(self) -> str:
        return f"InputError(field={self.field!r}, rule={self.rule!r}, message={self.message!r})"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "rule": self.rule, "message": self.message}


class InputErrors(ValueError):
    """Several bad inputs reported at once, in the order they were found (at least one)."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors: tuple[InputError, ...] = tuple(errors)
        if not self.errors:
            raise AssertionError("InputErrors needs at least one error")
        super().__init__("; ".join(str(e) for e in self.errors))

    def rules(self) -> list[tuple[str, str]]:
        """(field, rule) pairs: handy for tests and for logging."""
        return [(e.field, e.rule) for e in self.errors]


class ErrorCollector:
    """Gathers InputErrors so that every bad field is reported in one go."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def add(self, field: str, rule: str, message: str) -> None:
        self.errors.append(InputError(field, rule, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise InputErrors(self.errors)
