"""Demo traceability: the chains of `traceability_chains` on the demo enterprises, captured like a client would.

`trace_plan(seed=…)` reads the demo registry (the 榨菜, 脐橙 and 荣昌生猪 producers and their products) and works out,
without writing, the master data the chains need: two GLN sites for each of up to two producers per line, and four
invented partners (marked demo) for the parts no demo enterprise plays: a vegetable co-operative and a grain-and-oil
company in 潼南, a wholesale market at 江津双福, and a supermarket chain with a cold store and four stores.
`trace_master_ensure` registers what is missing through the registry and traceability services (the partners'
brands are walked to published), `trace_lots_register` the lots of registered products; the documents then go to
POST /epcis/capture (`traceability_capture`). `demo_traceability_load` does it all once for `manage.py demo`.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pinpai.accounts.models import Organisation, User
from pinpai.common.models import Category, District, IndustryClass, Pillar, ProductLine
from pinpai.demo.permissions import can_demo_load
from pinpai.demo.plan import GIVEN, SURNAMES, demo_uscc
from pinpai.demo.traceability_capture import InProcessClient, capture_token_issue, trace_documents_send
from pinpai.demo.traceability_chains import build_chains, documents
from pinpai.demo.traceability_events import Chain
from pinpai.demo.traceability_master import Item, Master, Producer, Site, gln, gtin14
from pinpai.registry.choices import BrandKind
from pinpai.registry.models import Enterprise, Product
from pinpai.registry.services.brands import (
    brand_create,
    brand_department_approve,
    brand_district_approve,
    brand_publish,
    brand_submit,
)
from pinpai.registry.services.enterprises import enterprise_register
from pinpai.registry.services.rights import product_register
from pinpai.traceability.models import Event, Location, Lot
from pinpai.traceability.selectors.masterdata import location_identifier, lot_identifier
from pinpai.traceability.services.masterdata import location_register, lot_register

DEMO_CHAINS = 12  # chains `manage.py demo` captures
CAPTURE_USERNAME = "enterprise"  # the demo user whose API token captures the chains
PRODUCERS_PER_KIND = 2
PARTNER_PREFIX_LENGTH = 9  # 692–695 + 6 digits, like the registry plan's longer GS1 China prefixes


@dataclass(frozen=True)
class Partner:
    """An invented enterprise the chains need; its products (item reference, name, spec) get GTINs of its prefix."""

    name: str
    district: str
    industry: str  # GB/T 4754 division
    brand: str = ""
    category: str = ""  # agri-original category of the brand
    product_line: str = ""
    products: tuple[tuple[int, str, str], ...] = ()
    sites: tuple[tuple[int, str, str, str], ...] = ()  # location reference, name, kind, district code


PARTNERS = {
    "vegetables": Partner("重庆市潼南演示蔬菜专业合作社", "500152", "01", "菜都鲜蔬", "vegetables", "特色蔬菜",
                          ((1, "菜都鲜蔬西兰花", "500克/袋"),),
                          ((1, "菜都鲜蔬西兰花种植基地", "farm", "500152"), (2, "菜都鲜蔬分拣包装中心", "cooperative", "500152"))),
    "grain": Partner("重庆市潼南演示粮油有限公司", "500152", "13", "涪江粮油", "grain-oil", "",
                     ((1, "涪江长粒香米", "5千克/袋"), (2, "涪江压榨菜籽油", "5升/桶")),
                     ((1, "涪江粮油水稻种植基地", "farm", "500152"), (2, "涪江粮油油菜种植基地", "farm", "500152"),
                      (3, "涪江粮油加工厂", "processor", "500152"))),
    "market": Partner("重庆演示农产品批发市场有限公司", "500116", "51",
                      sites=((1, "双福农产品批发市场（演示）", "wholesale_market", "500116"),)),
    "retail": Partner("重庆演示超市连锁有限公司", "500103", "52",
                      sites=((1, "演示超市沙坪坝冷链配送中心", "warehouse", "500106"), (11, "演示超市解放碑店", "store", "500103"),
                             (12, "演示超市观音桥店", "store", "500105"), (13, "演示超市南坪店", "store", "500108"),
                             (14, "演示超市杨家坪店", "store", "500107"))),
}  # fmt: skip
# Items that are not registry products (raw materials, intermediates): role → (item reference, name, unit).
RAW = {
    "vegetables": {"raw": (901, "西兰花（鲜）", "KGM")},
    "grain": {"paddy": (901, "稻谷", "KGM")},
    "oil": {"seed": (902, "油菜籽", "KGM"), "crude": (903, "毛菜籽油", "LTR")},
    "citrus": {"raw": (901, "脐橙鲜果（未分级）", "KGM")},
    "pork": {"pig": (901, "荣昌生猪（活体）", "H87"), "carcass": (902, "白条猪肉", "KGM")},
    "zhacai": {"tuber": (901, "青菜头（鲜）", "KGM"), "salted": (902, "盐渍榨菜坯", "KGM")},
}
# Demo registry lines that play a chain: kind → (product line, GI district first, packed-item role, the product to
# prefer, the two sites as (role, name after the brand's, kind)).
LINES = {
    "zhacai": ("榨菜", "500102", "packed", "榨菜丝", (("farm", "青菜头种植基地", "farm"), ("processor", "加工厂", "processor"))),
    "citrus": ("脐橙", "500236", "carton", "鲜脐橙", (("farm", "果园", "farm"), ("packhouse", "选果厂", "processor"))),
    "pork": ("荣昌生猪", "500153", "pork", "冷鲜", (("farm", "养殖场", "farm"), ("slaughterhouse", "屠宰加工厂", "processor"))),
}  # fmt: skip
# Rough centres of the districts the sites are in (°N, °E), for the map; others get no coordinates.
CENTRES = {
    "500101": (30.81, 108.41), "500102": (29.70, 107.39), "500103": (29.55, 106.57), "500105": (29.61, 106.57),
    "500106": (29.54, 106.46), "500107": (29.50, 106.51), "500108": (29.52, 106.56), "500116": (29.29, 106.26),
    "500152": (30.19, 105.84), "500153": (29.40, 105.59), "500230": (29.86, 107.73), "500233": (30.30, 108.04),
    "500235": (30.93, 108.70), "500236": (31.02, 109.46),
}  # fmt: skip
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(千克|公斤|克|毫升|升)")


@dataclass(frozen=True)
class SiteRow:
    """A Location to register: the site, its enterprise (organisation name) and where it is."""

    site: Site
    owner: str
    district: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None


@dataclass(frozen=True)
class TracePlan:
    master: Master
    partners: tuple[tuple[Partner, str, str], ...]  # partners not yet registered: spec, USCC, company prefix
    sites: tuple[SiteRow, ...]


def size_of(specification: str) -> float:
    """Kilograms (or litres) in one piece, from a specification such as 80克/袋 or 5升/桶; 1 if none is given."""
    match = _SIZE.search(specification)
    if match is None:
        return 1.0
    value = float(match.group(1))
    return value / 1000 if match.group(2) in ("克", "毫升") else value


def _prefix_length(gtin: str) -> int:
    return 7 if gtin[1:4] in ("690", "691") else 9


def _site_row(rng: random.Random, site: Site, owner: str, district: str, names: dict[str, str]) -> SiteRow:
    centre = CENTRES.get(district)
    lat = lon = None
    if centre is not None:
        lat = Decimal(str(round(centre[0] + rng.uniform(-0.03, 0.03), 6)))
        lon = Decimal(str(round(centre[1] + rng.uniform(-0.03, 0.03), 6)))
    address = (
        f"重庆市{names[district]}{site.name}"
        if site.kind == "farm"
        else f"重庆市{names[district]}{rng.randint(1, 399)}号"
    )
    return SiteRow(site, owner, district, address, lat, lon)  # fmt: skip


def _raw_items(kind: str, prefix: str) -> dict[str, Item]:
    return {
        role: Item(gtin14(prefix, ref), len(prefix), name, uom)
        for role, (ref, name, uom) in RAW[kind].items()
    }


def _free_prefix(rng: random.Random, taken: set[str]) -> str:
    while True:
        prefix = "69" + rng.choice("2345") + "".join(rng.choice("0123456789") for _ in range(6))
        if (
            prefix not in taken
            and not Product.objects.filter(gtin__startswith="0" + prefix).exists()
            and not Location.objects.filter(gln__startswith=prefix).exists()
        ):
            taken.add(prefix)
            return prefix


def trace_plan(*, seed: int) -> TracePlan:
    """The master data the chains need (read only): see the module docstring."""
    rng = random.Random(f"trace-master:{seed}")  # noqa: S311 - demo data must be reproducible, not secret
    names = dict(District.objects.values_list("code", "name"))
    producers: list[Producer] = []
    rows: list[SiteRow] = []
    new: list[tuple[Partner, str, str]] = []
    prefixes: dict[str, str] = {}
    taken: set[str] = set()
    usccs = set(Organisation.objects.exclude(uscc=None).values_list("uscc", flat=True))
    for key, partner in PARTNERS.items():
        first = Location.objects.filter(enterprise__organisation__name=partner.name).order_by("gln").first()
        if first is not None:
            prefixes[key] = first.gln[:PARTNER_PREFIX_LENGTH]
            continue
        prefixes[key] = _free_prefix(rng, taken)
        while (uscc := demo_uscc(rng, partner.district)) in usccs:
            pass  # pragma: no cover - a repeat of a random 6-character code
        usccs.add(uscc)
        new.append((partner, uscc, prefixes[key]))
    sites: dict[str, dict[int, Site]] = {}
    for key, partner in PARTNERS.items():
        prefix = prefixes[key]
        party = gln(prefix, 0)
        sites[key] = {
            ref: Site(gln(prefix, ref), len(prefix), name, kind, party)
            for ref, name, kind, _ in partner.sites
        }
        rows += [
            _site_row(rng, sites[key][ref], partner.name, district, names)
            for ref, _, _, district in partner.sites
        ]

    def registered(key: str, ref: int) -> Item:
        name, spec = next((n, s) for r, n, s in PARTNERS[key].products if r == ref)
        prefix = prefixes[key]
        return Item(gtin14(prefix, ref), len(prefix), f"{name} {spec}", "H87", size_of(spec), registered=True)

    veg, grain = sites["vegetables"], sites["grain"]
    veg_items = _raw_items("vegetables", prefixes["vegetables"])
    grain_items, oil_items = _raw_items("grain", prefixes["grain"]), _raw_items("oil", prefixes["grain"])
    producers += [
        Producer("vegetables", {"farm": veg[1], "packhouse": veg[2]}, {**veg_items, "packed": registered("vegetables", 1)}),
        Producer("grain", {"farm": grain[1], "mill": grain[3]}, {**grain_items, "rice": registered("grain", 1)}),
        Producer("oil", {"farm": grain[2], "mill": grain[3]}, {**oil_items, "bottled": registered("grain", 2)}),
    ]  # fmt: skip
    for kind, (line, home, role, prefer, roles) in LINES.items():
        for product in _line_products(line, home, prefer):
            prefix = product.gtin[1 : 1 + _prefix_length(product.gtin)]
            owner = product.enterprise.organisation
            district = owner.district.code if owner.district else home
            party = gln(prefix, 0)
            own_sites = {
                r: Site(gln(prefix, i), len(prefix), product.brand.name + suffix, k, party)
                for i, (r, suffix, k) in enumerate(roles, start=1)
            }
            rows += [_site_row(rng, s, owner.name, district, names) for s in own_sites.values()]
            size = size_of(product.specification)
            item = Item(product.gtin, len(prefix), product.name, "H87", size, registered=True)
            producers.append(Producer(kind, own_sites, {**_raw_items(kind, prefix), role: item}))
    retail = sites["retail"]
    master = Master(
        tuple(producers), markets=(sites["market"][1],), stores=tuple(s for r, s in retail.items() if r >= 11),
        cold_stores=(retail[1],),
    )  # fmt: skip
    return TracePlan(master, tuple(new), tuple(rows))


def _line_products(line: str, home: str, prefer: str) -> list[Product]:
    """Up to PRODUCERS_PER_KIND demo producers of a line (those in the GI district first), one product each."""
    home_id = District.objects.filter(code=home).values_list("pk", flat=True).first()
    products = (
        Product.objects.filter(enterprise__organisation__is_demo=True, brand__product_lines__name=line)
        .select_related("enterprise__organisation__district", "brand")
        .order_by("enterprise__organisation__name", "gtin")
    )
    chosen: dict[int, Product] = {}
    for product in products:
        current = chosen.get(product.enterprise_id)
        if current is None or (prefer in product.name and prefer not in current.name):
            chosen[product.enterprise_id] = product
    ranked = sorted(
        chosen.values(),
        key=lambda p: (p.enterprise.organisation.district_id != home_id, p.enterprise.organisation.name),
    )
    return ranked[:PRODUCERS_PER_KIND]


def _partner_register(actor: Any, partner: Partner, uscc: str, prefix: str, rng: random.Random) -> None:
    district = District.objects.get(code=partner.district)
    enterprise = enterprise_register(
        actor=actor, name=partner.name, uscc=uscc, district=district,
        industry=IndustryClass.objects.get(code=partner.industry, level="division"),
        legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN), contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
        founded_on=datetime.date(rng.randint(2005, 2018), rng.randint(1, 12), rng.randint(1, 28)),
        registered_capital_yuan=Decimal(rng.randint(50, 2000) * 10000), address=f"重庆市{district.name}{rng.randint(1, 399)}号",
        is_demo=True,
    )  # fmt: skip
    if not partner.brand:
        return
    pillar = Pillar.objects.get(code="agri-original")
    category = Category.objects.get(pillar=pillar, code=partner.category)
    lines = (
        list(ProductLine.objects.filter(pillar=pillar, name=partner.product_line))
        if partner.product_line
        else []
    )
    brand = brand_create(
        actor=actor, owner=enterprise, name=partner.brand, kind=BrandKind.PRODUCT, pillar=pillar, districts=[district],
        categories=[category], product_lines=lines, founded_year=enterprise.founded_on.year if enterprise.founded_on else None,
        story=f"{partner.brand}产自{district.name}，每一批都可追溯到种植基地。",
    )  # fmt: skip
    for step in (brand_submit, brand_district_approve, brand_department_approve, brand_publish):
        brand = step(actor=actor, brand=brand)
    for ref, name, spec in partner.products:
        product_register(
            actor=actor, enterprise=enterprise, brand=brand, gtin=gtin14(prefix, ref)[1:], name=name,
            category=category, specification=spec,
        )  # fmt: skip


@transaction.atomic
def trace_master_ensure(*, actor: Any, plan: TracePlan, seed: int) -> int:
    """Register the plan's missing partners and locations; returns how many locations were registered."""
    if not can_demo_load(actor):
        raise PermissionDenied
    rng = random.Random(f"trace-partners:{seed}")  # noqa: S311 - demo data must be reproducible, not secret
    for partner, uscc, prefix in plan.partners:
        _partner_register(actor, partner, uscc, prefix, rng)
    owners = {
        e.organisation.name: e
        for e in Enterprise.objects.filter(organisation__name__in={r.owner for r in plan.sites}).select_related("organisation")
    }  # fmt: skip
    districts = {d.code: d for d in District.objects.filter(code__in={r.district for r in plan.sites})}
    known = set(
        Location.objects.filter(gln__in=[r.site.gln for r in plan.sites]).values_list("identifier", flat=True)
    )
    created = 0
    for row in plan.sites:
        if location_identifier(row.site.gln) in known:
            continue
        location_register(
            actor=actor, enterprise=owners[row.owner], gln=row.site.gln, name=row.site.name, kind=row.site.kind,
            district=districts[row.district], address=row.address, latitude=row.latitude, longitude=row.longitude,
        )  # fmt: skip
        created += 1
    return created


@transaction.atomic
def trace_lots_register(*, actor: Any, chains: list[Chain]) -> int:
    """Register the lots of registered products the chains make (those not registered yet); returns how many."""
    if not can_demo_load(actor):
        raise PermissionDenied
    records = {lot_identifier(r.gtin, r.lot): r for chain in chains for r in chain.lots}
    known = set(Lot.objects.filter(identifier__in=list(records)).values_list("identifier", flat=True))
    for identifier, record in records.items():
        if identifier not in known:
            lot_register(actor=actor, gtin=record.gtin, lot_number=record.lot, produced_on=record.produced_on)
    return len(records) - len(known)


def trace_chains_captured(*, chains: list[Chain]) -> bool:
    """Whether these chains were captured already (the same seed and base date): their eventIDs would clash."""
    first = [chain.events[0]["eventID"] for chain in chains[:100]]
    return Event.objects.filter(event_id__in=first).exists()


@dataclass(frozen=True)
class DemoTraceabilityResult:
    loaded: bool
    chains: int = 0
    events: int = 0
    lots: int = 0
    capture_ids: tuple[str, ...] = ()


def demo_traceability_load(*, actor: Any, seed: int, chains: int = DEMO_CHAINS) -> DemoTraceabilityResult:
    """Once: the demo master data, `chains` chains up to yesterday, captured through POST /epcis/capture by the demo
    enterprise user. Nothing if demo locations exist already or the demo users are not loaded."""
    if not can_demo_load(actor):
        raise PermissionDenied
    if Location.objects.filter(enterprise__organisation__is_demo=True).exists():
        return DemoTraceabilityResult(False)
    if not User.objects.filter(username=CAPTURE_USERNAME, is_active=True).exists():
        return DemoTraceabilityResult(False)
    today = timezone.localdate()
    plan = trace_plan(seed=seed)
    trace_master_ensure(actor=actor, plan=plan, seed=seed)
    rng = random.Random(f"trace:{seed}")  # noqa: S311 - demo data must be reproducible, not secret
    built = list(build_chains(rng, count=chains, base_date=today, master=plan.master))
    lots = trace_lots_register(actor=actor, chains=built)
    client = InProcessClient(capture_token_issue(actor=actor, username=CAPTURE_USERNAME))
    submissions = trace_documents_send(client=client, documents=documents(built, created=today))
    rejected = [s for s in submissions if s.status != 202]
    if rejected:  # our own documents must be valid: a bug, not user input
        raise RuntimeError(
            f"the capture endpoint refused a demo document: {rejected[0].status} {rejected[0].body}"
        )
    events = sum(len(c.events) for c in built)
    return DemoTraceabilityResult(True, len(built), events, lots, tuple(s.capture_id for s in submissions))
