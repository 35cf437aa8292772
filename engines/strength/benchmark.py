"""Benchmarking (标杆对比): a brand's indicator scores against its peers' and the leaders'.

For every indicator of the system, given the brand's score and the peers' scores (all 0–100, normally the
unrounded `StrengthResult.scores()` of each brand under the same system and version):

    percentile    = mid-rank percentile of the brand's score among the peers' (rules.percentile_rank)
    top_decile    = 90th percentile of the peers' scores, linear between closest ranks:
                    sorted s₀ … sₙ₋₁, h = 0.9 × (n − 1), top = s⌊h⌋ + (h − ⌊h⌋) × (s⌊h⌋₊₁ − s⌊h⌋)
                    (the "inclusive" definition: Excel PERCENTILE.INC, R type 7, numpy's default)
    gap           = max(0, top_decile − score)
    weighted_gap  = effective weight × gap   (index points the brand would gain by reaching the top decile)

Improvement actions are the indicators with a positive gap, ranked by weighted gap (largest first; ties by
the order of the system's data). A peer without a score for an indicator is left out of that indicator.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from engines.strength.decimals import HUNDRED, ZERO, context, decimal_from, report
from engines.strength.errors import InputError, raise_if_any
from engines.strength.evaluate import ENGINE_VERSION
from engines.strength.model import IndicatorSystem
from engines.strength.rules import percentile_rank

TOP_DECILE = Decimal("0.9")


@dataclass(frozen=True)
class BenchmarkRow:
    code: str
    name_zh: str
    name_en: str
    effective_weight: Decimal
    score: Decimal  # the brand's, rounded
    peer_count: int
    percentile: Decimal | None  # None when no peer has a score for the indicator
    top_decile: Decimal | None
    gap: Decimal | None
    weighted_gap: Decimal | None  # index points
    weighted_gap_unrounded: Decimal | None


@dataclass(frozen=True)
class Action:
    rank: int  # 1 = the largest weighted gap
    code: str
    name_zh: str
    name_en: str
    score: Decimal  # the brand's, rounded
    target: Decimal  # the peers' top-decile score, rounded
    weighted_gap: Decimal  # index points to gain, rounded


@dataclass(frozen=True)
class BenchmarkResult:
    system_code: str
    system_version: str
    rows: tuple[BenchmarkRow, ...]  # every indicator, in the order of the system's data
    actions: tuple[Action, ...]
    engine_version: str = ENGINE_VERSION


def quantile(values: Sequence[Decimal], p: Decimal) -> Decimal:
    """The p-quantile (0 ≤ p ≤ 1) of a non-empty list, linear between closest ranks (R type 7)."""
    ordered = sorted(values)
    h = p * (len(ordered) - 1)
    low = int(h)
    if low + 1 >= len(ordered):
        return ordered[-1]
    return ordered[low] + (h - low) * (ordered[low + 1] - ordered[low])


def _score(raw: object, field: str, errors: list[InputError]) -> Decimal | None:
    try:
        value = decimal_from(raw, field)
    except InputError as error:
        errors.append(error)
        return None
    if not ZERO <= value <= HUNDRED:
        errors.append(InputError(field, "out_of_range", "a score must be between 0 and 100"))
        return None
    return value


def benchmark(
    system: IndicatorSystem, brand: Mapping[str, object], peers: Sequence[Mapping[str, object]]
) -> BenchmarkResult:
    """Compare the brand's indicator scores with its peers'; rank improvement actions by weighted gap.

    `brand` must have a score for every indicator (`required`); scores are 0–100. Raises `InputErrors` with
    fields `brand.<code>` and `peers[i].<code>`.
    """
    errors: list[InputError] = []
    leaves = system.leaves()
    known = {leaf.indicator.code for leaf in leaves}
    for where, scores in [("brand", brand), *((f"peers[{i}]", p) for i, p in enumerate(peers))]:
        errors += [
            InputError(
                f"{where}.{code}", "unknown_indicator", f"system {system.code} has no indicator {code!r}"
            )
            for code in scores
            if code not in known
        ]
    own: dict[str, Decimal] = {}
    groups: dict[str, list[Decimal]] = {code: [] for code in known}
    for leaf in leaves:
        code = leaf.indicator.code
        if brand.get(code) is None:
            errors.append(
                InputError(f"brand.{code}", "required", "the brand needs a score for every indicator")
            )
        elif (value := _score(brand[code], f"brand.{code}", errors)) is not None:
            own[code] = value
        for i, peer in enumerate(peers):
            if (
                peer.get(code) is not None
                and (value := _score(peer[code], f"peers[{i}].{code}", errors)) is not None
            ):
                groups[code].append(value)
    raise_if_any(errors)

    rows: list[BenchmarkRow] = []
    with decimal.localcontext(context()):
        for leaf in leaves:
            ind, score, group = leaf.indicator, own[leaf.indicator.code], groups[leaf.indicator.code]
            percentile = top = gap = weighted = None
            if group:
                percentile = percentile_rank(score, group)
                top = quantile(group, TOP_DECILE)
                gap = max(ZERO, top - score)
                weighted = leaf.effective_weight * gap
            rows.append(
                BenchmarkRow(
                    code=ind.code,
                    name_zh=ind.name_zh,
                    name_en=ind.name_en,
                    effective_weight=leaf.effective_weight,
                    score=report(score),
                    peer_count=len(group),
                    percentile=None if percentile is None else report(percentile),
                    top_decile=None if top is None else report(top),
                    gap=None if gap is None else report(gap),
                    weighted_gap=None if weighted is None else report(weighted),
                    weighted_gap_unrounded=weighted,
                )
            )
    ranked = sorted(
        (r for r in rows if r.weighted_gap_unrounded is not None and r.weighted_gap_unrounded > 0),
        key=lambda r: -(r.weighted_gap_unrounded or ZERO),
    )
    actions = tuple(
        Action(
            rank=i,
            code=r.code,
            name_zh=r.name_zh,
            name_en=r.name_en,
            score=r.score,
            target=r.top_decile or ZERO,
            weighted_gap=r.weighted_gap or ZERO,
        )
        for i, r in enumerate(ranked, start=1)
    )
    return BenchmarkResult(system.code, system.version, tuple(rows), actions)
