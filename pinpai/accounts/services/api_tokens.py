"""API tokens: issued once (only a hash is stored) and revoked."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pinpai.accounts.exceptions import (
    UserInvalid,
)
from pinpai.accounts.models import ApiToken, User
from pinpai.accounts.permissions import (
    can_api_token_issue,
    can_api_token_revoke,
)
from pinpai.accounts.tokens import TOKEN_PREFIX, api_token_hash
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.validation import full_clean_or_raise


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


@transaction.atomic
def api_token_issue(
    *, actor: Any, user: User, name: str = "", expires_at: datetime.datetime | None = None
) -> IssuedToken:
    """A new bearer token for `user`; the secret is returned once and never stored."""
    if not can_api_token_issue(actor, user=user):
        raise PermissionDenied
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=secret[:10],
        key_hash=api_token_hash(secret),
        expires_at=expires_at,
    )
    full_clean_or_raise(token, UserInvalid)
    token.save()
    audit_record(
        actor=actor,
        action=AuditAction.API_TOKEN_ISSUED,
        target=token,
        changes=model_changes(
            None,
            {"user": user.username, "name": token.name, "prefix": token.prefix, "expires_at": expires_at},
        ),
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    if not can_api_token_revoke(actor, token=token):
        raise PermissionDenied
    t = ApiToken.objects.select_for_update().get(pk=token.pk)
    if t.revoked_at is not None:
        return t
    t.revoked_at = timezone.now()
    t.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.API_TOKEN_REVOKED,
        target=t,
        changes=model_changes({"revoked_at": None}, {"revoked_at": t.revoked_at}),
    )
    return t
