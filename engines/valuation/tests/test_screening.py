from __future__ import annotations

import random
from decimal import Decimal

import numpy as np

from engines.valuation import RoyaltyReliefInputs, grid
from engines.valuation.screening import royalty_relief_screen

RATES = (0.10, 0.11, 0.12)
GROWTHS = (0.02, 0.025, 0.03)


def test_screen_reproduces_the_worked_example_grid():
    values = royalty_relief_screen(
        np.array([[10000, 10800, 11500, 12100, 12600]], dtype=np.float64),
        np.array([0.039]),
        tax_rate=0.25,
        discount_rates=RATES,
        growth_rates=GROWTHS,
    )

    assert values.shape == (1, 3, 3)
    assert np.round(values[0], 2).tolist() == [
        [4168.00, 4377.77, 4617.51],
        [3696.50, 3855.18, 4033.69],
        [3319.55, 3442.82, 3579.79],
    ]


def test_screen_agrees_with_decimal_within_a_cent_on_a_sample():
    rng = random.Random(3)
    brands = []
    for _ in range(25):
        revenues = [Decimal(rng.randint(100, 5_000_000)) / 100 for _ in range(5)]
        index = Decimal(rng.randint(0, 1000)) / 10
        brands.append((revenues, index))
    rates = np.array([float(Decimal("0.01") + Decimal("0.04") * i / 100) for _, i in brands])
    screened = royalty_relief_screen(
        np.array([[float(r) for r in rev] for rev, _ in brands]),
        rates,
        tax_rate=0.25,
        discount_rates=RATES,
        growth_rates=GROWTHS,
    )
    for n, (revenues, index) in enumerate(brands):
        exact = grid(
            RoyaltyReliefInputs(
                revenues=tuple(revenues),
                royalty_rate_low=Decimal("0.01"),
                royalty_rate_high=Decimal("0.05"),
                strength_index=index,
                tax_rate=Decimal("0.25"),
                discount_rate=Decimal("0.11"),
                terminal_growth=Decimal("0.025"),
            ),
            tuple(Decimal(str(r)) for r in RATES),
            tuple(Decimal(str(g)) for g in GROWTHS),
        )
        for i in range(3):
            for j in range(3):
                cell = exact.values[i][j]
                assert cell is not None
                assert abs(Decimal(repr(float(screened[n, i, j]))) - cell) <= Decimal("0.01")
