"""What every resource of the EPCIS REST binding shares: authentication, the GS1 headers, content negotiation,
OPTIONS discovery, and errors as `application/problem+json` with `type` = `epcisException:<Name>`.

A resource is a plain Django view built by `resource(get=…, post=…, delete=…)`: it answers OPTIONS itself (204,
`Allow`, the GS1 discovery headers; no credentials needed), refuses other methods with 405, authenticates the caller
(`Authorization: Bearer <token>` as for /api/v1/, else the browser session), checks CSRF for session writes only,
negotiates JSON or JSON-LD, then calls the handler with a `Call`. Every response carries `GS1-EPCIS-Version` and
`GS1-CBV-Version`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from pinpai.accounts.selectors import api_token_user
from pinpai.common.exceptions import ApplicationError
from pinpai.traceability.exceptions import EpcisCaptureLimitExceeded, EpcisError
from pinpai.traceability.selectors.event_query_values import query_parameter_error
from pinpai.traceability.selectors.events import EPC_FORMATS

logger = logging.getLogger(__name__)

EPCIS_VERSION = "2.0.0"
CBV_VERSION = "2.0.0"
PROBLEM_JSON = "application/problem+json"
JSON_TYPES = ("application/json", "application/ld+json")
GS1_HEADERS = {"GS1-EPCIS-Version": EPCIS_VERSION, "GS1-CBV-Version": CBV_VERSION}
DISCOVERY_HEADERS = {
    **GS1_HEADERS,
    "GS1-EPCIS-Min": EPCIS_VERSION,
    "GS1-EPCIS-Max": EPCIS_VERSION,
    "GS1-CBV-Min": CBV_VERSION,
    "GS1-CBV-Max": CBV_VERSION,
    "GS1-EPC-Format": "No_Preference",
    "GS1-Vendor-Version": "pinpai-epcis-1",
}
# GS1 exception names of errors that are not EpcisError subclasses, by HTTP status.
_EXCEPTION_BY_STATUS = {
    400: "ValidationException",
    401: "SecurityException",
    403: "SecurityException",
    404: "NoSuchResourceException",
    405: "MethodNotAllowedException",
    406: "NotAcceptableException",
    409: "ResourceAlreadyExistsException",
    413: "CaptureLimitExceededException",
    415: "UnsupportedMediaTypeException",
    501: "ImplementationException",
}

Handler = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Call:
    """One authenticated request to a resource: the caller and the media type the answer is sent in."""

    request: HttpRequest
    actor: Any
    media_type: str

    def json(self, data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> HttpResponse:
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False), status=status, content_type=self.media_type
        )
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @property
    def epc_format(self) -> str:
        """The `GS1-EPC-Format` the client asked for (checked by `resource`)."""
        return self.request.headers.get("GS1-EPC-Format") or "No_Preference"

    def page_parameters(self) -> tuple[str | None, str | None, dict[str, list[str]]]:
        """(perPage, nextPageToken, the other query parameters)."""
        others = {k: v for k, v in self.request.GET.lists() if k not in ("perPage", "nextPageToken")}
        return self.request.GET.get("perPage"), self.request.GET.get("nextPageToken"), others

    def list_parameters(self) -> tuple[str | None, str | None]:
        """(perPage, nextPageToken) of a list that takes no filters; any other parameter is a 400."""
        per_page, token, others = self.page_parameters()
        for name in others:
            raise query_parameter_error(name, _("unknown query parameter"))
        return per_page, token

    def link_next(self, token: str | None) -> dict[str, str]:
        """The `Link: <…>; rel="next"` header of a page that has a next one (the same URL with the new token)."""
        if token is None:
            return {}
        params = [(k, v) for k, values in self.request.GET.lists() if k != "nextPageToken" for v in values]
        params.append(("nextPageToken", token))
        return {"Link": f'<{self.request.path}?{urlencode(params)}>; rel="next"'}


def problem(
    request: HttpRequest,
    *,
    status: int,
    detail: str,
    code: str,
    title: str,
    exception: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> HttpResponse:
    """An RFC 7807 problem in the binding's form: `type` = `epcisException:<Name>`, plus our stable `code`."""
    body = {
        **extra,
        "type": f"epcisException:{exception or _EXCEPTION_BY_STATUS.get(status, 'ImplementationException')}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "instance": request.path,
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_JSON)
    for name, value in {**GS1_HEADERS, **(headers or {})}.items():
        response[name] = value
    return response


def error_problem(request: HttpRequest, error: Exception) -> HttpResponse:
    """The problem for an error a handler raised: EpcisError (its GS1 name), other ApplicationError, 403."""
    if isinstance(error, EpcisError):
        headers = {}
        if error.status == 413 and error.exception == "CaptureLimitExceededException":
            headers = capture_limit_headers()
        return problem(
            request,
            status=error.status,
            detail=error.detail,
            code=error.code,
            title=error.title,
            exception=error.exception,
            headers=headers,
            **error.extra,
        )
    if isinstance(error, ApplicationError):
        return problem(
            request,
            status=error.status,
            detail=error.detail,
            code=error.code,
            title=error.title,
            **error.extra,
        )
    return problem(
        request,
        status=403,
        detail=str(error) or _("You are not allowed to do this."),
        code="permission_denied",
        title="Access to resource forbidden",
    )


def capture_limit_headers() -> dict[str, str]:
    return {
        "GS1-EPCIS-Capture-Limit": str(settings.EPCIS_CAPTURE_MAX_EVENTS),
        "GS1-EPCIS-Capture-File-Size-Limit": str(settings.EPCIS_CAPTURE_MAX_BYTES),
    }


def _authenticate(request: HttpRequest) -> tuple[Any, bool] | None:
    """(user, came with a token) for a valid bearer token or a signed-in session; None otherwise."""
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _sep, secret = header.partition(" ")
        user = (
            api_token_user(secret=secret.strip()) if scheme.lower() == "bearer" and secret.strip() else None
        )
        if user is None:
            return None
        request.user = user
        return user, True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user, False
    return None


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request: HttpRequest, reason: str) -> Any:
        return reason


def _csrf_failure(request: HttpRequest) -> str | None:
    """The reason a session write fails Django's CSRF check, or None (the same check the middleware makes)."""
    check = _CsrfCheck(lambda r: HttpResponse())
    check.process_request(request)
    reason = check.process_view(request, lambda r: HttpResponse(), (), {})
    return reason if isinstance(reason, str) else None


def _version_problem(request: HttpRequest) -> HttpResponse | None:
    """406 when the client's GS1-EPCIS-Min/Max or GS1-CBV-Min/Max exclude 2.0.0."""
    for kind, version in (("EPCIS", EPCIS_VERSION), ("CBV", CBV_VERSION)):
        low = request.headers.get(f"GS1-{kind}-Min")
        high = request.headers.get(f"GS1-{kind}-Max")
        if (low and _version(low) > _version(version)) or (high and _version(high) < _version(version)):
            return problem(
                request,
                status=406,
                detail=_("This repository speaks %(kind)s %(version)s only.")
                % {"kind": kind, "version": version},
                code="epcis_version_not_supported",
                title="Not acceptable",
            )
    return None


def _version(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.strip().split(".") if p.isdigit()]
    return tuple(parts + [0] * (3 - len(parts)))


def _negotiate(request: HttpRequest) -> str | None:
    """application/json (the default) or application/ld+json when the client prefers it; None if it takes neither."""
    if not request.headers.get("Accept"):
        return JSON_TYPES[0]
    preferred = request.get_preferred_type(list(JSON_TYPES))
    return str(preferred) if preferred else None


def _options(allow: str, extra: Mapping[str, str]) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = allow
    for name, value in {**DISCOVERY_HEADERS, **extra}.items():
        response[name] = value
    return response


def resource(
    *,
    get: Handler | None = None,
    post: Handler | None = None,
    delete: Handler | None = None,
    options_headers: Callable[[], Mapping[str, str]] | None = None,
) -> Callable[..., HttpResponse]:
    """A view serving one resource of the binding; handlers take (call, **path parameters)."""
    handlers = {name: h for name, h in (("GET", get), ("POST", post), ("DELETE", delete)) if h is not None}
    if "GET" in handlers:
        handlers["HEAD"] = handlers["GET"]
    allow = ", ".join(["OPTIONS", *(m for m in ("GET", "HEAD", "POST", "DELETE") if m in handlers)])

    @csrf_exempt  # session writes are CSRF-checked below; bearer-token requests carry no cookie to forge
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _options(allow, options_headers() if options_headers else {})
        handler = handlers.get(request.method or "")
        if handler is None:
            detail = _("%(method)s is not allowed here; allowed: %(allow)s.") % {
                "method": request.method,
                "allow": allow,
            }
            return problem(
                request, status=405, detail=detail, code="method_not_allowed", title="Method not allowed",
                headers={"Allow": allow},
            )  # fmt: skip
        response = _dispatch(request, handler, kwargs)
        for name, value in GS1_HEADERS.items():
            response[name] = value
        patch_vary_headers(response, ("Accept", "Authorization"))
        return response

    return view


def _dispatch(request: HttpRequest, handler: Handler, kwargs: dict[str, Any]) -> HttpResponse:
    authenticated = _authenticate(request)
    if authenticated is None:
        return problem(
            request,
            status=401,
            detail=_("Send a valid API token as 'Authorization: Bearer <token>', or sign in."),
            code="authentication_required",
            title="Unauthorised request",
            headers={"WWW-Authenticate": 'Bearer realm="pinpai"'},
        )
    actor, via_token = authenticated
    if not via_token and request.method not in ("GET", "HEAD"):
        reason = _csrf_failure(request)
        if reason is not None:
            return problem(
                request, status=403, detail=_("CSRF check failed: %(reason)s") % {"reason": reason},
                code="csrf_failed", title="Access to resource forbidden",
            )  # fmt: skip
    refused = _version_problem(request)
    if refused is not None:
        return refused
    media_type = _negotiate(request)
    if media_type is None:
        return problem(
            request,
            status=406,
            detail=_("This resource answers application/json or application/ld+json."),
            code="not_acceptable",
            title="Not acceptable",
        )
    epc_format = request.headers.get("GS1-EPC-Format")
    if epc_format and epc_format not in EPC_FORMATS:
        return problem(
            request,
            status=406,
            detail=_("GS1-EPC-Format must be one of %(allowed)s.") % {"allowed": ", ".join(EPC_FORMATS)},
            code="epc_format_not_supported",
            title="Not acceptable",
        )
    try:
        return handler(Call(request=request, actor=actor, media_type=media_type), **kwargs)
    except (ApplicationError, PermissionDenied) as error:
        return error_problem(request, error)
    except Exception:
        logger.exception("unhandled EPCIS error")
        return problem(
            request,
            status=500,
            detail=_("The server failed to handle this request; it has been logged."),
            code="internal_error",
            title="A server-side error occurred",
        )


def not_implemented(call: Call, **kwargs: Any) -> HttpResponse:
    """Query subscriptions (webhooks, WebSocket) are not offered yet."""
    return problem(
        call.request,
        status=501,
        detail=_("Query subscriptions are not supported by this repository yet."),
        code="epcis_subscriptions_not_implemented",
        title="Functionality not supported by server",
    )


def unknown_resource(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """Any other path under /epcis/: 404 NoSuchResourceException."""
    return problem(
        request,
        status=404,
        detail=_("No EPCIS resource at %(path)s.") % {"path": request.path},
        code="epcis_no_such_resource",
        title="Resource not found",
    )


def read_body(request: HttpRequest, *, limit: int) -> bytes:
    """The request body, at most `limit` bytes: a larger Content-Length is refused before anything is read, and the
    body is read from the stream (not `request.body`, which DATA_UPLOAD_MAX_MEMORY_SIZE would refuse above 2.5 MB)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    too_big = EpcisCaptureLimitExceeded(_("A capture document may be at most %(n)d bytes.") % {"n": limit})
    if declared > limit:
        raise too_big
    data = request.read(limit + 1)
    if len(data) > limit:
        raise too_big
    return data
