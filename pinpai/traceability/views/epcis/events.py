"""`/events` and the per-value event lists: a page of a query (`GET`, the EPCIS query parameters), one event by
its ID. (`POST /events`, capturing one event, is in `capture.py`.)"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from pinpai.traceability.selectors.epcis_lists import DISCOVERY
from pinpai.traceability.selectors.event_query import event_query_parse
from pinpai.traceability.selectors.event_query_values import query_values_from_querystring
from pinpai.traceability.selectors.events import event_get, event_page
from pinpai.traceability.selectors.paging import per_page_parse
from pinpai.traceability.views.epcis.common import Call


def events_response(call: Call, *, fixed: dict[str, list[str]] | None = None) -> HttpResponse:
    """A page of `GET /events`; `fixed` are the filters a path adds (`/bizSteps/shipping/events`)."""
    per_page, token, others = call.page_parameters()
    query = event_query_parse(query_values_from_querystring(others.items()), fixed=fixed)
    page = event_page(
        actor=call.actor,
        query=query,
        per_page=per_page_parse(per_page),
        token=token,
        epc_format=call.epc_format,
    )
    return call.json(page.document, headers=call.link_next(page.next_token))


def events_list(call: Call) -> HttpResponse:
    return events_response(call)


def event_detail(call: Call, event_id: str) -> HttpResponse:
    return call.json(event_get(actor=call.actor, event_id=event_id, epc_format=call.epc_format))


def value_events_list(resource_name: str) -> Any:
    """`GET /{resource}/{value}/events`: `GET /events` with the resource's filter (`EQ_bizStep`, `MATCH_anyEPC` …)."""
    parameter = DISCOVERY[resource_name][1]

    def handler(call: Call, value: str) -> HttpResponse:
        return events_response(call, fixed={parameter: [value]})

    return handler
