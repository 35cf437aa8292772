"""Discovery: `GET /epcis/` (the top-level resources), the value lists (`/eventTypes`, `/epcs`, `/bizSteps`,
`/bizLocations`, `/readPoints`, `/dispositions`) and their `/{value}` sub-resource lists; the OpenAPI document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from pinpai.traceability.exceptions import EpcisNoSuchResource
from pinpai.traceability.selectors.epcis_lists import event_value_exists, event_values_page
from pinpai.traceability.selectors.paging import per_page_parse
from pinpai.traceability.views.epcis.common import GS1_HEADERS, Call

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
TOP_LEVEL = (
    "queries", "capture", "events", "eventTypes", "epcs", "readPoints", "bizLocations", "dispositions", "bizSteps",
)  # fmt: skip
OPENAPI = Path(__file__).resolve().parents[2] / "static" / "traceability" / "epcis-openapi.json"


def _collection(members: list[Any]) -> dict[str, Any]:
    return {"@context": CONTEXT, "type": "Collection", "member": members}


def top_level(call: Call) -> HttpResponse:
    call.list_parameters()
    return call.json(_collection(list(TOP_LEVEL)))


def values_list(resource_name: str) -> Any:
    """`GET /{resource}`: the values seen in the caller's visible events, paged."""

    def handler(call: Call) -> HttpResponse:
        per_page, token = call.list_parameters()
        page = event_values_page(
            actor=call.actor, resource=resource_name, per_page=per_page_parse(per_page), token=token
        )
        return call.json(_collection(page.items), headers=call.link_next(page.next_token))

    return handler


def value_detail(resource_name: str) -> Any:
    """`GET /{resource}/{value}`: its sub-resources (`events`), 404 if no visible event has the value."""

    def handler(call: Call, value: str) -> HttpResponse:
        if not event_value_exists(actor=call.actor, resource=resource_name, value=value):
            raise EpcisNoSuchResource(
                _("No %(resource)s %(value)s.") % {"resource": resource_name, "value": value}
            )
        return call.json(_collection(["events"]))

    return handler


def openapi(request: HttpRequest) -> HttpResponseBase:
    """GS1's OpenAPI document of the REST binding, served as published (vendored, unchanged)."""
    response = FileResponse(OPENAPI.open("rb"), content_type="application/json")
    for name, value in GS1_HEADERS.items():
        response[name] = value
    return response
