"""Pure predicates: who may do what with organisations, users, memberships and tokens.

Services enforce them; views call them only to hide buttons. See docs/adr/0004.
"""

from __future__ import annotations

from typing import Any

from pinpai.accounts.choices import OrganisationKind, Role
from pinpai.accounts.models import SYSTEM_USERNAME, ApiToken, Membership, Organisation, User

GOVERNMENT_KINDS = frozenset({OrganisationKind.DEPARTMENT, OrganisationKind.DISTRICT})


def _active(actor: Any) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active)


def is_system_actor(actor: Any) -> bool:
    """The named system user that commands and tasks act as."""
    return _active(actor) and actor.username == SYSTEM_USERNAME


def actor_roles(actor: Any) -> frozenset[str]:
    """The roles the actor holds today in any organisation (cached on the user object)."""
    if not _active(actor):
        return frozenset()
    cached: frozenset[str] | None = getattr(actor, "_pinpai_roles", None)
    if cached is None:
        cached = frozenset(Membership.objects.for_user(actor).active().values_list("role", flat=True))
        actor._pinpai_roles = cached
    return cached


def actor_organisation_ids(actor: Any, *, role: str | None = None) -> frozenset[int]:
    if not _active(actor):
        return frozenset()
    qs = Membership.objects.for_user(actor).active()
    if role:
        qs = qs.filter(role=role)
    return frozenset(qs.values_list("organisation_id", flat=True))


def is_system_admin(actor: Any) -> bool:
    return _active(actor) and (actor.is_superuser or Role.SYSTEM_ADMIN in actor_roles(actor))


def is_government_staff(actor: Any) -> bool:
    return is_system_admin(actor) or bool(actor_roles(actor) & {Role.DEPARTMENT_STAFF, Role.DISTRICT_STAFF})


def can_organisation_create(actor: Any, *, kind: str, district_id: int | None = None) -> bool:
    """Admins create any unit; department staff register non-government units; district staff
    register enterprises in their own district."""
    if is_system_admin(actor):
        return True
    roles = actor_roles(actor)
    if Role.DEPARTMENT_STAFF in roles and kind not in GOVERNMENT_KINDS:
        return True
    if Role.DISTRICT_STAFF in roles and kind == OrganisationKind.ENTERPRISE and district_id is not None:
        own = Organisation.objects.filter(pk__in=actor_organisation_ids(actor, role=Role.DISTRICT_STAFF))
        return own.filter(district_id=district_id).exists()
    return False


def can_organisation_update(actor: Any, *, organisation: Organisation) -> bool:
    if organisation.kind in GOVERNMENT_KINDS:
        return is_system_admin(actor)
    return can_organisation_create(actor, kind=organisation.kind, district_id=organisation.district_id)


def can_organisation_succeed(actor: Any, *, predecessors: list[Organisation]) -> bool:
    """Renames and mergers change the structure of government: system administrators only."""
    return is_system_admin(actor)


def can_user_create(actor: Any) -> bool:
    return is_system_admin(actor)


def can_user_deactivate(actor: Any, *, user: User) -> bool:
    return is_system_admin(actor) and actor.pk != user.pk


def can_user_password_change(actor: Any, *, user: User) -> bool:
    """People change their own password; administrators may reset anyone's but the system user's."""
    if user.username == SYSTEM_USERNAME:
        return False
    return (_active(actor) and actor.pk == user.pk) or is_system_admin(actor)


def can_membership_grant(actor: Any, *, organisation: Organisation, role: str) -> bool:
    return is_system_admin(actor)


def can_membership_end(actor: Any, *, membership: Membership) -> bool:
    return is_system_admin(actor)


def can_api_token_issue(actor: Any, *, user: User) -> bool:
    if user.username == SYSTEM_USERNAME or not user.is_active:
        return False
    return (_active(actor) and actor.pk == user.pk) or is_system_admin(actor)


def can_api_token_revoke(actor: Any, *, token: ApiToken) -> bool:
    return (_active(actor) and actor.pk == token.user_id) or is_system_admin(actor)
