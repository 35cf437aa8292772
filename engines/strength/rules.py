"""Scoring rules: how one indicator's raw value becomes a normalised score on 0–100.

Each rule is a frozen dataclass with a stable `kind` (its name in JSON), `score()` (exact Decimal, called
inside the engine's local context), `formula()` (the substituted formula for the trace), `describe_zh()` /
`describe_en()` (for the methodology page) and `problems()` (validation of its own parameters).
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from engines.strength.decimals import HUNDRED, ZERO, context, plain
from engines.strength.errors import InputError


def _clamp(value: Decimal) -> Decimal:
    return min(HUNDRED, max(ZERO, value))


def _in_score_range(value: Decimal, field: str) -> list[InputError]:
    if not value.is_finite() or not ZERO <= value <= HUNDRED:
        return [InputError(field, "out_of_range", "a score must be between 0 and 100")]
    return []


def percentile_rank(
    value: Decimal, population: Sequence[Decimal], *, higher_is_better: bool = True
) -> Decimal:
    """Mid-rank percentile of `value` within `population`: 100 × (B + E/2) / N.

    B counts the members worse than `value` (lower when higher is better), E the members equal to it, N the
    population size. A value above every member scores 100, below every member 0, equal to all of them 50;
    ties share the middle of their ranks. `population` must not be empty and should not include the brand.
    """
    if higher_is_better:
        worse = sum(1 for p in population if p < value)
    else:
        worse = sum(1 for p in population if p > value)
    equal = sum(1 for p in population if p == value)
    with decimal.localcontext(context()):
        return HUNDRED * (Decimal(worse) + Decimal(equal) / 2) / Decimal(len(population))


@dataclass(frozen=True)
class Linear:
    """Linear between two bounds, clamped: `lower` scores 0 and `upper` 100 (reversed if lower is better)."""

    lower: Decimal
    upper: Decimal
    higher_is_better: bool = True
    kind: ClassVar[str] = "linear"

    def score(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> Decimal:
        x = _number(value)
        with decimal.localcontext(context()):
            if self.higher_is_better:
                return _clamp(HUNDRED * (x - self.lower) / (self.upper - self.lower))
            return _clamp(HUNDRED * (self.upper - x) / (self.upper - self.lower))

    def formula(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> str:
        x, lo, hi = plain(_number(value)), plain(self.lower), plain(self.upper)
        if self.higher_is_better:
            return f"score = clamp(100 × (x − {lo}) / ({hi} − {lo}), 0, 100), x = {x}"
        return f"score = clamp(100 × ({hi} − x) / ({hi} − {lo}), 0, 100), x = {x}"

    def describe_zh(self) -> str:
        lo, hi = plain(self.lower), plain(self.upper)
        if self.higher_is_better:
            return f"线性：不高于 {lo} 得 0 分，不低于 {hi} 得 100 分，其间按线性插值"
        return f"线性（越低越好）：不高于 {lo} 得 100 分，不低于 {hi} 得 0 分，其间按线性插值"

    def describe_en(self) -> str:
        lo, hi = plain(self.lower), plain(self.upper)
        if self.higher_is_better:
            return f"linear: 0 at or below {lo}, 100 at or above {hi}, interpolated in between"
        return f"linear (lower is better): 100 at or below {lo}, 0 at or above {hi}, interpolated in between"

    def problems(self, field: str) -> list[InputError]:
        if not (self.lower.is_finite() and self.upper.is_finite()):
            return [InputError(field, "not_finite", "linear bounds must be finite")]
        if self.lower >= self.upper:
            return [
                InputError(field, "bounds_not_increasing", "linear lower bound must be below the upper bound")
            ]
        return []


@dataclass(frozen=True)
class Banded:
    """Bands: the score of the last band whose threshold the value reaches; `below` under the first one.

    `bands` is ((threshold, score), …) with strictly increasing thresholds; a band covers
    threshold ≤ x < next threshold. Scores need not increase (a lower-is-better indicator has falling scores).
    """

    bands: tuple[tuple[Decimal, Decimal], ...]
    below: Decimal = ZERO
    kind: ClassVar[str] = "banded"

    def score(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> Decimal:
        x = _number(value)
        result = self.below
        for threshold, band_score in self.bands:
            if x >= threshold:
                result = band_score
        return result

    def formula(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> str:
        x = _number(value)
        reached = [i for i, (threshold, _) in enumerate(self.bands) if x >= threshold]
        if not reached:
            first = plain(self.bands[0][0])
            return f"x = {plain(x)} < {first} (below the first band) → score = {plain(self.below)}"
        i = reached[-1]
        threshold, band_score = self.bands[i]
        return f"x = {plain(x)} ≥ {plain(threshold)} (band {i + 1} of {len(self.bands)}) → score = {plain(band_score)}"

    def describe_zh(self) -> str:
        parts = [f"≥{plain(t)} 得 {plain(s)} 分" for t, s in self.bands]
        return f"分档：{'；'.join(parts)}；低于 {plain(self.bands[0][0])} 得 {plain(self.below)} 分"

    def describe_en(self) -> str:
        parts = [f"≥ {plain(t)}: {plain(s)}" for t, s in self.bands]
        return f"bands: {'; '.join(parts)}; below {plain(self.bands[0][0])}: {plain(self.below)}"

    def problems(self, field: str) -> list[InputError]:
        if not self.bands:
            return [InputError(f"{field}.bands", "empty", "a banded rule needs at least one band")]
        errors: list[InputError] = []
        for i, (threshold, band_score) in enumerate(self.bands):
            if not threshold.is_finite():
                errors.append(InputError(f"{field}.bands[{i}]", "not_finite", "a threshold must be finite"))
            errors += _in_score_range(band_score, f"{field}.bands[{i}]")
        errors += _in_score_range(self.below, f"{field}.below")
        thresholds = [t for t, _ in self.bands]
        if not errors and any(a >= b for a, b in zip(thresholds, thresholds[1:], strict=False)):
            errors.append(
                InputError(
                    f"{field}.bands", "thresholds_not_increasing", "band thresholds must strictly increase"
                )
            )
        return errors


@dataclass(frozen=True)
class YesNo:
    """Yes/no: `yes_score` for true, `no_score` for false; the value must be a boolean."""

    yes_score: Decimal = HUNDRED
    no_score: Decimal = ZERO
    kind: ClassVar[str] = "yes_no"

    def score(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> Decimal:
        return self.yes_score if value is True else self.no_score

    def formula(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> str:
        answer = "yes" if value is True else "no"
        return f"{answer} → score = {plain(self.score(value))}"

    def describe_zh(self) -> str:
        return f"是/否：是得 {plain(self.yes_score)} 分，否得 {plain(self.no_score)} 分"

    def describe_en(self) -> str:
        return f"yes/no: yes {plain(self.yes_score)}, no {plain(self.no_score)}"

    def problems(self, field: str) -> list[InputError]:
        return _in_score_range(self.yes_score, f"{field}.yes_score") + _in_score_range(
            self.no_score, f"{field}.no_score"
        )


@dataclass(frozen=True)
class Percentile:
    """Percentile within a peer group, mid-rank definition (see `percentile_rank`)."""

    higher_is_better: bool = True
    kind: ClassVar[str] = "percentile"

    def score(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> Decimal:
        return percentile_rank(_number(value), peers, higher_is_better=self.higher_is_better)

    def formula(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> str:
        x = _number(value)
        worse = sum(1 for p in peers if (p < x if self.higher_is_better else p > x))
        equal = sum(1 for p in peers if p == x)
        word = "below" if self.higher_is_better else "above"
        return (
            f"score = 100 × (peers {word} x + peers equal to x / 2) / peers"
            f" = 100 × ({worse} + {equal} / 2) / {len(peers)}, x = {plain(x)}"
        )

    def describe_zh(self) -> str:
        better = "越高越好" if self.higher_is_better else "越低越好"
        return f"同组百分位（{better}）：100 ×（劣于本品牌的同组数 + 相等数 / 2）/ 同组数"

    def describe_en(self) -> str:
        better = "higher is better" if self.higher_is_better else "lower is better"
        return f"percentile within the peer group ({better}): 100 × (peers worse + peers equal / 2) / peers"

    def problems(self, field: str) -> list[InputError]:
        return []


@dataclass(frozen=True)
class Direct:
    """An already normalised score on 0–100 (an expert panel's score, a survey index)."""

    kind: ClassVar[str] = "direct"

    def score(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> Decimal:
        return _number(value)

    def formula(self, value: Decimal | bool, peers: Sequence[Decimal] = ()) -> str:
        return f"score = x = {plain(_number(value))}"

    def describe_zh(self) -> str:
        return "直接计分：输入值即 0–100 分（专家评分、调查指数）"

    def describe_en(self) -> str:
        return "direct: the value is the score on 0–100 (an expert score, a survey index)"

    def problems(self, field: str) -> list[InputError]:
        return []


Rule = Linear | Banded | YesNo | Percentile | Direct
RULE_KINDS: dict[str, type[Rule]] = {r.kind: r for r in (Linear, Banded, YesNo, Percentile, Direct)}


def _number(value: Decimal | bool) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a numeric rule was given a boolean")
    return value
