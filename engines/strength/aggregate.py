"""Aggregating an expert panel's scores for one indicator: a trimmed mean with the panel's spread.

    kept      = the scores sorted, without the `trim` lowest and the `trim` highest
    mean      = Σ kept / |kept|
    std_dev   = √( Σ (x − x̄)² / (n − 1) ) over all n scores (sample standard deviation; 0 for one score)

The trimmed mean is what feeds a Direct indicator; minimum, maximum and standard deviation show how far the
experts disagreed (a large spread is a reason for the panel to discuss before publishing).
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from engines.strength.decimals import HUNDRED, ZERO, context, decimal_from, plain, report
from engines.strength.errors import InputError, raise_if_any
from engines.strength.evaluate import ENGINE_VERSION


@dataclass(frozen=True)
class PanelScore:
    mean: Decimal  # trimmed mean, rounded half-up to 0.01
    count: int  # scores given
    kept: tuple[Decimal, ...]  # the scores averaged, ascending
    dropped: tuple[Decimal, ...]  # the trimmed lowest and highest, ascending
    minimum: Decimal  # of all scores
    maximum: Decimal
    std_dev: Decimal  # sample standard deviation of all scores, rounded half-up to 0.01
    mean_unrounded: Decimal
    std_dev_unrounded: Decimal
    formula: str
    engine_version: str = ENGINE_VERSION


def trimmed_mean(scores: Sequence[object], trim: int = 1) -> PanelScore:
    """The mean of the experts' 0–100 scores without the `trim` highest and `trim` lowest.

    Needs more than 2 × trim scores (`too_few_scores`); each score must be a finite number in 0–100.
    Raises `InputErrors` with fields `scores[i]` / `trim` (prefix them for the API).
    """
    errors: list[InputError] = []
    if isinstance(trim, bool) or not isinstance(trim, int) or trim < 0:
        errors.append(InputError("trim", "out_of_range", "trim must be a whole number ≥ 0"))
        trim = 0
    values: list[Decimal] = []
    for i, raw in enumerate(scores):
        try:
            value = decimal_from(raw, f"scores[{i}]")
        except InputError as error:
            errors.append(error)
            continue
        if not ZERO <= value <= HUNDRED:
            errors.append(
                InputError(f"scores[{i}]", "out_of_range", "an expert score must be between 0 and 100")
            )
        values.append(value)
    if len(scores) <= 2 * trim or not scores:
        message = f"{len(scores)} scores leave none after trimming {trim} at each end"
        errors.append(InputError("scores", "too_few_scores", message))
    raise_if_any(errors)

    ordered = sorted(values)
    kept = tuple(ordered[trim : len(ordered) - trim])
    dropped = tuple(ordered[:trim] + ordered[len(ordered) - trim :])
    with decimal.localcontext(context()):
        mean = sum(kept, ZERO) / len(kept)
        if len(ordered) > 1:
            overall = sum(ordered, ZERO) / len(ordered)
            std_dev = (sum(((x - overall) ** 2 for x in ordered), ZERO) / (len(ordered) - 1)).sqrt()
        else:
            std_dev = ZERO
    formula = f"mean = ({' + '.join(plain(x) for x in kept)}) / {len(kept)}"
    if dropped:
        formula += f", dropped {', '.join(plain(x) for x in dropped)}"
    return PanelScore(
        mean=report(mean),
        count=len(ordered),
        kept=kept,
        dropped=dropped,
        minimum=ordered[0],
        maximum=ordered[-1],
        std_dev=report(std_dev),
        mean_unrounded=mean,
        std_dev_unrounded=std_dev,
        formula=formula,
    )
