"""User accounts: create, change password, deactivate; the system actor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pinpai.accounts.exceptions import (
    UserInvalid,
)
from pinpai.accounts.models import SYSTEM_USERNAME, User
from pinpai.accounts.permissions import (
    can_user_create,
    can_user_deactivate,
    can_user_password_change,
)
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.validation import full_clean_or_raise


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise UserInvalid(" ".join(exc.messages), extra={"errors": {"password": list(exc.messages)}}) from exc


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    phone: str = "",
) -> User:
    """Create a person's account. Without a password the account cannot sign in until one is set."""
    if not can_user_create(actor):
        raise PermissionDenied
    if username == SYSTEM_USERNAME:
        raise UserInvalid(
            f"The username {SYSTEM_USERNAME!r} is reserved.", extra={"errors": {"username": ["reserved"]}}
        )
    user = User(
        username=username.strip(), full_name=full_name.strip(), email=email.strip(), phone=phone.strip()
    )
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    full_clean_or_raise(user, UserInvalid, exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action=AuditAction.USER_CREATED,
        target=user,
        changes=model_changes(
            None, {"username": user.username, "full_name": user.full_name, "email": user.email}
        ),
    )
    return user


@transaction.atomic
def user_password_change(*, actor: Any, user: User, new_password: str) -> User:
    if not can_user_password_change(actor, user=user):
        raise PermissionDenied
    _check_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor, action=AuditAction.USER_PASSWORD_CHANGED, target=user
    )  # the secret is never recorded
    return user


@transaction.atomic
def user_deactivate(*, actor: Any, user: User) -> User:
    """Stop a person signing in; their tokens stop working with them. History is kept."""
    if not can_user_deactivate(actor, user=user):
        raise PermissionDenied
    if not user.is_active:
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor, action=AuditAction.USER_DEACTIVATED, target=user, changes={"is_active": [True, False]}
    )
    return user


def system_user_ensure() -> User:
    """The named actor for commands and tasks: a superuser that can never sign in.

    Creating it is bootstrapping, not a business operation, so it is not audited.
    """
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"full_name": "pinpai 系统", "is_superuser": True, "is_staff": False, "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
