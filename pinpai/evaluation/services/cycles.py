"""Evaluation cycles: create the call, move it through its phases, form the expert panel, hear objections and
publish the ranking.

draft → open → closed → scoring → review → notice → published → archived. Each step locks the cycle row,
checks the actor's predicate and the current status (a second, concurrent step gets
`cycle_transition_not_allowed`, 409) and records an audit event in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engines import strength, valuation
from pinpai.accounts.models import Membership
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.common.models import Pillar, Tier
from pinpai.evaluation.cycle_validation import full_clean_rules, plain_json
from pinpai.evaluation.exceptions import (
    ApplicationsPending,
    ApplicationTransitionNotAllowed,
    CycleInvalid,
    CycleTransitionNotAllowed,
    NoticeWindowNotEnded,
    ObjectionInvalid,
    ObjectionsOpen,
    ObjectionWindowClosed,
    PanelTooSmall,
)
from pinpai.evaluation.models import (
    ApplicationFinancialYear,
    ApplicationStatus,
    CycleStatus,
    EvaluationApplication,
    EvaluationCycle,
    EvaluationResult,
    ExpertPanelMember,
    Objection,
    ObjectionStatus,
)
from pinpai.evaluation.permissions_cycles import (
    can_cycle_archive,
    can_cycle_close,
    can_cycle_create,
    can_cycle_notice_start,
    can_cycle_open,
    can_cycle_publish,
    can_cycle_review_start,
    can_cycle_scoring_start,
    can_objection_decide,
    can_objection_file,
    can_panel_member_add,
)
from pinpai.evaluation.selectors.cycles import (
    VALUATION_FIXED,
    VALUATION_SUPPLIED,
    system_offered,
    valuation_inputs_build,
)

EXPERT_ROLE = "expert"


def _placeholder_years() -> tuple[ApplicationFinancialYear, ...]:
    """Financials that let the engine check a cycle's valuation parameters before any application exists."""
    return tuple(
        ApplicationFinancialYear(
            year=2000 + n,
            revenue_yuan=Decimal(1000),
            operating_profit_yuan=Decimal(100),
            brand_revenue_yuan=Decimal(500),
        )
        for n in range(3)
    )


def _check_system(code: str, version: str | None, pillar: Pillar) -> tuple[str, str, list[tuple[str, str]]]:
    try:
        system = strength.system_get(code, version)
    except strength.InputErrors:
        return code, version or "", [("system_code", "unknown_system")]
    if not system_offered(system):
        return code, system.version, [("system_code", "unknown_system")]
    if system.pillars and pillar.code not in system.pillars:
        return code, system.version, [("system_code", "not_applicable")]
    return system.code, system.version, []


def _check_valuation(method: str, parameters: object) -> list[tuple[str, str]]:
    if method not in VALUATION_SUPPLIED:
        rule = "method_not_supported" if method in valuation.METHODS else "unknown_method"
        return [("valuation_method", rule)]
    if not isinstance(parameters, Mapping):
        return [("valuation_parameters", "not_an_object")]
    supplied = set(VALUATION_SUPPLIED[method]) | set(VALUATION_FIXED)
    clashes = [(f"valuation_parameters.{k}", "supplied_by_application") for k in parameters if k in supplied]
    if clashes:
        return clashes
    inputs = valuation_inputs_build(
        method=method, parameters=parameters, financials=_placeholder_years(), strength_index=Decimal(50)
    )
    try:
        valuation.parse_inputs(method, inputs)
    except valuation.InputErrors as exc:
        return [(e.field.replace("inputs", "valuation_parameters", 1), e.rule) for e in exc.errors]
    return []


@transaction.atomic
def cycle_create(
    *,
    actor: Any,
    year: int,
    pillar: Pillar,
    tier: Tier,
    title: str,
    system_code: str,
    valuation_method: str,
    valuation_parameters: Mapping[str, object],
    applications_open_on: datetime.date,
    applications_close_on: datetime.date,
    reference_date: datetime.date,
    system_version: str | None = None,
    call_text: str = "",
    notice_days: int = 7,
    min_experts: int = 3,
    trim: int = 1,
) -> EvaluationCycle:
    """Draft a cycle: its call, indicator system, valuation method and parameters, windows and panel rules."""
    if not can_cycle_create(actor, pillar=pillar):
        raise PermissionDenied
    code, version, errors = _check_system(system_code, system_version, pillar)
    errors += _check_valuation(valuation_method, valuation_parameters)
    if applications_close_on < applications_open_on:
        errors.append(("applications_close_on", "dates_not_ordered"))
    if min_experts <= 2 * trim:
        errors.append(("min_experts", "panel_too_small_for_trim"))
    if errors:
        raise CycleInvalid(errors)
    cycle = EvaluationCycle(
        year=year, pillar=pillar, tier=tier, title=title.strip(), call_text=call_text.strip(),
        system_code=code, system_version=version, valuation_method=valuation_method,
        valuation_parameters=plain_json(valuation_parameters), applications_open_on=applications_open_on,
        applications_close_on=applications_close_on, reference_date=reference_date, notice_days=notice_days,
        min_experts=min_experts, trim=trim, created_by=actor,
    )  # fmt: skip
    full_clean_rules(cycle, CycleInvalid)
    cycle.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_CYCLE_CREATED,
        target=cycle,
        changes={
            "title": [None, cycle.title],
            "year": [None, year],
            "pillar": [None, pillar.code],
            "tier": [None, tier.code],
            "system": [None, f"{code} {version}"],
            "valuation_method": [None, valuation_method],
            "valuation_parameters": [None, cycle.valuation_parameters],
        },
    )
    return cycle


def _cycle_transition(
    *,
    actor: Any,
    cycle: EvaluationCycle,
    predicate: Callable[..., bool],
    allowed_from: frozenset[str],
    to: str,
    action: AuditAction,
    check: Callable[[EvaluationCycle], dict[str, Any] | None] | None = None,
) -> EvaluationCycle:
    c = EvaluationCycle.objects.select_for_update().select_related("pillar", "tier").get(pk=cycle.pk)
    if not predicate(actor, cycle=c):
        raise PermissionDenied
    if c.status not in allowed_from:
        raise CycleTransitionNotAllowed(
            f"{c.title} is {c.get_status_display()}; this step needs it to be "
            f"{' or '.join(str(CycleStatus(s).label) for s in sorted(allowed_from))}.",
            extra={"current_status": c.status},
        )
    extra = (check(c) if check is not None else None) or {}
    from_status = c.status
    c.status = to
    c.save()
    audit_record(actor=actor, action=action, target=c, changes={"status": [from_status, to], **extra})
    return c


@transaction.atomic
def cycle_open(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_open, allowed_from=frozenset({CycleStatus.DRAFT}),
        to=CycleStatus.OPEN, action=AuditAction.EVALUATION_CYCLE_OPENED,
    )  # fmt: skip


@transaction.atomic
def cycle_close(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_close, allowed_from=frozenset({CycleStatus.OPEN}),
        to=CycleStatus.CLOSED, action=AuditAction.EVALUATION_CYCLE_CLOSED,
    )  # fmt: skip


def _panel_large_enough(cycle: EvaluationCycle) -> dict[str, Any] | None:
    members = ExpertPanelMember.objects.filter(cycle=cycle).count()
    if members < cycle.min_experts:
        raise PanelTooSmall(
            f"The panel has {members} experts; the cycle needs at least {cycle.min_experts}.",
            extra={"panel": members, "required": cycle.min_experts},
        )
    return None


@transaction.atomic
def cycle_scoring_start(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    """Applications are closed; the panel (at least the cycle's minimum of experts) may now score."""
    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_scoring_start, allowed_from=frozenset({CycleStatus.CLOSED}),
        to=CycleStatus.SCORING, action=AuditAction.EVALUATION_CYCLE_SCORING_STARTED,
        check=_panel_large_enough,
    )  # fmt: skip


def _pending(cycle: EvaluationCycle, statuses: tuple[str, ...], phase: str) -> dict[str, Any] | None:
    pending = list(
        EvaluationApplication.objects.filter(cycle=cycle, status__in=statuses)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if pending:
        raise ApplicationsPending(
            f"{len(pending)} applications still wait for {phase}: return them or finish them first.",
            extra={"applications": pending},
        )
    return None


@transaction.atomic
def cycle_review_start(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    """Scoring is over: every application still in the running has been scored and valued."""
    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_review_start, allowed_from=frozenset({CycleStatus.SCORING}),
        to=CycleStatus.REVIEW, action=AuditAction.EVALUATION_CYCLE_REVIEW_STARTED,
        check=lambda c: _pending(c, (ApplicationStatus.ELIGIBLE, ApplicationStatus.VERIFIED), "scoring"),
    )  # fmt: skip


@transaction.atomic
def cycle_notice_start(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    """Put the approved results on public notice (公示) from today for the cycle's notice days."""

    def start(c: EvaluationCycle) -> dict[str, Any]:
        _pending(c, (ApplicationStatus.VALUED,), "review")
        today = timezone.localdate()
        c.notice_starts_on = today
        c.notice_ends_on = today + datetime.timedelta(days=c.notice_days - 1)
        return {"notice": [None, [c.notice_starts_on.isoformat(), c.notice_ends_on.isoformat()]]}

    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_notice_start, allowed_from=frozenset({CycleStatus.REVIEW}),
        to=CycleStatus.NOTICE, action=AuditAction.EVALUATION_CYCLE_NOTICE_STARTED, check=start,
    )  # fmt: skip


def _competition_ranks(values: list[tuple[int, Decimal]]) -> dict[int, int]:
    """Rank by value, highest first; equal values share a rank and the next rank skips (1, 2, 2, 4)."""
    ranks: dict[int, int] = {}
    ordered = sorted(values, key=lambda pair: (-pair[1], pair[0]))
    for position, (pk, value) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[pk] = ranks[previous[0]] if previous is not None and previous[1] == value else position
    return ranks


@transaction.atomic
def cycle_publish(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    """After the notice has ended and every objection is decided: publish the approved results and rank them
    by brand value within the cycle (its pillar, level and year)."""

    def publish(c: EvaluationCycle) -> dict[str, Any]:
        today = timezone.localdate()
        if c.notice_ends_on is None or today <= c.notice_ends_on:
            raise NoticeWindowNotEnded(
                f"The public notice runs until {c.notice_ends_on}; publish from the day after.",
                extra={"notice_ends_on": c.notice_ends_on.isoformat() if c.notice_ends_on else None},
            )
        still_open = list(
            Objection.objects.filter(application__cycle=c, status=ObjectionStatus.OPEN)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if still_open:
            raise ObjectionsOpen(
                f"{len(still_open)} objections still wait for a decision.", extra={"objections": still_open}
            )
        results = list(
            EvaluationResult.objects.select_for_update()
            .filter(application__cycle=c, application__status=ApplicationStatus.APPROVED)
            .order_by("pk")
        )
        ranks = _competition_ranks([(r.pk, r.value_yuan) for r in results])
        for r in results:
            r.rank = ranks[r.pk]
            r.save(update_fields=["rank", "updated_at"])
        EvaluationApplication.objects.filter(cycle=c, status=ApplicationStatus.APPROVED).update(
            status=ApplicationStatus.PUBLISHED, updated_at=timezone.now()
        )
        c.published_at = timezone.now()
        ranking = sorted([r.application_id, ranks[r.pk], format(r.value_yuan, "f")] for r in results)
        return {"ranking": [None, sorted(ranking, key=lambda row: (row[1], row[0]))]}

    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_publish, allowed_from=frozenset({CycleStatus.NOTICE}),
        to=CycleStatus.PUBLISHED, action=AuditAction.EVALUATION_CYCLE_PUBLISHED, check=publish,
    )  # fmt: skip


@transaction.atomic
def cycle_archive(*, actor: Any, cycle: EvaluationCycle) -> EvaluationCycle:
    return _cycle_transition(
        actor=actor, cycle=cycle, predicate=can_cycle_archive, allowed_from=frozenset({CycleStatus.PUBLISHED}),
        to=CycleStatus.ARCHIVED, action=AuditAction.EVALUATION_CYCLE_ARCHIVED,
    )  # fmt: skip


# ---------------------------------------------------------------- the expert panel


@transaction.atomic
def panel_member_add(*, actor: Any, cycle: EvaluationCycle, expert: Any) -> ExpertPanelMember:
    """Put an expert (a user holding the expert role) on the cycle's panel."""
    c = EvaluationCycle.objects.select_for_update().get(pk=cycle.pk)
    if not can_panel_member_add(actor, cycle=c):
        raise PermissionDenied
    if c.status in (CycleStatus.PUBLISHED, CycleStatus.ARCHIVED):
        raise CycleTransitionNotAllowed(
            f"{c.title} is {c.get_status_display()}; its panel can no longer change.",
            extra={"current_status": c.status},
        )
    if not Membership.objects.filter(user=expert, role=EXPERT_ROLE).active().exists():
        raise CycleInvalid([("expert", "not_an_expert")])
    if ExpertPanelMember.objects.filter(cycle=c, expert=expert).exists():
        raise CycleInvalid([("expert", "already_on_panel")])
    member = ExpertPanelMember.objects.create(cycle=c, expert=expert, added_by=actor)
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_PANEL_MEMBER_ADDED,
        target=member,
        changes={"cycle": [None, c.pk], "expert": [None, expert.username]},
    )
    return member


# ---------------------------------------------------------------- objections (异议)

MAX_OBJECTION_LENGTH = 4000


@transaction.atomic
def objection_file(
    *, actor: Any, application: EvaluationApplication, text: str, contact_name: str = "", contact: str = ""
) -> Objection:
    """Object to an application's result while its cycle's public notice is open. Anyone may; a person who
    is not signed in leaves a name and a contact."""
    a = EvaluationApplication.objects.select_related("cycle").get(pk=application.pk)
    if not can_objection_file(actor, application=a):
        raise PermissionDenied
    today = timezone.localdate()
    c = a.cycle
    if (
        c.status != CycleStatus.NOTICE
        or a.status != ApplicationStatus.APPROVED
        or c.notice_starts_on is None
        or c.notice_ends_on is None
        or not c.notice_starts_on <= today <= c.notice_ends_on
    ):
        raise ObjectionWindowClosed(
            "Objections are heard only while the result is on public notice"
            + (f" ({c.notice_starts_on} to {c.notice_ends_on})." if c.notice_ends_on else "."),
            extra={"notice_starts_on": _iso(c.notice_starts_on), "notice_ends_on": _iso(c.notice_ends_on)},
        )
    errors: list[tuple[str, ...]] = []
    text, contact_name, contact = text.strip(), contact_name.strip(), contact.strip()
    if not text:
        errors.append(("text", "required"))
    elif len(text) > MAX_OBJECTION_LENGTH:
        errors.append(
            ("text", "too_long", _("must be at most %(count)d characters") % {"count": MAX_OBJECTION_LENGTH})
        )
    signed_in = bool(getattr(actor, "is_authenticated", False))
    if not signed_in and not contact_name:
        errors.append(("contact_name", "required"))
    if not signed_in and not contact:
        errors.append(("contact", "required"))
    if errors:
        raise ObjectionInvalid(errors)
    objection = Objection(
        application=a,
        filed_by=actor if signed_in else None,
        contact_name=contact_name,
        contact=contact,
        text=text,
    )
    full_clean_rules(objection, ObjectionInvalid)
    objection.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_OBJECTION_FILED,
        target=objection,
        changes={"application": [None, a.pk], "status": [None, ObjectionStatus.OPEN]},
    )
    return objection


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def objection_decide(*, actor: Any, objection: Objection, upheld: bool, reason: str) -> Objection:
    """Uphold or reject an open objection, saying why. Upholding it returns the application: it leaves the
    notice and will not be published in this cycle."""
    o = Objection.objects.select_for_update().select_related("application__cycle").get(pk=objection.pk)
    if not can_objection_decide(actor, objection=o):
        raise PermissionDenied
    if o.status != ObjectionStatus.OPEN or o.application.cycle.status != CycleStatus.NOTICE:
        raise ObjectionWindowClosed(
            "Only open objections of a cycle on public notice are decided.",
            extra={"current_status": o.status},
        )
    reason = reason.strip()
    if not reason:
        raise ObjectionInvalid([("reason", "required")])
    o.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
    o.decision_reason = reason
    o.decided_by = actor
    o.decided_at = timezone.now()
    full_clean_rules(o, ObjectionInvalid)
    o.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_OBJECTION_DECIDED,
        target=o,
        changes={"status": [ObjectionStatus.OPEN, o.status], "reason": [None, reason]},
    )
    if upheld:
        a = EvaluationApplication.objects.select_for_update().get(pk=o.application_id)
        if a.status != ApplicationStatus.APPROVED:
            raise ApplicationTransitionNotAllowed(
                f"Application {a.pk} is {a.get_status_display()}.", extra={"current_status": a.status}
            )
        a.status, a.status_reason = ApplicationStatus.RETURNED, reason
        a.save(update_fields=["status", "status_reason", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.EVALUATION_APPLICATION_RETURNED,
            target=a,
            changes={
                "status": [ApplicationStatus.APPROVED, ApplicationStatus.RETURNED],
                "reason": [None, reason],
            },
        )
    return o
