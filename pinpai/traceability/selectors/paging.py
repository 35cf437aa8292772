"""Keyset pages for the EPCIS REST binding: `perPage` and an opaque, signed `nextPageToken`.

A token holds the sort key of the last row served (never an OFFSET: page 10,000 costs what page 1 costs), how many
rows were served so far (for `eventCountLimit`), and the fingerprint of the resource, the caller and the normalised
query parameters, so that a token replayed with other filters is refused instead of answering a different query.
Tokens are signed (`django.core.signing`), so a client can neither read nor forge a position.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext as _

from pinpai.traceability.selectors.event_query_values import positive_int_parse, query_parameter_error

_SALT = "pinpai.traceability.epcis.next-page"


@dataclass(frozen=True)
class Position:
    """Where the previous page stopped: the sort key of its last row, and how many rows were served until then."""

    after: tuple[Any, ...]
    served: int


def per_page_parse(raw: str | None) -> int:
    """`perPage`: a positive whole number; above EPCIS_QUERY_PAGE_MAX the page is cut to it (the binding allows a
    server limit); absent → EPCIS_QUERY_PAGE_DEFAULT."""
    if raw is None:
        return int(settings.EPCIS_QUERY_PAGE_DEFAULT)
    return min(positive_int_parse("perPage", raw), int(settings.EPCIS_QUERY_PAGE_MAX))


def page_scope(*parts: object) -> str:
    """The fingerprint a token is bound to: resource, caller and normalised parameters."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def page_token_dumps(*, scope: str, after: tuple[Any, ...], served: int) -> str:
    return signing.dumps({"s": scope, "a": list(after), "n": served}, salt=_SALT, compress=True)


def page_token_loads(token: str | None, *, scope: str) -> Position | None:
    """The position a `nextPageToken` holds; None without one; 400 for a forged, damaged or replayed token."""
    if token is None:
        return None
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("s") != scope:
        raise query_parameter_error(
            "nextPageToken",
            _("not a token this query issued (a token only continues the query and filters it came from)"),
        )
    return Position(after=tuple(data["a"]), served=int(data["n"]))


def keyset_after(fields: tuple[str, str], after: tuple[Any, Any], *, descending: bool) -> Q:
    """Rows strictly after `after` in the order (fields[0], fields[1]), written so an index on both serves it:
    `a >= x AND (a > x OR b > y)` (mirrored for descending order)."""
    (first, second), (x, y) = fields, after
    if descending:
        return Q(**{f"{first}__lte": x}) & (Q(**{f"{first}__lt": x}) | Q(**{f"{second}__lt": y}))
    return Q(**{f"{first}__gte": x}) & (Q(**{f"{first}__gt": x}) | Q(**{f"{second}__gt": y}))
