"""Named EPCIS queries (`/epcis/queries`): their definitions, and their results (a page like `GET /events`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pinpai.accounts.querysets import actor_scope
from pinpai.traceability.exceptions import EpcisNoSuchResource
from pinpai.traceability.models import NamedQuery
from pinpai.traceability.permissions import can_epcis_query
from pinpai.traceability.selectors.epcis_lists import ListPage
from pinpai.traceability.selectors.event_query import EventQuery, event_query_parse
from pinpai.traceability.selectors.event_query_values import query_values_from_json
from pinpai.traceability.selectors.events import EventPage, event_page
from pinpai.traceability.selectors.paging import page_scope, page_token_dumps, page_token_loads


def named_query_list(*, actor: Any) -> QuerySet[NamedQuery]:
    """Administrators see every named query; everyone else the ones they created."""
    if not can_epcis_query(actor):
        raise PermissionDenied
    qs = NamedQuery.objects.all()
    if not actor_scope(actor).is_admin:
        qs = qs.filter(created_by=actor)
    return qs.order_by("name")


def named_query_page(*, actor: Any, per_page: int, token: str | None = None) -> ListPage:
    scope = page_scope("queries", getattr(actor, "pk", None))
    position = page_token_loads(token, scope=scope)
    qs = named_query_list(actor=actor)
    if position is not None:
        qs = qs.filter(name__gt=position.after[0])
    rows = list(qs[: per_page + 1])
    next_token = None
    if len(rows) > per_page:
        rows = rows[:per_page]
        next_token = page_token_dumps(scope=scope, after=(rows[-1].name,), served=0)
    return ListPage(items=rows, next_token=next_token)


def named_query_get(*, actor: Any, name: str) -> NamedQuery:
    query = named_query_list(actor=actor).filter(name=name).first()
    if query is None:
        raise EpcisNoSuchResource(_("No named query %(name)s.") % {"name": name})
    return query


def named_query_parse(parameters: object) -> EventQuery:
    """A named query's stored `query` object → EventQuery (400 QueryParameterException if it is not valid)."""
    return event_query_parse(query_values_from_json(parameters))


def named_query_events_page(
    *, actor: Any, name: str, per_page: int, token: str | None = None, epc_format: str = "No_Preference"
) -> EventPage:
    """`GET /queries/{name}/events`: a page of the named query's results, scoped to `actor` like `GET /events`."""
    named = named_query_get(actor=actor, name=name)
    return event_page(
        actor=actor,
        query=named_query_parse(named.parameters),
        per_page=per_page,
        token=token,
        epc_format=epc_format,
        query_name=named.name,
    )
