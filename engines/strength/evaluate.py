"""Evaluate an indicator system: raw values → scores → weighted index on 0–100 and 0–1000, with a trace.

    score(leaf)        = rule(value)                         0–100
    score(node)        = Σ weight(child) × score(child)      0–100, over the node's children
    index              = Σ weight(top) × score(top)          0–100
    effective weight   = product of the weights from the top level down to the leaf
    contribution(leaf) = effective weight × score(leaf)      index points; Σ over all leaves = index
    score_1000         = index × 10                          the 0–1000 scale of 中国品牌价值评价信息

All arithmetic is exact Decimal in a 40-digit local context; only reported figures are rounded, half-up to
0.01, each from its own unrounded value (so rounded contributions may not add up to the rounded index by a
cent or two). Effective weights are products of the data's weights and are reported exactly.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from engines.strength.decimals import HUNDRED, ONE, ZERO, context, decimal_from, exact, plain, report
from engines.strength.errors import InputError, raise_if_any
from engines.strength.model import Indicator, IndicatorSystem, Leaf, Node
from engines.strength.rules import Direct, Percentile, YesNo

ENGINE_VERSION = "strength-2026.1"
TEN = Decimal(10)

Missing = Literal["error", "zero"]
MISSING_POLICIES: tuple[Missing, ...] = ("error", "zero")


@dataclass(frozen=True)
class TraceStep:
    """One step of the computation: what was computed, how, and its unrounded value."""

    code: str  # "quality.pass_rate.score", "quality.pass_rate.contribution", "quality.score", "index"
    label_zh: str
    label_en: str
    formula: str  # the formula with the numbers substituted
    value: Decimal  # unrounded


@dataclass(frozen=True)
class LeafResult:
    code: str
    name_zh: str
    name_en: str
    path: tuple[str, ...]  # ancestor node codes, outermost first
    unit: str
    value: Decimal | bool | None  # the raw value as validated; None when missing
    missing: bool  # scored 0 under missing="zero"
    weight: Decimal  # among siblings
    effective_weight: Decimal  # exact
    score: Decimal  # 0–100, rounded half-up to 0.01
    contribution: Decimal  # index points, rounded half-up to 0.01
    score_unrounded: Decimal
    contribution_unrounded: Decimal


@dataclass(frozen=True)
class NodeResult:
    code: str
    name_zh: str
    name_en: str
    path: tuple[str, ...]
    weight: Decimal
    effective_weight: Decimal
    score: Decimal  # the node's own 0–100 score, rounded
    contribution: Decimal  # index points = effective weight × score, rounded
    score_unrounded: Decimal
    contribution_unrounded: Decimal


@dataclass(frozen=True)
class StrengthResult:
    system_code: str
    system_version: str
    index: Decimal  # brand strength index, 0–100, rounded half-up to 0.01
    score_1000: Decimal  # brand strength on 0–1000 = unrounded index × 10, rounded half-up to 0.01
    index_unrounded: Decimal
    leaves: tuple[LeafResult, ...]  # depth first, in the order of the system's data
    nodes: tuple[NodeResult, ...]  # inner nodes, depth first (a node before its children)
    trace: tuple[TraceStep, ...]
    missing: tuple[str, ...]  # codes of the indicators scored 0 because their value was missing
    engine_version: str = ENGINE_VERSION

    def scores(self) -> dict[str, Decimal]:
        """Unrounded leaf scores by indicator code (the input of `benchmark`)."""
        return {leaf.code: leaf.score_unrounded for leaf in self.leaves}


def evaluate(
    system: IndicatorSystem,
    values: Mapping[str, object],
    peers: Mapping[str, Sequence[object]] | None = None,
    *,
    missing: Missing = "error",
) -> StrengthResult:
    """Score every indicator of `system` from `values` and aggregate them up the tree.

    `values` maps indicator codes to raw values (numbers as Decimal/int/float/numeric string; yes/no as a
    boolean). `peers` maps the codes of percentile indicators to the peer group's raw values (not including
    the brand). A missing value (absent or None) is an error (`required`) unless `missing="zero"`, which
    scores it 0 and lists it in `result.missing`. Raises `InputErrors` listing every problem at once.
    """
    parsed, peer_values = _validated(system, values, peers or {}, missing)
    with decimal.localcontext(context()):
        return _compute(system, parsed, peer_values)


def _validated(
    system: IndicatorSystem,
    values: Mapping[str, object],
    peers: Mapping[str, Sequence[object]],
    missing: str,
) -> tuple[dict[str, Decimal | bool | None], dict[str, tuple[Decimal, ...]]]:
    errors: list[InputError] = []
    if missing not in MISSING_POLICIES:
        errors.append(InputError("inputs.missing", "invalid_option", 'missing must be "error" or "zero"'))
    leaves = system.leaves()
    known = {leaf.indicator.code for leaf in leaves}
    for section, given in (("values", values), ("peers", peers)):
        for code in given:
            if code not in known:
                message = f"system {system.code} {system.version} has no indicator {code!r}"
                errors.append(InputError(f"inputs.{section}.{code}", "unknown_indicator", message))
    parsed: dict[str, Decimal | bool | None] = {}
    peer_values: dict[str, tuple[Decimal, ...]] = {}
    for leaf in leaves:
        indicator = leaf.indicator
        field = f"inputs.values.{indicator.code}"
        raw = values.get(indicator.code)
        parsed[indicator.code] = None
        if raw is None:
            if missing != "zero":
                errors.append(InputError(field, "required", f"a value for {indicator.name_en} is required"))
            continue
        try:
            parsed[indicator.code] = value_parse(indicator, raw, field)
        except InputError as error:
            errors.append(error)
        if isinstance(indicator.rule, Percentile):
            try:
                peer_values[indicator.code] = _peers_parse(
                    peers.get(indicator.code), f"inputs.peers.{indicator.code}"
                )
            except InputError as error:
                errors.append(error)
    raise_if_any(errors)
    return parsed, peer_values


def value_parse(indicator: Indicator, raw: object, field: str) -> Decimal | bool:
    """Validate one raw value for its indicator: a boolean for yes/no, else a finite number in range."""
    if isinstance(indicator.rule, YesNo):
        if not isinstance(raw, bool):
            raise InputError(field, "not_a_boolean", "a yes/no indicator takes true or false")
        return raw
    number = decimal_from(raw, field)
    low, high = indicator.minimum, indicator.maximum
    if isinstance(indicator.rule, Direct):
        low = ZERO if low is None else max(low, ZERO)
        high = HUNDRED if high is None else min(high, HUNDRED)
    if (low is not None and number < low) or (high is not None and number > high):
        span = f"{'−∞' if low is None else plain(low)} to {'∞' if high is None else plain(high)}"
        raise InputError(field, "out_of_range", f"{plain(number)} is outside {span}")
    return number


def _peers_parse(group: object, field: str) -> tuple[Decimal, ...]:
    if group is None or (isinstance(group, list | tuple) and not group):
        raise InputError(field, "required", "a percentile indicator needs the peer group's values")
    if not isinstance(group, list | tuple):
        raise InputError(field, "not_a_list", "peer values must be a list")
    return tuple(decimal_from(v, f"{field}[{i}]") for i, v in enumerate(group))


def _compute(
    system: IndicatorSystem,
    parsed: Mapping[str, Decimal | bool | None],
    peer_values: Mapping[str, tuple[Decimal, ...]],
) -> StrengthResult:
    trace: list[TraceStep] = []
    leaf_results: list[LeafResult] = []
    node_scores: dict[str, Decimal] = {}

    def leaf_score(leaf: Leaf) -> Decimal:
        ind = leaf.indicator
        value = parsed[ind.code]
        if value is None:
            score, formula = ZERO, 'missing value → score = 0 (missing="zero")'
        else:
            peers = peer_values.get(ind.code, ())
            score, formula = exact(ind.rule.score(value, peers)), ind.rule.formula(value, peers)
        contribution = exact(leaf.effective_weight * score)
        trace.append(
            TraceStep(f"{ind.code}.score", f"{ind.name_zh}得分", f"{ind.name_en} score", formula, score)
        )
        trace.append(
            TraceStep(
                f"{ind.code}.contribution",
                f"{ind.name_zh}贡献",
                f"{ind.name_en} contribution",
                f"contribution = effective weight × score = {plain(leaf.effective_weight)} × {plain(score)}",
                contribution,
            )
        )
        leaf_results.append(
            LeafResult(
                code=ind.code,
                name_zh=ind.name_zh,
                name_en=ind.name_en,
                path=leaf.path,
                unit=ind.unit,
                value=value,
                missing=value is None,
                weight=ind.weight,
                effective_weight=leaf.effective_weight,
                score=report(score),
                contribution=report(contribution),
                score_unrounded=score,
                contribution_unrounded=contribution,
            )
        )
        return score

    leaves = {leaf.indicator.code: leaf for leaf in system.leaves()}

    def group_score(items: tuple[Node | Indicator, ...]) -> tuple[Decimal, str]:
        parts: list[str] = []
        total = ZERO
        for item in items:
            if isinstance(item, Indicator):
                score = leaf_score(leaves[item.code])
            else:
                score, text = group_score(item.children)
                node_scores[item.code] = score
                label_zh, label_en = f"{item.name_zh}得分", f"{item.name_en} score"
                trace.append(
                    TraceStep(
                        f"{item.code}.score", label_zh, label_en, f"score = Σ weight × score = {text}", score
                    )
                )
            total = exact(total + item.weight * score)
            parts.append(f"{plain(item.weight)} × {plain(score)}")
        return total, " + ".join(parts)

    index, index_text = group_score(system.nodes)
    trace.append(
        TraceStep(
            "index", "品牌强度指数", "strength index", f"index = Σ weight × score = {index_text}", index
        )
    )
    score_1000 = exact(index * TEN)
    trace.append(
        TraceStep(
            "score_1000",
            "品牌强度（千分制）",
            "strength score on 0–1000",
            f"score_1000 = index × 10 = {plain(index)} × 10",
            score_1000,
        )
    )
    return StrengthResult(
        system_code=system.code,
        system_version=system.version,
        index=report(index),
        score_1000=report(score_1000),
        index_unrounded=index,
        leaves=tuple(leaf_results),
        nodes=tuple(_node_results(system.nodes, (), ONE, node_scores)),
        trace=tuple(trace),
        missing=tuple(r.code for r in leaf_results if r.missing),
    )


def _node_results(
    items: tuple[Node | Indicator, ...], path: tuple[str, ...], weight: Decimal, scores: Mapping[str, Decimal]
) -> list[NodeResult]:
    results: list[NodeResult] = []
    for item in items:
        if isinstance(item, Node):
            effective = exact(weight * item.weight)
            score = scores[item.code]
            contribution = exact(effective * score)
            results.append(
                NodeResult(
                    code=item.code,
                    name_zh=item.name_zh,
                    name_en=item.name_en,
                    path=path,
                    weight=item.weight,
                    effective_weight=effective,
                    score=report(score),
                    contribution=report(contribution),
                    score_unrounded=score,
                    contribution_unrounded=contribution,
                )
            )
            results += _node_results(item.children, (*path, item.code), effective, scores)
    return results
