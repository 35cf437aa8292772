"""Memberships: a user's role in an organisation for a period; Django groups mirror them."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pinpai.accounts.choices import ROLE_PERMISSIONS, STAFF_ROLES, Role
from pinpai.accounts.exceptions import (
    MembershipInvalid,
)
from pinpai.accounts.models import SYSTEM_USERNAME, Membership, Organisation, User
from pinpai.accounts.permissions import (
    can_membership_end,
    can_membership_grant,
)
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.validation import full_clean_or_raise


def _role_group(role: str) -> Group:
    group, _created = Group.objects.get_or_create(name=role)
    wanted = ROLE_PERMISSIONS.get(role, ())
    if wanted and group.permissions.count() != len(wanted):
        perms = []
        for label in wanted:
            app_label, codename = label.split(".")
            perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(perms)
    return group


def _sync_role_groups(user: User) -> None:
    """Django groups mirror active roles (coarse model permissions); staff roles open the admin,
    the system administrator role makes a superuser — and losing it takes that away."""
    roles = set(Membership.objects.for_user(user).active().values_list("role", flat=True))
    user.groups.set([_role_group(role) for role in sorted(roles)])
    is_staff = bool(roles & STAFF_ROLES)
    is_superuser = Role.SYSTEM_ADMIN in roles or user.username == SYSTEM_USERNAME
    if (user.is_staff, user.is_superuser) != (is_staff, is_superuser):
        user.is_staff, user.is_superuser = is_staff, is_superuser
        user.save(update_fields=["is_staff", "is_superuser"])
    for cache in ("_pinpai_roles", "_pinpai_scope"):
        if hasattr(user, cache):
            delattr(user, cache)


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: User,
    organisation: Organisation,
    role: str,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> Membership:
    """Give a user a role in an organisation (e.g. district staff of 涪陵区人民政府)."""
    if not can_membership_grant(actor, organisation=organisation, role=role):
        raise PermissionDenied
    if Membership.objects.filter(
        user=user, organisation=organisation, role=role, valid_to__isnull=True
    ).exists():
        raise MembershipInvalid(
            f"{user} already holds the role {Role(role).label} in {organisation}.",
            extra={"errors": {"role": ["already held"]}},
        )
    membership = Membership(
        user=user,
        organisation=organisation,
        role=role,
        valid_from=valid_from or timezone.localdate(),
        valid_to=valid_to,
    )
    full_clean_or_raise(membership, MembershipInvalid, validate_constraints=False)
    membership.save()
    _sync_role_groups(user)
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_GRANTED,
        target=membership,
        changes=model_changes(
            None,
            {
                "user": user.username,
                "organisation": organisation.pk,
                "role": role,
                "valid_from": membership.valid_from,
            },
        ),
    )
    return membership


@transaction.atomic
def membership_end(
    *, actor: Any, membership: Membership, ended_on: datetime.date | None = None
) -> Membership:
    if not can_membership_end(actor, membership=membership):
        raise PermissionDenied
    m = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    end = ended_on or timezone.localdate()
    if m.valid_to is not None and m.valid_to <= end:
        return m
    if m.valid_from and end < m.valid_from:
        raise MembershipInvalid(
            f"A membership that starts on {m.valid_from} cannot end on {end}.",
            extra={"errors": {"valid_to": ["before valid_from"]}},
        )
    before = m.valid_to
    m.valid_to = end
    m.save(update_fields=["valid_to", "updated_at"])
    _sync_role_groups(m.user)
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_ENDED,
        target=m,
        changes=model_changes({"valid_to": before}, {"valid_to": end}),
    )
    return m
