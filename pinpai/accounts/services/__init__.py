"""Writes for organisations, users, memberships and API tokens.

Each service: authorise, validate, write, audit, in one transaction.
"""

from pinpai.accounts.services.api_tokens import (
    IssuedToken,
    api_token_issue,
    api_token_revoke,
)
from pinpai.accounts.services.memberships import (
    membership_end,
    membership_grant,
)
from pinpai.accounts.services.organisations import (
    organisation_create,
    organisation_succeed,
    organisation_update,
)
from pinpai.accounts.services.users import (
    system_user_ensure,
    user_create,
    user_deactivate,
    user_password_change,
)

__all__ = [
    "IssuedToken",
    "api_token_issue",
    "api_token_revoke",
    "membership_end",
    "membership_grant",
    "organisation_create",
    "organisation_succeed",
    "organisation_update",
    "system_user_ensure",
    "user_create",
    "user_deactivate",
    "user_password_change",
]
