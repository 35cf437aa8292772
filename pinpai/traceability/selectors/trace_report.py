"""A lot genealogy (selectors.genealogy) made presentable: events with their CBV labels, place names and
enterprises, the identifiers each event names, locations with master data and enterprises with their districts.

Used by the trace API and the consumer scan page. Whatever the size of the trace, it costs a fixed number of
queries on top of the walk: one for the events' identifiers (API only) and one for the enterprises' districts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language

from engines.epcis import InputError, cbv_label_zh, cbv_normalise
from pinpai.common.models import District
from pinpai.registry.models import Enterprise, Product
from pinpai.traceability.choices import EventType
from pinpai.traceability.models import Event, EventIdentifier, Location
from pinpai.traceability.permissions import can_recall_impact_view
from pinpai.traceability.selectors.genealogy import (
    Trace,
    TracePlace,
    identifier_parse,
    recall_impact,
)

GTIN_PATH = "/01/"


@dataclass(frozen=True)
class EventIdentifierRow:
    role: str
    value: str
    quantity: Decimal | None
    uom: str


@dataclass(frozen=True)
class LotRow:
    identifier: str
    depth: int
    quantity: Decimal | None
    uom: str


@dataclass(frozen=True)
class EnterpriseRow:
    id: int
    name: str
    uscc: str
    district: District | None


@dataclass(frozen=True)
class PlaceRow:
    identifier: str
    location: Location | None  # master data (enterprise, district, coordinates) when the GLN is registered
    enterprise: EnterpriseRow | None
    first_seen: datetime
    last_seen: datetime

    @property
    def name(self) -> str:
        return self.location.name if self.location else ""

    @property
    def coordinates(self) -> tuple[Decimal, Decimal] | None:
        """(longitude, latitude), when master data has both."""
        loc = self.location
        if loc is None or loc.longitude is None or loc.latitude is None:
            return None
        return (loc.longitude, loc.latitude)


@dataclass(frozen=True)
class EventRow:
    event_id: str
    type: str
    action: str
    event_time: datetime
    biz_step: str
    biz_step_zh: str
    disposition: str
    disposition_zh: str
    read_point: str
    biz_location: str
    place: PlaceRow | None  # bizLocation, else readPoint
    enterprise: EnterpriseRow | None  # of the place, else the enterprise that captured the event
    identifiers: tuple[EventIdentifierRow, ...]

    @property
    def label(self) -> str:
        """What happened, in the active language: the Chinese CBV label, or the bare CBV word in English; "" for a
        private (non-CBV) step, which the page replaces by the event type."""
        if not self.biz_step_zh:
            return ""
        if (get_language() or "").startswith("zh"):
            return self.biz_step_zh
        return self.biz_step.replace("_", " ")

    @property
    def disposition_label(self) -> str:
        """The disposition in the active language (Chinese CBV label, or the bare CBV word); "" when none."""
        if not self.disposition_zh:
            return ""
        if (get_language() or "").startswith("zh"):
            return self.disposition_zh
        return self.disposition.replace("_", " ")

    @property
    def type_label(self) -> str:
        return str(EventType(self.type).label) if self.type in EventType.values else self.type


@dataclass(frozen=True)
class TraceReport:
    root: str
    direction: str
    lots: tuple[LotRow, ...]
    events: tuple[EventRow, ...]
    places: tuple[PlaceRow, ...]
    enterprises: tuple[EnterpriseRow, ...]
    truncated: bool


@dataclass(frozen=True)
class RecallImpactLot:
    identifier: str
    quantity: Decimal | None
    uom: str


@dataclass(frozen=True)
class RecallImpactReport:
    lots: tuple[RecallImpactLot, ...]
    places: tuple[PlaceRow, ...]
    enterprises: tuple[EnterpriseRow, ...]


def quantity_tidy(value: Decimal | None) -> Decimal | None:
    """800.000000 → 800, 2.500000 → 2.5: the stored scale is not a precision anyone stated."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def cbv_label(kind: str, value: str) -> str:
    """The Chinese label of a CBV business step or disposition; "" for a private (non-CBV) value."""
    if not value:
        return ""
    try:
        return cbv_label_zh(kind, value)
    except InputError:
        return ""


def cbv_word(kind: str, value: str) -> str:
    """The bare CBV word of a value in any form, or the value itself when it is not a CBV word."""
    try:
        return cbv_normalise(kind, value)
    except InputError:
        return value


def _enterprise_rows(enterprises: Sequence[Enterprise]) -> dict[int, EnterpriseRow]:
    """One query for the districts, whatever the number of enterprises."""
    district_ids = {e.organisation.district_id for e in enterprises if e.organisation.district_id}
    districts = District.objects.in_bulk(district_ids) if district_ids else {}
    return {
        e.pk: EnterpriseRow(
            id=e.pk,
            name=e.organisation.name,
            uscc=e.organisation.uscc or "",
            district=districts.get(e.organisation.district_id) if e.organisation.district_id else None,
        )
        for e in enterprises
    }


def _place_rows(places: Sequence[TracePlace], enterprises: dict[int, EnterpriseRow]) -> tuple[PlaceRow, ...]:
    rows = []
    for p in places:
        enterprise = None
        if p.location is not None:
            enterprise = enterprises.get(p.location.enterprise_id) or EnterpriseRow(
                id=p.location.enterprise_id,
                name=p.location.enterprise.organisation.name,
                uscc=p.location.enterprise.organisation.uscc or "",
                district=None,
            )
        rows.append(PlaceRow(p.identifier, p.location, enterprise, p.first_seen, p.last_seen))
    return tuple(rows)


def _identifiers(events: Sequence[Event]) -> dict[int, list[EventIdentifierRow]]:
    by_event: dict[int, list[EventIdentifierRow]] = {}
    if not events:
        return by_event
    rows = (
        EventIdentifier.objects.filter(event_id__in=[e.pk for e in events])
        .order_by("event_id", "id")
        .values_list("event_id", "role", "value", "quantity", "uom")
    )
    for event_id, role, value, quantity, uom in rows:
        by_event.setdefault(event_id, []).append(
            EventIdentifierRow(role, value, quantity_tidy(quantity), uom)
        )
    return by_event


def trace_report(trace: Trace, *, with_identifiers: bool = True) -> TraceReport:
    """The trace with labels, places and enterprises resolved; `with_identifiers` adds each event's identifiers."""
    enterprises = _enterprise_rows(trace.enterprises)
    places = _place_rows(trace.places, enterprises)
    place_of = {p.identifier: p for p in places}
    identifiers = _identifiers(trace.events) if with_identifiers else {}
    events = []
    for e in trace.events:
        place = place_of.get(e.biz_location) or place_of.get(e.read_point)
        enterprise = (
            place.enterprise if place is not None and place.enterprise else enterprises.get(e.owner_id)
        )
        events.append(
            EventRow(
                event_id=e.event_id,
                type=e.event_type,
                action=e.action,
                event_time=e.event_time,
                biz_step=cbv_word("bizstep", e.biz_step) if e.biz_step else "",
                biz_step_zh=cbv_label("bizstep", e.biz_step),
                disposition=cbv_word("disposition", e.disposition) if e.disposition else "",
                disposition_zh=cbv_label("disposition", e.disposition),
                read_point=e.read_point,
                biz_location=e.biz_location,
                place=place,
                enterprise=enterprise,
                identifiers=tuple(identifiers.get(e.pk, ())),
            )
        )
    return TraceReport(
        root=trace.root,
        direction=trace.direction,
        lots=tuple(
            LotRow(lot.identifier, lot.depth, quantity_tidy(lot.quantity), lot.uom) for lot in trace.lots
        ),
        events=tuple(events),
        places=places,
        enterprises=tuple(enterprises[e.pk] for e in trace.enterprises),
        truncated=trace.truncated,
    )


def _producer_ids(identifiers: Sequence[str]) -> set[int]:
    """The enterprises whose products (by GTIN) the identifiers name; 0 stands for an identifier of no
    registered product (an SSCC, an unknown GTIN), which no enterprise produced."""
    gtins = {value: value.split(GTIN_PATH, 1)[1][:14] for value in identifiers if GTIN_PATH in value}
    producers = dict(
        Product.objects.filter(gtin__in=set(gtins.values())).values_list("gtin", "enterprise_id")
    )
    return {producers.get(gtins.get(value, ""), 0) for value in identifiers}


def recall_impact_report(*, actor: Any, lot_identifiers: Sequence[str]) -> RecallImpactReport:
    """Every downstream lot, place and enterprise of the given lots. Staff may ask about any lot, an enterprise
    about lots of its own products; identifiers are checked first (422 naming `id`)."""
    canonical = [identifier_parse(value) for value in lot_identifiers]
    if not can_recall_impact_view(actor, producer_ids=_producer_ids(canonical)):
        raise PermissionDenied
    impact = recall_impact(lot_identifiers=canonical)
    enterprises = _enterprise_rows(impact.enterprises)
    return RecallImpactReport(
        lots=tuple(RecallImpactLot(i, quantity_tidy(q), uom) for i, q, uom in impact.lots),
        places=_place_rows(impact.locations, enterprises),
        enterprises=tuple(enterprises[e.pk] for e in impact.enterprises),
    )
