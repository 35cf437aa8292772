"""Chainable filters for the event store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from pinpai.accounts.querysets import actor_scope

if TYPE_CHECKING:  # the models import this module; names for the type checker only
    from pinpai.traceability.models import Event  # noqa: F401


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, actor: Any) -> EventQuerySet:
        """Staff and administrators see every event; an enterprise sees the events it captured."""
        scope = actor_scope(actor)
        if scope.is_admin or scope.department_ids or scope.district_ids:
            return self
        if scope.enterprise_ids:
            return self.filter(owner_id__in=scope.enterprise_ids)
        return self.none()
