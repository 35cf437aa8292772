"""Sign-in, sign-out and failed sign-in attempts as audit events (who, when, from which address).

Django authenticates; these services only record what happened, through its signals
(`pinpai/accounts/signals.py`). A failed attempt is recorded against the account it named; an attempt
naming no account is only logged (an audit event needs a record to be about, and storing every
guessed username would fill the trail with noise from password sprayers).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from pinpai.accounts.models import User
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record

logger = logging.getLogger(__name__)


@transaction.atomic
def user_sign_in_record(*, actor: User) -> None:
    audit_record(actor=actor, action=AuditAction.USER_SIGNED_IN, target=actor)


@transaction.atomic
def user_sign_out_record(*, actor: User) -> None:
    audit_record(actor=actor, action=AuditAction.USER_SIGNED_OUT, target=actor)


@transaction.atomic
def user_sign_in_failure_record(*, actor: Any, username: str) -> None:
    """`actor` is whoever is at the keyboard (anonymous); the event is about the account named."""
    user = User.objects.filter(username=username).first()
    if user is None:
        logger.warning("failed sign-in for an unknown username (%d characters)", len(username))
        return
    audit_record(actor=actor, action=AuditAction.USER_SIGN_IN_FAILED, target=user)
