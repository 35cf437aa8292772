"""METHODS: every valuation method, its formulas and its input fields, as data.

This is the single source for the parser (types, bounds, defaults), the methodology page and the API docs.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from engines.valuation import inputs as i
from engines.valuation.specs import (
    MAX_ITEMS,
    MAX_YEARS,
    FieldSpec,
    MethodSpec,
    choice,
    decimal,
    decimal_list,
    fraction,
    text,
)

COMMON = (
    text("currency", "币种", "Currency", default="CNY"),
    text("unit", "金额单位", "Money unit (e.g. 元, 万元)", default="元"),
)

BUILD_UP_FIELDS = (
    fraction("risk_free_rate", "无风险利率", "Risk-free rate"),
    fraction("equity_risk_premium", "市场风险溢价", "Equity risk premium"),
    decimal(
        "beta", "贝塔系数", "Beta", "multiple", required=False, default=Decimal(1), minimum="0", maximum="10"
    ),
    fraction("size_premium", "规模溢价", "Size premium", required=False, default=Decimal(0)),
    fraction(
        "specific_premium",
        "品牌/企业特定风险溢价",
        "Brand- or company-specific premium",
        required=False,
        default=Decimal(0),
    ),
)

WACC_FIELDS = (
    fraction("cost_of_equity", "股权资本成本", "Cost of equity"),
    fraction("cost_of_debt", "税前债务资本成本", "Cost of debt before tax"),
    fraction("tax_rate", "所得税率", "Tax rate"),
    fraction("equity_weight", "股权比重", "Equity weight E/(D+E)"),
    fraction("debt_weight", "债务比重", "Debt weight D/(D+E)"),
)

DCF = (
    fraction("tax_rate", "所得税率", "Income tax rate"),
    decimal("discount_rate", "折现率", "Discount rate", "fraction", required=False, minimum="0", maximum="1", minimum_exclusive=True),
    FieldSpec(
        "discount_rate_build_up", "折现率（累加法）", "Discount rate by build-up", "object", "fraction",
        required=False, fields=BUILD_UP_FIELDS, item_class=i.DiscountRateBuildUp,
    ),
    FieldSpec(
        "wacc", "折现率（加权平均资本成本）", "Discount rate as WACC", "object", "fraction",
        required=False, fields=WACC_FIELDS, item_class=i.Wacc,
    ),
    decimal("terminal_growth", "永续增长率", "Terminal growth rate", "fraction", required=False, minimum="-0.5", maximum="0.5"),
    choice("timing", "折现时点", "Discounting timing", i.TIMINGS, "end_year"),
    FieldSpec(
        "tab_amortisation_years", "税收摊销收益年限", "Tax amortisation benefit: amortisation years", "integer", "years",
        required=False, minimum=Decimal(1), maximum=Decimal(MAX_YEARS),
    ),
)  # fmt: skip

DCF_FORMULAS = (
    "r = 无风险利率 + β × 市场风险溢价 + 规模溢价 + 特定风险溢价  |  r = E/(D+E)·Re + D/(D+E)·Rd·(1−t)",
    "DF_t = 1/(1+r)^t (end_year)  |  1/(1+r)^(t−0.5) (mid_year)",
    "TV = CF_N × (1+g)/(r−g);  PV(TV) = TV × DF_N",
    "V = Σ CF_t × DF_t + PV(TV)",
    "TAB = 1 / (1 − t × PVA(n, r) / n),  PVA(n, r) = (1 − (1+r)^−n)/r  (× (1+r)^0.5 for mid_year);  V' = V × TAB",
)

MONEY_LIST = "money"


def _method(
    code: str,
    approach: str,
    zh: str,
    en: str,
    desc_zh: str,
    desc_en: str,
    formulas: tuple[str, ...],
    fields: tuple[FieldSpec, ...],
    cls: type,
    standards: tuple[str, ...],
) -> MethodSpec:
    return MethodSpec(code, approach, zh, en, desc_zh, desc_en, formulas, fields, cls, standards)


ASSET_FIELDS = (
    text("name", "资产名称", "Asset name"),
    fraction("required_return", "要求回报率（税后）", "Required return (after tax)"),
    decimal_list("balances", "各年资产余额", "Balance per year", MONEY_LIST, required=False),
    fraction("revenue_share", "资产占收入比例", "Balance as a share of revenue", required=False),
)

COMPARABLE_FIELDS = (
    text("name", "可比对象", "Comparable"),
    decimal("multiple", "价值乘数", "Multiple (value / metric)", "multiple", minimum="0"),
)

COST_FIELDS = (
    text("name", "成本项目", "Cost item"),
    decimal("amount", "金额", "Amount", "money", minimum="0"),
    decimal("index_factor", "价格指数调整系数", "Price index factor (now / then)", "multiple", required=False, default=Decimal(1), minimum="0", maximum="100", minimum_exclusive=True),
)  # fmt: skip

_METHODS = (
    _method(
        "royalty_relief", "income", "许可费节省法", "Royalty relief",
        "品牌价值等于因拥有品牌而无需支付的许可费的税后现值；许可费率在行业区间内按品牌强度指数线性插值。",
        "The brand is worth the after-tax royalties its owner saves by not licensing it; the royalty rate is"
        " interpolated within the sector range by the brand strength index.",
        ("royalty_rate = low + (high − low) × strength_index / 100", "CF_t = revenue_t × royalty_rate × (1 − tax_rate)", *DCF_FORMULAS),
        (
            decimal_list("revenues", "品牌收入", "Brand revenue per year", MONEY_LIST),
            fraction("royalty_rate_low", "行业许可费率下限", "Sector royalty rate, low end"),
            fraction("royalty_rate_high", "行业许可费率上限", "Sector royalty rate, high end"),
            decimal("strength_index", "品牌强度指数", "Brand strength index", "index 0–100", minimum="0", maximum="100"),
            *DCF, *COMMON,
        ),
        i.RoyaltyReliefInputs, ("ISO 10668", "GB/T 29187", "Brand Finance royalty relief"),
    ),
    _method(
        "excess_earnings", "income", "多期超额收益法", "Multi-period excess earnings",
        "品牌价值等于税后经营利润扣除贡献资产回报后的超额收益（品牌所占部分）的现值。",
        "The brand is worth the present value of after-tax operating profit less the charges for the"
        " contributory assets (its share of the excess earnings).",
        (
            "charge_{a,t} = required_return_a × balance_{a,t}  (balance_{a,t} = revenue_share_a × revenue_t if no balances)",
            "CF_t = (operating_profit_t × (1 − tax_rate) − Σ_a charge_{a,t}) × brand_share",
            *DCF_FORMULAS,
        ),
        (
            decimal_list("revenues", "营业收入", "Revenue per year", MONEY_LIST),
            decimal_list("operating_profits", "税前经营利润", "Operating profit before tax per year", MONEY_LIST, minimum=None),
            FieldSpec(
                "contributory_assets", "贡献资产", "Contributory assets", "object_list", "money", required=False,
                default=(), min_items=0, max_items=MAX_ITEMS, fields=ASSET_FIELDS, item_class=i.ContributoryAsset,
            ),
            fraction("brand_share", "品牌所占超额收益比例", "Brand share of excess earnings", required=False, default=Decimal(1)),
            *DCF, *COMMON,
        ),
        i.ExcessEarningsInputs, ("GB/T 29188", "ISO 10668"),
    ),
    _method(
        "price_premium", "income", "溢价法", "Price premium",
        "品牌价值等于品牌产品相对无品牌产品的单价溢价乘以销量、扣除品牌维护成本后的税后现值。",
        "The brand is worth the present value of the after-tax price premium over an unbranded product,"
        " times volume, less the cost of keeping the brand.",
        ("CF_t = (volume_t × unit_price_premium_t − brand_cost_t) × (1 − tax_rate)", *DCF_FORMULAS),
        (
            decimal_list("volumes", "销量", "Volume per year", "volume"),
            decimal_list("unit_price_premiums", "单位价格溢价", "Price premium per unit per year", "money per unit", minimum=None),
            decimal_list("brand_costs", "品牌维护成本", "Cost of keeping the brand per year", MONEY_LIST, required=False),
            *DCF, *COMMON,
        ),
        i.PricePremiumInputs, ("ISO 10668", "GB/T 29187"),
    ),
    _method(
        "volume_premium", "income", "销量溢价法", "Volume premium",
        "品牌价值等于品牌带来的超额销量（相对无品牌产品）乘以单位利润的税后现值。",
        "The brand is worth the present value of the after-tax profit on the volume it sells above an"
        " unbranded product at the same price.",
        ("CF_t = (volume_t − generic_volume_t) × unit_margin × (1 − tax_rate)", *DCF_FORMULAS),
        (
            decimal_list("volumes", "品牌产品销量", "Branded volume per year", "volume"),
            decimal_list("generic_volumes", "无品牌产品销量", "Generic volume per year", "volume"),
            decimal("unit_margin", "单位经营利润", "Operating profit per unit", "money per unit", minimum="0"),
            *DCF, *COMMON,
        ),
        i.VolumePremiumInputs, ("ISO 10668",),
    ),
    _method(
        "income_split", "income", "收益分成法", "Income split",
        "品牌价值等于税后经营收益中归属于品牌的份额（品牌作用指数）的现值。",
        "The brand is worth the present value of its share (role of brand) of after-tax operating earnings.",
        ("CF_t = earnings_t × (1 − tax_rate) × brand_share", *DCF_FORMULAS),
        (
            decimal_list("earnings", "税前经营收益", "Operating earnings before tax per year", MONEY_LIST, minimum=None),
            fraction("brand_share", "品牌分成率", "Brand share of earnings"),
            *DCF, *COMMON,
        ),
        i.IncomeSplitInputs, ("ISO 10668", "GB/T 29187"),
    ),
    _method(
        "market_multiples", "market", "市场法（可比乘数）", "Market approach: comparable multiples",
        "以可比品牌或交易的价值乘数的中位数或平均数乘以被评估品牌的对应指标，用于交叉验证。",
        "A cross-check: the subject's metric times the median or mean multiple of comparable brands or transactions.",
        ("V = metric × statistic(multiples),  statistic ∈ {median, mean}",),
        (
            decimal("metric", "被评估品牌指标", "Subject metric", "money", minimum="0"),
            text("metric_name", "指标名称", "Metric name", default="revenue"),
            FieldSpec(
                "comparables", "可比对象", "Comparables", "object_list", "multiple",
                max_items=MAX_ITEMS, fields=COMPARABLE_FIELDS, item_class=i.Comparable,
            ),
            choice("statistic", "统计量", "Statistic", ("median", "mean"), "median"),
            *COMMON,
        ),
        i.MarketMultiplesInputs, ("ISO 10668", "GB/T 29187"),
    ),
    _method(
        "cost", "cost", "成本法", "Cost approach",
        "以创建品牌的历史成本（按价格指数调整）或重置成本，扣除贬值后得出，用于交叉验证。",
        "A cross-check: the historical cost of creating the brand (indexed to today's prices) or its"
        " replacement cost, less obsolescence.",
        ("C = Σ amount_k × index_factor_k", "V = C × (1 − obsolescence)"),
        (
            choice("basis", "成本口径", "Cost basis", ("historical", "replacement"), "historical"),
            FieldSpec(
                "cost_items", "成本项目", "Cost items", "object_list", "money",
                max_items=MAX_ITEMS, fields=COST_FIELDS, item_class=i.CostItem,
            ),
            fraction("obsolescence", "贬值率", "Obsolescence", required=False, default=Decimal(0)),
            *COMMON,
        ),
        i.CostInputs, ("ISO 10668", "GB/T 29187"),
    ),
    _method(
        "regional_public_brand", "regional", "农产品区域公用品牌价值评估模型", "Agricultural regional public brand model",
        "品牌价值 = 品牌收益 × 品牌忠诚度因子 × 品牌强度乘数；品牌收益取近年销售额均值乘以品牌收益率，"
        "忠诚度因子以近年价格稳定性衡量，强度乘数由品牌强度得分经S曲线换算。",
        "Brand value = brand income × loyalty factor × strength multiplier: brand income is mean recent sales"
        " times the brand income share, loyalty is the stability of recent prices, and the multiplier maps"
        " the strength score through an S-curve.",
        (
            "BI = mean(sales_revenues) × brand_income_share",
            "BL = (mean(prices) − σ(prices)) / mean(prices), floored at 0  (or given)",
            "BS = x²/250 for x ≤ 50;  BS = 10 + √(2x − 100) for x > 50  (x = strength_index)",
            "V = BI × BL × BS",
        ),
        (
            decimal_list("sales_revenues", "近年销售额", "Recent years' sales", MONEY_LIST, per_year=False),
            fraction("brand_income_share", "品牌收益率", "Brand income share of sales"),
            decimal("strength_index", "品牌强度得分", "Brand strength score", "index 0–100", minimum="0", maximum="100"),
            decimal_list("prices", "近年平均售价", "Recent years' average prices", "money per unit", required=False, min_items=2, per_year=False),
            fraction("loyalty_factor", "品牌忠诚度因子", "Loyalty factor (instead of prices)", required=False),
            choice("price_deviation", "价格标准差口径", "Standard deviation of prices", ("population", "sample"), "population"),
            *COMMON,
        ),
        i.RegionalPublicBrandInputs, ("中国农产品区域公用品牌价值评估模型 (CARD)",),
    ),
)  # fmt: skip

METHODS: MappingProxyType[str, MethodSpec] = MappingProxyType({m.code: m for m in _METHODS})
