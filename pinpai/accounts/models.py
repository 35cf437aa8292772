"""Organisations (departments, districts, enterprises …), users, memberships with roles, API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.choices import ROLE_ORGANISATION_KINDS, OrganisationKind, Role
from pinpai.accounts.querysets import ApiTokenQuerySet, MembershipQuerySet, OrganisationQuerySet
from pinpai.common.models import BaseModel, District

SYSTEM_USERNAME = "system"


class User(AbstractUser):
    """A person who signs in; what they may do comes from their memberships."""

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class Organisation(BaseModel):
    """A government unit, enterprise, intermediary, bank, association or expert pool.

    Units are never deleted: a renamed or merged unit gets an end date and a successor, so records
    made under its old name keep pointing at it (2018: 市工商局 + 市质监局 + 市食品药品监管局 → 市市场监督管理局).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("full official name, as registered"))
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    reference_key = models.CharField(
        _("reference key"),
        max_length=50,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "stable key from reference data: the plan's short name for departments, the division code for districts"
        ),
    )
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("district"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
        help_text=_("the unit that took over after a rename or merger"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("invented for demonstration"))

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["kind", "name"], name="accounts_org_kind_name_idx"),
            # enterprise lists are ordered by the organisation's name (registry.selectors.enterprise_list)
            models.Index(fields=["name", "id"], name="accounts_org_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="accounts_organisation_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="accounts_organisation_validity_ordered",
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | ~Q(successor=F("pk")),
                name="accounts_organisation_not_own_successor",
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(valid_to__isnull=False),
                name="accounts_organisation_successor_needs_end_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A user's role in one organisation for a period."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user", "organisation", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="accounts_membership_role_known"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="accounts_membership_validity_ordered",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(valid_to__isnull=True),
                name="accounts_membership_one_open_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        allowed = ROLE_ORGANISATION_KINDS.get(self.role, frozenset())
        if self.organisation_id and self.organisation.kind not in allowed:
            raise ValidationError(
                {
                    "role": _("The role %(role)s cannot be held in a %(kind)s organisation.")
                    % {"role": self.get_role_display(), "kind": self.organisation.get_kind_display()}
                }
            )


class ApiToken(BaseModel):
    """A bearer token for the API. Only a SHA-256 hash of the secret is stored."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(
        _("prefix"), max_length=12, help_text=_("first characters, to recognise a token")
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
