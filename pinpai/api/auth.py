"""API authentication: `Authorization: Bearer <token>` (see `manage.py api_token`), or the session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from pinpai.accounts.selectors import api_token_user


class BearerToken(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(secret=token)
        if user is None:
            return None
        request.user = user
        return user


bearer = BearerToken()
# Endpoints that need a signed-in caller accept a token or a browser session (CSRF-checked).
signed_in = [bearer, django_auth]


class OptionalBearer(BearerToken):
    """For public endpoints that show more to a signed-in caller: no token means anonymous."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.headers.get("Authorization"):
            return True  # anonymous (or the browser session's user)
        return super().__call__(request)  # a token that is sent must be valid: None → 401


optional_bearer = OptionalBearer()
