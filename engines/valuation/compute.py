"""The API's entry points: JSON-ish method name and inputs in, a result dataclass out.

`compute(method, inputs)` values; `compute_grid`, `compute_tornado`, `compute_scenarios` and
`compute_monte_carlo` add a sensitivity. Errors are `InputErrors`; paths start with `inputs.`, or with the
name of the sensitivity argument (`discount_rates[1]`, `variations[0].step`, `scenarios[2].overrides.tax_rate`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from engines.valuation import sensitivity as sens
from engines.valuation.errors import ErrorCollector, InputError, InputErrors
from engines.valuation.methods import value
from engines.valuation.parse import convert_field, parse_inputs, to_integer
from engines.valuation.result import ValuationResult
from engines.valuation.specs import FieldSpec, decimal, text

RATE_AXIS = FieldSpec(
    "rates",
    "",
    "",
    "decimal_list",
    "fraction",
    minimum=Decimal("-0.5"),
    maximum=Decimal(1),
    max_items=sens.MAX_GRID,
)
VARIATION = FieldSpec(
    "variations", "敏感性变量", "One-way variations", "object_list", "", max_items=50, item_class=sens.Variation,
    fields=(
        text("input", "输入项", "Input"),
        decimal("step", "变动幅度", "Step", "same as the input", minimum="0", minimum_exclusive=True),
        FieldSpec("relative", "按比例变动", "Relative step", "boolean", "", required=False, default=False),
    ),
)  # fmt: skip
DISTRIBUTION = FieldSpec(
    "distributions", "概率分布", "Distributions", "object_list", "", max_items=50, item_class=sens.Distribution,
    fields=(
        text("input", "输入项", "Input"),
        FieldSpec("kind", "分布", "Distribution", "choice", "", choices=sens.DISTRIBUTIONS),
        decimal("low", "下限", "Low", "", required=False),
        decimal("mode", "众数", "Mode", "", required=False),
        decimal("high", "上限", "High", "", required=False),
        decimal("mean", "均值", "Mean", "", required=False),
        decimal("sd", "标准差", "Standard deviation", "", required=False, minimum="0"),
    ),
)  # fmt: skip
MAX_SCENARIOS = 50
NEEDS = {"triangular": ("low", "mode", "high"), "normal": ("mean", "sd"), "uniform": ("low", "high")}


def compute(method: object, inputs: object) -> ValuationResult:
    """Parse and validate JSON-ish `inputs` for `method` (a code in METHODS), then value them exactly."""
    return value(parse_inputs(method, inputs))


def compute_grid(
    method: object, inputs: object, discount_rates: object, growth_rates: object
) -> sens.GridResult:
    """Two-way grid: every discount rate × every terminal growth rate (at most 21 × 21)."""
    parsed = parse_inputs(method, inputs)
    errors = ErrorCollector()
    rates = convert_field(RATE_AXIS, discount_rates, "discount_rates", errors)
    growths = convert_field(RATE_AXIS, growth_rates, "growth_rates", errors)
    errors.raise_if_any()
    return sens.grid(parsed, _decimals(rates), _decimals(growths))


def compute_tornado(method: object, inputs: object, variations: object) -> sens.TornadoResult:
    """One-way: each `{"input", "step", "relative"?}` moved down and up; bars sorted by swing."""
    parsed = parse_inputs(method, inputs)
    errors = ErrorCollector()
    items = convert_field(VARIATION, variations, "variations", errors)
    errors.raise_if_any()
    return sens.tornado(parsed, tuple(v for v in _objects(items) if isinstance(v, sens.Variation)))


def compute_scenarios(method: object, inputs: object, scenarios: object) -> sens.ScenariosResult:
    """Named scenarios `{"name", "overrides": {input: value}}`, each valued with its overrides applied."""
    base = parse_inputs(method, inputs)
    assert isinstance(inputs, Mapping)  # noqa: S101 - parse_inputs checked it
    errors = ErrorCollector()
    named = []
    raw_list = _list_of_objects(scenarios, "scenarios")
    for n, raw in enumerate(raw_list):
        name = convert_field(text("name", "", ""), raw.get("name"), f"scenarios[{n}].name", errors)
        overrides = raw.get("overrides")
        if not isinstance(overrides, Mapping) or not overrides:
            errors.add(f"scenarios[{n}].overrides", "not_an_object", "expected a non-empty object of inputs")
            continue
        try:
            changed = parse_inputs(method, {**inputs, **overrides})
        except InputErrors as bad:
            for e in bad.errors:
                field = e.field.replace("inputs.", f"scenarios[{n}].overrides.", 1)
                errors.add(field, e.rule, e.message)
            continue
        kept = {key: getattr(changed, str(key)) for key in overrides}
        named.append(sens.Scenario(name=str(name), overrides=kept))
    errors.raise_if_any()
    return sens.scenarios(base, tuple(named))


def compute_monte_carlo(
    method: object, inputs: object, distributions: object, iterations: object, seed: object
) -> sens.MonteCarloResult:
    """Seeded Monte Carlo over `distributions`; deterministic for a given seed (at most 100,000 iterations)."""
    parsed = parse_inputs(method, inputs)
    errors = ErrorCollector()
    count = to_integer(iterations, "iterations", errors)
    if count is not None and not 1 <= count <= sens.MAX_ITERATIONS:
        rule = "too_many" if count > sens.MAX_ITERATIONS else "out_of_range"
        errors.add("iterations", rule, f"must be within [1, {sens.MAX_ITERATIONS}], got {count}")
    seed_value = to_integer(seed, "seed", errors)
    items = convert_field(DISTRIBUTION, distributions, "distributions", errors)
    dists = tuple(d for d in _objects(items) if isinstance(d, sens.Distribution))
    for n, d in enumerate(dists):
        for needed in NEEDS[d.kind]:
            if getattr(d, needed) is None:
                errors.add(
                    f"distributions[{n}].{needed}", "required", f"a {d.kind} distribution needs {needed}"
                )
        if d.low is not None and d.high is not None and d.low > d.high:
            errors.add(f"distributions[{n}].low", "low_above_high", f"low ({d.low}) is above high ({d.high})")
        triangle = (d.low, d.mode, d.high)
        if (
            d.kind == "triangular"
            and None not in triangle
            and not (d.low or 0) <= (d.mode or 0) <= (d.high or 0)
        ):
            errors.add(f"distributions[{n}].mode", "out_of_range", "mode must lie between low and high")
    errors.raise_if_any()
    return sens.monte_carlo(parsed, dists, iterations=count or 0, seed=seed_value or 0)


def _decimals(items: object) -> tuple[Decimal, ...]:
    return tuple(x for x in _objects(items) if isinstance(x, Decimal))


def _objects(items: object) -> tuple[object, ...]:
    return items if isinstance(items, tuple) else ()


def _list_of_objects(raw: object, path: str) -> list[Mapping[str, object]]:
    if not isinstance(raw, list | tuple) or not all(isinstance(x, Mapping) for x in raw):
        raise InputErrors([InputError(path, "not_a_list", "expected a list of objects")])
    if not raw:
        raise InputErrors([InputError(path, "empty", "needs at least 1 item")])
    if len(raw) > MAX_SCENARIOS:
        raise InputErrors(
            [InputError(path, "too_many", f"at most {MAX_SCENARIOS} scenarios, got {len(raw)}")]
        )
    return list(raw)
