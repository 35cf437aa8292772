"""Writes for organisations, users, memberships and API tokens.

Each service: authorise, validate, write, audit, in one transaction.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from pinpai.accounts.choices import ROLE_PERMISSIONS, STAFF_ROLES, OrganisationKind, Role
from pinpai.accounts.exceptions import (
    DuplicateUscc,
    MembershipInvalid,
    OrganisationInvalid,
    OrganisationSuccessionInvalid,
    UserInvalid,
)
from pinpai.accounts.models import SYSTEM_USERNAME, ApiToken, Membership, Organisation, User
from pinpai.accounts.permissions import (
    can_api_token_issue,
    can_api_token_revoke,
    can_membership_end,
    can_membership_grant,
    can_organisation_create,
    can_organisation_succeed,
    can_organisation_update,
    can_user_create,
    can_user_deactivate,
    can_user_password_change,
)
from pinpai.accounts.tokens import TOKEN_PREFIX, api_token_hash
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.identifiers import IdentifierError, uscc_validate
from pinpai.common.models import District
from pinpai.common.validation import full_clean_or_raise

ORGANISATION_FIELDS = (
    "kind", "name", "short_name", "name_en", "reference_key", "uscc", "district",
    "parent", "valid_from", "valid_to", "successor", "is_demo",
)  # fmt: skip
USCC_KINDS = frozenset(
    {
        OrganisationKind.ENTERPRISE,
        OrganisationKind.INTERMEDIARY,
        OrganisationKind.BANK,
        OrganisationKind.ASSOCIATION,
    }
)


def _snapshot(org: Organisation) -> dict[str, Any]:
    return model_to_dict(org, fields=ORGANISATION_FIELDS)


def _clean_uscc(uscc: str | None, *, exclude_pk: int | None = None) -> str | None:
    if not uscc:
        return None
    try:
        code = uscc_validate(uscc)
    except IdentifierError as exc:
        raise OrganisationInvalid(str(exc), extra={"errors": {"uscc": [str(exc)]}}) from exc
    others = Organisation.objects.filter(uscc=code)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    clash = others.first()
    if clash is not None:
        raise DuplicateUscc(
            f"统一社会信用代码 {code} is already registered to {clash.name} (id {clash.pk}).",
            extra={"errors": {"uscc": [f"already registered to {clash.name}"]}},
        )
    return code


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    kind: str,
    name: str,
    short_name: str = "",
    name_en: str = "",
    uscc: str | None = None,
    district: District | None = None,
    parent: Organisation | None = None,
    reference_key: str | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    is_demo: bool = False,
) -> Organisation:
    """Register an organisation; enterprises, banks, associations and intermediaries need a valid USCC."""
    if not can_organisation_create(actor, kind=kind, district_id=district.pk if district else None):
        raise PermissionDenied
    if kind in USCC_KINDS and not uscc:
        raise OrganisationInvalid(
            "A unified social credit code is required for this kind of organisation.",
            extra={"errors": {"uscc": ["required"]}},
        )
    org = Organisation(
        kind=kind,
        name=name.strip(),
        short_name=short_name.strip(),
        name_en=name_en.strip(),
        uscc=_clean_uscc(uscc),
        district=district,
        parent=parent,
        reference_key=reference_key or None,
        valid_from=valid_from,
        valid_to=valid_to,
        is_demo=is_demo,
    )
    full_clean_or_raise(org, OrganisationInvalid)
    org.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_CREATED,
        target=org,
        changes=model_changes(None, _snapshot(org)),
    )
    return org


@transaction.atomic
def organisation_update(*, actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    """Change an organisation's descriptive fields (not its kind, and not its succession)."""
    allowed = {
        "name",
        "short_name",
        "name_en",
        "uscc",
        "district",
        "parent",
        "valid_from",
        "reference_key",
        "is_demo",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise OrganisationInvalid(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not can_organisation_update(actor, organisation=org):
        raise PermissionDenied
    before = _snapshot(org)
    if "uscc" in fields:
        fields["uscc"] = _clean_uscc(fields["uscc"], exclude_pk=org.pk)
    for key, value in fields.items():
        setattr(org, key, value.strip() if isinstance(value, str) else value)
    full_clean_or_raise(org, OrganisationInvalid)
    changes = model_changes(before, _snapshot(org))
    if not changes:
        return org
    org.save()
    audit_record(actor=actor, action=AuditAction.ORGANISATION_UPDATED, target=org, changes=changes)
    return org


@transaction.atomic
def organisation_succeed(
    *, actor: Any, predecessors: list[Organisation], successor: Organisation, effective_on: datetime.date
) -> Organisation:
    """Record a rename or merger: each predecessor ends the day before `effective_on` and points to
    `successor`, which starts on that day. Records stay attached to the unit that made them."""
    if not can_organisation_succeed(actor, predecessors=predecessors):
        raise PermissionDenied
    if not predecessors:
        raise OrganisationSuccessionInvalid("At least one predecessor is required.")
    ids = [p.pk for p in predecessors]
    if successor.pk in ids:
        raise OrganisationSuccessionInvalid("An organisation cannot succeed itself.")
    locked = list(Organisation.objects.select_for_update().filter(pk__in=[*ids, successor.pk]).order_by("pk"))
    by_pk = {o.pk: o for o in locked}
    succ = by_pk[successor.pk]
    end = effective_on - datetime.timedelta(days=1)
    for pk in ids:
        pred = by_pk[pk]
        if pred.kind != succ.kind:
            raise OrganisationSuccessionInvalid(
                f"{pred.name} is a {pred.get_kind_display()}, {succ.name} a {succ.get_kind_display()}: "
                "a unit can only be succeeded by one of the same kind."
            )
        if pred.successor_id is not None:
            raise OrganisationSuccessionInvalid(f"{pred.name} already has a successor ({pred.successor}).")
        if pred.valid_from and pred.valid_from > end:
            raise OrganisationSuccessionInvalid(
                f"{pred.name} starts after {end}; it cannot end before it began."
            )
    before_succ = _snapshot(succ)
    if succ.valid_from is None or succ.valid_from > effective_on:
        succ.valid_from = effective_on
    full_clean_or_raise(succ, OrganisationSuccessionInvalid)
    succ.save()
    if changes := model_changes(before_succ, _snapshot(succ)):
        audit_record(actor=actor, action=AuditAction.ORGANISATION_UPDATED, target=succ, changes=changes)
    for pk in ids:
        pred = by_pk[pk]
        before = _snapshot(pred)
        pred.valid_to = end
        pred.successor = succ
        full_clean_or_raise(pred, OrganisationSuccessionInvalid)
        pred.save()
        audit_record(
            actor=actor,
            action=AuditAction.ORGANISATION_SUCCEEDED,
            target=pred,
            changes=model_changes(before, _snapshot(pred)),
        )
    return succ


# ---------------------------------------------------------------- users


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


# ---------------------------------------------------------------- memberships


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


# ---------------------------------------------------------------- API tokens


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
