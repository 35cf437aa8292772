"""A small supply chain for the trace API, resolver and scan page tests, built through the services: a farm
harvests lot A (青菜头), a plant turns part of it into lot B (榨菜), and lot B moves on through `hops` more sites
to a store that sells it. Events are real EPCIS 2.0 JSON events, validated and stored by `event_documents_record`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from pinpai.accounts.services import system_user_ensure
from pinpai.common.models import District
from pinpai.registry.models import Enterprise, Product
from pinpai.registry.services.rights import product_register
from pinpai.registry.tests.factories import make_brand, make_enterprise, publish
from pinpai.traceability.models import Location, Lot
from pinpai.traceability.services.capture import event_documents_record
from pinpai.traceability.services.masterdata import location_register, lot_register

GTIN_A = "06901234000016"  # 青菜头 (harvested tubers)
GTIN_B = "06901234000023"  # 榨菜 (packed)
LOT_A, LOT_B = "FARM01", "PACK01"
A = f"https://id.gs1.org/01/{GTIN_A}/10/{LOT_A}"
B = f"https://id.gs1.org/01/{GTIN_B}/10/{LOT_B}"
FARM_GLN, PLANT_GLN, STORE_GLN = "6901234000030", "6901234000047", "6901234000054"
HOP_GLNS = ("6901234000061", "6901234000078", "6901234000085", "6901234000092")
CONTEXT = ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"]
T0 = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def place(gln: str) -> str:
    return f"https://id.gs1.org/414/{gln}"


@dataclass
class Chain:
    farm: Enterprise
    plant: Enterprise
    store: Enterprise
    product_a: Product
    product_b: Product
    lot_a: Lot
    lot_b: Lot
    locations: dict[str, Location] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)


def _event(kind: str, minutes: int, where: str, **fields: Any) -> dict[str, Any]:
    when = T0 + datetime.timedelta(minutes=minutes)
    return {
        "@context": CONTEXT,
        "type": kind,
        "eventTime": when.isoformat(),
        "eventTimeZoneOffset": "+08:00",
        "readPoint": {"id": where},
        "bizLocation": {"id": where},
        **fields,
    }


def _quantity(identifier: str, amount: int, uom: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {"epcClass": identifier, "quantity": amount}
    if uom:
        row["uom"] = uom
    return row


def _location(
    actor: Any, enterprise: Enterprise, gln: str, name: str, kind: str, lat: str, lon: str
) -> Location:
    where = District.objects.get(organisations__pk=enterprise.pk)
    return location_register(
        actor=actor, enterprise=enterprise, gln=gln, name=name, kind=kind, district=where,
        latitude=Decimal(lat), longitude=Decimal(lon),
    )  # fmt: skip


def chain_build(*, hops: int = 0, publish_brands: bool = True) -> Chain:
    """Farm → plant → `hops` warehouses → store, with events in that order (one day apart per step)."""
    actor = system_user_ensure()
    farm = make_enterprise("重庆市涪陵区青菜头种植专业合作社")
    plant = make_enterprise("重庆市涪陵榨菜测试加工有限公司")
    store = make_enterprise("重庆测试超市有限公司", district_code="500103")
    brand_a = make_brand(farm, name="涪陵青菜头")
    brand_b = make_brand(plant, name="测试榨菜")
    if publish_brands:
        publish(brand_a)
        publish(brand_b)
    product_a = product_register(actor=actor, enterprise=farm, brand=brand_a, gtin=GTIN_A, name="青菜头")
    product_b = product_register(
        actor=actor,
        enterprise=plant,
        brand=brand_b,
        gtin=GTIN_B,
        name="测试榨菜 鲜脆榨菜丝",
        specification="80克/袋",
    )
    lot_a = lot_register(actor=actor, gtin=GTIN_A, lot_number=LOT_A, produced_on=datetime.date(2026, 3, 1))
    lot_b = lot_register(actor=actor, gtin=GTIN_B, lot_number=LOT_B, produced_on=datetime.date(2026, 3, 2))
    chain = Chain(farm, plant, store, product_a, product_b, lot_a, lot_b)
    chain.locations["farm"] = _location(
        actor, farm, FARM_GLN, "江北街道青菜头基地", "farm", "29.7300", "107.3900"
    )
    chain.locations["plant"] = _location(
        actor, plant, PLANT_GLN, "涪陵榨菜加工厂", "processor", "29.7000", "107.3500"
    )
    chain.locations["store"] = _location(
        actor, store, STORE_GLN, "渝中区测试超市", "store", "29.5600", "106.5700"
    )
    for i in range(hops):
        chain.locations[f"hop{i}"] = _location(
            actor,
            plant,
            HOP_GLNS[i],
            f"测试冷库{i + 1}号",
            "warehouse",
            f"{29.65 - 0.02 * i:.4f}",
            f"{107.1 - 0.1 * i:.4f}",
        )
    farm_at, plant_at, store_at = place(FARM_GLN), place(PLANT_GLN), place(STORE_GLN)
    day = 24 * 60
    documents: list[tuple[Enterprise, dict[str, Any]]] = [
        (farm, _event("ObjectEvent", 0, farm_at, action="ADD", bizStep="commissioning", disposition="active",
                      epcList=[], quantityList=[_quantity(A, 1000, "KGM")])),
        (plant, _event("TransformationEvent", day, plant_at, bizStep="creating_class_instance", disposition="active",
                       inputQuantityList=[_quantity(A, 500, "KGM")], outputQuantityList=[_quantity(B, 800)])),
    ]  # fmt: skip
    route = [plant_at] + [place(HOP_GLNS[i]) for i in range(hops)] + [store_at]
    for step, (origin, destination) in enumerate(zip(route, route[1:], strict=False)):
        owner = store if destination == store_at else plant
        documents.append(
            (
                plant,
                _event(
                    "ObjectEvent",
                    (2 + 2 * step) * day,
                    origin,
                    action="OBSERVE",
                    bizStep="shipping",
                    disposition="in_transit",
                    epcList=[],
                    quantityList=[_quantity(B, 800)],
                ),
            )
        )
        documents.append((owner, _event("ObjectEvent", (3 + 2 * step) * day, destination, action="OBSERVE",
                          bizStep="receiving", disposition="in_progress", epcList=[], quantityList=[_quantity(B, 800)])))  # fmt: skip
    documents.append(
        (store, _event("ObjectEvent", (3 + 2 * len(route)) * day, store_at, action="OBSERVE",
                       bizStep="retail_selling", disposition="retail_sold", epcList=[], quantityList=[_quantity(B, 1)]))
    )  # fmt: skip
    with transaction.atomic():
        for owner, document in documents:
            chain.events += event_documents_record(
                actor=actor, owner=owner.organisation, documents=[document]
            )
    return chain


def district(code: str) -> District:
    return District.objects.get(code=code)
