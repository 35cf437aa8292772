"""Event reads of the EPCIS REST binding: a page of a query as an EPCISQueryDocument, and one event by its ID.

A page is one SQL statement, after one index probe per identifier filter (`MATCH_*`): the visible events that pass
every filter, ordered by (recordTime or eventTime, id), after the token's position, `LIMIT perPage + 1` (the extra
row says whether there is a next page; nothing is counted). An identifier filter naming at most PROBE_LIMIT rows of
the identifier index becomes `id IN (<those event ids>)`, a larger one `id IN (SELECT event_id …)`. Only the columns
rendering needs are read. Events are rendered with `engines.epcis.render.render_event` in the client's
`GS1-EPC-Format`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from engines.epcis.render import render_event
from pinpai.traceability.exceptions import EpcisNoSuchResource, EpcisQueryTooLarge
from pinpai.traceability.models import Event, EventIdentifier
from pinpai.traceability.permissions import can_epcis_query
from pinpai.traceability.selectors.event_query import EventQuery
from pinpai.traceability.selectors.paging import keyset_after, page_scope, page_token_dumps, page_token_loads

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# GS1-EPC-Format values (absent → No_Preference: identifiers as captured).
EPC_FORMATS = ("No_Preference", "Always_GS1_Digital_Link", "Always_EPC_URN", "Never_Translates")
SIMPLE_EVENT_QUERY = "SimpleEventQuery"
# Identifier rows an identifier filter may name and still be passed to the page query as ids.
PROBE_LIMIT = 1000


@dataclass(frozen=True)
class EventPage:
    """One page of a query: the EPCISQueryDocument to send and the token of the next page (None on the last)."""

    document: dict[str, Any]
    next_token: str | None


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def query_document(events: list[dict[str, Any]], *, query_name: str) -> dict[str, Any]:
    """The EPCISQueryDocument envelope (JSON binding) around rendered events."""
    return {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": _timestamp(timezone.now()),
        "epcisBody": {"queryResults": {"queryName": query_name, "resultsBody": {"eventList": events}}},
    }


def event_filters(query: EventQuery) -> list[Q] | None:
    """The query's filters on Event with each identifier match resolved first: when it names at most PROBE_LIMIT
    identifier rows, the page query gets their event ids (the planner then knows how few they are; a prefix pattern
    it would misjudge cannot send it walking every event in order), else a subquery. None: nothing can match."""
    filters = list(query.filters)
    for match in query.identifier_matches:
        rows = EventIdentifier.objects.filter(match).order_by().values_list("event_id", flat=True)
        ids = list(rows[: PROBE_LIMIT + 1])
        if not ids:
            return None
        filters.append(Q(id__in=sorted(set(ids))) if len(ids) <= PROBE_LIMIT else Q(id__in=Subquery(rows)))
    return filters


def _render(document: dict[str, Any], epc_format: str) -> dict[str, Any]:
    # Never_Translates: identifiers exactly as captured, which is what No_Preference gives too. EPC URNs need the
    # company prefix length of a Digital Link, which the platform does not keep: such Digital Links stay as they are.
    return render_event(
        document, epc_format="No_Preference" if epc_format == "Never_Translates" else epc_format
    )


def event_page(
    *,
    actor: Any,
    query: EventQuery,
    per_page: int,
    token: str | None = None,
    epc_format: str = "No_Preference",
    query_name: str = SIMPLE_EVENT_QUERY,
) -> EventPage:
    """One page of the events `actor` may see that match `query`, as an EPCISQueryDocument."""
    if not can_epcis_query(actor):
        raise PermissionDenied
    scope = page_scope("events", query_name, getattr(actor, "pk", None), query.fingerprint)
    position = page_token_loads(token, scope=scope)
    filters = event_filters(query)
    if filters is None:
        return EventPage(document=query_document([], query_name=query_name), next_token=None)
    qs = Event.objects.visible_to(actor).filter(*filters)
    key = query.order_field
    if position is None and query.max_event_count is not None:
        found = len(qs.order_by().values_list("id", flat=True)[: query.max_event_count + 1])
        if found > query.max_event_count:
            raise EpcisQueryTooLarge(
                _("The query matches more than maxEventCount=%(n)d events.") % {"n": query.max_event_count}
            )
    served = position.served if position else 0
    if position is not None:
        after = (datetime.fromisoformat(position.after[0]), int(position.after[1]))
        qs = qs.filter(keyset_after((key, "id"), after, descending=query.descending))
    limit = per_page
    if query.event_count_limit is not None:
        limit = max(0, min(per_page, query.event_count_limit - served))
    prefix = "-" if query.descending else ""
    columns = ("id", key, "document") if key == "record_time" else ("id", key, "record_time", "document")
    rows = list(qs.order_by(f"{prefix}{key}", f"{prefix}id").only(*columns)[: limit + 1]) if limit else []
    more = len(rows) > limit
    rows = rows[:limit]
    if query.event_count_limit is not None and served + len(rows) >= query.event_count_limit:
        more = False
    next_token = None
    if more:
        last = rows[-1]
        moment: datetime = getattr(last, key)
        next_token = page_token_dumps(
            scope=scope, after=(moment.isoformat(), last.pk), served=served + len(rows)
        )
    events = [_render(row.document, epc_format) for row in rows]
    return EventPage(document=query_document(events, query_name=query_name), next_token=next_token)


def event_get(*, actor: Any, event_id: str, epc_format: str = "No_Preference") -> dict[str, Any]:
    """`GET /events/{eventID}`: an EPCISQueryDocument holding the one event; 404 if `actor` cannot see it."""
    if not can_epcis_query(actor):
        raise PermissionDenied
    event = Event.objects.visible_to(actor).filter(event_id=event_id).only("id", "document").first()
    if event is None:
        raise EpcisNoSuchResource(_("No event with eventID %(id)s.") % {"id": event_id})
    return query_document([_render(event.document, epc_format)], query_name=SIMPLE_EVENT_QUERY)
