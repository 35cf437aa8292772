"""Scoping of evaluation cycles (评价周期), their applications and objections.

- system administrators: everything;
- department staff: the cycles of the pillars their department leads or cooperates on, with every application
  and objection (they manage those cycles);
- enterprise users: their own enterprise's applications;
- intermediary evaluators: the applications assigned to their intermediary;
- experts: the verified (and later) applications of the cycles whose panel they sit on;
- everyone (the public included): cycles once opened, applications once published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from pinpai.accounts.querysets import actor_scope
from pinpai.common.models import PillarDepartment

if TYPE_CHECKING:  # the models import this module; names for the type checker only
    from pinpai.evaluation.models.cycles import (  # noqa: F401
        EvaluationApplication,
        EvaluationCycle,
        Objection,
    )

INTERMEDIARY_EVALUATOR = "intermediary_evaluator"
EXPERT = "expert"
PUBLISHED = "published"
DRAFT = "draft"
# Application statuses an expert of the panel may see: the data has been verified by the intermediary.
EXPERT_VISIBLE = ("verified", "valued", "approved", "published")


@dataclass(frozen=True)
class CycleScope:
    """What an actor reaches in evaluation cycles, beyond `actor_scope`: computed once per actor object."""

    managed_pillar_ids: frozenset[int] = frozenset()  # pillars of the actor's lead/cooperating departments
    intermediary_ids: frozenset[int] = frozenset()  # intermediaries the actor evaluates for
    is_expert: bool = False


def cycle_scope(actor: Any) -> CycleScope:
    scope = actor_scope(actor)
    if not scope.authenticated:
        return CycleScope()
    cached: CycleScope | None = getattr(actor, "_pinpai_cycle_scope", None)
    if cached is not None:
        return cached
    from pinpai.accounts.models import Membership  # noqa: PLC0415 - keeps the models' import order simple

    pillars = frozenset(
        PillarDepartment.objects.filter(department_id__in=scope.department_ids).values_list(
            "pillar_id", flat=True
        )
        if scope.department_ids
        else ()
    )
    intermediaries = frozenset(
        Membership.objects.filter(user=actor, role=INTERMEDIARY_EVALUATOR)
        .active()
        .values_list("organisation_id", flat=True)
        if INTERMEDIARY_EVALUATOR in scope.roles
        else ()
    )
    result = CycleScope(
        managed_pillar_ids=pillars, intermediary_ids=intermediaries, is_expert=EXPERT in scope.roles
    )
    actor._pinpai_cycle_scope = result
    return result


class EvaluationCycleQuerySet(models.QuerySet["EvaluationCycle"]):
    def published(self) -> EvaluationCycleQuerySet:
        return self.filter(status=PUBLISHED)

    def visible_to(self, actor: Any) -> EvaluationCycleQuerySet:
        if actor_scope(actor).is_admin:
            return self.all()
        q = ~Q(status=DRAFT)
        pillars = cycle_scope(actor).managed_pillar_ids
        if pillars:
            q |= Q(pillar_id__in=pillars)
        return self.filter(q)


class EvaluationApplicationQuerySet(models.QuerySet["EvaluationApplication"]):
    def published(self) -> EvaluationApplicationQuerySet:
        return self.filter(status=PUBLISHED, cycle__status__in=(PUBLISHED, "archived"))

    def visible_to(self, actor: Any) -> EvaluationApplicationQuerySet:
        scope = actor_scope(actor)
        if scope.is_admin:
            return self.all()
        cycles = cycle_scope(actor)
        q = Q(status=PUBLISHED)
        if cycles.managed_pillar_ids:
            q |= Q(cycle__pillar_id__in=cycles.managed_pillar_ids)
        if scope.enterprise_ids:
            q |= Q(applicant_id__in=scope.enterprise_ids)
        if cycles.intermediary_ids:
            q |= Q(assignment__intermediary_id__in=cycles.intermediary_ids)
        if cycles.is_expert:
            from pinpai.evaluation.models.cycles import ExpertPanelMember  # noqa: PLC0415 - defined below us

            panels = ExpertPanelMember.objects.filter(expert=actor).order_by().values("cycle_id")
            q |= Q(cycle_id__in=models.Subquery(panels), status__in=EXPERT_VISIBLE)
        return self.filter(q)


class ObjectionQuerySet(models.QuerySet["Objection"]):
    def visible_to(self, actor: Any) -> ObjectionQuerySet:
        """Managers of the cycle and the person who filed it; objections are not public."""
        scope = actor_scope(actor)
        if scope.is_admin:
            return self.all()
        if not scope.authenticated:
            return self.none()
        q = Q(filed_by=actor)
        pillars = cycle_scope(actor).managed_pillar_ids
        if pillars:
            q |= Q(application__cycle__pillar_id__in=pillars)
        return self.filter(q)
