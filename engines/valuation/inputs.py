"""The typed inputs of each method: frozen dataclasses for Python callers (the API goes through `parse`).

Rates and shares are fractions (0.11 means 11 %). Money is in the caller's unit (`unit`, e.g. 万元).
Lists that run over years (revenues, profits, volumes) give the explicit forecast period: year 1 first.
Field names, bounds and defaults are described once, in `registry.METHODS`; a test keeps both in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

TIMINGS = ("end_year", "mid_year")


@dataclass(frozen=True, kw_only=True)
class DiscountRateBuildUp:
    """Build-up (CAPM-style): r = risk-free + beta × equity risk premium + size premium + specific premium."""

    risk_free_rate: Decimal
    equity_risk_premium: Decimal
    beta: Decimal = Decimal(1)
    size_premium: Decimal = Decimal(0)
    specific_premium: Decimal = Decimal(0)  # brand- or company-specific risk


@dataclass(frozen=True, kw_only=True)
class Wacc:
    """WACC: r = E/(D+E) × cost of equity + D/(D+E) × cost of debt × (1 − tax); weights sum to 1."""

    cost_of_equity: Decimal
    cost_of_debt: Decimal  # before tax
    tax_rate: Decimal
    equity_weight: Decimal
    debt_weight: Decimal


@dataclass(frozen=True, kw_only=True)
class CommonTerms:
    method: ClassVar[str] = ""
    currency: str = "CNY"
    unit: str = "元"


@dataclass(frozen=True, kw_only=True)
class DcfTerms(CommonTerms):
    """Terms shared by the income approach: exactly one of discount_rate, discount_rate_build_up, wacc."""

    tax_rate: Decimal
    discount_rate: Decimal | None = None
    discount_rate_build_up: DiscountRateBuildUp | None = None
    wacc: Wacc | None = None
    terminal_growth: Decimal | None = None  # None: no terminal value after the explicit period
    timing: str = "end_year"  # or "mid_year"
    tab_amortisation_years: int | None = None  # None: no tax amortisation benefit


@dataclass(frozen=True, kw_only=True)
class RoyaltyReliefInputs(DcfTerms):
    method: ClassVar[str] = "royalty_relief"
    revenues: tuple[Decimal, ...]
    royalty_rate_low: Decimal
    royalty_rate_high: Decimal
    strength_index: Decimal  # 0–100, interpolates within the sector royalty range


@dataclass(frozen=True, kw_only=True)
class ContributoryAsset:
    """A contributory asset of MPEEM: its charge is required_return × balance (given per year, or a share of revenue)."""

    name: str
    required_return: Decimal  # after tax, a fraction
    balances: tuple[Decimal, ...] | None = None
    revenue_share: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class ExcessEarningsInputs(DcfTerms):
    method: ClassVar[str] = "excess_earnings"
    revenues: tuple[Decimal, ...]
    operating_profits: tuple[Decimal, ...]  # before tax (EBIT) of the business carrying the brand
    contributory_assets: tuple[ContributoryAsset, ...] = ()
    brand_share: Decimal = Decimal(1)  # share of the excess earnings that is the brand's


@dataclass(frozen=True, kw_only=True)
class PricePremiumInputs(DcfTerms):
    method: ClassVar[str] = "price_premium"
    volumes: tuple[Decimal, ...]
    unit_price_premiums: tuple[Decimal, ...]  # branded price − generic price, per unit
    brand_costs: tuple[Decimal, ...] | None = None  # cost of keeping the brand (promotion), per year


@dataclass(frozen=True, kw_only=True)
class VolumePremiumInputs(DcfTerms):
    method: ClassVar[str] = "volume_premium"
    volumes: tuple[Decimal, ...]
    generic_volumes: tuple[Decimal, ...]  # what an unbranded product would sell at the same price
    unit_margin: Decimal  # operating profit per unit


@dataclass(frozen=True, kw_only=True)
class IncomeSplitInputs(DcfTerms):
    method: ClassVar[str] = "income_split"
    earnings: tuple[Decimal, ...]  # operating earnings before tax
    brand_share: Decimal  # role of brand: share of the earnings that the brand earns


@dataclass(frozen=True, kw_only=True)
class Comparable:
    name: str
    multiple: Decimal  # e.g. brand value / revenue of a comparable transaction or brand


@dataclass(frozen=True, kw_only=True)
class MarketMultiplesInputs(CommonTerms):
    method: ClassVar[str] = "market_multiples"
    metric: Decimal  # the subject's metric, in the same basis as the multiples (e.g. revenue)
    metric_name: str = "revenue"
    comparables: tuple[Comparable, ...]
    statistic: str = "median"  # or "mean"


@dataclass(frozen=True, kw_only=True)
class CostItem:
    name: str
    amount: Decimal  # cost as spent (historical) or as it would cost now (replacement)
    index_factor: Decimal = Decimal(1)  # price index now / price index when spent; 1 for replacement cost


@dataclass(frozen=True, kw_only=True)
class CostInputs(CommonTerms):
    method: ClassVar[str] = "cost"
    basis: str = "historical"  # or "replacement"
    cost_items: tuple[CostItem, ...]
    obsolescence: Decimal = Decimal(0)  # fraction lost to functional and economic obsolescence


@dataclass(frozen=True, kw_only=True)
class RegionalPublicBrandInputs(CommonTerms):
    method: ClassVar[str] = "regional_public_brand"
    sales_revenues: tuple[Decimal, ...]  # recent years' sales of products under the brand (usually 3)
    brand_income_share: Decimal  # share of sales that is brand income (price premium share or profit share)
    strength_index: Decimal  # 0–100, the brand strength score (品牌强度五力)
    prices: tuple[Decimal, ...] | None = None  # recent years' average selling prices, for the loyalty factor
    loyalty_factor: Decimal | None = None  # given directly instead of prices
    price_deviation: str = "population"  # or "sample": which standard deviation of prices


MethodInputs = (
    RoyaltyReliefInputs
    | ExcessEarningsInputs
    | PricePremiumInputs
    | VolumePremiumInputs
    | IncomeSplitInputs
    | MarketMultiplesInputs
    | CostInputs
    | RegionalPublicBrandInputs
)
