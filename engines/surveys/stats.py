"""Estimators with their intervals, in exact Decimal (40 digits). All take fractions, not per cent.

Weights w_i (1 for an unweighted sample) enter through the weighted share and the effective sample size:

    Kish effective sample size    n_eff = (Σ w_i)² / Σ w_i²                     (= n when every w_i = 1)
    weighted share                p̂ = Σ w_i·y_i / Σ w_i,  y_i ∈ {0, 1}
    Wilson score interval         centre = (p̂ + z²/(2n)) / (1 + z²/n)
                                  half   = z / (1 + z²/n) × √( p̂(1 − p̂)/n + z²/(4n²) )
                                  [centre − half, centre + half], with n = n_eff
    weighted mean                 m = Σ w_i·x_i / Σ w_i
                                  s² = Σ w_i (x_i − m)² / Σ w_i × n_eff / (n_eff − 1)
                                  m ± z × s / √n_eff                            (normal approximation)
    net promoter score            NPS = 100 × (p̂_promoters − p̂_detractors)     promoters 9–10, detractors 0–6
                                  var = (p̂_P + p̂_D − (p̂_P − p̂_D)²) / n_eff
                                  NPS ± 100 × z × √var

Sources: E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22
(1927) 209–212; Brown, Cai & DasGupta, "Interval estimation for a binomial proportion", Statistical
Science 16 (2001) 101–133 (why Wilson and not the Wald interval); L. Kish, *Survey Sampling* (1965), §11.7
(effective sample size of a weighted sample); Reichheld, "The one number you need to grow", HBR 2003 (NPS).
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from engines.surveys.decimals import FOUR, ONE, TWO, ZERO, context, exact

NPS_PROMOTER = 9  # 9–10
NPS_DETRACTOR = 6  # 0–6


@dataclass(frozen=True)
class Interval:
    """A point estimate and its interval, unrounded (fractions for shares)."""

    estimate: Decimal
    lower: Decimal
    upper: Decimal


def effective_n(weights: Sequence[Decimal]) -> Decimal:
    """Kish's effective sample size (Σw)² / Σw²; 0 for no weights."""
    if not weights:
        return ZERO
    with decimal.localcontext(context()):
        total = sum(weights, ZERO)
        squares = sum((w * w for w in weights), ZERO)
        return exact(total * total / squares)


def wilson(share: Decimal, n: Decimal, z: Decimal) -> Interval:
    """The Wilson score interval for a share `share` (0–1) observed on `n` (> 0, the effective n if
    weighted) at the normal quantile `z`. The ends are clamped to [0, 1] against the last digit."""
    with decimal.localcontext(context()):
        z2 = z * z
        denominator = ONE + z2 / n
        centre = (share + z2 / (TWO * n)) / denominator
        half = z / denominator * (share * (ONE - share) / n + z2 / (FOUR * n * n)).sqrt()
        return Interval(exact(share), exact(max(ZERO, centre - half)), exact(min(ONE, centre + half)))


def weighted_share(flags: Sequence[bool], weights: Sequence[Decimal]) -> Decimal:
    with decimal.localcontext(context()):
        total = sum(weights, ZERO)
        hits = sum((w for y, w in zip(flags, weights, strict=True) if y), ZERO)
        return exact(hits / total)


@dataclass(frozen=True)
class MeanInterval:
    mean: Decimal
    std_dev: Decimal | None  # None for a single answer
    lower: Decimal | None
    upper: Decimal | None


def weighted_mean(
    values: Sequence[int], weights: Sequence[Decimal], z: Decimal, low: int, high: int
) -> MeanInterval:
    """The weighted mean with its normal-approximation interval, clamped to the scale [low, high]."""
    with decimal.localcontext(context()):
        total = sum(weights, ZERO)
        mean = sum((w * v for v, w in zip(values, weights, strict=True)), ZERO) / total
        n_eff = effective_n(weights)
        if n_eff <= ONE:
            return MeanInterval(exact(mean), None, None, None)
        spread = sum((w * (v - mean) ** 2 for v, w in zip(values, weights, strict=True)), ZERO) / total
        variance = spread * n_eff / (n_eff - ONE)
        std_dev = variance.sqrt()
        half = z * std_dev / n_eff.sqrt()
        return MeanInterval(
            exact(mean),
            exact(std_dev),
            exact(max(Decimal(low), mean - half)),
            exact(min(Decimal(high), mean + half)),
        )


@dataclass(frozen=True)
class NpsInterval:
    promoters: Decimal  # share, 0–1
    detractors: Decimal
    score: Decimal  # −100 … 100
    lower: Decimal
    upper: Decimal


def net_promoter(values: Sequence[int], weights: Sequence[Decimal], z: Decimal) -> NpsInterval:
    """NPS from 0–10 answers with a normal-approximation interval, clamped to [−100, 100]."""
    with decimal.localcontext(context()):
        promoters = weighted_share([v >= NPS_PROMOTER for v in values], weights)
        detractors = weighted_share([v <= NPS_DETRACTOR for v in values], weights)
        hundred = Decimal(100)
        score = hundred * (promoters - detractors)
        n_eff = effective_n(weights)
        variance = (promoters + detractors - (promoters - detractors) ** 2) / n_eff
        half = hundred * z * variance.sqrt()
        return NpsInterval(
            promoters,
            detractors,
            exact(score),
            exact(max(-hundred, score - half)),
            exact(min(hundred, score + half)),
        )
