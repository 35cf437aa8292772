"""Valuation engine benchmark: royalty relief for many brands (5 years, terminal value, 3×3 rate × growth grid).

    python bench/valuation.py [--brands 100000] [--decimal-sample 500] [--seed 1]

Reports throughput in brands/s and the ratio of each path's time to a vectorised float64 numpy
computation of the same formula measured in the same run:

- numpy baseline: the formula written directly with numpy, per (rate, growth) cell;
- screening path: `engines.valuation.screening.royalty_relief_screen` (float64, factors precomputed once);
- pure-Python float: the same precomputed factors, one brand at a time (what the engine would reach without numpy);
- Decimal path: `engines.valuation.grid` per brand, the exact published path (validation, 40-digit
  Decimal, full trace), timed on a sample and scaled to brands/s.

Then checks that screened values agree with the Decimal figures within 0.01 on the Decimal sample.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engines.valuation import RoyaltyReliefInputs, grid  # noqa: E402 - after the path is set
from engines.valuation.screening import FloatArray, discount_factors, royalty_relief_screen  # noqa: E402

YEARS = 5
TAX = 0.25
LOW, HIGH = 0.01, 0.05
RATES = (0.10, 0.11, 0.12)
GROWTHS = (0.02, 0.025, 0.03)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs, in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def make_brands(n: int, seed: int) -> tuple[list[list[Decimal]], list[Decimal]]:
    """Revenues to the cent (grow 0–12 % a year) and strength indices to 0.1."""
    rng = random.Random(seed)
    revenues, indices = [], []
    for _ in range(n):
        first = rng.randint(10_000, 500_000_000)  # cents: 100 … 5,000,000 (万元)
        row = [Decimal(first) / 100]
        for _ in range(YEARS - 1):
            row.append((row[-1] * (1 + Decimal(rng.randint(0, 120)) / 1000)).quantize(Decimal("0.01")))
        revenues.append(row)
        indices.append(Decimal(rng.randint(0, 1000)) / 10)
    return revenues, indices


def numpy_baseline(revenues: FloatArray, indices: FloatArray) -> FloatArray:
    rates = LOW + (HIGH - LOW) * indices / 100.0
    cf = revenues * (rates * (1.0 - TAX))[:, None]
    t = np.arange(1, YEARS + 1, dtype=np.float64)
    out = np.empty((revenues.shape[0], len(RATES), len(GROWTHS)))
    for i, r in enumerate(RATES):
        df = (1.0 + r) ** -t
        pv = (cf * df).sum(axis=1)
        for j, g in enumerate(GROWTHS):
            out[:, i, j] = pv + cf[:, -1] * (1.0 + g) / (r - g) * df[-1]
    return out


def screen(revenues: FloatArray, indices: FloatArray) -> FloatArray:
    rates = LOW + (HIGH - LOW) * indices / 100.0
    return royalty_relief_screen(revenues, rates, tax_rate=TAX, discount_rates=RATES, growth_rates=GROWTHS)


def pure_python(revenues: list[list[float]], indices: list[float]) -> list[list[float]]:
    factors = [[float(x) for x in discount_factors(r, YEARS)] for r in RATES]
    terminal = [[(1 + g) / (r - g) * factors[i][-1] for g in GROWTHS] for i, r in enumerate(RATES)]
    out = []
    for row, index in zip(revenues, indices, strict=True):
        scale = (LOW + (HIGH - LOW) * index / 100) * (1 - TAX)
        cells: list[float] = []
        for i in range(len(RATES)):
            pv = sum(rev * df for rev, df in zip(row, factors[i], strict=True)) * scale
            last = row[-1] * scale
            cells.extend(pv + last * tv for tv in terminal[i])
        out.append(cells)
    return out


def decimal_path(
    revenues: list[list[Decimal]], indices: list[Decimal]
) -> list[tuple[tuple[Decimal | None, ...], ...]]:
    rates = tuple(Decimal(str(r)) for r in RATES)
    growths = tuple(Decimal(str(g)) for g in GROWTHS)
    out = []
    for row, index in zip(revenues, indices, strict=True):
        inputs = RoyaltyReliefInputs(
            revenues=tuple(row),
            royalty_rate_low=Decimal("0.01"),
            royalty_rate_high=Decimal("0.05"),
            strength_index=index,
            tax_rate=Decimal("0.25"),
            discount_rate=Decimal("0.11"),
            terminal_growth=Decimal("0.025"),
        )
        out.append(grid(inputs, rates, growths).values)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--brands", type=int, default=100_000)
    parser.add_argument(
        "--decimal-sample", type=int, default=500, help="brands valued on the exact Decimal path"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n = args.brands
    revenues_d, indices_d = make_brands(n, args.seed)
    revenues = np.array([[float(x) for x in row] for row in revenues_d], dtype=np.float64)
    indices = np.array([float(x) for x in indices_d], dtype=np.float64)
    revenues_list, indices_list = revenues.tolist(), indices.tolist()
    sample = min(args.decimal_sample, n)

    baseline_values = numpy_baseline(revenues, indices)
    screened = screen(revenues, indices)
    assert np.allclose(baseline_values, screened, rtol=1e-12, atol=1e-6)
    t_base = timed(lambda: numpy_baseline(revenues, indices), 7)
    t_screen = timed(lambda: screen(revenues, indices), 7)
    t_python = timed(lambda: pure_python(revenues_list, indices_list), 3)
    t_decimal_sample = timed(lambda: decimal_path(revenues_d[:sample], indices_d[:sample]), 3)
    t_decimal = t_decimal_sample * n / sample  # scaled to all brands

    exact = decimal_path(revenues_d[:sample], indices_d[:sample])
    worst = Decimal(0)
    for b, cells in enumerate(exact):
        for i, row in enumerate(cells):
            for j, cell in enumerate(row):
                assert cell is not None
                worst = max(worst, abs(Decimal(repr(float(screened[b, i, j]))) - cell))

    print(
        f"valuation benchmark: royalty relief, {n:,} brands × {YEARS} years + terminal value, 3×3 rate × growth grid"
    )
    print(f"{'path':<34}{'brands/s':>14}{'time (s)':>12}{'× numpy':>10}")
    rows = [
        ("numpy baseline (float64)", t_base),
        ("screening: royalty_relief_screen", t_screen),
        ("pure-Python float", t_python),
        (f"Decimal, exact (sample {sample:,})", t_decimal),
    ]
    for name, seconds in rows:
        print(f"{name:<34}{n / seconds:>14,.0f}{seconds:>12.3f}{seconds / t_base:>10.1f}")
    print(f"screening vs Decimal on {sample:,} brands × 9 cells: max |difference| {worst:.6f} (limit 0.01)")
    print("goal: screening within 5× of numpy ->", "met" if t_screen <= 5 * t_base else "NOT met")
    if worst > Decimal("0.01"):
        raise SystemExit("screening disagrees with the Decimal figures by more than 0.01")


if __name__ == "__main__":
    main()
