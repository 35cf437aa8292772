"""Reads: the organisation directory, a user's memberships, token look-up."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from pinpai.accounts.models import SYSTEM_USERNAME, ApiToken, Membership, Organisation, User
from pinpai.accounts.tokens import TOKEN_PREFIX, api_token_hash
from pinpai.common.exceptions import NotFoundError


def organisation_list(
    *,
    actor: Any,
    kind: str | None = None,
    district_code: str | None = None,
    valid_on: datetime.date | None = None,
    text: str | None = None,
    demo: bool | None = None,
) -> QuerySet[Organisation]:
    qs = Organisation.objects.visible_to(actor).select_related("district", "successor", "parent")
    if kind:
        qs = qs.of_kind(kind)
    if district_code:
        qs = qs.filter(district__code=district_code)
    if valid_on:
        qs = qs.valid_on(valid_on)
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(short_name__icontains=text) | Q(uscc__iexact=text.strip()))
    if demo is not None:
        qs = qs.filter(is_demo=demo)
    return qs.order_by("kind", "name", "pk")


def organisation_get(*, actor: Any, pk: int) -> Organisation:
    org = (
        Organisation.objects.visible_to(actor)
        .select_related("district", "successor", "parent")
        .prefetch_related(Prefetch("predecessors", queryset=Organisation.objects.order_by("pk")))
        .filter(pk=pk)
        .first()
    )
    if org is None:
        raise NotFoundError(f"No organisation with id {pk}.")
    return org


def organisation_by_reference_key(*, key: str) -> Organisation | None:
    return Organisation.objects.filter(reference_key=key).first()


def organisation_lineage(*, organisation: Organisation) -> list[Organisation]:
    """The chain of successors from `organisation` to the unit that exists today."""
    chain = [organisation]
    seen = {organisation.pk}
    current = organisation
    while current.successor_id is not None and current.successor_id not in seen:
        current = Organisation.objects.select_related("successor").get(pk=current.successor_id)
        chain.append(current)
        seen.add(current.pk)
    return chain


def membership_list_for_user(*, user: User, active_only: bool = True) -> QuerySet[Membership]:
    qs = Membership.objects.for_user(user).select_related("organisation", "organisation__district")
    if active_only:
        qs = qs.active()
    return qs.order_by("organisation__name", "role")


def api_token_user(*, secret: str) -> User | None:
    """The active user a usable token belongs to, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=api_token_hash(secret)).first()
    return token.user if token else None


def system_user_get() -> User:
    return User.objects.get(username=SYSTEM_USERNAME)
