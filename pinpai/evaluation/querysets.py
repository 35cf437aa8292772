"""Scoping: a self-assessment is seen by the users of the brand owner's enterprise and by system administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from pinpai.accounts.querysets import actor_scope

if TYPE_CHECKING:  # the models import this module; the name is for the type checker only
    from pinpai.evaluation.models import SelfAssessment  # noqa: F401


class SelfAssessmentQuerySet(models.QuerySet["SelfAssessment"]):
    def visible_to(self, actor: Any) -> SelfAssessmentQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin:
            return self.all()
        if scope.enterprise_ids:
            return self.filter(brand__owner_id__in=scope.enterprise_ids)
        return self.none()
