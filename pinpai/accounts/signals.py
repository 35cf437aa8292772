"""Django's authentication signals → audit events (pinpai/accounts/services/sessions.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from pinpai.accounts.services.sessions import (
    user_sign_in_failure_record,
    user_sign_in_record,
    user_sign_out_record,
)


@receiver(user_logged_in, dispatch_uid="pinpai.accounts.signed_in")
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    user_sign_in_record(actor=user)


@receiver(user_logged_out, dispatch_uid="pinpai.accounts.signed_out")
def signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and user.is_authenticated:  # logging out without a session sends user=None
        user_sign_out_record(actor=user)


@receiver(user_login_failed, dispatch_uid="pinpai.accounts.sign_in_failed")
def sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    if username:
        user_sign_in_failure_record(actor=AnonymousUser(), username=username)
