"""Every audit action, declared once: `<app>.<entity>.<past tense>`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # accounts
    ORGANISATION_CREATED = "accounts.organisation.created", _("organisation created")
    ORGANISATION_UPDATED = "accounts.organisation.updated", _("organisation updated")
    ORGANISATION_SUCCEEDED = (
        "accounts.organisation.succeeded",
        _("organisation succeeded (renamed or merged)"),
    )
    USER_CREATED = "accounts.user.created", _("user created")
    USER_PASSWORD_CHANGED = "accounts.user.password_changed", _("user password changed")
    USER_DEACTIVATED = "accounts.user.deactivated", _("user deactivated")
    MEMBERSHIP_GRANTED = "accounts.membership.granted", _("membership granted")
    MEMBERSHIP_ENDED = "accounts.membership.ended", _("membership ended")
    API_TOKEN_ISSUED = "accounts.api_token.issued", _("API token issued")
    API_TOKEN_REVOKED = "accounts.api_token.revoked", _("API token revoked")
    # common
    REFERENCE_LOADED = "common.reference.loaded", _("reference data loaded")
