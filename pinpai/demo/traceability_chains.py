"""Realistic EPCIS 2.0 supply chains of Chongqing products, as capture documents (JSON-LD dicts).

Pure and deterministic: given a seeded `random.Random`, a number of chains, the base date (the last day a chain may
reach, passed in, never read from the clock) and the master data (`Master`: sites with GLNs, items with GTINs), the
same chains come out. Six kinds, in turn: vegetables (潼南 broccoli), grain (rice), edible oil (rapeseed → pressed →
bottled), citrus (奉节脐橙, cartons on SSCC pallets), pork (荣昌猪, a cold chain with temperature readings) and zhacai
(涪陵榨菜: tubers → salted → packed). Each chain is 7–12 events in time order (+08:00), harvests in season; lots flow
through TransformationEvents, so a retail lot's backward trace reaches the farm lot. Identifiers are GS1 Digital
Links on https://id.gs1.org, or, for about one chain in seven, EPC URNs. The demo loader and the EPCIS benchmark use
`chain_documents`; `traceability_master.synthetic_master` gives master data that needs no database.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pinpai.demo.traceability_events import (
    OFFSET,
    Chain,
    ChainWriter,
    best_before_ilmd,
    harvest_ilmd,
    quantity_element,
)
from pinpai.demo.traceability_master import ROLES, Item, Master, Producer, synthetic_master

__all__ = [
    "MAX_DOCUMENT_EVENTS",
    "Chain",
    "Master",
    "build_chains",
    "chain_documents",
    "documents",
    "synthetic_master",
]

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
MAX_DOCUMENT_EVENTS = 500
URN_SHARE = 0.15  # chains written with EPC URNs instead of Digital Links
# kind → harvest season (first month, first day, length in days); pigs and vegetables all year round
SEASONS: Mapping[str, tuple[int, int, int]] = {
    "vegetables": (1, 1, 366), "grain": (8, 10, 52), "oil": (5, 1, 31),
    "citrus": (11, 20, 150), "pork": (1, 1, 366), "zhacai": (1, 15, 55),
}  # fmt: skip
# kind → the most days its events can span (sum of the longest lags below), so the last event is before base_date
SPAN = {"vegetables": 14, "grain": 190, "oil": 240, "citrus": 20, "pork": 16, "zhacai": 310}
RECENT = 60  # a harvest falls in the last this-many days of the season that fits


def _start(rng: random.Random, kind: str, base_date: datetime.date) -> datetime.date:
    """A harvest day in season, early enough that the whole chain ends before `base_date`."""
    latest = base_date - datetime.timedelta(days=SPAN[kind] + 1 + rng.randrange(45))
    month, day, length = SEASONS[kind]
    for year in (latest.year, latest.year - 1):
        first = datetime.date(year, month, day)
        if first <= latest:
            last = min(first + datetime.timedelta(days=length - 1), latest)
            first = max(first, last - datetime.timedelta(days=RECENT))
            return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
    raise AssertionError("unreachable: last year's season always starts before `latest`")  # pragma: no cover


def _pieces(quantity: float, item: Item, yield_: float) -> int:
    return max(1, int(quantity * yield_ / (item.size or 1.0)))


def _vegetables(w: ChainWriter, p: Producer, m: Master) -> tuple[str, str]:
    farm, house = p.sites["farm"], p.sites["packhouse"]
    market, store = w.rng.choice(m.markets), w.rng.choice(m.stores)
    raw, packed = p.items["raw"], p.items["packed"]
    kg = w.rng.randrange(800, 3001, 10)
    harvested = w.later(0, 0)
    _, raw_cls, farm_lot = w.lot(raw, "H", farm)
    w.commission(harvested, farm, raw_cls, kg, "KGM", harvest_ilmd(w.day))
    w.inspect(w.later(0, 0), farm, raw_cls, kg, "KGM")
    time = w.later(0, 1)
    _, cls, retail = w.lot(packed, "P", house)
    bags = _pieces(kg, packed, 0.9)
    w.transform(
        time,
        house,
        [quantity_element(raw_cls, kg, "KGM")],
        [quantity_element(cls, bags, "H87")],
        best_before_ilmd(w.day, 7),
    )
    w.move(0, 1, house, market, {"quantityList": [quantity_element(cls, bags, "H87")]})
    w.later(0, 1)
    to_store = max(1, bags * w.rng.randint(20, 60) // 100)
    w.move(0, 0, market, store, {"quantityList": [quantity_element(cls, to_store, "H87")]})
    w.sell(store, cls, to_store)
    return farm_lot, retail


def _grain(w: ChainWriter, p: Producer, m: Master) -> tuple[str, str]:
    farm, mill, store = p.sites["farm"], p.sites["mill"], w.rng.choice(m.stores)
    paddy, rice = p.items["paddy"], p.items["rice"]
    kg = w.rng.randrange(8000, 20001, 100)
    _, paddy_cls, farm_lot = w.lot(paddy, "H", farm)
    w.commission(w.later(0, 0), farm, paddy_cls, kg, "KGM", harvest_ilmd(w.day))
    w.later(3, 20)  # drying in the sun before it leaves the farm
    w.move(0, 1, farm, mill, {"quantityList": [quantity_element(paddy_cls, kg, "KGM")]})
    time = w.later(5, 120)  # kept in the granary until it is milled
    _, cls, retail = w.lot(rice, "R", mill)
    bags = _pieces(kg, rice, 0.65)
    w.transform(
        time,
        mill,
        [quantity_element(paddy_cls, kg, "KGM")],
        [quantity_element(cls, bags, "H87")],
        best_before_ilmd(w.day, 365),
    )
    w.inspect(w.later(0, 2), mill, cls, bags, "H87")
    w.later(1, 10)
    to_store = max(1, bags * w.rng.randint(5, 20) // 100)
    w.move(0, 1, mill, store, {"quantityList": [quantity_element(cls, to_store, "H87")]})
    w.sell(store, cls, to_store)
    return farm_lot, retail


def _oil(w: ChainWriter, p: Producer, m: Master) -> tuple[str, str]:
    farm, mill, store = p.sites["farm"], p.sites["mill"], w.rng.choice(m.stores)
    seed, crude, bottled = p.items["seed"], p.items["crude"], p.items["bottled"]
    kg = w.rng.randrange(5000, 15001, 100)
    _, seed_cls, farm_lot = w.lot(seed, "H", farm)
    w.commission(w.later(0, 0), farm, seed_cls, kg, "KGM", harvest_ilmd(w.day))
    w.later(2, 15)
    w.move(0, 1, farm, mill, {"quantityList": [quantity_element(seed_cls, kg, "KGM")]})
    time = w.later(10, 150)
    _, crude_cls, _ = w.lot(crude, "C", mill)
    litres = round(kg * 0.36 / 0.915, 1)  # about 36 % oil by weight, 0.915 kg per litre
    w.transform(
        time, mill, [quantity_element(seed_cls, kg, "KGM")], [quantity_element(crude_cls, litres, "LTR")], {}
    )
    time = w.later(1, 10)
    _, cls, retail = w.lot(bottled, "B", mill)
    bottles = _pieces(litres, bottled, 0.97)
    w.transform(
        time,
        mill,
        [quantity_element(crude_cls, litres, "LTR")],
        [quantity_element(cls, bottles, "H87")],
        best_before_ilmd(w.day, 540),
    )
    w.inspect(w.later(0, 2), mill, cls, bottles, "H87")
    w.later(1, 10)
    to_store = max(1, bottles * w.rng.randint(5, 20) // 100)
    w.move(0, 1, mill, store, {"quantityList": [quantity_element(cls, to_store, "H87")]})
    w.sell(store, cls, to_store)
    return farm_lot, retail


def _citrus(w: ChainWriter, p: Producer, m: Master) -> tuple[str, str]:
    farm, house = p.sites["farm"], p.sites["packhouse"]
    market, store = w.rng.choice(m.markets), w.rng.choice(m.stores)
    raw, carton = p.items["raw"], p.items["carton"]
    kg = w.rng.randrange(2000, 6001, 50)
    _, raw_cls, farm_lot = w.lot(raw, "H", farm)
    w.commission(w.later(0, 0), farm, raw_cls, kg, "KGM", harvest_ilmd(w.day))
    w.inspect(w.later(0, 1), house, raw_cls, kg, "KGM")  # sorting and grading at the packhouse
    time = w.later(0, 0)
    _, cls, retail = w.lot(carton, "P", house)
    cartons = _pieces(kg, carton, 0.88)
    w.transform(
        time,
        house,
        [quantity_element(raw_cls, kg, "KGM")],
        [quantity_element(cls, cartons, "H87")],
        best_before_ilmd(w.day, 45),
    )
    pallets: list[tuple[str, int]] = []
    left = cartons
    for share in (w.rng.randint(40, 60), 100) if cartons >= 120 else (100,):
        count = left if share == 100 else cartons * share // 100
        pallet = w.pallet(house)
        w.event(
            "AggregationEvent", w.later(0, 0), action="ADD", parentID=pallet, childQuantityList=[quantity_element(cls, count, "H87")],
            bizStep="packing", disposition="in_progress", readPoint=w.loc(house), bizLocation=w.loc(house),
        )  # fmt: skip
        pallets.append((pallet, count))
        left -= count
    w.move(1, 2, house, market, {"epcList": [pallet for pallet, _ in pallets]})
    for pallet, count in pallets:
        w.event(
            "AggregationEvent", w.later(0, 0), action="DELETE", parentID=pallet,
            childQuantityList=[quantity_element(cls, count, "H87")], bizStep="unpacking", disposition="in_progress",
            readPoint=w.loc(market), bizLocation=w.loc(market),
        )  # fmt: skip
    to_store = max(1, cartons * w.rng.randint(10, 40) // 100)
    w.move(0, 1, market, store, {"quantityList": [quantity_element(cls, to_store, "H87")]})
    w.sell(store, cls, to_store)
    return farm_lot, retail


def _pork(w: ChainWriter, p: Producer, m: Master) -> tuple[str, str]:
    farm, plant = p.sites["farm"], p.sites["slaughterhouse"]
    cold, store = w.rng.choice(m.cold_stores), w.rng.choice(m.stores)
    pig, carcass, pork = p.items["pig"], p.items["carcass"], p.items["pork"]
    heads = w.rng.randint(20, 60)
    _, pig_cls, farm_lot = w.lot(pig, "H", farm)
    w.commission(w.later(0, 0), farm, pig_cls, heads, "H87", {"cbvmda:countryOfOrigin": "CN"})
    w.move(0, 0, farm, plant, {"quantityList": [quantity_element(pig_cls, heads, "H87")]})
    time = w.later(0, 1)
    kg = heads * w.rng.randint(80, 95)  # carcass weight per pig
    _, carcass_cls, _ = w.lot(carcass, "C", plant)
    _, cls, retail = w.lot(pork, "P", plant)
    boxes = _pieces(kg, pork, 0.3)
    outputs = [quantity_element(carcass_cls, round(kg * 0.7, 1), "KGM"), quantity_element(cls, boxes, "H87")]
    w.transform(time, plant, [quantity_element(pig_cls, heads, "H87")], outputs, {"cbvmda:itemExpirationDate": (w.day + datetime.timedelta(days=7)).isoformat()})  # fmt: skip
    w.inspect(w.later(0, 0), plant, cls, boxes, "H87")  # quarantine inspection of the meat
    w.move(0, 0, plant, cold, {"quantityList": [quantity_element(cls, boxes, "H87")]}, sensors=True)
    w.later(1, 3)
    to_store = max(1, boxes * w.rng.randint(10, 30) // 100)
    w.move(0, 0, cold, store, {"quantityList": [quantity_element(cls, to_store, "H87")]}, sensors=True)
    w.sell(store, cls, to_store)
    return farm_lot, retail


def _zhacai(w: ChainWriter, p: Producer, m: Master) -> tuple[str, str]:
    farm, plant = p.sites["farm"], p.sites["processor"]
    market, store = w.rng.choice(m.markets), w.rng.choice(m.stores)
    tuber, salted, packed = p.items["tuber"], p.items["salted"], p.items["packed"]
    kg = w.rng.randrange(3000, 10001, 50)
    _, tuber_cls, farm_lot = w.lot(tuber, "H", farm)
    w.commission(w.later(0, 0), farm, tuber_cls, kg, "KGM", harvest_ilmd(w.day))
    w.move(0, 1, farm, plant, {"quantityList": [quantity_element(tuber_cls, kg, "KGM")]})
    time = w.later(20, 60)  # three rounds of salting and pressing
    _, salted_cls, _ = w.lot(salted, "S", plant)
    salted_kg = round(kg * 0.45, 1)
    w.transform(
        time,
        plant,
        [quantity_element(tuber_cls, kg, "KGM")],
        [quantity_element(salted_cls, salted_kg, "KGM")],
        {},
    )
    time = w.later(5, 200)  # the salted tubers wait in the pools until they are cut and packed
    _, cls, retail = w.lot(packed, "P", plant)
    bags = _pieces(salted_kg, packed, 0.8)
    w.transform(
        time,
        plant,
        [quantity_element(salted_cls, salted_kg, "KGM")],
        [quantity_element(cls, bags, "H87")],
        best_before_ilmd(w.day, 365),
    )
    w.inspect(w.later(0, 2), plant, cls, bags, "H87")
    w.later(1, 10)
    w.move(1, 2, plant, market, {"quantityList": [quantity_element(cls, bags, "H87")]})
    to_store = max(1, bags * w.rng.randint(5, 15) // 100)
    w.move(0, 1, market, store, {"quantityList": [quantity_element(cls, to_store, "H87")]})
    w.sell(store, cls, to_store)
    return farm_lot, retail


_BUILDERS = {"vegetables": _vegetables, "grain": _grain, "oil": _oil, "citrus": _citrus, "pork": _pork, "zhacai": _zhacai}  # fmt: skip
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _base36(n: int) -> str:
    text = ""
    while True:
        n, digit = divmod(n, 36)
        text = _BASE36[digit] + text
        if not n:
            return text


def build_chains(
    rng: random.Random, *, count: int, base_date: datetime.date, master: Master
) -> Iterator[Chain]:
    """`count` chains, the kinds in turn, each ending before `base_date`. Lot numbers carry a run tag drawn from
    `rng`, so two seeds give different lots."""
    kinds = master.kinds()
    if not kinds:
        raise ValueError("the master data has no producers")
    for producer in master.producers:
        sites, items = ROLES[producer.kind]
        if set(sites) - set(producer.sites) or set(items) - set(producer.items):
            raise ValueError(f"a {producer.kind} producer needs sites {sites} and items {items}")
    if not (master.markets and master.stores and master.cold_stores):
        raise ValueError("the master data needs at least one market, store and cold store")
    by_kind = {k: [p for p in master.producers if p.kind == k] for k in kinds}
    run = "".join(rng.choice(_BASE36) for _ in range(3))
    for index in range(count):
        kind = kinds[index % len(kinds)]
        producer = rng.choice(by_kind[kind])
        urn = rng.random() < URN_SHARE
        writer = ChainWriter(rng, run + _base36(index), index, urn, _start(rng, kind, base_date))
        farm_lot, retail_lot = _BUILDERS[kind](writer, producer, master)
        yield Chain(kind, writer.events, tuple(writer.lots), farm_lot, retail_lot, writer.urn)


def documents(
    chain_list: Iterable[Chain], *, created: datetime.date, max_events: int = MAX_DOCUMENT_EVENTS
) -> Iterator[dict[str, Any]]:
    """EPCISDocuments of whole chains, at most `max_events` events each (a longer chain gets a document alone)."""
    batch: list[dict[str, Any]] = []
    for chain in chain_list:
        if batch and len(batch) + len(chain.events) > max_events:
            yield _document(batch, created)
            batch = []
        batch.extend(chain.events)
    if batch:
        yield _document(batch, created)


def _document(events: list[dict[str, Any]], created: datetime.date) -> dict[str, Any]:
    return {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": f"{created.isoformat()}T08:00:00{OFFSET}",
        "epcisBody": {"eventList": events},
    }


def chain_documents(
    rng: random.Random,
    *,
    chains: int,
    base_date: datetime.date,
    master: Master,
    max_events: int = MAX_DOCUMENT_EVENTS,
) -> Iterator[dict[str, Any]]:
    """The capture documents of `chains` chains (see `build_chains`), for the demo loader and the benchmark."""
    built = build_chains(rng, count=chains, base_date=base_date, master=master)
    return documents(built, created=base_date, max_events=max_events)
