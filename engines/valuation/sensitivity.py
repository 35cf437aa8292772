"""Sensitivity of a valuation: one-way tornado, two-way grid (discount rate × growth), named scenarios
and a seeded Monte Carlo. Each re-runs the exact Decimal method; reported values are rounded to 0.01.

A variation that makes the inputs invalid (a discount rate pushed to or below the growth rate, a negative
revenue) does not fail the run: that cell or side is None and carries the rule it broke.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext

from engines.valuation.discounting import plain_rate
from engines.valuation.errors import InputError, InputErrors
from engines.valuation.inputs import DcfTerms, MethodInputs
from engines.valuation.methods import value
from engines.valuation.numbers import CONTEXT, ONE, mean, percentile, round_money
from engines.valuation.result import ENGINE_VERSION

MAX_GRID = 21  # rates or growth rates per axis
MAX_ITERATIONS = 100_000
DISTRIBUTIONS = ("triangular", "normal", "uniform")


@dataclass(frozen=True, kw_only=True)
class Variation:
    input: str  # a numeric input of the method (a list input moves every year)
    step: Decimal
    relative: bool = False  # False: value ± step; True: value × (1 ± step)


@dataclass(frozen=True, kw_only=True)
class TornadoBar:
    input: str
    step: Decimal
    relative: bool
    value_low: Decimal | None  # with the input moved down
    value_high: Decimal | None  # with the input moved up
    swing: Decimal  # |value_high − value_low| (0 when a side is invalid)
    invalid_rule: str | None = None  # the rule a side broke, if any


@dataclass(frozen=True, kw_only=True)
class TornadoResult:
    method: str
    base_value: Decimal
    bars: tuple[TornadoBar, ...]  # widest swing first
    engine_version: str = ENGINE_VERSION


@dataclass(frozen=True, kw_only=True)
class GridResult:
    method: str
    base_value: Decimal
    discount_rates: tuple[Decimal, ...]  # rows
    growth_rates: tuple[Decimal, ...]  # columns
    values: tuple[tuple[Decimal | None, ...], ...]  # None where the rate is not above the growth rate
    engine_version: str = ENGINE_VERSION


@dataclass(frozen=True, kw_only=True)
class Scenario:
    name: str
    overrides: dict[str, object]  # input name → value (as for the method's inputs)


@dataclass(frozen=True, kw_only=True)
class ScenarioOutcome:
    name: str
    value: Decimal
    difference: Decimal  # value − base value


@dataclass(frozen=True, kw_only=True)
class ScenariosResult:
    method: str
    base_value: Decimal
    scenarios: tuple[ScenarioOutcome, ...]
    engine_version: str = ENGINE_VERSION


@dataclass(frozen=True, kw_only=True)
class Distribution:
    """For a scalar input the draw is its value; for a list input the draw multiplies every year."""

    input: str
    kind: str  # triangular (low, mode, high) | normal (mean, sd) | uniform (low, high)
    low: Decimal | None = None
    mode: Decimal | None = None
    high: Decimal | None = None
    mean: Decimal | None = None
    sd: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class MonteCarloResult:
    method: str
    base_value: Decimal
    seed: int
    iterations: int
    n: int  # valid draws (iterations − rejected)
    rejected: int  # draws whose inputs broke a rule (e.g. discount rate not above growth)
    mean: Decimal | None
    p5: Decimal | None
    p50: Decimal | None
    p95: Decimal | None
    engine_version: str = ENGINE_VERSION


def override(
    inputs: MethodInputs, name: str, change: Callable[[Decimal], Decimal], path: str
) -> MethodInputs:
    """`inputs` with the numeric input `name` changed (every year of a list); discount_rate also replaces a
    build-up or WACC by the rate they give."""
    with localcontext(CONTEXT):
        if name == "discount_rate" and isinstance(inputs, DcfTerms):
            rate = plain_rate(inputs)
            if rate is not None:
                return dataclasses.replace(
                    inputs, discount_rate=change(rate), discount_rate_build_up=None, wacc=None
                )
        current = (
            getattr(inputs, name, None) if name in {f.name for f in dataclasses.fields(inputs)} else None
        )
        if isinstance(current, Decimal):
            return dataclasses.replace(inputs, **{name: change(current)})  # type: ignore[arg-type]
        if isinstance(current, tuple) and current and all(isinstance(v, Decimal) for v in current):
            return dataclasses.replace(inputs, **{name: tuple(change(v) for v in current)})  # type: ignore[arg-type]
    raise InputErrors(
        [InputError(path, "not_applicable", f"{name!r} is not a numeric input given to {inputs.method}")]
    )


def _try(inputs: MethodInputs) -> tuple[Decimal | None, str | None]:
    try:
        result = value(inputs)
    except InputErrors as errors:
        return None, errors.errors[0].rule
    return result.value_unrounded, None


def _moves(v: Variation) -> tuple[Callable[[Decimal], Decimal], Callable[[Decimal], Decimal]]:
    step = v.step
    if v.relative:
        return (lambda x: x * (ONE - step)), (lambda x: x * (ONE + step))
    return (lambda x: x - step), (lambda x: x + step)


def tornado(inputs: MethodInputs, variations: tuple[Variation, ...]) -> TornadoResult:
    base = value(inputs).value
    bars = []
    for n, v in enumerate(variations):
        down, up = _moves(v)
        path = f"variations[{n}].input"
        low, rule_low = _try(override(inputs, v.input, down, path))
        high, rule_high = _try(override(inputs, v.input, up, path))
        swing = abs(high - low) if low is not None and high is not None else Decimal(0)
        bars.append(
            TornadoBar(
                input=v.input,
                step=v.step,
                relative=v.relative,
                value_low=None if low is None else round_money(low),
                value_high=None if high is None else round_money(high),
                swing=round_money(swing),
                invalid_rule=rule_low or rule_high,
            )
        )
    ordered = sorted(enumerate(bars), key=lambda pair: (-pair[1].swing, pair[0]))
    return TornadoResult(method=inputs.method, base_value=base, bars=tuple(bar for _, bar in ordered))


def grid(
    inputs: MethodInputs, discount_rates: tuple[Decimal, ...], growth_rates: tuple[Decimal, ...]
) -> GridResult:
    if not isinstance(inputs, DcfTerms):
        raise InputErrors([InputError("method", "not_applicable", f"{inputs.method} has no discount rate")])
    base = value(inputs).value
    rows = []
    for r in discount_rates:
        row = []
        for g in growth_rates:
            changed = dataclasses.replace(
                inputs, discount_rate=r, discount_rate_build_up=None, wacc=None, terminal_growth=g
            )
            cell, _ = _try(changed)
            row.append(None if cell is None else round_money(cell))
        rows.append(tuple(row))
    return GridResult(
        method=inputs.method,
        base_value=base,
        discount_rates=discount_rates,
        growth_rates=growth_rates,
        values=tuple(rows),
    )


def scenarios(inputs: MethodInputs, named: tuple[Scenario, ...]) -> ScenariosResult:
    """Each scenario replaces some inputs (typed values); an invalid scenario raises InputErrors."""
    base = value(inputs)
    outcomes = []
    for s in named:
        result = value(dataclasses.replace(inputs, **s.overrides))  # type: ignore[arg-type]
        outcomes.append(
            ScenarioOutcome(name=s.name, value=result.value, difference=result.value - base.value)
        )
    return ScenariosResult(method=inputs.method, base_value=base.value, scenarios=tuple(outcomes))


def _draw(rng: random.Random, d: Distribution) -> Decimal:
    def f(x: Decimal | None) -> float:
        return float(x) if x is not None else 0.0

    if d.kind == "triangular":
        x = rng.triangular(f(d.low), f(d.high), f(d.mode))
    elif d.kind == "normal":
        x = rng.gauss(f(d.mean), f(d.sd))
    else:
        x = rng.uniform(f(d.low), f(d.high))
    return Decimal(str(x))


def _scale(x: Decimal) -> Callable[[Decimal], Decimal]:
    return lambda v: v * x


def _replace(x: Decimal) -> Callable[[Decimal], Decimal]:
    return lambda _v: x


def monte_carlo(
    inputs: MethodInputs, distributions: tuple[Distribution, ...], *, iterations: int, seed: int
) -> MonteCarloResult:
    """Seeded: random.Random(seed), draws taken iteration by iteration in the order given."""
    base = value(inputs).value
    rng = random.Random(seed)  # noqa: S311 - simulation, not security; seeded for reproducibility
    values: list[Decimal] = []
    rejected = 0
    for _ in range(iterations):
        drawn = inputs
        for n, d in enumerate(distributions):
            x = _draw(rng, d)
            is_list = isinstance(getattr(inputs, d.input, None), tuple)
            drawn = override(
                drawn, d.input, _scale(x) if is_list else _replace(x), f"distributions[{n}].input"
            )
        result, _ = _try(drawn)
        if result is None:
            rejected += 1
        else:
            values.append(result)
    values.sort()

    def stat(p: int) -> Decimal | None:
        return round_money(percentile(values, Decimal(p))) if values else None

    return MonteCarloResult(
        method=inputs.method,
        base_value=base,
        seed=seed,
        iterations=iterations,
        n=len(values),
        rejected=rejected,
        mean=round_money(mean(values)) if values else None,
        p5=stat(5),
        p50=stat(50),
        p95=stat(95),
    )
