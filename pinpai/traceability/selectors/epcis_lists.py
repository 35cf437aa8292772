"""The other lists of the EPCIS REST binding: capture jobs, and the discovery resources (`/eventTypes`, `/epcs`,
`/bizSteps`, `/bizLocations`, `/readPoints`, `/dispositions`), each paged by keyset like the event queries.

Discovery lists hold the values that occur in the events the caller may see, in ascending order, read by a loose
index scan (one `SELECT value … WHERE value > <previous> ORDER BY value LIMIT 1` per value, served by the column or
identifier index); `/eventTypes` lists the five event types this repository captures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, F, Lookup, OuterRef, Q, QuerySet

from pinpai.traceability.choices import EventType, IdentifierRole
from pinpai.traceability.models import CaptureJob, Event, EventIdentifier
from pinpai.traceability.permissions import can_epcis_query
from pinpai.traceability.selectors.capture import capture_job_list
from pinpai.traceability.selectors.event_query import event_query_parse
from pinpai.traceability.selectors.events import event_filters
from pinpai.traceability.selectors.paging import keyset_after, page_scope, page_token_dumps, page_token_loads

# discovery resource → the column it lists (None: identifiers) and the query parameter its `/{value}/events` uses
DISCOVERY: dict[str, tuple[str | None, str]] = {
    "eventTypes": ("event_type", "eventType"),
    "epcs": (None, "MATCH_anyEPC"),
    "bizSteps": ("biz_step", "EQ_bizStep"),
    "bizLocations": ("biz_location", "EQ_bizLocation"),
    "readPoints": ("read_point", "EQ_readPoint"),
    "dispositions": ("disposition", "EQ_disposition"),
}
INSTANCE_ROLES = (
    IdentifierRole.EPC,
    IdentifierRole.PARENT,
    IdentifierRole.CHILD,
    IdentifierRole.INPUT,
    IdentifierRole.OUTPUT,
)


@dataclass(frozen=True)
class ListPage:
    """One page of a list and the token of the next page (None on the last)."""

    items: list[Any]
    next_token: str | None


def capture_job_page(*, actor: Any, per_page: int, token: str | None = None) -> ListPage:
    """The caller's capture jobs (administrators: all), newest first."""
    scope = page_scope("capture", getattr(actor, "pk", None))
    position = page_token_loads(token, scope=scope)
    qs: QuerySet[CaptureJob] = capture_job_list(actor=actor)
    if position is not None:
        after = (datetime.fromisoformat(position.after[0]), int(position.after[1]))
        qs = qs.filter(keyset_after(("created_at", "pk"), after, descending=True))
    rows = list(qs.order_by("-created_at", "-pk")[: per_page + 1])
    next_token = None
    if len(rows) > per_page:
        rows = rows[:per_page]
        last = rows[-1]
        next_token = page_token_dumps(scope=scope, after=(last.created_at.isoformat(), last.pk), served=0)
    return ListPage(items=rows, next_token=next_token)


class _PatternGreaterThan(Lookup):  # type: ignore[type-arg]
    """`value ~>~ x` on PostgreSQL, which the identifier index (`varchar_pattern_ops`) serves; `>` elsewhere."""

    lookup_name = "pattern_gt"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        operator = "~>~" if connection.vendor == "postgresql" else ">"
        return f"{lhs} {operator} {rhs}", [*lhs_params, *rhs_params]


def _first_in_pattern_order(values: QuerySet[Any], field: str) -> str | None:
    """The smallest `field` in the order of its `varchar_pattern_ops` index (PostgreSQL: `ORDER BY … USING ~<~`,
    which the ORM cannot write); elsewhere plain ascending order."""
    if connection.vendor != "postgresql":
        first: str | None = values.order_by(field).values_list(field, flat=True).first()
        return first
    sql, params = values.order_by().values_list(field, flat=True).query.sql_with_params()
    column = f"{connection.ops.quote_name(values.model._meta.db_table)}.{connection.ops.quote_name(field)}"
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY {column} USING ~<~ LIMIT 1", params)
        row = cursor.fetchone()
    return row[0] if row else None


def _value_page(
    values: QuerySet[Any],
    *,
    scope: str,
    per_page: int,
    token: str | None,
    field: str,
    pattern_index: bool = False,
) -> ListPage:
    """Distinct values by a loose index scan: one `… WHERE field > last ORDER BY field LIMIT 1` per value, each
    served by the field's index, so a page costs perPage + 1 small reads instead of a DISTINCT over every event.
    `pattern_index`: the field's index is `varchar_pattern_ops`, compared and ordered with its own operators."""
    position = page_token_loads(token, scope=scope)
    last = position.after[0] if position is not None else None
    rows: list[str] = []
    while len(rows) <= per_page:
        after = values
        if last is not None:
            after = values.filter(
                _PatternGreaterThan(F(field), last) if pattern_index else Q(**{f"{field}__gt": last})
            )
        if pattern_index:
            last = _first_in_pattern_order(after, field)
        else:
            last = after.order_by(field).values_list(field, flat=True).first()
        if last is None:
            break
        rows.append(last)
    next_token = None
    if len(rows) > per_page:
        rows = rows[:per_page]
        next_token = page_token_dumps(scope=scope, after=(rows[-1],), served=0)
    return ListPage(items=rows, next_token=next_token)


def _visible_identifiers(actor: Any) -> QuerySet[EventIdentifier]:
    visible = Event.objects.visible_to(actor)
    rows = EventIdentifier.objects.filter(role__in=INSTANCE_ROLES)
    if visible.query.is_empty():
        return rows.none()
    if visible.query.has_filters():  # staff see every event: no join to the event table
        rows = rows.filter(Exists(visible.order_by().filter(pk=OuterRef("event_id"))))
    return rows


def event_values_page(*, actor: Any, resource: str, per_page: int, token: str | None = None) -> ListPage:
    """`GET /{resource}` of the discovery resources: the distinct values in the events `actor` may see."""
    if not can_epcis_query(actor):
        raise PermissionDenied
    column, _parameter = DISCOVERY[resource]
    if column == "event_type":
        return ListPage(items=list(EventType.values), next_token=None)
    scope = page_scope("values", resource, getattr(actor, "pk", None))
    if column is None:
        identifiers = _visible_identifiers(actor)
        return _value_page(
            identifiers, scope=scope, per_page=per_page, token=token, field="value", pattern_index=True
        )
    values = Event.objects.visible_to(actor).exclude(**{column: ""})
    return _value_page(values, scope=scope, per_page=per_page, token=token, field=column)


def event_value_exists(*, actor: Any, resource: str, value: str) -> bool:
    """Whether `/{resource}/{value}` names something: a known event type, or a value in a visible event (any
    spelling: `urn:epc:id:sgtin:…` finds events captured with Digital Links). 400 for a malformed value."""
    if not can_epcis_query(actor):
        raise PermissionDenied
    column, parameter = DISCOVERY[resource]
    if column == "event_type":
        return value in EventType.values
    filters = event_filters(event_query_parse({}, fixed={parameter: [value]}))
    return filters is not None and Event.objects.visible_to(actor).filter(*filters).exists()
