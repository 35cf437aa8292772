"""Lot genealogy: where a lot came from (backward), where it went (forward), and a recall's downstream reach.

Signed-in staff see every event; an enterprise the events it captured (Event.objects.visible_to). A malformed
identifier is a 422 problem naming `id` and why (e.g. the GTIN check digit); an identifier no visible event names is
a 404 problem (`trace_target_not_found`).
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from pinpai.api.auth import signed_in
from pinpai.traceability.schemas.trace import (
    RecallImpactIn,
    RecallImpactOut,
    TraceBackwardIn,
    TraceBackwardOut,
    TraceForwardIn,
    TraceForwardOut,
)
from pinpai.traceability.selectors.genealogy import trace_backward, trace_forward
from pinpai.traceability.selectors.trace_report import recall_impact_report, trace_report

router = Router(tags=["trace"])


@router.get(
    "/trace/backward",
    response=TraceBackwardOut,
    operation_id="trace_backward",
    url_name="trace_backward",
    auth=signed_in,
)
def trace_backward_get(request: HttpRequest, query: Query[TraceBackwardIn]) -> Any:
    """Upstream genealogy of an identifier: the lots, containers and inputs it came from, every event that
    names them (in event time order), the places they passed and the enterprises involved."""
    return trace_report(trace_backward(actor=request.user, identifier=query.id, max_depth=query.max_depth))


@router.get(
    "/trace/forward",
    response=TraceForwardOut,
    operation_id="trace_forward",
    url_name="trace_forward",
    auth=signed_in,
)
def trace_forward_get(request: HttpRequest, query: Query[TraceForwardIn]) -> Any:
    """Downstream genealogy of an identifier: the lots made from it, the containers it travelled in, their events,
    places and enterprises."""
    return trace_report(trace_forward(actor=request.user, identifier=query.id, max_depth=query.max_depth))


@router.get(
    "/trace/recall-impact",
    response=RecallImpactOut,
    operation_id="recall_impact",
    url_name="recall_impact",
    auth=signed_in,
)
def recall_impact_get(request: HttpRequest, query: Query[RecallImpactIn]) -> Any:
    """Everything downstream of the given lots (repeat `id=`), with the quantities the events recorded: what a
    recall has to reach. Staff may ask about any lot, an enterprise about lots of its own products."""
    return recall_impact_report(actor=request.user, lot_identifiers=query.id)
