"""Named queries: `POST /queries` ({"name": …, "query": {…}}), `GET /queries`, `GET|DELETE /queries/{name}`,
`GET /queries/{name}/events`. Subscriptions (webhooks, WebSocket) answer 501."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from pinpai.traceability.exceptions import EpcisUnsupportedMediaType, EpcisValidationError
from pinpai.traceability.models import NamedQuery
from pinpai.traceability.selectors.paging import per_page_parse
from pinpai.traceability.selectors.queries import named_query_events_page, named_query_get, named_query_page
from pinpai.traceability.services.queries import named_query_create, named_query_delete
from pinpai.traceability.views.epcis.common import JSON_TYPES, Call, not_implemented, read_body

MAX_QUERY_BYTES = 64 * 1024
# GET /queries/{name}/events with these (or a WebSocket upgrade) asks for a subscription: 501 for now.
SUBSCRIPTION_PARAMETERS = frozenset(
    {
        "stream",
        "second",
        "minute",
        "hour",
        "dayOfMonth",
        "month",
        "dayOfWeek",
        "reportIfEmpty",
        "initialRecordTime",
    }
)


def _definition(named: NamedQuery) -> dict[str, Any]:
    return {"name": named.name, "query": named.parameters}


def _body(call: Call) -> dict[str, Any]:
    if (call.request.content_type or "").lower() not in JSON_TYPES:
        raise EpcisUnsupportedMediaType(_("Send a named query as application/json."))
    raw = read_body(call.request, limit=MAX_QUERY_BYTES)
    try:
        body = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EpcisValidationError(
            _("The body is not valid JSON."),
            problems=[{"pointer": "", "rule": "malformed_json", "message": str(error)}],
        ) from None
    if not isinstance(body, dict) or "name" not in body or "query" not in body:
        raise EpcisValidationError(
            _("A named query is a JSON object with a name and a query."),
            problems=[{"pointer": "", "rule": "schema", "message": "required: name, query"}],
        )
    return body


def queries_list(call: Call) -> HttpResponse:
    per_page, token = call.list_parameters()
    page = named_query_page(actor=call.actor, per_page=per_page_parse(per_page), token=token)
    return call.json([_definition(q) for q in page.items], headers=call.link_next(page.next_token))


def query_create(call: Call) -> HttpResponse:
    body = _body(call)
    named = named_query_create(actor=call.actor, name=body["name"], query=body["query"])
    return call.json(_definition(named), status=201, headers={"Location": f"/epcis/queries/{named.name}"})


def query_detail(call: Call, name: str) -> HttpResponse:
    return call.json(_definition(named_query_get(actor=call.actor, name=name)))


def query_delete(call: Call, name: str) -> HttpResponse:
    named_query_delete(actor=call.actor, name=name)
    return HttpResponse(status=204)


def query_events(call: Call, name: str) -> HttpResponse:
    if call.request.headers.get("Upgrade", "").lower() == "websocket" or SUBSCRIPTION_PARAMETERS & set(
        call.request.GET
    ):
        return not_implemented(call)
    per_page, token = call.list_parameters()
    page = named_query_events_page(
        actor=call.actor,
        name=name,
        per_page=per_page_parse(per_page),
        token=token,
        epc_format=call.epc_format,
    )
    return call.json(page.document, headers=call.link_next(page.next_token))
