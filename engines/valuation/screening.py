"""Screening path: royalty relief for many brands at once in float64 (numpy), with a rate × growth grid.

For ranking and triage only. Floats carry ~15–16 significant digits, so a screened value can differ from
the exact Decimal figure in the last cents of very large values; a published figure always comes from
`royalty_relief` (Decimal). Discount factors and terminal multipliers are computed once per (rate,
growth) pair, then applied to the whole batch as one matrix product. See docs/adr/0005-numpy-in-engines.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from engines.valuation.errors import InputError, InputErrors

FloatArray = npt.NDArray[np.float64]


def discount_factors(rate: float, years: int, timing: str = "end_year") -> FloatArray:
    """DF_t for t = 1..years, as in the Decimal path (mid_year shifts every factor by half a year)."""
    t = np.arange(1, years + 1, dtype=np.float64)
    if timing == "mid_year":
        t = t - 0.5
    return np.asarray((1.0 + rate) ** -t, dtype=np.float64)


def royalty_relief_screen(
    revenues: FloatArray,
    royalty_rates: FloatArray,
    *,
    tax_rate: float,
    discount_rates: Sequence[float],
    growth_rates: Sequence[float],
    timing: str = "end_year",
) -> FloatArray:
    """Values of shape (brands, len(discount_rates), len(growth_rates)).

    `revenues` is (brands, years); `royalty_rates` is (brands,) (already interpolated by strength).
    value = Σ_t CF_t·DF_t + CF_N·(1+g)/(r−g)·DF_N, with CF_t = revenue_t × royalty × (1 − tax).
    """
    if revenues.ndim != 2 or royalty_rates.shape != (revenues.shape[0],):
        raise InputErrors(
            [
                InputError(
                    "revenues", "length_mismatch", "revenues must be (brands, years) and rates (brands,)"
                )
            ]
        )
    bad = [(r, g) for r in discount_rates for g in growth_rates if r <= g]
    if bad:
        raise InputErrors(
            [InputError("discount_rates", "not_above_growth", f"rate {bad[0][0]} ≤ growth {bad[0][1]}")]
        )
    years = revenues.shape[1]
    factors = np.stack([discount_factors(r, years, timing) for r in discount_rates], axis=1)  # (years, R)
    terminal = np.array(
        [[(1.0 + g) / (r - g) * factors[-1, i] for g in growth_rates] for i, r in enumerate(discount_rates)],
        dtype=np.float64,
    )  # (R, G)
    scale = royalty_rates * (1.0 - tax_rate)  # (brands,)
    explicit = (revenues @ factors) * scale[:, None]  # (brands, R)
    last = revenues[:, -1] * scale  # (brands,)
    return np.asarray(explicit[:, :, None] + last[:, None, None] * terminal[None, :, :], dtype=np.float64)
