"""Variants of the GB/T 29186 system per pillar or industry: other weights, other indicators.

The agricultural variant follows the idea of GB/T 31045 (品牌价值评价 农产品) for regional public brands:
scale is the region's output and the producers authorised to use the brand, quality leans on traceability and
certified produce, the intangible side on the geographical indication and heritage. The manufacturing variant
weighs innovation most (GB/T 31283 机械设备制造业 and similar industry standards stress technology). Weights
and bounds are the platform's defaults, to be confirmed by an evaluation cycle's expert panel.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from engines.strength.model import Indicator, IndicatorSystem, Node
from engines.strength.rules import Banded, Direct, Linear, YesNo
from engines.strength.systems.gbt29186 import GBT29186

AGRI_PILLARS = ("agri-original", "agri-processed")
MFG_PILLARS = ("mfg-international", "mfg-national", "mfg-regional")


def _general(code: str, weight: str, **changes: object) -> Indicator:
    """An indicator of the general system with another weight (and maybe other rule or bounds)."""
    indicator = GBT29186.indicator(code)
    if indicator is None:
        raise KeyError(code)
    return replace(indicator, weight=D(weight), **changes)  # type: ignore[arg-type]  # fields checked by the system


def _element(code: str, weight: str, children: tuple[Node | Indicator, ...]) -> Node:
    general = next(n for n in GBT29186.nodes if n.code == code)
    if not isinstance(general, Node):
        raise TypeError(code)
    return replace(general, weight=D(weight), children=children)


AGRI_REGIONAL = IndicatorSystem(
    code="gbt29186-agri-regional",
    version="2026.1",
    name_zh="农产品区域公用品牌评价（五要素）",
    name_en="Regional public brands of farm produce (five elements)",
    pillars=AGRI_PILLARS,
    industries=("A", "13", "14", "15"),
    nodes=(
        _element(
            "tangible",
            "0.15",
            (
                Indicator(
                    "tangible.output_value",
                    "产业产值",
                    "output value",
                    D("0.50"),
                    Banded(
                        bands=(
                            (D(0), D(20)),
                            (D(100_000_000), D(40)),
                            (D(500_000_000), D(60)),
                            (D(1_000_000_000), D(80)),
                            (D(5_000_000_000), D(90)),
                            (D(10_000_000_000), D(100)),
                        )
                    ),
                    unit="元",
                    description_zh="上一年度区域内该品牌产品的综合产值",
                    description_en="the region's output value of the branded produce in the last year",
                    evidence_zh="农业农村部门或统计部门数据",
                    evidence_en="agriculture or statistics bureau data",
                    minimum=D(0),
                ),
                Indicator(
                    "tangible.authorised_users",
                    "授权使用主体数",
                    "authorised users",
                    D("0.30"),
                    Banded(
                        bands=((D(0), D(0)), (D(1), D(30)), (D(10), D(60)), (D(50), D(80)), (D(100), D(100)))
                    ),
                    unit="家",
                    description_zh="获准使用该区域公用品牌（地理标志）的生产经营主体数",
                    description_en="producers and traders authorised to use the regional brand (or its GI)",
                    evidence_zh="授权使用名单",
                    evidence_en="the list of authorisations",
                    minimum=D(0),
                ),
                Indicator(
                    "tangible.standardised_base_share",
                    "标准化基地占比",
                    "standardised production share",
                    D("0.20"),
                    Linear(D(0), D(80)),
                    unit="%",
                    description_zh="按标准化生产的基地面积 ÷ 总种养面积 × 100",
                    description_en="area farmed to a production standard ÷ total area × 100",
                    evidence_zh="基地认定文件",
                    evidence_en="base recognition documents",
                    minimum=D(0),
                    maximum=D(100),
                ),
            ),
        ),
        _element(
            "quality",
            "0.30",
            (
                _general("quality.pass_rate", "0.40", rule=Linear(D(95), D(100))),
                Indicator(
                    "quality.traceability_coverage",
                    "追溯覆盖率",
                    "traceability coverage",
                    D("0.30"),
                    Linear(D(0), D(100)),
                    unit="%",
                    description_zh="授权使用主体中接入追溯平台并按批次上报事件的比例",
                    description_en="share of authorised users reporting lot events to the traceability platform",
                    evidence_zh="平台追溯数据",
                    evidence_en="the platform's trace data",
                    minimum=D(0),
                    maximum=D(100),
                ),
                Indicator(
                    "quality.certified_share",
                    "认证产品占比",
                    "certified produce share",
                    D("0.30"),
                    Linear(D(0), D(60)),
                    unit="%",
                    description_zh="绿色食品、有机产品或地理标志产品产量 ÷ 总产量 × 100",
                    description_en="green food, organic or GI output ÷ total output × 100",
                    evidence_zh="认证证书与产量统计",
                    evidence_en="certificates and output statistics",
                    minimum=D(0),
                    maximum=D(100),
                ),
            ),
        ),
        _element(
            "innovation",
            "0.10",
            (
                Indicator(
                    "innovation.standards",
                    "标准制修订",
                    "standards written",
                    D("0.50"),
                    Banded(bands=((D(0), D(0)), (D(1), D(50)), (D(3), D(80)), (D(5), D(100)))),
                    unit="项",
                    description_zh="主导制修订的地方、团体标准及生产技术规程项数",
                    description_en="local and association standards and production codes the brand holder led",
                    evidence_zh="标准文本与发布公告",
                    evidence_en="the standards and their notices",
                    minimum=D(0),
                ),
                Indicator(
                    "innovation.new_varieties",
                    "新品种新技术推广",
                    "new varieties and techniques",
                    D("0.50"),
                    Banded(bands=((D(0), D(0)), (D(1), D(50)), (D(3), D(100)))),
                    unit="项",
                    description_zh="近三年推广的新品种、新技术项数",
                    description_en="new varieties and techniques introduced in the last three years",
                    evidence_zh="农技推广部门证明",
                    evidence_en="a certificate from the extension service",
                    minimum=D(0),
                ),
            ),
        ),
        _element(
            "service",
            "0.15",
            (
                _general("service.customer_satisfaction", "0.60"),
                _general("service.complaint_resolution_rate", "0.40"),
            ),
        ),
        _element(
            "intangible",
            "0.30",
            (
                Indicator(
                    "intangible.gi",
                    "地理标志",
                    "geographical indication",
                    D("0.30"),
                    YesNo(),
                    description_zh="为地理标志保护产品、地理标志证明（集体）商标或农产品地理标志",
                    description_en="a protected GI product, GI certification or collective mark, or agricultural GI",
                    evidence_zh="地理标志公告或商标注册证",
                    evidence_en="the GI notice or the trademark registration",
                ),
                _general("intangible.brand_awareness", "0.40", rule=Linear(D(0), D(60))),
                Indicator(
                    "intangible.heritage",
                    "历史文化积淀",
                    "history and culture",
                    D("0.30"),
                    Direct(),
                    description_zh="专家对品牌历史渊源、人文故事和非遗传承的评分（0–100）",
                    description_en="expert panel score for the brand's history, stories and intangible heritage (0–100)",
                    evidence_zh="史志记载、非遗名录、专家评分表",
                    evidence_en="local chronicles, heritage listings, the experts' score sheets",
                ),
            ),
        ),
    ),
    description_zh="农产品区域公用品牌（原产、加工农产品品牌体系）的五要素评价",
    description_en="Five-element evaluation for regional public brands of original and processed farm produce",
    sources=(
        "GB/T 29186.1～.6-2021 品牌价值要素评价",
        "GB/T 31045-2014 品牌价值评价 农产品",
    ),
)

MANUFACTURING = IndicatorSystem(
    code="gbt29186-mfg",
    version="2026.1",
    name_zh="制造业品牌评价（五要素）",
    name_en="Manufacturing brands (five elements)",
    pillars=MFG_PILLARS,
    industries=("C",),
    nodes=(
        _element(
            "tangible",
            "0.20",
            (
                _general("tangible.revenue", "0.40"),
                _general("tangible.profit_margin", "0.30"),
                _general("tangible.total_assets", "0.30"),
            ),
        ),
        _element(
            "quality",
            "0.25",
            (
                _general("quality.qms_certified", "0.20"),
                _general("quality.pass_rate", "0.40"),
                _general("quality.award_level", "0.20"),
                Indicator(
                    "quality.leading_standard",
                    "企业标准领跑者",
                    "leading enterprise standard",
                    D("0.20"),
                    YesNo(),
                    description_zh="主要产品执行的企业标准入选企业标准“领跑者”",
                    description_en="the main product's enterprise standard is listed as a 'leading standard'",
                    evidence_zh="企业标准信息公共服务平台公示",
                    evidence_en="the public enterprise standards platform listing",
                ),
            ),
        ),
        _element(
            "innovation",
            "0.30",
            (
                _general("innovation.rd_intensity", "0.35", rule=Linear(D(0), D(8))),
                Indicator(
                    "innovation.invention_patents",
                    "有效发明专利数",
                    "invention patents in force",
                    D("0.35"),
                    Banded(
                        bands=((D(0), D(0)), (D(1), D(40)), (D(5), D(70)), (D(20), D(90)), (D(50), D(100)))
                    ),
                    unit="件",
                    description_zh="有效发明专利件数",
                    description_en="invention patents in force",
                    evidence_zh="专利证书或国家知识产权局检索结果",
                    evidence_en="patent certificates or a CNIPA search",
                    minimum=D(0),
                ),
                _general("innovation.new_product_share", "0.15"),
                Indicator(
                    "innovation.high_tech",
                    "高新技术企业",
                    "high-tech enterprise",
                    D("0.15"),
                    YesNo(),
                    description_zh="持有有效的高新技术企业证书",
                    description_en="holds a valid high-tech enterprise certificate",
                    evidence_zh="高新技术企业证书",
                    evidence_en="the certificate",
                ),
            ),
        ),
        _element(
            "service",
            "0.10",
            (
                _general("service.customer_satisfaction", "0.50"),
                _general("service.complaint_resolution_rate", "0.30"),
                _general("service.service_certified", "0.20"),
            ),
        ),
        _element(
            "intangible",
            "0.15",
            (
                _general("intangible.trademarks", "0.25"),
                Indicator(
                    "intangible.foreign_registrations",
                    "境外商标注册",
                    "trademark registrations abroad",
                    D("0.15"),
                    Banded(bands=((D(0), D(0)), (D(1), D(50)), (D(5), D(80)), (D(20), D(100)))),
                    unit="个",
                    description_zh="商标已注册（含马德里国际注册指定）的国家或地区数",
                    description_en="countries or regions where the mark is registered (including Madrid designations)",
                    evidence_zh="注册证明",
                    evidence_en="registration records",
                    minimum=D(0),
                ),
                _general("intangible.certifications", "0.20"),
                _general("intangible.brand_awareness", "0.40"),
            ),
        ),
    ),
    description_zh="制造业（国际化、国家级、区域性制造业品牌体系）的五要素评价，创新权重最高",
    description_en="Five-element evaluation for manufacturing brands, innovation weighted most",
    sources=(
        "GB/T 29186.1～.6-2021 品牌价值要素评价",
        "GB/T 31283-2014 品牌价值评价 机械设备制造业",
    ),
)
