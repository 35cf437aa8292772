"""Chainable filters for organisations, memberships and tokens."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:  # the models module imports this one; names are for the type checker only
    from pinpai.accounts.models import ApiToken, Membership, Organisation  # noqa: F401


def _valid_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def valid_on(self, day: datetime.date) -> OrganisationQuerySet:
        """Organisations that existed on `day` (a merged department is gone after its end date)."""
        return self.filter(_valid_on(day))

    def current(self) -> OrganisationQuerySet:
        return self.valid_on(timezone.localdate())

    def of_kind(self, kind: str) -> OrganisationQuerySet:
        return self.filter(kind=kind)

    def visible_to(self, actor: Any) -> OrganisationQuerySet:
        """The organisation directory is public: names, kinds, districts and history of every unit.

        Contacts and members are not part of the directory; their selectors scope them.
        """
        return self.all()


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, day: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships in force on `day` in an organisation that still exists that day: staff of
        a merged department lose its roles when it ends."""
        day = day or timezone.localdate()
        org_valid = (Q(organisation__valid_from__isnull=True) | Q(organisation__valid_from__lte=day)) & (
            Q(organisation__valid_to__isnull=True) | Q(organisation__valid_to__gte=day)
        )
        return self.filter(_valid_on(day)).filter(org_valid)

    def for_user(self, user: Any) -> MembershipQuerySet:
        return self.filter(user=user)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


@dataclass(frozen=True)
class ActorScope:
    """What an actor's active memberships reach: used by every `visible_to(actor)`."""

    authenticated: bool = False
    is_admin: bool = False
    roles: frozenset[str] = frozenset()
    department_ids: frozenset[int] = frozenset()  # organisations where the actor is department staff
    district_ids: frozenset[int] = frozenset()  # District ids governed by the actor's district governments
    enterprise_ids: frozenset[int] = frozenset()  # organisations where the actor is an enterprise user


ANONYMOUS_SCOPE = ActorScope()


def actor_scope(actor: Any) -> ActorScope:
    """Computed once per actor object (two queries), then cached on it."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ANONYMOUS_SCOPE
    cached: ActorScope | None = getattr(actor, "_pinpai_scope", None)
    if cached is not None:
        return cached
    from pinpai.accounts.models import Membership  # noqa: PLC0415 - models import this module

    rows = list(
        Membership.objects.filter(user=actor)
        .active()
        .values_list("role", "organisation_id", "organisation__district_id")
    )
    roles = frozenset(r for r, _, _ in rows)
    scope = ActorScope(
        authenticated=True,
        is_admin=bool(actor.is_superuser) or "system_admin" in roles,
        roles=roles,
        department_ids=frozenset(o for r, o, _ in rows if r == "department_staff"),
        district_ids=frozenset(d for r, _, d in rows if r == "district_staff" and d is not None),
        enterprise_ids=frozenset(o for r, o, _ in rows if r == "enterprise_user"),
    )
    actor._pinpai_scope = scope
    return scope
