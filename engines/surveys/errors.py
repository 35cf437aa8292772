"""Input errors of the survey engine: a dotted field, a stable rule and an English message.

The same shape as the other engines (`engines.strength.errors`): every public function raises `InputErrors`
listing every problem at once; clients and the API switch on `rule`, never on `message`.
"""

from __future__ import annotations

from collections.abc import Iterable

# The stable rules, listed once so docs, tests and the API agree.
RULES = frozenset(
    {
        "required",  # a value that must be given is missing or empty
        "not_a_number",  # not a finite number (a boolean, a non-numeric string …)
        "not_an_integer",  # a Likert or 0–10 answer that is not a whole number
        "out_of_range",  # a Likert answer outside 1–5, a 0–10 answer outside 0–10, z ≤ 0, a share outside (0, 1]
        "unknown_brand",  # an answer about a brand the survey does not study
        "unknown_measure",  # a rating measure the engine does not know
        "unknown_level",  # an awareness level other than unaware / heard / familiar / used
        "unknown_stratum",  # a respondent's weighting group that has no population share
        "empty_stratum",  # a weighting group with a population share but no respondent
        "weights_do_not_sum_to_one",  # population shares or index weights that do not add up to exactly 1
        "duplicate_code",  # a brand key (or a brand within one respondent's answer) given twice
    }
)


class InputError(ValueError):
    """One problem with the input: where (`field`), which rule was broken (`rule`), and why (`message`)."""

    def __init__(self, field: str, rule: str, message: str) -> None:
        if rule not in RULES:
            raise AssertionError(f"undeclared input error rule {rule!r}")
        super().__init__(f"{field}: {message} ({rule})")
        self.field = field
        self.rule = rule
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InputError):
            return NotImplemented
        return (self.field, self.rule, self.message) == (other.field, other.rule, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.rule, self.message))

    def __repr__(self) -> str:
        return f"InputError({self.field!r}, {self.rule!r}, {self.message!r})"


class InputErrors(ValueError):
    """All the problems found in one input, in the order found; never empty."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = tuple(errors)
        if not self.errors:
            raise AssertionError("InputErrors needs at least one error")
        super().__init__("; ".join(str(e) for e in self.errors))

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """(field, rule) of each error: what tests and clients usually compare."""
        return tuple((e.field, e.rule) for e in self.errors)


def raise_if_any(errors: list[InputError]) -> None:
    if errors:
        raise InputErrors(errors)
