"""The ISO 20671 (GB/T 39654-2020, identical) system: input elements and output dimensions.

ISO 20671:2019 (renumbered ISO 20671-1:2021) frames brand evaluation as brand *input elements* (5.2: tangible,
quality, innovation, service, intangible — the GB/T 29186 five) and *output dimensions* (5.3: legal,
customer/other stakeholder, market, economic and political environment, financial), with sample indicators
in its informative Annex A. The standard gives no weights: the 40/60 split, the dimension weights and the
indicators below are the platform's defaults. The input elements are taken as 0–100 scores (typically the
element scores of a GB/T 29186 evaluation, `NodeResult.score`), so the two systems compose.
"""

from __future__ import annotations

from decimal import Decimal as D

from engines.strength.model import Indicator, IndicatorSystem, Node
from engines.strength.rules import Banded, Direct, Linear, Percentile, YesNo


def _element(code: str, name_zh: str, name_en: str) -> Indicator:
    return Indicator(
        f"elements.{code}",
        name_zh,
        name_en,
        D("0.20"),
        Direct(),
        description_zh=f"{name_zh}得分（0–100），通常取 GB/T 29186 五要素评价中该要素的得分",
        description_en=f"{name_en} score (0–100), usually the element's score from a GB/T 29186 evaluation",
        evidence_zh="五要素评价结果",
        evidence_en="the five-element evaluation result",
    )


ELEMENTS = Node(
    "elements",
    "品牌投入要素",
    "brand input elements",
    D("0.40"),
    (
        _element("tangible", "有形要素", "tangible elements"),
        _element("quality", "质量要素", "quality elements"),
        _element("innovation", "创新要素", "innovation elements"),
        _element("service", "服务要素", "service elements"),
        _element("intangible", "无形要素", "intangible elements"),
    ),
    description_zh="ISO 20671 5.2 / GB/T 39654 5.2：有形、质量、创新、服务、无形",
    description_en="ISO 20671 5.2: tangible, quality, innovation, service, intangible",
)

LEGAL = Node(
    "legal",
    "法律维度",
    "legal dimension",
    D("0.15"),
    (
        Indicator(
            "legal.trademark_coverage",
            "商标保护覆盖率",
            "trademark protection coverage",
            D("0.60"),
            Linear(D(0), D(100)),
            unit="%",
            description_zh="品牌已注册商标覆盖的主营商品/服务类别及销售地区的比例",
            description_en="share of the brand's main goods/service classes and sales regions covered by registrations",
            evidence_zh="商标注册证与主营业务清单",
            evidence_en="registration certificates and the list of main business lines",
            minimum=D(0),
            maximum=D(100),
        ),
        Indicator(
            "legal.no_open_disputes",
            "无未决侵权纠纷",
            "no open infringement disputes",
            D("0.40"),
            YesNo(),
            description_zh="品牌无未决的商标权属或侵权纠纷",
            description_en="no pending trademark ownership or infringement dispute concerning the brand",
            evidence_zh="裁判文书网检索、企业承诺",
            evidence_en="a court records search and the enterprise's declaration",
        ),
    ),
)

CUSTOMER = Node(
    "customer",
    "顾客/其他相关方维度",
    "customer/other stakeholder dimension",
    D("0.25"),
    (
        Indicator(
            "customer.awareness",
            "品牌认知度",
            "brand awareness",
            D("0.30"),
            Linear(D(0), D(80)),
            unit="%",
            description_zh="目标市场受访者中知道该品牌的比例（提示认知）",
            description_en="share of respondents in the target market who know the brand (aided awareness)",
            evidence_zh="第三方调查报告",
            evidence_en="an independent survey report",
            minimum=D(0),
            maximum=D(100),
        ),
        Indicator(
            "customer.loyalty",
            "顾客忠诚度",
            "customer loyalty",
            D("0.40"),
            Linear(D(0), D(60)),
            unit="%",
            description_zh="一年内重复购买的顾客比例",
            description_en="share of customers who bought again within a year",
            evidence_zh="会员或销售数据、调查报告",
            evidence_en="membership or sales data, a survey report",
            minimum=D(0),
            maximum=D(100),
        ),
        Indicator(
            "customer.satisfaction",
            "顾客满意度",
            "customer satisfaction",
            D("0.30"),
            Direct(),
            description_zh="第三方顾客满意度测评指数（0–100）",
            description_en="customer satisfaction index from an independent survey (0–100)",
            evidence_zh="测评报告",
            evidence_en="the survey report",
        ),
    ),
)

MARKET = Node(
    "market",
    "市场维度",
    "market dimension",
    D("0.25"),
    (
        Indicator(
            "market.share",
            "市场占有率",
            "market share",
            D("0.50"),
            Linear(D(0), D(20)),
            unit="%",
            description_zh="品牌在所属品类目标市场的销售额占比",
            description_en="the brand's share of sales in its category's target market",
            evidence_zh="行业协会或统计部门数据",
            evidence_en="industry association or statistics bureau data",
            minimum=D(0),
            maximum=D(100),
        ),
        Indicator(
            "market.sales_growth",
            "销售增长率",
            "sales growth",
            D("0.30"),
            Linear(D(-10), D(30)),
            unit="%",
            description_zh="营业收入较上年增长的百分比",
            description_en="revenue growth over the previous year, in percent",
            evidence_zh="连续两年经审计的利润表",
            evidence_en="two years of audited income statements",
            minimum=D(-100),
        ),
        Indicator(
            "market.regions",
            "市场覆盖",
            "market coverage",
            D("0.20"),
            Banded(bands=((D(1), D(30)), (D(5), D(60)), (D(15), D(80)), (D(31), D(100)))),
            unit="个",
            description_zh="有稳定销售的省级行政区数（含境外市场时计 31）",
            description_en="provinces with regular sales (31 if also sold abroad)",
            evidence_zh="销售网点或经销商清单",
            evidence_en="list of outlets or distributors",
            minimum=D(0),
            maximum=D(31),
        ),
    ),
)

ENVIRONMENT = Node(
    "environment",
    "经济和政治环境维度",
    "economic and political environment dimension",
    D("0.10"),
    (
        Indicator(
            "environment.cultivation_list",
            "列入品牌培育名单",
            "on a brand cultivation list",
            D("0.40"),
            YesNo(),
            description_zh="品牌列入市、区县品牌培育名单或重点支持目录",
            description_en="the brand is on a municipal or district cultivation list or support catalogue",
            evidence_zh="培育名单文件",
            evidence_en="the cultivation list",
        ),
        Indicator(
            "environment.social_responsibility",
            "社会责任",
            "social responsibility",
            D("0.60"),
            Direct(),
            description_zh="社会责任与信用评价得分（0–100，参照 GB/T 36000）",
            description_en="social responsibility and credit score (0–100, with reference to GB/T 36000)",
            evidence_zh="信用报告、社会责任报告",
            evidence_en="credit report, CSR report",
        ),
    ),
)

FINANCIAL = Node(
    "financial",
    "财务维度",
    "financial dimension",
    D("0.25"),
    (
        Indicator(
            "financial.revenue",
            "营业收入（同组百分位）",
            "revenue (peer percentile)",
            D("0.50"),
            Percentile(),
            unit="元",
            description_zh="品牌营业收入在同行业参评品牌中的百分位",
            description_en="the brand's revenue ranked among the peer brands of its industry in the cycle",
            evidence_zh="经审计的财务报表",
            evidence_en="audited financial statements",
            minimum=D(0),
        ),
        Indicator(
            "financial.profit_margin",
            "营业利润率",
            "operating margin",
            D("0.50"),
            Linear(D(-5), D(20)),
            unit="%",
            description_zh="营业利润 ÷ 营业收入 × 100",
            description_en="operating profit ÷ revenue × 100",
            evidence_zh="经审计的利润表",
            evidence_en="audited income statement",
            minimum=D(-100),
            maximum=D(100),
        ),
    ),
)

DIMENSIONS = Node(
    "dimensions",
    "品牌输出维度",
    "brand output dimensions",
    D("0.60"),
    (LEGAL, CUSTOMER, MARKET, ENVIRONMENT, FINANCIAL),
    description_zh="ISO 20671 5.3 / GB/T 39654 5.3：法律、顾客/其他相关方、市场、经济和政治环境、财务",
    description_en="ISO 20671 5.3: legal, customer/other stakeholder, market, economic and political environment, financial",
)

ISO20671 = IndicatorSystem(
    code="iso20671",
    version="2026.1",
    name_zh="品牌评价（投入要素与输出维度）",
    name_en="Brand evaluation (input elements and output dimensions)",
    nodes=(ELEMENTS, DIMENSIONS),
    description_zh="按 ISO 20671 / GB/T 39654 的投入要素和输出维度评价品牌强度；评价周期中与同行业品牌比较时使用",
    description_en="Brand strength on the ISO 20671 input elements and output dimensions; for cycles with industry peers",
    sources=(
        "ISO 20671:2019 Brand evaluation — Principles and fundamentals (now ISO 20671-1:2021), 5.2, 5.3, Annex A",
        "GB/T 39654-2020 品牌评价 原则与基础（ISO 20671:2019, IDT）",
    ),
)
