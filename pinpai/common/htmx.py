"""What every app's pages share: the request type django-htmx gives views, and not-found for what an actor may
not see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django_htmx.middleware import HtmxDetails

from pinpai.common.exceptions import NotFoundError

T = TypeVar("T")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def found(getter: Callable[..., T], **kwargs: Any) -> T:
    """Call a `*_get` selector; what the actor may not see is simply not found."""
    try:
        return getter(**kwargs)
    except NotFoundError as exc:
        raise Http404(exc.detail) from exc
