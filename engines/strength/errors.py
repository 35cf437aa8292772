"""Input errors of the strength engine: a dotted field, a stable rule and an English message.

The API turns `InputErrors` into one 422 problem+json listing every error; each `rule` is a stable
snake_case identifier a client may switch on (the message may be reworded, the rule may not).
"""

from __future__ import annotations

from collections.abc import Iterable

# The stable rules, listed once so docs, tests and the API agree.
RULES = frozenset(
    {
        "required",  # a value, peer group, field or option is missing
        "unknown_field",  # a key the input format does not have
        "unknown_indicator",  # a value or peer group for an indicator the system does not have
        "unknown_system",  # no default system with that code (and version)
        "unknown_rule",  # a scoring rule kind the engine does not know
        "out_of_range",  # a score, weight or value outside its allowed range
        "weights_do_not_sum_to_one",  # sibling weights do not add up to exactly 1
        "not_a_number",  # not a number (a non-numeric string, a boolean, a list …)
        "not_finite",  # NaN or Infinity
        "not_a_boolean",  # a yes/no indicator given something other than true/false
        "not_a_string",
        "not_an_object",
        "not_a_list",
        "invalid_code",  # a code that is not lower-case ascii words joined by "." or "_"
        "duplicate_code",  # two nodes or indicators of one system share a code
        "empty",  # a system or node without children, a band list without bands
        "bounds_not_increasing",  # linear lower ≥ upper, or an indicator's minimum ≥ maximum
        "thresholds_not_increasing",  # banded thresholds not strictly increasing
        "too_few_scores",  # a trimmed mean that would trim every score away
        "invalid_option",  # an option outside its allowed values (e.g. missing="skip")
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

    def prefixed(self, prefix: str) -> InputError:
        """The same error with `prefix.` put before the field (`system.x` → `inputs.system.x`)."""
        return InputError(f"{prefix}.{self.field}", self.rule, self.message)


class InputErrors(ValueError):
    """All the problems found in one input, in the order found; never empty.

    Every public function of the engine raises this (not a bare `InputError`), so a caller catches one type.
    """

    def __init__(self, errors: Iterable[InputError]) -> None:
        self.errors = tuple(errors)
        if not self.errors:
            raise AssertionError("InputErrors needs at least one error")
        super().__init__("; ".join(str(e) for e in self.errors))

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """(field, rule) of each error: what tests and clients usually compare."""
        return tuple((e.field, e.rule) for e in self.errors)

    def prefixed(self, prefix: str) -> InputErrors:
        return InputErrors(e.prefixed(prefix) for e in self.errors)


def raise_if_any(errors: list[InputError]) -> None:
    if errors:
        raise InputErrors(errors)
