"""Lot genealogy: walk TransformationEvents (inputs → outputs) and AggregationEvents (child → parent) from one
identifier, level by level over the EventIdentifier index, and gather the events, places and enterprises reached.

Backward (where did this come from): from an identifier to the inputs of the transformations that output it and
to the containers it travelled in. Forward (where did it go; a recall's reach): to the outputs of the
transformations that consumed it and to its containers. From the root only, a container's children are followed
too, so tracing a pallet (SSCC) reaches the lots on it. Each level costs one indexed query for the identifiers'
rows and one for the linked rows; the walk stops at `max_depth` or `MAX_NODES` identifiers (`truncated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from engines.epcis import InputError, canonical_id
from pinpai.registry.models import Enterprise, Product
from pinpai.traceability.choices import EventType, IdentifierRole
from pinpai.traceability.exceptions import TraceIdentifierInvalid, TraceTargetNotFound
from pinpai.traceability.models import Event, EventIdentifier, Location

MAX_NODES = 5000
R = IdentifierRole
OUTPUT_ROLES = frozenset({R.OUTPUT, R.OUTPUT_CLASS})
INPUT_ROLES = frozenset({R.INPUT, R.INPUT_CLASS})
CHILD_ROLES = frozenset({R.CHILD, R.CHILD_CLASS})
_GTIN = re.compile(r"/01/([0-9]{14})(?:/|$)")


@dataclass(frozen=True)
class TraceLot:
    identifier: str
    depth: int
    quantity: Decimal | None
    uom: str


@dataclass(frozen=True)
class TracePlace:
    identifier: str
    location: Location | None
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True)
class Trace:
    root: str
    direction: str
    lots: tuple[TraceLot, ...]
    events: tuple[Event, ...]
    places: tuple[TracePlace, ...]
    enterprises: tuple[Enterprise, ...]
    truncated: bool


@dataclass(frozen=True)
class RecallImpact:
    lots: tuple[tuple[str, Decimal | None, str], ...]
    locations: tuple[TracePlace, ...]
    enterprises: tuple[Enterprise, ...]


def identifier_parse(value: str) -> str:
    """An EPC URN, EPC class/pattern or GS1 Digital Link → its canonical Digital Link; other URIs as given."""
    value = (value or "").strip()
    if not value:
        raise TraceIdentifierInvalid(_("Give an identifier."), extra={"errors": {"id": [_("required")]}})
    try:
        return canonical_id(value, field="id")
    except InputError as error:
        if error.rule == "unknown_scheme" and not value.startswith("urn:epc:"):
            return value  # a private URI (urn:uuid:…, https://example.com/…) is matched as given
        raise TraceIdentifierInvalid(error.message, extra={"errors": {"id": [error.message]}}) from error


def _rows(
    values: Iterable[str], visible: QuerySet[Event] | None
) -> list[tuple[int, str, str, Decimal | None, str, str, datetime]]:
    qs = EventIdentifier.objects.filter(value__in=list(values))
    if visible is not None:
        qs = qs.filter(event__in=visible.values("id"))
    return list(
        qs.values_list(
            "event_id", "role", "value", "quantity", "uom", "event__event_type", "event__event_time"
        )
    )


def _linked(
    event_ids: set[int], roles: set[str]
) -> list[tuple[int, str, str, Decimal | None, str, datetime]]:
    if not event_ids:
        return []
    return list(
        EventIdentifier.objects.filter(event_id__in=event_ids, role__in=roles).values_list(
            "event_id", "role", "value", "quantity", "uom", "event__event_time"
        )
    )


def _walk(
    root: str, *, direction: str, visible: QuerySet[Event] | None, max_depth: int
) -> tuple[dict[str, int], dict[str, tuple[Decimal | None, str]], set[int], bool]:
    depth_of = {root: 0}
    # An identifier reached through an event only matters on that side of it: backward, an input lot's events
    # up to the transformation that consumed it (not its other shipments); forward, from the link on.
    bound: dict[str, datetime] = {}
    quantity: dict[str, tuple[Decimal | None, str]] = {}
    events: set[int] = set()
    frontier = {root}
    truncated = False
    forward = direction == "forward"
    for depth in range(max_depth + 1):
        rows = _rows(frontier, visible)
        link_events: dict[int, set[str]] = {}
        for event_id, role, value, qty, uom, event_type, event_time in rows:
            limit = bound.get(value)
            if limit is not None and (event_time < limit if forward else event_time > limit):
                continue
            events.add(event_id)
            if qty is not None and (value not in quantity or (quantity[value][0] or 0) < qty):
                quantity[value] = (qty, uom)
            wanted: set[str] = set()
            if event_type == EventType.TRANSFORMATION:
                if not forward and role in OUTPUT_ROLES:
                    wanted = set(INPUT_ROLES)
                elif forward and role in INPUT_ROLES:
                    wanted = set(OUTPUT_ROLES)
            elif role in CHILD_ROLES:
                wanted = {R.PARENT}
            elif role == R.PARENT and depth == 0:
                wanted = set(CHILD_ROLES)
            if wanted:
                link_events.setdefault(event_id, set()).update(wanted)
        if depth == max_depth:
            truncated = bool(link_events)
            break
        all_roles = set().union(*link_events.values()) if link_events else set()
        following: set[str] = set()
        for event_id, role, value, qty, uom, event_time in _linked(set(link_events), all_roles):
            if role not in link_events[event_id]:
                continue
            if value in following:  # reached again at this level: widen its window
                bound[value] = min(bound[value], event_time) if forward else max(bound[value], event_time)
                continue
            if value in depth_of:
                continue
            if len(depth_of) >= MAX_NODES:
                truncated = True
                break
            depth_of[value] = depth + 1
            bound[value] = event_time
            following.add(value)
            if qty is not None and value not in quantity:
                quantity[value] = (qty, uom)
        if not following:
            break
        frontier = following
    return depth_of, quantity, events, truncated


def _places(events: Sequence[Event]) -> tuple[TracePlace, ...]:
    seen: dict[str, tuple[datetime, datetime]] = {}
    for event in events:
        for identifier in (event.biz_location, event.read_point):
            if identifier:
                first, last = seen.get(identifier, (event.event_time, event.event_time))
                seen[identifier] = (min(first, event.event_time), max(last, event.event_time))
    locations = {
        loc.identifier: loc
        for loc in Location.objects.filter(identifier__in=list(seen)).select_related(
            "enterprise__organisation", "district"
        )
    }
    ordered = sorted(seen.items(), key=lambda item: (item[1][0], item[0]))
    return tuple(TracePlace(k, locations.get(k), first, last) for k, (first, last) in ordered)


def _enterprises(
    places: Sequence[TracePlace], identifiers: Iterable[str], owner_ids: set[int]
) -> tuple[Enterprise, ...]:
    ids = {p.location.enterprise_id for p in places if p.location is not None} | owner_ids
    gtins = {m.group(1) for value in identifiers if (m := _GTIN.search(value))}
    if gtins:
        ids |= set(Product.objects.filter(gtin__in=gtins).values_list("enterprise_id", flat=True))
    return tuple(
        Enterprise.objects.filter(pk__in=ids)
        .select_related("organisation__district")
        .order_by("organisation__name", "pk")
    )


def _trace(*, actor: Any | None, identifier: str, direction: str, max_depth: int) -> Trace:
    root = identifier_parse(identifier)
    visible = None if actor is None else Event.objects.visible_to(actor)
    depth_of, quantity, event_ids, truncated = _walk(
        root, direction=direction, visible=visible, max_depth=max_depth
    )
    if not event_ids:
        raise TraceTargetNotFound(f"no event names {root}")
    events = tuple(Event.objects.filter(id__in=event_ids).order_by("event_time", "id"))
    places = _places(events)
    owners = {e.owner_id for e in events}
    lots = tuple(
        TraceLot(value, depth, *quantity.get(value, (None, "")))
        for value, depth in sorted(depth_of.items(), key=lambda item: (item[1], item[0]))
    )
    return Trace(
        root=root,
        direction=direction,
        lots=lots,
        events=events,
        places=places,
        enterprises=_enterprises(places, depth_of, owners),
        truncated=truncated,
    )


def trace_backward(*, actor: Any | None, identifier: str, max_depth: int = 20) -> Trace:
    """Where did this come from. `actor=None` is the public view of the scan page (every event)."""
    return _trace(actor=actor, identifier=identifier, direction="backward", max_depth=max_depth)


def trace_forward(*, actor: Any | None, identifier: str, max_depth: int = 20) -> Trace:
    """Where did this go."""
    return _trace(actor=actor, identifier=identifier, direction="forward", max_depth=max_depth)


def recall_impact(*, lot_identifiers: Sequence[str], max_depth: int = 20) -> RecallImpact:
    """Every downstream identifier, place and enterprise of the given lots (an unscoped, platform-side read)."""
    lots: dict[str, tuple[Decimal | None, str]] = {}
    places: dict[str, TracePlace] = {}
    enterprises: dict[int, Enterprise] = {}
    for identifier in lot_identifiers:
        try:
            trace = trace_forward(actor=None, identifier=identifier, max_depth=max_depth)
        except TraceTargetNotFound:
            lots.setdefault(identifier_parse(identifier), (None, ""))
            continue
        for lot in trace.lots:
            lots.setdefault(lot.identifier, (lot.quantity, lot.uom))
        for place in trace.places:
            places.setdefault(place.identifier, place)
        for enterprise in trace.enterprises:
            enterprises.setdefault(enterprise.pk, enterprise)
    return RecallImpact(
        lots=tuple((k, q, u) for k, (q, u) in sorted(lots.items())),
        locations=tuple(sorted(places.values(), key=lambda p: (p.first_seen, p.identifier))),
        enterprises=tuple(sorted(enterprises.values(), key=lambda e: (e.organisation.name, e.pk))),
    )
