"""Valuation API schemas: one In/Out pair per endpoint, every field listed."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from pinpai.evaluation.schemas.common import NUMBERS, DecimalStr

METHOD = Field(
    ...,
    description="method code from GET /valuation/methods, e.g. royalty_relief",
    examples=["royalty_relief"],
)
INPUTS = Field(
    ...,
    description="the method's inputs by name (GET /valuation/methods/{code} lists them with units and bounds); "
    "rates and shares are fractions (0.11 = 11 %). " + NUMBERS,
    examples=[
        {
            "revenues": [10000, 10800, 11500, 12100, 12600],
            "royalty_rate_low": "0.01",
            "royalty_rate_high": "0.05",
            "strength_index": "72.5",
            "tax_rate": "0.25",
            "discount_rate": "0.11",
            "terminal_growth": "0.025",
            "unit": "万元",
        }
    ],
)

# ---------------------------------------------------------------- methods


class ValuationSubFieldOut(Schema):
    name: str
    label: str
    kind: str
    unit: str
    unit_label: str
    required: bool
    default: Any
    minimum: DecimalStr | None
    maximum: DecimalStr | None
    minimum_exclusive: bool
    maximum_exclusive: bool
    bounds: str = Field(description='interval notation: "[0, 1]", "(0, 1]"; empty when unbounded')
    choices: list[str]
    min_items: int
    max_items: int | None
    per_year: bool


class ValuationFieldOut(ValuationSubFieldOut):
    fields: list[ValuationSubFieldOut] = Field(description="the fields of an object or of each list item")


class ValuationMethodListOut(Schema):
    code: str
    approach: str
    approach_label: str
    name: str
    description: str
    discounted: bool
    engine_version: str


class ValuationMethodGetOut(Schema):
    code: str
    approach: str
    approach_label: str
    name: str
    description: str
    formulas: list[str]
    standards: list[str]
    discounted: bool = Field(description="an income method: discount rate, terminal growth, grid")
    fields: list[ValuationFieldOut]
    engine_version: str


# ---------------------------------------------------------------- compute


class ValuationComputeIn(Schema):
    method: str = METHOD
    inputs: dict[str, Any] = INPUTS


class ValuationStepOut(Schema):
    code: str = Field(description='stable step code, e.g. "royalty_rate", "pv_cash_flow[3]"')
    label: str = Field(description="in the request's language")
    formula: str = Field(description="the formula with the numbers it used")
    value: DecimalStr = Field(description="unrounded (40 significant digits)")


class ValuationComputeOut(Schema):
    method: str
    value: DecimalStr = Field(
        description="the published value, rounded once half-up to 0.01", examples=["3855.18"]
    )
    value_unrounded: DecimalStr
    currency: str
    unit: str = Field(description="the money unit the inputs were given in, e.g. 元 or 万元")
    discounting: str | None = Field(description="end_year or mid_year for the income approach, else null")
    steps: list[ValuationStepOut]
    inputs: dict[str, Any] = Field(description="the validated inputs, defaults filled in")
    engine_version: str


# ---------------------------------------------------------------- sensitivity


class ValuationGridComputeIn(Schema):
    method: str = METHOD
    inputs: dict[str, Any] = INPUTS
    discount_rates: list[Any] = Field(
        ..., description="rows: discount rates as fractions (at most 21)", examples=[["0.10", "0.11", "0.12"]]
    )
    growth_rates: list[Any] = Field(
        ..., description="columns: terminal growth rates (at most 21)", examples=[["0.02", "0.025", "0.03"]]
    )


class ValuationGridComputeOut(Schema):
    method: str
    base_value: DecimalStr
    discount_rates: list[DecimalStr]
    growth_rates: list[DecimalStr]
    values: list[list[DecimalStr | None]] = Field(
        description="values[i][j] for discount rate i and growth rate j, rounded to 0.01; null where the rate "
        "is not above the growth rate"
    )
    engine_version: str


class ValuationTornadoComputeIn(Schema):
    method: str = METHOD
    inputs: dict[str, Any] = INPUTS
    variations: list[dict[str, Any]] = Field(
        ...,
        description='each {"input", "step", "relative"?}: the input moved by ± step, or by × (1 ± step) when '
        "relative (at most 50)",
        examples=[
            [
                {"input": "discount_rate", "step": "0.01"},
                {"input": "revenues", "step": "0.1", "relative": True},
            ]
        ],
    )


class ValuationTornadoBarOut(Schema):
    input: str
    step: DecimalStr
    relative: bool
    value_low: DecimalStr | None
    value_high: DecimalStr | None
    swing: DecimalStr
    invalid_rule: str | None = Field(description="the rule a side broke (its value is then null)")


class ValuationTornadoComputeOut(Schema):
    method: str
    base_value: DecimalStr
    bars: list[ValuationTornadoBarOut] = Field(description="widest swing first")
    engine_version: str


class ValuationScenariosComputeIn(Schema):
    method: str = METHOD
    inputs: dict[str, Any] = INPUTS
    scenarios: list[dict[str, Any]] = Field(
        ...,
        description='each {"name", "overrides": {input: value}} (at most 50)',
        examples=[[{"name": "pessimistic", "overrides": {"discount_rate": "0.13"}}]],
    )


class ValuationScenarioOut(Schema):
    name: str
    value: DecimalStr
    difference: DecimalStr = Field(description="value − base value")


class ValuationScenariosComputeOut(Schema):
    method: str
    base_value: DecimalStr
    scenarios: list[ValuationScenarioOut]
    engine_version: str


class ValuationMonteCarloComputeIn(Schema):
    method: str = METHOD
    inputs: dict[str, Any] = INPUTS
    distributions: list[dict[str, Any]] = Field(
        ...,
        description='each {"input", "kind": triangular (low, mode, high) | normal (mean, sd) | uniform (low, '
        "high)}; for a per-year list input the draw multiplies every year (at most 50)",
        examples=[
            [{"input": "discount_rate", "kind": "triangular", "low": "0.10", "mode": "0.11", "high": "0.12"}]
        ],
    )
    iterations: int = Field(..., description="1 to 10,000", examples=[1000])
    seed: int = Field(..., description="the same seed gives the same result", examples=[2026])


class ValuationMonteCarloComputeOut(Schema):
    method: str
    base_value: DecimalStr
    seed: int
    iterations: int
    n: int = Field(description="valid draws")
    rejected: int = Field(description="draws whose inputs broke a rule")
    mean: DecimalStr | None
    p5: DecimalStr | None
    p50: DecimalStr | None
    p95: DecimalStr | None
    engine_version: str
