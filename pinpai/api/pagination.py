"""limit/offset pagination with a hard maximum; the page says how it was cut."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from pinpai.common.paging import page_window


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(settings.API_PAGE_DEFAULT, ge=1, le=settings.API_PAGE_MAX, description="page size")
        # Capped so it fits a 64-bit OFFSET on every database; no list here has a billion rows.
        offset: int = Field(0, ge=0, le=1_000_000_000, description="rows to skip")

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="rows matching the query, all pages")
        limit: int
        offset: int

    items_attribute = "items"

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        offset, limit = pagination.offset, pagination.limit
        items, count = page_window(queryset, offset, limit)
        return {
            "items": items,
            "count": count,
            "limit": limit,
            "offset": offset,
        }
