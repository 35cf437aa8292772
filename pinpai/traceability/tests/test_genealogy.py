"""Lot genealogy over stored events: backward and forward walks, scope, recall impact, query counts."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.common.models import District
from pinpai.registry.models import Enterprise
from pinpai.registry.tests.factories import make_enterprise
from pinpai.traceability.exceptions import TraceIdentifierInvalid, TraceTargetNotFound
from pinpai.traceability.models import Event, EventIdentifier, Location
from pinpai.traceability.selectors.genealogy import (
    identifier_parse,
    recall_impact,
    trace_backward,
    trace_forward,
)

pytestmark = pytest.mark.django_db

A = "https://id.gs1.org/01/06901234000016/10/FARM01"  # harvested tubers
B = "https://id.gs1.org/01/06901234000023/10/PACK01"  # packed zhacai
S = "https://id.gs1.org/00/069012340000000016"  # pallet
FARM = "https://id.gs1.org/414/6901234000030"
PLANT = "https://id.gs1.org/414/6901234000047"
STORE = "https://id.gs1.org/414/6901234000054"
T0 = datetime.datetime(2026, 3, 1, 1, 0, tzinfo=datetime.UTC)


def _event(
    n: int, owner: Enterprise, event_type: str, place: str, rows: list[tuple[str, str, str | None]], **kw: Any
) -> Event:
    event = Event.objects.create(
        event_id=f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        hash_id=f"ni:///sha-256;{n:064x}?ver=CBV2.0",
        event_type=event_type,
        action=kw.pop("action", "" if event_type == "TransformationEvent" else "OBSERVE"),
        event_time=T0 + datetime.timedelta(days=n),
        event_time_zone_offset="+08:00",
        record_time=T0 + datetime.timedelta(days=n, hours=1),
        biz_location=place,
        read_point=place,
        document={"type": event_type},
        owner=owner.organisation,
        **kw,
    )
    for role, value, quantity in rows:
        EventIdentifier.objects.create(
            event=event,
            role=role,
            value=value,
            quantity=Decimal(quantity) if quantity else None,
            uom="KGM" if quantity else "",
        )
    return event


@pytest.fixture
def chain(reference: None) -> dict[str, Any]:
    farm = make_enterprise("重庆市涪陵区青菜头种植专业合作社", uscc=None)
    plant = make_enterprise("重庆市涪陵榨菜测试加工有限公司")
    store = make_enterprise("重庆测试超市有限公司", district_code="500103")
    district = District.objects.get(code="500102")
    Location.objects.create(
        identifier=FARM,
        gln="6901234000030",
        name="江北街道基地",
        kind="farm",
        enterprise=farm,
        district=district,
        latitude=Decimal("29.70"),
        longitude=Decimal("107.39"),
    )
    Location.objects.create(
        identifier=PLANT,
        gln="6901234000047",
        name="涪陵加工厂",
        kind="processor",
        enterprise=plant,
        district=district,
    )
    events = [
        _event(
            1, farm, "ObjectEvent", FARM, [("epc_class", A, "1000")], action="ADD", biz_step="commissioning"
        ),
        _event(
            2, plant, "TransformationEvent", PLANT, [("input_class", A, "500"), ("output_class", B, "800")]
        ),
        _event(
            3,
            plant,
            "AggregationEvent",
            PLANT,
            [("parent", S, None), ("child_class", B, "800")],
            action="ADD",
        ),
        _event(4, plant, "ObjectEvent", PLANT, [("epc", S, None)], biz_step="shipping"),
        _event(5, store, "ObjectEvent", STORE, [("epc", S, None)], biz_step="receiving"),
        _event(
            6,
            store,
            "AggregationEvent",
            STORE,
            [("parent", S, None), ("child_class", B, "800")],
            action="DELETE",
        ),
        _event(7, store, "ObjectEvent", STORE, [("epc_class", B, "800")], biz_step="retail_selling"),
    ]
    # Unrelated traffic that must not leak into the trace.
    _event(
        8, farm, "ObjectEvent", FARM, [("epc_class", "https://id.gs1.org/01/06901234000016/10/FARM02", "10")]
    )
    return {"farm": farm, "plant": plant, "store": store, "events": events}


def _numbers(trace: Any) -> list[int]:
    return [int(e.event_id[-12:]) for e in trace.events]


def test_backward_from_the_retail_lot_reaches_the_farm_lot_and_the_pallet(chain: dict[str, Any]) -> None:
    trace = trace_backward(actor=None, identifier=B)
    assert [(lot.identifier, lot.depth, lot.quantity) for lot in trace.lots] == [
        (B, 0, Decimal("800")),
        (S, 1, None),
        (A, 1, Decimal("1000")),
    ]
    assert _numbers(trace) == [1, 2, 3, 4, 5, 6, 7]
    assert [p.identifier for p in trace.places] == [FARM, PLANT, STORE]
    assert [p.location.name if p.location else None for p in trace.places] == [
        "江北街道基地",
        "涪陵加工厂",
        None,
    ]
    assert {e.pk for e in trace.enterprises} == {chain["farm"].pk, chain["plant"].pk, chain["store"].pk}
    assert trace.truncated is False


def test_forward_from_the_farm_lot_reaches_the_store(chain: dict[str, Any]) -> None:
    trace = trace_forward(actor=None, identifier="urn:epc:class:lgtin:6901234.000001.FARM01")
    assert trace.root == A
    assert [(lot.identifier, lot.depth) for lot in trace.lots] == [(A, 0), (B, 1), (S, 2)]
    assert _numbers(trace) == [1, 2, 3, 4, 5, 6, 7]


def test_backward_from_a_farm_lot_stays_at_the_farm(chain: dict[str, Any]) -> None:
    trace = trace_backward(actor=None, identifier=A)
    assert [lot.identifier for lot in trace.lots] == [A]
    assert _numbers(trace) == [1, 2]  # its commissioning and the transformation that consumed it


def test_a_pallet_trace_reaches_the_lots_on_it(chain: dict[str, Any]) -> None:
    trace = trace_backward(actor=None, identifier="urn:epc:id:sscc:6901234.0000000001")
    assert [(lot.identifier, lot.depth) for lot in trace.lots] == [(S, 0), (B, 1), (A, 2)]


def test_max_depth_truncates(chain: dict[str, Any]) -> None:
    trace = trace_backward(actor=None, identifier=B, max_depth=0)
    assert [lot.identifier for lot in trace.lots] == [B]
    assert trace.truncated is True


def test_an_enterprise_sees_only_its_own_events(chain: dict[str, Any]) -> None:
    user = user_with_role(Role.ENTERPRISE_USER, chain["store"].organisation, username="store")
    trace = trace_backward(actor=user, identifier=B)
    assert _numbers(trace) == [5, 6, 7]
    assert [lot.identifier for lot in trace.lots] == [B, S]


def test_unknown_and_invalid_identifiers(chain: dict[str, Any]) -> None:
    with pytest.raises(TraceTargetNotFound):
        trace_backward(actor=None, identifier="https://id.gs1.org/01/06901234000016/10/NOPE")
    with pytest.raises(TraceIdentifierInvalid) as error:
        identifier_parse("https://id.gs1.org/01/06901234000018/10/X")
    assert error.value.extra == {"errors": {"id": ["the GTIN check digit is 8, expected 6"]}}
    assert (
        identifier_parse("urn:uuid:5e2e2b9c-1d2a-4e7e-9e43-1a2b3c4d5e6f")
        == "urn:uuid:5e2e2b9c-1d2a-4e7e-9e43-1a2b3c4d5e6f"
    )


def test_recall_impact_lists_downstream_lots_places_and_enterprises(chain: dict[str, Any]) -> None:
    impact = recall_impact(lot_identifiers=[A])
    assert impact.lots == ((S, None, ""), (A, Decimal("1000"), "KGM"), (B, Decimal("800"), "KGM"))
    assert [p.identifier for p in impact.locations] == [FARM, PLANT, STORE]
    assert {e.pk for e in impact.enterprises} == {chain["farm"].pk, chain["plant"].pk, chain["store"].pk}


def test_query_count_does_not_grow_with_the_number_of_events(
    chain: dict[str, Any], django_assert_num_queries: Any
) -> None:
    # levels: B → {A, S} → stop: 2 identifier queries + 1 link query, then events, locations, enterprises, products
    with django_assert_num_queries(7):
        trace_backward(actor=None, identifier=B)
    for n in range(20, 40):
        _event(n, chain["store"], "ObjectEvent", STORE, [("epc_class", B, "1")], biz_step="retail_selling")
    with django_assert_num_queries(7):
        trace = trace_backward(actor=None, identifier=B)
    assert len(trace.events) == 27


def test_an_input_lots_other_shipments_stay_out_of_a_backward_trace(chain: dict[str, Any]) -> None:
    # After the processor consumed half of lot A, the farm sold the rest elsewhere (day 30): not part of B's story.
    _event(30, chain["farm"], "ObjectEvent", FARM, [("epc_class", A, "500")], biz_step="shipping")
    assert _numbers(trace_backward(actor=None, identifier=B)) == [1, 2, 3, 4, 5, 6, 7]
    # Forward from A, that shipment is A's own event (the root has no window) and is listed.
    assert _numbers(trace_forward(actor=None, identifier=A)) == [1, 2, 3, 4, 5, 6, 7, 30]


def test_a_forward_trace_ignores_what_happened_to_an_output_before_the_link(chain: dict[str, Any]) -> None:
    # Lot B also appears in an event dated before the transformation that made it from A (a mislabelled read):
    # forward from A, only B's events from the transformation on belong to A's reach.
    _event(0, chain["store"], "ObjectEvent", STORE, [("epc_class", B, "1")], biz_step="inspecting")
    assert _numbers(trace_forward(actor=None, identifier=A)) == [1, 2, 3, 4, 5, 6, 7]
    assert _numbers(trace_backward(actor=None, identifier=B)) == [0, 1, 2, 3, 4, 5, 6, 7]
