"""Master data of the demo traceability chains: GLN sites and GTIN items of the producers, markets and stores.

Pure: `traceability.py` builds a `Master` from the demo enterprises in the database; `synthetic_master()` invents one
that needs no database (the benchmark, the builder's tests). GS1 keys are built with their check digits here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engines.epcis import gs1_check_digit

CHAIN_KINDS = ("vegetables", "grain", "oil", "citrus", "pork", "zhacai")
# kind → (site roles, item roles) a producer of that kind must have
ROLES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "vegetables": (("farm", "packhouse"), ("raw", "packed")),
    "grain": (("farm", "mill"), ("paddy", "rice")),
    "oil": (("farm", "mill"), ("seed", "crude", "bottled")),
    "citrus": (("farm", "packhouse"), ("raw", "carton")),
    "pork": (("farm", "slaughterhouse"), ("pig", "carcass", "pork")),
    "zhacai": (("farm", "processor"), ("tuber", "salted", "packed")),
}


def gln(prefix: str, reference: int) -> str:
    """A GLN from a GS1 company prefix and a location reference, with its check digit."""
    body = prefix + str(reference).zfill(12 - len(prefix))
    return body + gs1_check_digit(body)


def gtin14(prefix: str, item: int, indicator: str = "0") -> str:
    """A GTIN-14 from an indicator digit, a company prefix and an item reference, with its check digit."""
    body = indicator + prefix + str(item).zfill(12 - len(prefix))
    return body + gs1_check_digit(body)


def sscc(prefix: str, serial: int, extension: str = "3") -> str:
    """An SSCC from an extension digit, a company prefix and a serial reference, with its check digit."""
    body = extension + prefix + str(serial).zfill(16 - len(prefix))
    return body + gs1_check_digit(body)


@dataclass(frozen=True)
class Site:
    """A GLN site: its company prefix length splits the GLN for the EPC URN form."""

    gln: str
    prefix_length: int
    name: str
    kind: str  # a LocationKind value
    party_gln: str  # the owning enterprise's party GLN (same company prefix)


@dataclass(frozen=True)
class Item:
    """A trade item; `size` is the kilograms (litres) in one piece of a packed item."""

    gtin: str  # 14 digits
    prefix_length: int
    name: str
    uom: str  # KGM, LTR, or H87 (pieces: bags, cartons, bottles, pigs)
    size: float = 0.0
    registered: bool = False  # a registry product: its lots are registered as Lot rows


@dataclass(frozen=True)
class Producer:
    kind: str  # one of CHAIN_KINDS
    sites: Mapping[str, Site]  # role → site (ROLES[kind][0])
    items: Mapping[str, Item]  # role → item (ROLES[kind][1])


@dataclass(frozen=True)
class Master:
    producers: tuple[Producer, ...]
    markets: tuple[Site, ...]
    stores: tuple[Site, ...]
    cold_stores: tuple[Site, ...]

    def kinds(self) -> tuple[str, ...]:
        present = {p.kind for p in self.producers}
        return tuple(k for k in CHAIN_KINDS if k in present)


def synthetic_master() -> Master:
    """Invented master data that needs no database (GS1 China prefixes 690–695, valid check digits)."""

    def site(prefix: str, ref: int, name: str, kind: str) -> Site:
        return Site(gln(prefix, ref), len(prefix), name, kind, gln(prefix, 0))

    def item(prefix: str, ref: int, name: str, uom: str, size: float = 0.0) -> Item:
        return Item(gtin14(prefix, ref), len(prefix), name, uom, size, registered=size > 0)

    veg, grain, citrus, pork, zhacai = "6901234", "692345678", "6934567", "694567890", "6955678"
    market, retail = "693000123", "6910002"
    sites = {
        "veg": (site(veg, 1, "潼南蔬菜种植基地", "farm"), site(veg, 2, "潼南蔬菜分拣包装中心", "cooperative")),
        "grain": (site(grain, 1, "潼南稻谷种植基地", "farm"), site(grain, 2, "潼南油菜种植基地", "farm"),
                  site(grain, 3, "潼南粮油加工厂", "processor")),
    }  # fmt: skip
    return Master(
        producers=(
            Producer("vegetables", {"farm": sites["veg"][0], "packhouse": sites["veg"][1]},
                     {"raw": item(veg, 901, "西兰花（鲜）", "KGM"), "packed": item(veg, 1, "西兰花 500克/袋", "H87", 0.5)}),
            Producer("grain", {"farm": sites["grain"][0], "mill": sites["grain"][2]},
                     {"paddy": item(grain, 901, "稻谷", "KGM"), "rice": item(grain, 1, "长粒香米 5千克/袋", "H87", 5.0)}),
            Producer("oil", {"farm": sites["grain"][1], "mill": sites["grain"][2]},
                     {"seed": item(grain, 902, "油菜籽", "KGM"), "crude": item(grain, 903, "毛菜籽油", "LTR"),
                      "bottled": item(grain, 2, "压榨菜籽油 5升/桶", "H87", 5.0)}),
            Producer("citrus", {"farm": site(citrus, 1, "奉节脐橙果园", "farm"),
                                "packhouse": site(citrus, 2, "奉节脐橙选果厂", "processor")},
                     {"raw": item(citrus, 901, "脐橙鲜果（未分级）", "KGM"), "carton": item(citrus, 1, "鲜脐橙 5千克/箱", "H87", 5.0)}),
            Producer("pork", {"farm": site(pork, 1, "荣昌猪养殖场", "farm"),
                              "slaughterhouse": site(pork, 2, "荣昌猪屠宰加工厂", "processor")},
                     {"pig": item(pork, 901, "荣昌生猪（活体）", "H87"), "carcass": item(pork, 902, "白条猪肉", "KGM"),
                      "pork": item(pork, 1, "冷鲜猪肉 500克/盒", "H87", 0.5)}),
            Producer("zhacai", {"farm": site(zhacai, 1, "涪陵青菜头种植基地", "farm"),
                                "processor": site(zhacai, 2, "涪陵榨菜加工厂", "processor")},
                     {"tuber": item(zhacai, 901, "青菜头（鲜）", "KGM"), "salted": item(zhacai, 902, "盐渍榨菜坯", "KGM"),
                      "packed": item(zhacai, 1, "鲜脆榨菜丝 80克/袋", "H87", 0.08)}),
        ),
        markets=(site(market, 1, "双福农产品批发市场", "wholesale_market"),),
        stores=(site(retail, 11, "解放碑店", "store"), site(retail, 12, "观音桥店", "store"), site(retail, 13, "南坪店", "store")),
        cold_stores=(site(retail, 2, "沙坪坝冷链配送中心", "warehouse"),),
    )  # fmt: skip
