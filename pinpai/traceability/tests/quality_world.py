"""A small supply chain for quality tests: a 涪陵 producer with a farm and a lot of 青菜头, shipped to a 渝中
wholesale market and on to a 渝中 supermarket (EPCIS events), and an unrelated enterprise elsewhere."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from pinpai.accounts.models import User
from pinpai.accounts.services import system_user_ensure
from pinpai.common.models import District
from pinpai.registry.models import Enterprise, Product
from pinpai.traceability.choices import LocationKind
from pinpai.traceability.models import Location, Lot
from pinpai.traceability.services.capture import event_documents_record
from pinpai.traceability.tests.factories import (
    EnterpriseFactory,
    LocationFactory,
    LotFactory,
    ProductFactory,
    enterprise_user,
    gln,
)

CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]


@dataclass
class World:
    producer: Enterprise
    producer_user: User
    farm: Location
    product: Product
    lot: Lot
    market: Enterprise
    market_user: User
    market_site: Location
    shop: Enterprise
    shop_user: User
    shop_site: Location
    stranger: Enterprise
    stranger_user: User


def shipment(
    lot: Lot, source: Location, destination: Location, when: str, quantity: int = 200
) -> dict[str, Any]:
    """A shipping ObjectEvent of `quantity` KGM of the lot from `source`, received at `destination`."""
    return {
        "@context": CONTEXT,
        "type": "ObjectEvent",
        "eventTime": when,
        "eventTimeZoneOffset": "+08:00",
        "action": "OBSERVE",
        "epcList": [],
        "quantityList": [{"epcClass": lot.identifier, "quantity": quantity, "uom": "KGM"}],
        "bizStep": "shipping",
        "disposition": "in_transit",
        "readPoint": {"id": source.identifier},
        "bizLocation": {"id": destination.identifier},
    }


def world_build(*, with_events: bool = True) -> World:
    producer = EnterpriseFactory.create(
        name="重庆市涪陵区绿野蔬菜专业合作社", contact_email="lvye@example.cn"
    )
    farm = LocationFactory.create(
        enterprise=producer, gln=gln(1), name="二渡村青菜头基地", kind=LocationKind.FARM
    )
    product = ProductFactory.create(enterprise=producer, name="涪陵青菜头")
    lot = LotFactory.create(product=product, lot_number="QCT-20260110")
    yuzhong = District.objects.get(code="500103")
    market = EnterpriseFactory.create(
        name="重庆渝中农产品批发市场有限公司", district_code="500103", contact_email="market@example.cn"
    )
    market_site = LocationFactory.create(
        enterprise=market,
        gln=gln(2),
        name="渝中批发市场",
        kind=LocationKind.WHOLESALE_MARKET,
        district=yuzhong,
    )
    shop = EnterpriseFactory.create(
        name="重庆渝中鲜多多超市有限公司", district_code="500103", contact_email="shop@example.cn"
    )
    shop_site = LocationFactory.create(
        enterprise=shop, gln=gln(3), name="鲜多多解放碑店", kind=LocationKind.STORE, district=yuzhong
    )
    stranger = EnterpriseFactory.create(
        name="重庆市万州区测试食品有限公司", district_code="500101", contact_email=""
    )
    if with_events:
        with transaction.atomic():
            event_documents_record(
                actor=system_user_ensure(),
                owner=producer.organisation,
                documents=[
                    shipment(lot, farm, market_site, "2026-01-11T08:00:00.000+08:00", 300),
                    shipment(lot, market_site, shop_site, "2026-01-12T06:30:00.000+08:00", 120),
                ],
            )
    return World(
        producer=producer,
        producer_user=enterprise_user(producer, "lvye"),
        farm=farm,
        product=product,
        lot=lot,
        market=market,
        market_user=enterprise_user(market, "market"),
        market_site=market_site,
        shop=shop,
        shop_user=enterprise_user(shop, "shop"),
        shop_site=shop_site,
        stranger=stranger,
        stranger_user=enterprise_user(stranger, "stranger"),
    )


def aware(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


QUANTITY_300 = Decimal("300")
