"""Who may do what in evaluation. Pure predicates over the actor's scope (accounts.querysets)."""

from __future__ import annotations

from typing import Any

from pinpai.accounts.querysets import actor_scope
from pinpai.registry.models import Brand


def can_self_assessment_create(actor: Any, *, brand: Brand) -> bool:
    """A user of the brand owner's enterprise, or a system administrator."""
    scope = actor_scope(actor)
    return scope.is_admin or brand.owner_id in scope.enterprise_ids


def can_self_assessment_use(actor: Any) -> bool:
    """Whether the self-assessment page has anything to offer the actor (to show the link or the form)."""
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.enterprise_ids)
