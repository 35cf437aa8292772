"""RFC 7807 problem+json for every API error, with a stable `code` clients can match on."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from pinpai.common.exceptions import ApplicationError

logger = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "urn:pinpai:problem:"


def problem(
    api: NinjaAPI, request: HttpRequest, *, status: int, code: str, title: str, detail: str, **extra: Any
) -> HttpResponse:
    # An error's extra members add to the problem; they never replace its RFC 7807 members.
    body = {
        **extra,
        "type": PROBLEM_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    body.setdefault("instance", request.path)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_JSON
    return response


def _location(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "header", "cookie", "form")]
    return ".".join(parts) or "request"


def _describe(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    ctx = error.get("ctx") or {}
    if error.get("type") == "enum" and "expected" in ctx:
        msg = f"must be one of {ctx['expected']}"
    return f"{_location(list(error.get('loc', [])))}: {msg}"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return problem(
            api, request, status=exc.status, code=exc.code, title=exc.title, detail=exc.detail, **exc.extra
        )

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "field": _location(list(e.get("loc", []))),
                "message": _describe(e).split(": ", 1)[1],
                "type": e.get("type"),
            }
            for e in exc.errors
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem(
            api,
            request,
            status=422,
            code="validation_error",
            title="Invalid request",
            detail=detail,
            errors=errors,
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            api,
            request,
            status=401,
            code="authentication_required",
            title="Authentication required",
            detail="Send a valid API token as 'Authorization: Bearer <token>' (see `manage.py api_token`).",
        )
        response["WWW-Authenticate"] = 'Bearer realm="pinpai"'
        return response

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(
            api,
            request,
            status=403,
            code="permission_denied",
            title="Permission denied",
            detail=str(exc) or "You are not allowed to do this.",
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(
            api,
            request,
            status=404,
            code="not_found",
            title="Not found",
            detail=str(exc) or "No such resource.",
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(
            api,
            request,
            status=exc.status_code,
            code=f"http_{exc.status_code}",
            title=str(exc),
            detail=str(exc),
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return problem(
            api,
            request,
            status=413,
            code="request_too_large",
            title="Request body too large",
            detail=f"The request body is larger than the {limit:,} bytes this API accepts.",
            max_bytes=limit,
        )

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("unhandled API error", exc_info=exc)
        return problem(
            api,
            request,
            status=500,
            code="internal_error",
            title="Internal error",
            detail="The server failed to handle this request; it has been logged.",
        )
