"""Request metadata for audit events, carried in a context variable.

The middleware sets it for each request; commands and tasks leave it empty. It never decides
whether an event is written: services do that explicitly.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_ip: str | None = None


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "pinpai_request_context",
    default=RequestContext(),  # noqa: B039 - a frozen dataclass, immutable
)


def current_request_context() -> RequestContext:
    return _current.get()


def set_request_context(ctx: RequestContext) -> contextvars.Token[RequestContext]:
    return _current.set(ctx)


def reset_request_context(token: contextvars.Token[RequestContext]) -> None:
    _current.reset(token)
