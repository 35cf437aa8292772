"""Who may do what in an evaluation cycle. Pure predicates over the actor's scope; re-exported by
`permissions.py` (one `can_<service>` per service, as everywhere).

- a cycle is managed by system administrators and the staff of a department leading or cooperating on its
  pillar (`common.PillarDepartment`);
- an enterprise user applies for their own enterprise's brands;
- an intermediary evaluator verifies the applications assigned to their intermediary;
- an expert on the cycle's panel declares conflicts and scores (the services check the panel itself, to say
  why with `expert_not_on_panel`);
- anyone, signed in or not, may file an objection during the public notice.
"""

from __future__ import annotations

from typing import Any

from pinpai.accounts.querysets import actor_scope
from pinpai.common.models import Pillar
from pinpai.evaluation.models.cycles import EvaluationApplication, EvaluationCycle, Objection
from pinpai.evaluation.querysets_cycles import cycle_scope
from pinpai.registry.models import Brand


def _manages_pillar(actor: Any, pillar_id: int) -> bool:
    return actor_scope(actor).is_admin or pillar_id in cycle_scope(actor).managed_pillar_ids


def _manages(actor: Any, cycle: EvaluationCycle) -> bool:
    return _manages_pillar(actor, cycle.pillar_id)


def _applicant_user(actor: Any, application: EvaluationApplication) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or application.applicant_id in scope.enterprise_ids


# ---------------------------------------------------------------- cycles


def can_cycle_create(actor: Any, *, pillar: Pillar) -> bool:
    return _manages_pillar(actor, pillar.pk)


def can_cycle_manage(actor: Any, *, cycle: EvaluationCycle) -> bool:
    """Whether the actor manages `cycle` (to show its staff page and buttons)."""
    return _manages(actor, cycle)


def can_cycle_open(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_cycle_close(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_cycle_scoring_start(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_cycle_review_start(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_cycle_notice_start(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_cycle_publish(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_cycle_archive(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


def can_panel_member_add(actor: Any, *, cycle: EvaluationCycle) -> bool:
    return _manages(actor, cycle)


# ---------------------------------------------------------------- applications


def can_application_create(actor: Any, *, cycle: EvaluationCycle, brand: Brand) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or brand.owner_id in scope.enterprise_ids


def can_application_financials_set(actor: Any, *, application: EvaluationApplication) -> bool:
    return _applicant_user(actor, application)


def can_application_submit(actor: Any, *, application: EvaluationApplication) -> bool:
    return _applicant_user(actor, application)


def can_application_withdraw(actor: Any, *, application: EvaluationApplication) -> bool:
    return _applicant_user(actor, application)


def can_application_return(actor: Any, *, application: EvaluationApplication) -> bool:
    return _manages(actor, application.cycle)


def can_application_assign(actor: Any, *, application: EvaluationApplication) -> bool:
    return _manages(actor, application.cycle)


def can_application_verify(actor: Any, *, application: EvaluationApplication) -> bool:
    """An evaluator of the intermediary the application is assigned to (not an administrator: verification
    is the intermediary's professional act)."""
    assignment = getattr(application, "assignment", None)
    return assignment is not None and assignment.intermediary_id in cycle_scope(actor).intermediary_ids


def can_application_score(actor: Any, *, application: EvaluationApplication) -> bool:
    return _manages(actor, application.cycle)


def can_application_approve(actor: Any, *, application: EvaluationApplication) -> bool:
    return _manages(actor, application.cycle)


# ---------------------------------------------------------------- the expert panel


def can_conflict_declare(actor: Any, *, application: EvaluationApplication) -> bool:
    return cycle_scope(actor).is_expert


def can_expert_score_submit(actor: Any, *, application: EvaluationApplication) -> bool:
    return cycle_scope(actor).is_expert


# ---------------------------------------------------------------- objections


def can_objection_file(actor: Any, *, application: EvaluationApplication) -> bool:
    """Anyone: the public notice is there to hear objections (an anonymous one leaves a contact)."""
    return True


def can_objection_decide(actor: Any, *, objection: Objection) -> bool:
    return _manages(actor, objection.application.cycle)
