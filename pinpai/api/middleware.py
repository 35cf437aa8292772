"""Errors Django answers before ninja sees the request (unknown path → 404, wrong method → 405)
are turned into problem+json too, so every /api/ error has the same shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"
CODES = {404: "not_found", 405: "method_not_allowed"}


class ApiProblemFallbackMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code not in CODES:
            return response
        if response.get("Content-Type", "").startswith("application/problem+json"):
            return response
        status = response.status_code
        detail = (
            f"{request.method} is not allowed here; allowed: {response.get('Allow', '')}."
            if status == 405
            else f"No API resource at {request.path}."
        )
        body = {
            "type": f"urn:pinpai:problem:{CODES[status]}",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "code": CODES[status],
            "instance": request.path,
        }
        problem = HttpResponse(
            json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json"
        )
        if "Allow" in response:
            problem["Allow"] = response["Allow"]
        return problem
