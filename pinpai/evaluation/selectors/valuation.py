"""Brand valuation reads: the METHODS registry in the active language, and the calculators.

A calculation stores nothing, so it is a read: it parses the JSON-ish inputs with the engine, computes and
returns the result; bad inputs are one `EvaluationInputsInvalid` listing every bad field and rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from engines import valuation
from engines.valuation.specs import FieldSpec, MethodSpec
from pinpai.evaluation.exceptions import EvaluationInputsInvalid, ValuationMethodNotFound
from pinpai.evaluation.selectors.engine_errors import engine_input_errors
from pinpai.evaluation.selectors.localise import pick

# Public calculators run in the request: Monte Carlo is capped below the engine's own 100,000 iterations.
MONTE_CARLO_MAX_ITERATIONS = 10_000

UNIT_LABELS = {
    "money": _("money (in the unit you state)"),
    "money per unit": _("money per unit sold"),
    "fraction": _("fraction (0.11 = 11 %)"),
    "index 0–100": _("index, 0–100"),
    "years": _("years"),
    "multiple": _("multiple"),
    "volume": _("volume"),
    "text": _("text"),
}
APPROACH_LABELS = {
    "income": _("income approach"),
    "market": _("market approach"),
    "cost": _("cost approach"),
    "regional": _("regional public brand model"),
}


@dataclass(frozen=True)
class ValuationField:
    """One input of a method, from METHODS: what the form shows and the parser checks."""

    name: str
    label: str
    kind: str  # decimal, decimal_list, integer, boolean, choice, text, object, object_list
    unit: str
    unit_label: str
    required: bool
    default: object  # JSON-ready: a Decimal as a string, a tuple as a list
    minimum: Decimal | None
    maximum: Decimal | None
    minimum_exclusive: bool
    maximum_exclusive: bool
    bounds: str  # "[0, 1]", "(0, 1]", "" when unbounded
    choices: tuple[str, ...]
    min_items: int
    max_items: int | None
    per_year: bool
    fields: tuple[ValuationField, ...]  # of an object, or of each item of a list of objects


@dataclass(frozen=True)
class ValuationMethod:
    code: str
    approach: str
    approach_label: str
    name: str
    description: str
    formulas: tuple[str, ...]
    standards: tuple[str, ...]
    discounted: bool  # an income method: discount rate, terminal growth, grid
    fields: tuple[ValuationField, ...]
    engine_version: str

    def field(self, name: str) -> ValuationField | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class ValuationStep:
    code: str
    label: str
    formula: str
    value: Decimal  # unrounded


@dataclass(frozen=True)
class ValuationComputation:
    method: str
    value: Decimal  # rounded once, half-up to 0.01
    value_unrounded: Decimal
    currency: str
    unit: str
    discounting: str | None
    steps: tuple[ValuationStep, ...]
    inputs: dict[str, object]  # the validated inputs, JSON-ready (defaults filled in)
    engine_version: str


def _jsonable(value: object) -> object:
    return valuation.to_jsonable(value)


def _field(spec: FieldSpec) -> ValuationField:
    return ValuationField(
        name=spec.name,
        label=pick(spec.label_zh, spec.label_en),
        kind=spec.kind,
        unit=spec.unit,
        unit_label=str(UNIT_LABELS.get(spec.unit, spec.unit)),
        required=spec.required,
        default=_jsonable(spec.default),
        minimum=spec.minimum,
        maximum=spec.maximum,
        minimum_exclusive=spec.minimum_exclusive,
        maximum_exclusive=spec.maximum_exclusive,
        bounds=spec.bounds_text(),
        choices=spec.choices,
        min_items=spec.min_items,
        max_items=spec.max_items,
        per_year=spec.per_year,
        fields=tuple(_field(f) for f in spec.fields),
    )


def _method(spec: MethodSpec) -> ValuationMethod:
    return ValuationMethod(
        code=spec.code,
        approach=spec.approach,
        approach_label=str(APPROACH_LABELS.get(spec.approach, spec.approach)),
        name=pick(spec.name_zh, spec.name_en),
        description=pick(spec.description_zh, spec.description_en),
        formulas=spec.formulas,
        standards=spec.standards,
        discounted=spec.discounted,
        fields=tuple(_field(f) for f in spec.fields),
        engine_version=valuation.ENGINE_VERSION,
    )


def valuation_method_list() -> list[ValuationMethod]:
    """Every valuation method in the order of the registry, in the active language."""
    return [_method(spec) for spec in valuation.METHODS.values()]


def valuation_method_get(*, code: str) -> ValuationMethod:
    spec = valuation.METHODS.get(code)
    if spec is None:
        raise ValuationMethodNotFound(f"No valuation method {code!r}.")
    return _method(spec)


def valuation_compute(*, method: object, inputs: object) -> ValuationComputation:
    """Value a brand with one method: the rounded value, and every step with its unrounded value."""
    with engine_input_errors():
        result = valuation.compute(method, inputs)
    validated = _jsonable(result.inputs)
    assert isinstance(validated, dict)  # noqa: S101 - an input dataclass renders as an object
    validated.pop("method", None)
    return ValuationComputation(
        method=result.method,
        value=result.value,
        value_unrounded=result.value_unrounded,
        currency=result.currency,
        unit=result.unit,
        discounting=result.discounting,
        steps=tuple(
            ValuationStep(code=s.code, label=pick(s.label_zh, s.label_en), formula=s.formula, value=s.value)
            for s in result.steps
        ),
        inputs=validated,
        engine_version=result.engine_version,
    )


def valuation_grid_compute(
    *, method: object, inputs: object, discount_rates: object, growth_rates: object
) -> valuation.GridResult:
    """Values for every discount rate × terminal growth rate (at most 21 × 21; null where r ≤ g)."""
    with engine_input_errors():
        return valuation.compute_grid(method, inputs, discount_rates, growth_rates)


def valuation_tornado_compute(
    *, method: object, inputs: object, variations: object
) -> valuation.TornadoResult:
    """One-way sensitivity: each input moved down and up, widest swing first."""
    with engine_input_errors():
        return valuation.compute_tornado(method, inputs, variations)


def valuation_scenarios_compute(
    *, method: object, inputs: object, scenarios: object
) -> valuation.ScenariosResult:
    """Named scenarios, each valued with its overrides, with the difference from the base value."""
    with engine_input_errors():
        return valuation.compute_scenarios(method, inputs, scenarios)


def valuation_monte_carlo_compute(
    *, method: object, inputs: object, distributions: object, iterations: object, seed: object
) -> valuation.MonteCarloResult:
    """Seeded Monte Carlo (same seed, same result), at most MONTE_CARLO_MAX_ITERATIONS iterations."""
    if (
        isinstance(iterations, int)
        and not isinstance(iterations, bool)
        and iterations > MONTE_CARLO_MAX_ITERATIONS
    ):
        raise EvaluationInputsInvalid([("iterations", "too_many")])
    with engine_input_errors():
        return valuation.compute_monte_carlo(method, inputs, distributions, iterations, seed)
