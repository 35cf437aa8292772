"""One page of a list and its total count, in a way PostgreSQL answers fast whether the filters match many
rows or few.

Ordering a list by name and taking 50 rows is fast when matches are dense (the name index is walked until 50
are found) and slow when they are rare (it walks the whole index), and PostgreSQL often cannot tell which
case it is in (an `IN (subquery)` inside the visibility scope has no usable estimate). So a page first asks
for the ids of at most `SMALL + 1` matches, unordered — cheap when matches are dense (it stops early), one
pass when they are rare. If there are at most `SMALL`, that list is the count, and the page is read from those
ids (an index lookup by primary key and a small sort). Otherwise the count and the page are read as usual.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

SMALL = 500


def _probe(queryset: Any) -> list[Any] | None:
    """The ids of all matches if there are at most SMALL, else None (also for what cannot be probed)."""
    if not isinstance(queryset, QuerySet):
        return None
    query = queryset.query
    if query.combinator or query.group_by or query.values_select or query.annotation_select:
        return None  # unions, aggregates and value rows: read as they are
    ids = list(queryset.order_by().values_list("pk", flat=True)[: SMALL + 1])
    return ids if len(ids) <= SMALL else None


def page_window(queryset: Any, offset: int, limit: int) -> tuple[list[Any], int]:
    """Rows `offset` … `offset + limit` of `queryset` (in its order) and the number of all its rows."""
    ids = _probe(queryset)
    if ids is not None:
        return list(queryset.filter(pk__in=ids)[offset : offset + limit]), len(ids)
    return list(queryset[offset : offset + limit]), queryset.count() if isinstance(
        queryset, QuerySet
    ) else len(queryset)


def window_paginator(queryset: Any, per_page: int) -> Paginator[Any]:
    """A Django Paginator that reads a small list from its ids and knows its count without a COUNT."""
    ids = _probe(queryset)
    if ids is None:
        return Paginator(queryset, per_page)
    paginator: Paginator[Any] = Paginator(queryset.filter(pk__in=ids), per_page)
    paginator.__dict__["count"] = len(ids)  # Paginator.count is a cached_property: the probe answered it
    return paginator
