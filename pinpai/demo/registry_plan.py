"""Deterministic registry demo data: enterprise profiles, brands, GIs, rights, products, cultivation lists.

Pure: builds plain rows from the organisation plan, a seed and `as_of` (the load date, so certificate
expiry is relative to it); services.demo_load writes them through the real registry services.
Regional public brands and their GIs are real names; the associations holding them, and every number
(USCC, trademark, certificate, GTIN), are invented and the associations are marked demo.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, replace
from decimal import Decimal

from stdnum import ean

from pinpai.demo.plan import GIVEN, INDUSTRIES, SURNAMES, TRADE_NAMES, DemoPlan, OrgRow, demo_uscc
from pinpai.registry.choices import BrandKind, BrandStatus, CertificateKind, GiKind

CULTIVATION_YEAR = 2026
PILLARS = ("agri-original", "agri-processed", "mfg-international", "mfg-national", "mfg-regional",
           "svc-culture-tourism", "svc-health", "svc-commerce")  # fmt: skip
ECON_PILLARS = frozenset({"agri-processed", "mfg-international", "mfg-national", "mfg-regional"})
DEMO_DISTRICT = "500102"  # 涪陵区, where the demo district staff work


@dataclass(frozen=True)
class Line:
    """How a featured line of the plan shows up in the registry."""

    pillar: str
    category: str
    product_line: str
    division: str  # GB/T 4754-2017 division of its enterprises
    nice_class: int
    word: str  # brand name = trade name + word
    kind: str
    goods: str  # goods or services of the trademark
    certificates: tuple[str, ...]
    items: tuple[tuple[str, str], ...]  # (product name, specification); none for services
    capital_wan: tuple[int, int]  # registered capital range, 万元


_C = CertificateKind
LINES: dict[str, Line] = {
    "榨菜": Line("agri-processed", "pickles-condiments", "榨菜", "14", 29, "榨菜", BrandKind.PRODUCT, "腌制蔬菜；榨菜；酱菜",
               (_C.GREEN_FOOD, _C.ISO_22000, _C.HACCP), (("鲜脆榨菜丝", "80克/袋"), ("原味榨菜片", "150克/袋"), ("低盐榨菜芯", "300克/瓶")), (500, 20000)),
    "脐橙": Line("agri-original", "fruit", "脐橙", "01", 31, "脐橙", BrandKind.PRODUCT, "新鲜水果；鲜橙；柑橘",
               (_C.GREEN_FOOD, _C.ORGANIC), (("鲜脐橙", "5千克/箱"), ("精品脐橙礼盒", "2.5千克/盒")), (100, 3000)),
    "荣昌生猪": Line("agri-original", "livestock", "荣昌生猪", "03", 29, "生态猪", BrandKind.PRODUCT, "肉；猪肉；腌腊肉",
                 (_C.GREEN_FOOD, _C.ISO_22000), (("冷鲜猪肉", "500克/盒"), ("农家腊肉", "1千克/袋")), (500, 10000)),
    "柚子": Line("agri-original", "fruit", "柚子", "01", 31, "蜜柚", BrandKind.PRODUCT, "新鲜水果；柚子",
               (_C.GREEN_FOOD, _C.ORGANIC), (("鲜柚", "2个/箱"),), (100, 2000)),
    "花椒": Line("agri-original", "forest", "花椒", "01", 30, "花椒", BrandKind.PRODUCT, "花椒；调味品；香料",
               (_C.GREEN_FOOD, _C.ORGANIC), (("干青花椒", "250克/袋"), ("藤椒油", "200毫升/瓶")), (100, 5000)),
    "茶叶": Line("agri-original", "tea", "茶叶", "15", 30, "茶", BrandKind.PRODUCT, "茶；绿茶；茶饮料",
               (_C.GREEN_FOOD, _C.ORGANIC, _C.ISO_22000), (("明前绿茶", "100克/罐"), ("炒青绿茶", "250克/袋")), (200, 5000)),
    "中药材": Line("agri-original", "herbs", "中药材", "01", 5, "本草", BrandKind.PRODUCT, "中药材；药用植物根；医用草药",
                (_C.ORGANIC, _C.ISO_9001), (("黄连饮片", "500克/袋"),), (200, 5000)),
    "特色水果": Line("agri-original", "fruit", "特色水果", "01", 31, "鲜果", BrandKind.PRODUCT, "新鲜水果；李子；柠檬",
                 (_C.GREEN_FOOD,), (("时令鲜果礼盒", "3千克/箱"),), (100, 2000)),
    "火锅底料": Line("svc-culture-tourism", "food-culture", "火锅底料", "14", 30, "火锅底料", BrandKind.PRODUCT, "火锅底料；调味品；调味酱",
                 (_C.ISO_22000, _C.HACCP, _C.FAMOUS_PRODUCT), (("牛油火锅底料", "400克/袋"), ("清油火锅底料", "300克/袋"), ("番茄火锅底料", "200克/袋")), (1000, 30000)),
    "摩托车": Line("mfg-international", "motorcycles", "摩托车", "37", 12, "摩托", BrandKind.PRODUCT, "摩托车；电动摩托车；摩托车发动机",
                (_C.ISO_9001, _C.FAMOUS_PRODUCT), (("150cc 骑士摩托车", "台"), ("电动踏板摩托车", "台")), (5000, 100000)),
    "汽车零部件": Line("mfg-international", "automotive", "汽车零部件", "36", 12, "汽配", BrandKind.ENTERPRISE, "陆地车辆用减震器；车辆用制动器；汽车车身",
                  (_C.ISO_9001,), (("汽车减震器", "件"), ("制动盘总成", "件")), (3000, 50000)),
    "电子终端": Line("mfg-international", "electronics", "电子终端", "39", 9, "智能", BrandKind.PRODUCT, "笔记本电脑；平板电脑；智能手机",
                 (_C.ISO_9001,), (("14英寸笔记本电脑", "台"), ("10英寸平板电脑", "台")), (5000, 80000)),
    "大足五金": Line("mfg-regional", "light-industry", "大足五金", "33", 8, "五金", BrandKind.PRODUCT, "刀；菜刀；剪刀；手工具",
                 (_C.ISO_9001, _C.CQ_TIME_HONOURED), (("不锈钢菜刀", "把"), ("家用剪刀", "把")), (200, 5000)),
    "渝派时装": Line("mfg-regional", "apparel", "渝派时装", "18", 25, "服饰", BrandKind.PRODUCT, "服装；女装；外套",
                 (_C.ISO_9001,), (("女式风衣", "件"),), (200, 5000)),
    "荣昌夏布": Line("mfg-regional", "crafts", "荣昌夏布", "17", 24, "夏布", BrandKind.PRODUCT, "布；苎麻布；纺织品制桌布",
                 (_C.CQ_TIME_HONOURED,), (("夏布围巾", "条"), ("夏布茶席", "张")), (100, 2000)),
    "重庆火锅": Line("svc-commerce", "catering", "重庆火锅", "62", 43, "火锅", BrandKind.SERVICE, "餐馆；餐厅；火锅店服务",
                 (_C.CQ_TIME_HONOURED, _C.HACCP), (), (200, 10000)),
    "大足石刻": Line("svc-culture-tourism", "scenic", "大足石刻", "78", 39, "文旅", BrandKind.SERVICE, "旅行安排；安排游览；导游服务",
                 (_C.ISO_9001,), (), (1000, 50000)),
    "医养融合": Line("svc-health", "elderly-care", "医养融合", "84", 44, "康养", BrandKind.SERVICE, "疗养院；保健；护理院服务",
                 (_C.ISO_9001,), (), (500, 20000)),
}  # fmt: skip

# Certificate kind → (issuer, validity in days or None for no expiry).
ISSUERS: dict[str, tuple[str, int | None]] = {
    _C.GREEN_FOOD: ("中国绿色食品发展中心", 3 * 365), _C.ORGANIC: ("中绿华夏有机食品认证中心", 365),
    _C.ISO_9001: ("中国质量认证中心", 3 * 365), _C.ISO_22000: ("中国质量认证中心", 3 * 365),
    _C.HACCP: ("中国质量认证中心", 3 * 365), _C.FAMOUS_PRODUCT: ("重庆市质量技术监督局", 3 * 365),
    _C.CQ_TIME_HONOURED: ("重庆市商务委员会", None), _C.GI_PRODUCT: ("国家知识产权局", None),
    _C.GI_MARK: ("国家知识产权局商标局", None), _C.AGRI_GI: ("中华人民共和国农业农村部", None),
}  # fmt: skip


@dataclass(frozen=True)
class RegionalBrand:
    """A real regional public brand with its GI; `line` is the featured line whose producers use it."""

    name: str
    district: str
    pillar: str
    category: str
    product_lines: tuple[str, ...]
    gi_kind: str
    nice_class: int  # of its certification mark
    association: str  # the invented holder: district name + this
    name_en: str
    line: str | None
    standard: str = ""


REGIONAL_BRANDS = (
    RegionalBrand("涪陵榨菜", "500102", "agri-processed", "pickles-condiments", ("榨菜",), GiKind.PRODUCT, 29, "榨菜行业协会",
                  "Fuling Zhacai", "榨菜", "GB/T 19858-2005 地理标志产品 涪陵榨菜"),
    RegionalBrand("奉节脐橙", "500236", "agri-original", "fruit", ("脐橙", "地理标志农产品"), GiKind.PRODUCT, 31, "脐橙产业协会",
                  "Fengjie Navel Orange", "脐橙"),
    RegionalBrand("巫山脆李", "500237", "agri-original", "fruit", ("特色水果", "地理标志农产品"), GiKind.AGRICULTURAL, 31, "脆李产业协会",
                  "Wushan Crisp Plum", "特色水果"),
    RegionalBrand("荣昌猪", "500153", "agri-original", "livestock", ("荣昌生猪", "地理标志农产品"), GiKind.AGRICULTURAL, 31, "生猪产业协会",
                  "Rongchang Pig", "荣昌生猪"),
    RegionalBrand("梁平柚", "500155", "agri-original", "fruit", ("柚子", "地理标志农产品"), GiKind.PRODUCT, 31, "柚子产业协会",
                  "Liangping Pomelo", "柚子"),
    RegionalBrand("江津花椒", "500116", "agri-original", "forest", ("花椒", "地理标志农产品"), GiKind.PRODUCT, 30, "花椒产业协会",
                  "Jiangjin Sichuan Pepper", "花椒"),
    RegionalBrand("永川秀芽", "500118", "agri-original", "tea", ("茶叶", "地理标志农产品"), GiKind.MARK, 30, "茶叶行业协会",
                  "Yongchuan Xiuya Tea", "茶叶"),
    RegionalBrand("潼南柠檬", "500152", "agri-original", "fruit", ("特色水果", "地理标志农产品"), GiKind.AGRICULTURAL, 31, "柠檬产业协会",
                  "Tongnan Lemon", "特色水果"),
    RegionalBrand("城口老腊肉", "500229", "agri-original", "livestock", ("地理标志农产品",), GiKind.PRODUCT, 29, "腊肉产业协会",
                  "Chengkou Cured Pork", None),
    RegionalBrand("石柱黄连", "500240", "agri-original", "herbs", ("中药材", "地理标志农产品"), GiKind.PRODUCT, 5, "黄连产业协会",
                  "Shizhu Coptis", "中药材"),
    RegionalBrand("南川方竹笋", "500119", "agri-original", "forest", ("笋竹", "地理标志农产品"), GiKind.PRODUCT, 31, "方竹笋产业协会",
                  "Nanchuan Square Bamboo Shoot", None),
    RegionalBrand("秀山金银花", "500241", "agri-original", "herbs", ("中药材", "地理标志农产品"), GiKind.AGRICULTURAL, 5, "金银花产业协会",
                  "Xiushan Honeysuckle", None),
)  # fmt: skip
# The governing text of a GI without a national standard of its own (涪陵榨菜 has GB/T 19858-2005).
GI_STANDARDS: dict[str, str] = {
    GiKind.PRODUCT: "《地理标志产品 {name}》质量技术要求",
    GiKind.AGRICULTURAL: "{name} 农产品地理标志质量控制技术规范",
    GiKind.MARK: "{name} 地理标志证明商标使用管理规则",
}
GI_CERTIFICATE: dict[str, str] = {
    GiKind.PRODUCT: _C.GI_PRODUCT,
    GiKind.MARK: _C.GI_MARK,
    GiKind.AGRICULTURAL: _C.AGRI_GI,
}
ROADS = (
    "人民路",
    "滨江路",
    "工业园路",
    "兴业大道",
    "农科路",
    "建设路",
    "民主路",
    "创业大道",
    "龙都大道",
    "新华路",
)
REASONS: dict[str, str] = {
    BrandStatus.RETURNED: "请补充商标注册证和质量认证证书扫描件后重新提交。",
    BrandStatus.SUSPENDED: "抽检发现标签标识不规范，暂停展示，整改后恢复。",
    BrandStatus.WITHDRAWN: "企业申请撤回：该品牌已停止使用。",
}


@dataclass(frozen=True)
class EnterpriseProfile:
    name: str  # the organisation's name in the plan
    legal_representative: str
    registered_capital_yuan: Decimal
    founded_on: datetime.date
    industry_code: str
    address: str
    contact_name: str


@dataclass(frozen=True)
class AssociationRow:
    name: str
    uscc: str
    district_code: str
    profile: EnterpriseProfile


@dataclass(frozen=True)
class BrandRow:
    name: str  # unique across the demo
    owner: str
    kind: str
    pillar_code: str
    category_codes: tuple[str, ...]
    product_lines: tuple[str, ...]
    tier_code: str | None
    district_codes: tuple[str, ...]
    founded_year: int
    story: str
    name_en: str = ""
    status: str = BrandStatus.PUBLISHED  # where demo_load leaves it in the workflow
    status_reason: str = ""


@dataclass(frozen=True)
class TrademarkRow:
    registration_number: str
    registrant: str
    brand: str
    nice_class: int
    mark_text: str
    goods_services: str
    valid_from: datetime.date
    valid_to: datetime.date


@dataclass(frozen=True)
class CertificateRow:
    kind: str
    number: str
    issuer: str
    holder: str
    brand: str
    scope: str
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True)
class ProductRow:
    gtin: str  # GTIN-13
    name: str
    brand: str
    enterprise: str
    category_code: str
    specification: str


@dataclass(frozen=True)
class GiRow:
    name: str
    kind: str
    registration_number: str
    standard: str
    district_codes: tuple[str, ...]
    holder: str
    brand: str


@dataclass(frozen=True)
class GiAuthorisationRow:
    gi: str
    enterprise: str
    number: str
    valid_from: datetime.date
    valid_to: datetime.date


@dataclass(frozen=True)
class CultivationRow:
    year: int
    pillar_code: str
    brands: tuple[str, ...]  # in rank order
    publish: bool


@dataclass(frozen=True)
class RegistryPlan:
    extra_enterprises: tuple[OrgRow, ...]  # producers added so every GI with a featured line has a user
    enterprises: tuple[EnterpriseProfile, ...]  # profiles of the plan's enterprises and the extra ones
    associations: tuple[AssociationRow, ...]
    brands: tuple[BrandRow, ...]
    trademarks: tuple[TrademarkRow, ...]
    certificates: tuple[CertificateRow, ...]
    products: tuple[ProductRow, ...]
    gis: tuple[GiRow, ...]
    gi_authorisations: tuple[GiAuthorisationRow, ...]
    cultivation_lists: tuple[CultivationRow, ...]


def place_name(district_name: str) -> str:
    """涪陵区 → 涪陵, 石柱土家族自治县 → 石柱: the short place name used in brand and business names."""
    for suffix in ("土家族苗族自治县", "苗族土家族自治县", "土家族自治县", "区", "县"):
        district_name = district_name.removesuffix(suffix)
    return district_name


def trade_name(org: OrgRow) -> str:
    """The trade name (字号) inside a demo business name: 重庆市涪陵鑫源榨菜食品有限公司 → 鑫源."""
    rest = org.name.removesuffix(_SUFFIXES[org.industry])
    if not rest.startswith("重庆市") and rest[-4:-2] in TRADE_NAMES and rest[-2:] in TRADE_NAMES:
        return rest[-4:]
    return rest[-2:]


def gtin13(company_prefix: str, item: int) -> str:
    """A GTIN-13 from a GS1 China company prefix (690–695…) and an item reference, with its check digit."""
    body = company_prefix + str(item).zfill(12 - len(company_prefix))
    return body + ean.calc_check_digit(body)


_SUFFIXES = {product: suffix for product, _districts, suffix in INDUSTRIES}
_TIERS = {
    "agri": (("regional", 12), ("national", 6), ("cq2024-district", 2), (None, 1)),
    "mfg-international": (("national", 5), ("international", 3), ("cq2024-national-competitiveness", 2)),
    "other": (("regional", 12), ("national", 5), ("cq2024-western-reach", 3), (None, 1)),
}


def build_registry_plan(
    *, plan: DemoPlan, seed: int, as_of: datetime.date, district_names: dict[str, str]
) -> RegistryPlan:
    """Registry rows for the demo organisations; the same plan, seed and `as_of` give the same rows."""
    rng = random.Random(f"registry:{seed}")  # noqa: S311 - demo data must be reproducible, not secret
    b = _Builder(rng, as_of, district_names, plan)
    enterprises = [o for o in plan.organisations if o.kind == "enterprise"]
    for org in enterprises:
        b.enterprise(org)
    for rb in REGIONAL_BRANDS:
        b.regional(rb, [o for o in enterprises if o.industry == rb.line and o.district_code == rb.district])
    b.assign_statuses(first_enterprise=enterprises[0].name)
    b.certificates_for_brands()
    lists = []
    for pillar in PILLARS:
        ranked = [r.name for r in b.brands if r.pillar_code == pillar and r.status in _LISTABLE]
        ranked.sort(key=lambda name: (b.by_name[name].kind != BrandKind.REGIONAL_PUBLIC, name))
        lists.append(CultivationRow(CULTIVATION_YEAR, pillar, tuple(ranked[:12]), publish=bool(ranked)))
    return RegistryPlan(
        tuple(b.extra_enterprises), tuple(b.profiles), tuple(b.associations), tuple(b.brands),
        tuple(b.trademarks), tuple(b.certificates), tuple(b.products), tuple(b.gis), tuple(b.authorisations),
        tuple(lists),
    )  # fmt: skip


_LISTABLE = frozenset({BrandStatus.PUBLISHED, BrandStatus.APPROVED})


class _Builder:
    """Accumulates rows and the unique numbers already handed out."""

    def __init__(self, rng: random.Random, as_of: datetime.date, names: dict[str, str], plan: DemoPlan):
        self.rng, self.as_of, self.names = rng, as_of, names
        self.usccs = {o.uscc for o in plan.organisations if o.uscc}
        self.org_names = {o.name for o in plan.organisations}
        self.extra_enterprises: list[OrgRow] = []
        self.profiles: list[EnterpriseProfile] = []
        self.associations: list[AssociationRow] = []
        self.brands: list[BrandRow] = []
        self.by_name: dict[str, BrandRow] = {}
        self.trademarks: list[TrademarkRow] = []
        self.certificates: list[CertificateRow] = []
        self.products: list[ProductRow] = []
        self.gis: list[GiRow] = []
        self.authorisations: list[GiAuthorisationRow] = []
        self.numbers: set[str] = set()
        self.prefixes: set[str] = set()
        self.founded: dict[str, datetime.date] = {}
        self.expired_on = ""  # the brand whose certificate has expired (it waits, approved, unpublishable)

    # ------------------------------------------------------------ numbers and people

    def unique(self, make: str) -> str:
        """`make` with each '#' replaced by a random digit, never handed out before."""
        while True:
            number = "".join(self.rng.choice("0123456789") if c == "#" else c for c in make)
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def profile(
        self, name: str, district: str, division: str, capital_wan: tuple[int, int]
    ) -> EnterpriseProfile:
        founded = datetime.date(
            self.rng.randint(1993, 2021), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        self.founded[name] = founded
        return EnterpriseProfile(
            name=name, legal_representative=self.person(),
            registered_capital_yuan=Decimal(self.rng.randint(*capital_wan) * 10000).quantize(Decimal("0.01")),
            founded_on=founded, industry_code=division,
            address=f"重庆市{self.names[district]}{self.rng.choice(ROADS)}{self.rng.randint(1, 999)}号",
            contact_name=self.person(),
        )  # fmt: skip

    def tier(self, pillar: str) -> str | None:
        table = _TIERS["agri" if pillar.startswith("agri") else pillar if pillar in _TIERS else "other"]
        return self.rng.choices([t for t, _ in table], weights=[w for _, w in table])[0]

    def brand_name(self, wanted: str, district: str) -> str:
        for name in (wanted, place_name(self.names[district]) + wanted):
            if name not in self.by_name:
                return name
        n = 2
        while f"{wanted}{n}" in self.by_name:
            n += 1
        return f"{wanted}{n}"

    def add_brand(self, row: BrandRow) -> BrandRow:
        self.brands.append(row)
        self.by_name[row.name] = row
        return row

    def trademark(self, brand: BrandRow, nice_class: int, goods: str) -> None:
        start = self.as_of - datetime.timedelta(days=self.rng.randint(200, 9 * 365))
        end = _years_later(start, 10) - datetime.timedelta(days=1)
        number = self.unique(str(self.rng.randint(1, 6)) + "#######")
        self.trademarks.append(
            TrademarkRow(number, brand.owner, brand.name, nice_class, brand.name, goods, start, end)
        )

    # ------------------------------------------------------------ rows

    def enterprise(self, org: OrgRow) -> None:
        line = LINES[org.industry]
        assert org.district_code is not None  # noqa: S101 - enterprises in the plan always have one
        profile = self.profile(org.name, org.district_code, line.division, line.capital_wan)
        self.profiles.append(profile)
        trade = trade_name(org)
        districts: tuple[str, ...] = (org.district_code,)
        others = [
            d for d in next(ds for p, ds, _ in INDUSTRIES if p == org.industry) if d != org.district_code
        ]
        if others and self.rng.random() < 0.3:
            districts += (self.rng.choice(others),)
        year = self.rng.randint(profile.founded_on.year, min(profile.founded_on.year + 8, 2025))
        place = self.names[org.district_code]
        brand = self.add_brand(BrandRow(
            name=self.brand_name(trade + line.word, org.district_code), owner=org.name, kind=line.kind,
            pillar_code=line.pillar, category_codes=(line.category,), product_lines=(line.product_line,),
            tier_code=self.tier(line.pillar), district_codes=districts, founded_year=year,
            story=f"{trade}{line.word}创立于{year}年，立足{place}，主营{line.product_line}。",
        ))  # fmt: skip
        self.trademark(brand, line.nice_class, line.goods)
        if line.items:
            prefix = self.company_prefix()
            first_item = self.rng.randint(1, 400)
            count = self.rng.randint(1, len(line.items))
            for i, (item, spec) in enumerate(line.items[:count]):
                self.products.append(ProductRow(
                    gtin13(prefix, first_item + i), f"{brand.name}{item}", brand.name, org.name, line.category, spec,
                ))  # fmt: skip
        if line.kind != BrandKind.ENTERPRISE and self.rng.random() < 0.3:
            house = self.add_brand(BrandRow(
                name=self.brand_name(trade, org.district_code), owner=org.name, kind=BrandKind.ENTERPRISE,
                pillar_code=line.pillar, category_codes=(line.category,), product_lines=(),
                tier_code=self.tier(line.pillar), district_codes=(org.district_code,),
                founded_year=profile.founded_on.year, story=f"{org.name}的企业品牌。",
            ))  # fmt: skip
            self.trademark(house, line.nice_class, line.goods)

    def uscc(self, district: str, registration: str = "91") -> str:
        while (code := demo_uscc(self.rng, district, registration)) in self.usccs:
            pass  # pragma: no cover - a repeat of a random 6-character code
        self.usccs.add(code)
        return code

    def anchor(self, industry: str, district: str) -> OrgRow:
        """A producer of `industry` in `district`, for a GI whose area has none in the organisation plan."""
        place = place_name(self.names[district])
        trade = next(t for t in TRADE_NAMES if f"重庆市{place}{t}{_SUFFIXES[industry]}" not in self.org_names)
        org = OrgRow(
            "enterprise",
            f"重庆市{place}{trade}{_SUFFIXES[industry]}",
            self.uscc(district),
            district,
            industry,
        )
        self.org_names.add(org.name)
        self.extra_enterprises.append(org)
        self.enterprise(org)
        return org

    def company_prefix(self) -> str:
        """A GS1 China company prefix: 690/691 + 4 digits, or 692–695 + 6 digits."""
        while True:
            head = self.rng.choice(("690", "691", "692", "693", "694", "695"))
            prefix = head + "".join(self.rng.choice("0123456789") for _ in range(4 if head < "692" else 6))
            if prefix not in self.prefixes:
                self.prefixes.add(prefix)
                return prefix

    def regional(self, rb: RegionalBrand, users: list[OrgRow]) -> None:
        """The association holding a regional public brand, the brand, its GI, mark and authorised users."""
        district_name = self.names[rb.district]
        name = f"{district_name}{rb.association}（演示）"
        self.associations.append(
            AssociationRow(
                name,
                self.uscc(rb.district, "51"),
                rb.district,
                self.profile(name, rb.district, "95", (3, 50)),
            )
        )
        if rb.line and not users:  # no demo producer there: add one, so the GI has an authorised user
            users = [self.anchor(rb.line, rb.district)]
        founded = self.founded[name].year + 1
        tier = "national" if rb.name in ("涪陵榨菜", "奉节脐橙", "荣昌猪") else "regional"
        brand = self.add_brand(BrandRow(
            name=rb.name, owner=name, kind=BrandKind.REGIONAL_PUBLIC, pillar_code=rb.pillar,
            category_codes=(rb.category,), product_lines=rb.product_lines, tier_code=tier,
            district_codes=(rb.district,), founded_year=founded, name_en=rb.name_en,
            story=f"{rb.name}是{district_name}的区域公用品牌，由{name}持有，授权区域内符合标准的生产者使用。",
        ))  # fmt: skip
        self.trademark(brand, rb.nice_class, f"{rb.name}（地理标志证明商标）")
        standard = rb.standard or GI_STANDARDS[rb.gi_kind].format(name=rb.name)
        kind = GI_CERTIFICATE[rb.gi_kind]
        number = self.unique("AGI0####" if rb.gi_kind == GiKind.AGRICULTURAL else "GI50####")
        self.gis.append(GiRow(rb.name, rb.gi_kind, number, standard, (rb.district,), name, rb.name))
        issuer, _validity = ISSUERS[kind]
        self.certificates.append(CertificateRow(
            kind, number, issuer, name, rb.name, f"{rb.name}（保护范围：{district_name}）",
            datetime.date(max(founded, 2006), 6, 1), None,
        ))  # fmt: skip
        start = datetime.date(self.as_of.year - 1, 1, 1)
        for i, org in enumerate(users, start=1):
            self.authorisations.append(GiAuthorisationRow(
                rb.name, org.name, f"{place_name(district_name)}GI-{start.year}-{i:03d}",
                start, datetime.date(self.as_of.year + 2, 12, 31),
            ))  # fmt: skip

    def assign_statuses(self, *, first_enterprise: str) -> None:
        """Most brands published; a few in every other step, so each demo reviewer has work waiting."""
        candidates = [r.name for r in self.brands if r.kind != BrandKind.REGIONAL_PUBLIC]
        self.rng.shuffle(candidates)
        first = next(r.name for r in self.brands if r.owner == first_enterprise)
        candidates.remove(first)
        candidates.insert(0, first)  # the demo enterprise user has a draft to submit
        in_demo_district = {r.name for r in self.brands if DEMO_DISTRICT in r.district_codes}
        assigned: dict[str, str] = {}

        def take(count: int, status: str, wanted: frozenset[str] | set[str] | None = None) -> None:
            picked = [n for n in candidates if n not in assigned and (wanted is None or n in wanted)][:count]
            picked += [n for n in candidates if n not in assigned and n not in picked][: count - len(picked)]
            assigned.update(dict.fromkeys(picked, status))

        agri = {r.name for r in self.brands if r.pillar_code == "agri-original"}
        econ = {r.name for r in self.brands if r.pillar_code in ECON_PILLARS}
        take(2, BrandStatus.DRAFT)
        take(2, BrandStatus.SUBMITTED, in_demo_district)
        take(2, BrandStatus.SUBMITTED)
        take(2, BrandStatus.DISTRICT_APPROVED, agri)
        take(2, BrandStatus.DISTRICT_APPROVED, econ)
        take(2, BrandStatus.APPROVED, agri)  # the second holds the expired certificate
        take(1, BrandStatus.APPROVED, econ)
        take(2, BrandStatus.RETURNED)
        take(1, BrandStatus.SUSPENDED)
        take(1, BrandStatus.WITHDRAWN)
        self.expired_on = [n for n, s in assigned.items() if s == BrandStatus.APPROVED][1]
        for i, row in enumerate(self.brands):
            status = assigned.get(row.name, BrandStatus.PUBLISHED)
            if status != BrandStatus.PUBLISHED:
                row = replace(row, status=status, status_reason=REASONS.get(status, ""))
                self.brands[i] = self.by_name[row.name] = row
        # 涪陵青菜头: the 涪陵 association's second brand, just submitted, so 涪陵 always has a review waiting.
        holder = next(a.name for a in self.associations if a.district_code == DEMO_DISTRICT)
        self.add_brand(BrandRow(
            name="涪陵青菜头", owner=holder, kind=BrandKind.REGIONAL_PUBLIC, pillar_code="agri-original",
            category_codes=("vegetables",), product_lines=("特色蔬菜",), tier_code="regional",
            district_codes=(DEMO_DISTRICT,), founded_year=2025, name_en="Fuling Mustard Tuber",
            story="涪陵青菜头是榨菜的原料，鲜销全国；协会申报为区域公用品牌。", status=BrandStatus.SUBMITTED,
        ))  # fmt: skip

    def certificates_for_brands(self) -> None:
        """One or two certificates per product brand; three expire within 90 days and one has expired."""
        soon = iter((20, 45, 80))
        published_seen = 0
        for row in self.brands:
            if row.kind == BrandKind.REGIONAL_PUBLIC or not row.product_lines:
                continue
            line = next(ln for ln in LINES.values() if ln.product_line in row.product_lines)
            kinds = self.rng.sample(line.certificates, k=min(len(line.certificates), self.rng.randint(1, 2)))
            for n, kind in enumerate(kinds):
                issuer, validity = ISSUERS[kind]
                end: datetime.date | None = None
                if validity is not None:
                    end = self.as_of + datetime.timedelta(days=self.rng.randint(120, validity - 30))
                    if row.name == self.expired_on and n == 0:
                        end = self.as_of - datetime.timedelta(days=30)
                    elif row.status == BrandStatus.PUBLISHED and n == 0 and published_seen % 9 == 4:
                        end = self.as_of + datetime.timedelta(days=next(soon, self.rng.randint(120, 300)))
                if end is not None and validity is not None:
                    start = end - datetime.timedelta(days=validity)
                else:
                    start = datetime.date(max(row.founded_year, self.as_of.year - 8), 3, 1)
                self.certificates.append(CertificateRow(
                    kind, self.unique(_NUMBER_FORMATS[kind]), issuer, row.owner, row.name,
                    f"{row.name}：{'、'.join(row.product_lines) or row.name}", start, end,
                ))  # fmt: skip
            published_seen += row.status == BrandStatus.PUBLISHED


_NUMBER_FORMATS: dict[str, str] = {
    _C.GREEN_FOOD: "LB-##-##########A", _C.ORGANIC: "1##OP##00####", _C.ISO_9001: "001##Q#####R0M",
    _C.ISO_22000: "001FSMS##0####", _C.HACCP: "001HACCP##0####", _C.FAMOUS_PRODUCT: "CQMP-####-###",
    _C.CQ_TIME_HONOURED: "CQLZH-####",
}  # fmt: skip


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
