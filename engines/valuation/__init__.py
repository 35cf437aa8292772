"""Brand valuation engine (ISO 10668 / GB/T 29187 monetary brand valuation): pure Python, exact Decimal.

Entry points for the API: `compute(method, inputs)` and `compute_grid / compute_tornado / compute_scenarios /
compute_monte_carlo`; typed functions per method for Python callers; `METHODS` describes every method and
input as data. The float64 screening path lives in `engines.valuation.screening` (imports numpy).
See docs/engines/valuation.md.
"""

from engines.valuation.compute import (
    compute,
    compute_grid,
    compute_monte_carlo,
    compute_scenarios,
    compute_tornado,
)
from engines.valuation.errors import InputError, InputErrors
from engines.valuation.inputs import (
    Comparable,
    ContributoryAsset,
    CostInputs,
    CostItem,
    DiscountRateBuildUp,
    ExcessEarningsInputs,
    IncomeSplitInputs,
    MarketMultiplesInputs,
    MethodInputs,
    PricePremiumInputs,
    RegionalPublicBrandInputs,
    RoyaltyReliefInputs,
    VolumePremiumInputs,
    Wacc,
)
from engines.valuation.methods import (
    cost,
    excess_earnings,
    income_split,
    market_multiples,
    price_premium,
    regional_public_brand,
    royalty_relief,
    value,
    volume_premium,
)
from engines.valuation.methods.regional import strength_multiplier
from engines.valuation.parse import parse_inputs
from engines.valuation.registry import METHODS
from engines.valuation.result import ENGINE_VERSION, Step, ValuationResult, to_jsonable
from engines.valuation.sensitivity import (
    Distribution,
    GridResult,
    MonteCarloResult,
    Scenario,
    ScenariosResult,
    TornadoResult,
    Variation,
    grid,
    monte_carlo,
    scenarios,
    tornado,
)

__all__ = [
    "ENGINE_VERSION",
    "METHODS",
    "Comparable",
    "ContributoryAsset",
    "CostInputs",
    "CostItem",
    "DiscountRateBuildUp",
    "Distribution",
    "ExcessEarningsInputs",
    "GridResult",
    "IncomeSplitInputs",
    "InputError",
    "InputErrors",
    "MarketMultiplesInputs",
    "MethodInputs",
    "MonteCarloResult",
    "PricePremiumInputs",
    "RegionalPublicBrandInputs",
    "RoyaltyReliefInputs",
    "Scenario",
    "ScenariosResult",
    "Step",
    "TornadoResult",
    "ValuationResult",
    "Variation",
    "VolumePremiumInputs",
    "Wacc",
    "compute",
    "compute_grid",
    "compute_monte_carlo",
    "compute_scenarios",
    "compute_tornado",
    "cost",
    "excess_earnings",
    "grid",
    "income_split",
    "market_multiples",
    "monte_carlo",
    "parse_inputs",
    "price_premium",
    "regional_public_brand",
    "royalty_relief",
    "scenarios",
    "strength_multiplier",
    "to_jsonable",
    "tornado",
    "value",
    "volume_premium",
]
