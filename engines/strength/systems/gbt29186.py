"""The general GB/T 29186 system: the five brand value elements (有形、质量、创新、服务、无形).

GB/T 29186.1–.6-2021 (品牌价值要素评价) name the elements and their kinds of evidence; they do not fix
weights or second-level indicators for every industry. The weights, indicators and bounds below are the
platform's defaults for a self-assessment or a first evaluation, to be confirmed by the expert panel of an
evaluation cycle; a change is a new `version`.
"""

from __future__ import annotations

from decimal import Decimal as D

from engines.strength.model import Indicator, IndicatorSystem, Node
from engines.strength.rules import Banded, Direct, Linear, YesNo

PERCENT = (D(0), D(100))

# Sales revenue and total assets in 元: a brand is scored on size bands (500万, 2000万, 1亿, 5亿, 10亿).
MONEY_BANDS = Banded(
    bands=(
        (D(0), D(20)),
        (D(5_000_000), D(40)),
        (D(20_000_000), D(60)),
        (D(100_000_000), D(80)),
        (D(500_000_000), D(90)),
        (D(1_000_000_000), D(100)),
    )
)

TANGIBLE = Node(
    "tangible",
    "有形要素",
    "tangible elements",
    D("0.20"),
    (
        Indicator(
            "tangible.revenue",
            "营业收入",
            "sales revenue",
            D("0.40"),
            MONEY_BANDS,
            unit="元",
            description_zh="上一会计年度品牌产品（服务）营业收入",
            description_en="revenue from the brand's products or services in the last financial year",
            evidence_zh="经审计的财务报表或纳税申报表",
            evidence_en="audited financial statements or tax returns",
            minimum=D(0),
        ),
        Indicator(
            "tangible.profit_margin",
            "营业利润率",
            "operating margin",
            D("0.30"),
            Linear(D(-5), D(20)),
            unit="%",
            description_zh="营业利润 ÷ 营业收入 × 100",
            description_en="operating profit ÷ revenue × 100",
            evidence_zh="经审计的利润表",
            evidence_en="audited income statement",
            minimum=D(-100),
            maximum=D(100),
        ),
        Indicator(
            "tangible.total_assets",
            "资产总额",
            "total assets",
            D("0.30"),
            MONEY_BANDS,
            unit="元",
            description_zh="上一会计年度末资产总额",
            description_en="total assets at the end of the last financial year",
            evidence_zh="经审计的资产负债表",
            evidence_en="audited balance sheet",
            minimum=D(0),
        ),
    ),
    description_zh="GB/T 29186.2：资产、营业收入、利润等有形基础",
    description_en="GB/T 29186.2: the tangible base (assets, revenue, profit)",
)

QUALITY = Node(
    "quality",
    "质量要素",
    "quality elements",
    D("0.25"),
    (
        Indicator(
            "quality.qms_certified",
            "质量管理体系认证",
            "quality management system certified",
            D("0.30"),
            YesNo(),
            description_zh="持有有效的 GB/T 19001 质量管理体系认证证书",
            description_en="holds a valid GB/T 19001 (ISO 9001) certificate",
            evidence_zh="认证证书（可在国家认监委网站核验）",
            evidence_en="the certificate, verifiable with CNCA",
        ),
        Indicator(
            "quality.pass_rate",
            "产品抽检合格率",
            "inspection pass rate",
            D("0.45"),
            Linear(D(90), D(100)),
            unit="%",
            description_zh="近三年监督抽检合格批次 ÷ 抽检批次 × 100",
            description_en="lots passing official sampling inspections ÷ lots sampled, last three years × 100",
            evidence_zh="市场监管部门抽检结果通报",
            evidence_en="market regulator inspection notices",
            minimum=PERCENT[0],
            maximum=PERCENT[1],
        ),
        Indicator(
            "quality.award_level",
            "质量奖项",
            "quality award",
            D("0.25"),
            Banded(bands=((D(0), D(0)), (D(1), D(40)), (D(2), D(70)), (D(3), D(100)))),
            description_zh="获得的最高质量奖级别：0 无，1 区县级，2 市级（省级），3 国家级（中国质量奖及提名）",
            description_en="highest quality award: 0 none, 1 district, 2 municipal or provincial, 3 national",
            evidence_zh="获奖文件或证书",
            evidence_en="the award document",
            minimum=D(0),
            maximum=D(3),
        ),
    ),
    description_zh="GB/T 29186.3：质量管理、产品质量、质量荣誉",
    description_en="GB/T 29186.3: quality management, product quality, quality honours",
)

INNOVATION = Node(
    "innovation",
    "创新要素",
    "innovation elements",
    D("0.20"),
    (
        Indicator(
            "innovation.rd_intensity",
            "研发投入强度",
            "R&D intensity",
            D("0.40"),
            Linear(D(0), D(5)),
            unit="%",
            description_zh="研发费用 ÷ 营业收入 × 100",
            description_en="R&D expenditure ÷ revenue × 100",
            evidence_zh="财务报表附注或研发费用加计扣除申报",
            evidence_en="notes to the financial statements or the R&D super-deduction filing",
            minimum=PERCENT[0],
            maximum=PERCENT[1],
        ),
        Indicator(
            "innovation.patents",
            "有效专利数",
            "patents in force",
            D("0.35"),
            Banded(bands=((D(0), D(0)), (D(1), D(40)), (D(5), D(70)), (D(20), D(100)))),
            unit="件",
            description_zh="有效发明、实用新型和外观设计专利件数",
            description_en="invention, utility model and design patents in force",
            evidence_zh="专利证书或国家知识产权局检索结果",
            evidence_en="patent certificates or a CNIPA search",
            minimum=D(0),
        ),
        Indicator(
            "innovation.new_product_share",
            "新产品销售收入占比",
            "new product sales share",
            D("0.25"),
            Linear(D(0), D(30)),
            unit="%",
            description_zh="近三年投产新产品的销售收入 ÷ 营业收入 × 100",
            description_en="sales of products launched in the last three years ÷ revenue × 100",
            evidence_zh="企业统计报表",
            evidence_en="the enterprise's statistical returns",
            minimum=PERCENT[0],
            maximum=PERCENT[1],
        ),
    ),
    description_zh="GB/T 29186.4：研发投入、知识产权、创新成果",
    description_en="GB/T 29186.4: R&D input, intellectual property, innovation output",
)

SERVICE = Node(
    "service",
    "服务要素",
    "service elements",
    D("0.15"),
    (
        Indicator(
            "service.customer_satisfaction",
            "顾客满意度",
            "customer satisfaction",
            D("0.50"),
            Direct(),
            description_zh="第三方顾客满意度测评指数（0–100）",
            description_en="customer satisfaction index from an independent survey (0–100)",
            evidence_zh="测评报告",
            evidence_en="the survey report",
        ),
        Indicator(
            "service.complaint_resolution_rate",
            "投诉处理率",
            "complaints resolved",
            D("0.30"),
            Linear(D(80), D(100)),
            unit="%",
            description_zh="按期办结的投诉 ÷ 收到的投诉 × 100（含 12315 转办）",
            description_en="complaints closed on time ÷ complaints received × 100 (including 12315 referrals)",
            evidence_zh="投诉台账、12315 平台记录",
            evidence_en="complaint log, 12315 platform records",
            minimum=PERCENT[0],
            maximum=PERCENT[1],
        ),
        Indicator(
            "service.service_certified",
            "售后服务认证",
            "after-sales service certified",
            D("0.20"),
            YesNo(),
            description_zh="持有有效的 GB/T 27922 商品售后服务评价认证",
            description_en="holds a valid GB/T 27922 after-sales service certificate",
            evidence_zh="认证证书",
            evidence_en="the certificate",
        ),
    ),
    description_zh="GB/T 29186.5：服务体系、顾客满意、投诉处理",
    description_en="GB/T 29186.5: service system, customer satisfaction, complaint handling",
)

INTANGIBLE = Node(
    "intangible",
    "无形要素",
    "intangible elements",
    D("0.20"),
    (
        Indicator(
            "intangible.trademarks",
            "有效注册商标",
            "registered trademarks",
            D("0.20"),
            Banded(bands=((D(0), D(0)), (D(1), D(50)), (D(3), D(70)), (D(10), D(100)))),
            unit="件",
            description_zh="品牌名下有效注册商标件数（含境外注册）",
            description_en="registered trademarks in force for the brand (including abroad)",
            evidence_zh="商标注册证",
            evidence_en="trademark registration certificates",
            minimum=D(0),
        ),
        Indicator(
            "intangible.heritage_or_gi",
            "老字号或地理标志",
            "time-honoured brand or GI",
            D("0.20"),
            YesNo(),
            description_zh="为中华老字号、重庆老字号，或获准使用地理标志",
            description_en="a China or Chongqing time-honoured brand, or authorised to use a geographical indication",
            evidence_zh="认定文件或地理标志授权",
            evidence_en="the recognition document or the GI authorisation",
        ),
        Indicator(
            "intangible.certifications",
            "产品认证",
            "product certifications",
            D("0.20"),
            Banded(bands=((D(0), D(0)), (D(1), D(60)), (D(3), D(100)))),
            unit="项",
            description_zh="有效的绿色食品、有机产品、中国环境标志等产品认证项数",
            description_en="valid product certifications (green food, organic, China environmental label …)",
            evidence_zh="认证证书",
            evidence_en="the certificates",
            minimum=D(0),
        ),
        Indicator(
            "intangible.brand_awareness",
            "品牌知名度",
            "brand awareness",
            D("0.40"),
            Linear(D(0), D(80)),
            unit="%",
            description_zh="目标市场受访者中知道该品牌的比例（提示认知）",
            description_en="share of respondents in the target market who know the brand (aided awareness)",
            evidence_zh="第三方调查报告",
            evidence_en="an independent survey report",
            minimum=PERCENT[0],
            maximum=PERCENT[1],
        ),
    ),
    description_zh="GB/T 29186.6：商标、认证、老字号与地理标志、品牌认知",
    description_en="GB/T 29186.6: trademarks, certifications, heritage and GI, brand awareness",
)

GBT29186 = IndicatorSystem(
    code="gbt29186",
    version="2026.1",
    name_zh="品牌价值要素评价（五要素）",
    name_en="Brand value elements (five elements)",
    nodes=(TANGIBLE, QUALITY, INNOVATION, SERVICE, INTANGIBLE),
    description_zh="按 GB/T 29186 有形、质量、创新、服务、无形五要素评价品牌强度；企业自评与评价周期的通用体系",
    description_en="Brand strength on the five GB/T 29186 elements; the general system for self-assessment and cycles",
    sources=(
        "GB/T 29186.1-2021 品牌价值要素评价 第1部分：通则",
        "GB/T 29186.2～.6-2021 有形、质量、创新、服务、无形要素",
        "GB/T 39654-2020 (ISO 20671:2019, IDT) 品牌评价 原则与基础",
    ),
)
