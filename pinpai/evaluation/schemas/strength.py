"""Strength API schemas: one In/Out pair per endpoint, every field listed."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from pinpai.evaluation.schemas.common import NUMBERS, DecimalStr, RawValue

# ---------------------------------------------------------------- systems


class StrengthSystemListOut(Schema):
    code: str
    version: str
    name: str
    description: str
    pillars: list[str] = Field(description="pillar codes it is meant for; empty means any")
    industries: list[str] = Field(description="GB/T 4754-2017 sections or divisions; empty means any")
    engine_version: str


class StrengthNodeOut(Schema):
    code: str
    name: str
    description: str
    path: list[str] = Field(description="ancestor node codes, outermost first")
    weight: DecimalStr = Field(description="among siblings (siblings sum to exactly 1)")
    effective_weight: DecimalStr = Field(
        description="share of the index: the product of weights down the path"
    )


class StrengthIndicatorOut(Schema):
    code: str = Field(description="the key of its value in `inputs.values`")
    name: str
    description: str
    evidence: str = Field(description="what an evaluator asks for as proof")
    path: list[str]
    unit: str
    weight: DecimalStr
    effective_weight: DecimalStr
    rule: dict[str, Any] = Field(description='the scoring rule as data: {"kind": "linear", "lower": "90", …}')
    rule_text: str = Field(description="the rule in words, in the request's language")
    minimum: DecimalStr | None
    maximum: DecimalStr | None


class StrengthSystemGetOut(Schema):
    code: str
    version: str
    name: str
    description: str
    pillars: list[str]
    industries: list[str]
    sources: list[str]
    nodes: list[StrengthNodeOut] = Field(description="elements and dimensions, depth first")
    indicators: list[StrengthIndicatorOut] = Field(description="the leaves, depth first")
    engine_version: str


class StrengthSystemGetIn(Schema):
    version: str | None = Field(None, max_length=20, description="a system version; default the latest")


# ---------------------------------------------------------------- compute


class StrengthComputeIn(Schema):
    system: str | dict[str, Any] = Field(
        ...,
        description="a default system's code (GET /strength/systems), or an inline system in the format of "
        "docs/engines/strength.md",
        examples=["gbt29186"],
    )
    version: str | None = Field(None, description="with a system code: which version (default the latest)")
    inputs: dict[str, Any] = Field(
        ...,
        description='{"values": {indicator code: raw value}, "peers": {code: [peer values]} for percentile '
        'indicators, "missing": "error" (default) or "zero"}; yes/no indicators take true/false. ' + NUMBERS,
        examples=[
            {
                "values": {
                    "tangible.revenue": "80000000",
                    "tangible.profit_margin": "12",
                    "tangible.total_assets": "150000000",
                    "quality.qms_certified": True,
                    "quality.pass_rate": "98.5",
                    "quality.award_level": 1,
                    "innovation.rd_intensity": "3.2",
                    "innovation.patents": 8,
                    "innovation.new_product_share": "18",
                    "service.customer_satisfaction": "86",
                    "service.complaint_resolution_rate": "97",
                    "service.service_certified": False,
                    "intangible.trademarks": 4,
                    "intangible.heritage_or_gi": True,
                    "intangible.certifications": 2,
                    "intangible.brand_awareness": "45",
                }
            }
        ],
    )


class StrengthIndicatorResultOut(Schema):
    code: str
    name: str
    path: list[str]
    unit: str
    value: RawValue = Field(description="the raw value as validated; null when missing")
    missing: bool = Field(description='scored 0 because its value was missing (missing = "zero")')
    weight: DecimalStr
    effective_weight: DecimalStr
    score: DecimalStr = Field(description="0–100, rounded half-up to 0.01")
    contribution: DecimalStr = Field(description="index points = effective weight × score, rounded")
    score_unrounded: DecimalStr
    contribution_unrounded: DecimalStr


class StrengthNodeResultOut(Schema):
    code: str
    name: str
    path: list[str]
    weight: DecimalStr
    effective_weight: DecimalStr
    score: DecimalStr
    contribution: DecimalStr
    score_unrounded: DecimalStr
    contribution_unrounded: DecimalStr


class StrengthStepOut(Schema):
    code: str
    label: str
    formula: str
    value: DecimalStr = Field(description="unrounded")


class StrengthComputeOut(Schema):
    system_code: str
    system_version: str
    system_name: str
    index: DecimalStr = Field(description="brand strength index 0–100, rounded half-up to 0.01")
    score_1000: DecimalStr = Field(description="the 0–1000 score = unrounded index × 10, rounded")
    index_unrounded: DecimalStr
    indicators: list[StrengthIndicatorResultOut]
    nodes: list[StrengthNodeResultOut]
    steps: list[StrengthStepOut]
    missing: list[str]
    engine_version: str
