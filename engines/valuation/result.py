"""What the engine returns: the rounded value, the inputs, and every step with its unrounded value."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from engines.valuation.numbers import round_money

ENGINE_VERSION = "valuation-2026.1"


@dataclass(frozen=True)
class Step:
    """One line of the derivation: `value` is unrounded, so a reader can re-derive every published figure."""

    code: str  # stable identifier of the step, e.g. "royalty_rate", "pv_cash_flow[3]"
    label_zh: str
    label_en: str
    formula: str  # the formula as text, with the numbers it used
    value: Decimal


@dataclass(frozen=True)
class ValuationResult:
    method: str
    value: Decimal  # the published figure: rounded once, half-up to 0.01
    value_unrounded: Decimal
    currency: str
    unit: str
    discounting: str | None  # "end_year" / "mid_year" for the income approach, None otherwise
    inputs: object  # the method's frozen input dataclass, as validated
    steps: tuple[Step, ...]
    engine_version: str = ENGINE_VERSION

    def step(self, code: str) -> Step:
        for s in self.steps:
            if s.code == code:
                return s
        raise KeyError(code)


@dataclass
class Trace:
    """Collects steps while a method runs; `add` returns the value so formulas read naturally."""

    steps: list[Step] = field(default_factory=list)

    def add(self, code: str, label_zh: str, label_en: str, formula: str, value: Decimal) -> Decimal:
        self.steps.append(Step(code, label_zh, label_en, formula, value))
        return value

    def result(
        self,
        *,
        method: str,
        value: Decimal,
        currency: str,
        unit: str,
        discounting: str | None,
        inputs: object,
    ) -> ValuationResult:
        return ValuationResult(
            method=method,
            value=round_money(value),
            value_unrounded=value,
            currency=currency,
            unit=unit,
            discounting=discounting,
            inputs=inputs,
            steps=tuple(self.steps),
        )


def fmt(value: Decimal) -> str:
    """A number inside a formula text: plain notation, trailing zeros kept as computed."""
    return format(value, "f")


def to_jsonable(obj: object) -> object:
    """Render a result (or any engine dataclass) for JSON: Decimals as strings, tuples as lists.

    Decimals are written in plain notation (`"3855.18"`, a step as `"3855.180907215744…"`), never floats.
    """
    if isinstance(obj, Decimal):
        return format(obj, "f")
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, object] = {}
        method = getattr(type(obj), "method", None)
        if (
            isinstance(method, str)
            and method
            and not any(f.name == "method" for f in dataclasses.fields(obj))
        ):
            out["method"] = method  # input dataclasses name their method
        for f in dataclasses.fields(obj):
            out[f.name] = to_jsonable(getattr(obj, f.name))
        return out
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    return obj
