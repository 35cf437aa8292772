"""The expert panel and the evaluation of an application: conflict-of-interest declarations, expert scores,
and `application_score`, which aggregates the panel, evaluates the strength index and values the brand.

Everything the result rests on is stored with it (scores, trimmed aggregation with spread, indicator values,
contributions and trace, valuation inputs and steps, both engine versions), so `result_derivation` can show
each step and re-run the engines on the stored inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from engines import strength, valuation
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.evaluation.cycle_validation import full_clean_rules
from pinpai.evaluation.exceptions import (
    ApplicationInvalid,
    ApplicationTransitionNotAllowed,
    ConflictAlreadyDeclared,
    ConflictDeclarationRequired,
    CycleTransitionNotAllowed,
    ExpertConflictOfInterest,
    ExpertNotOnPanel,
    ExpertScoreInvalid,
    PanelTooSmall,
)
from pinpai.evaluation.models import (
    ApplicationStatus,
    ConflictDeclaration,
    CycleStatus,
    EvaluationApplication,
    EvaluationResult,
    ExpertPanelMember,
    ExpertScore,
)
from pinpai.evaluation.permissions_cycles import (
    can_application_score,
    can_conflict_declare,
    can_expert_score_submit,
)
from pinpai.evaluation.selectors.cycles import cycle_system, panel_indicator_codes, valuation_inputs_build

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# Statuses in which an expert may still declare: before scoring is over for the application.
DECLARABLE = frozenset({ApplicationStatus.ELIGIBLE, ApplicationStatus.VERIFIED})


@dataclass(frozen=True)
class ExpertScoreSheet:
    """An expert's scores of one application, as stored."""

    application: EvaluationApplication
    expert: Any
    scores: tuple[ExpertScore, ...]


def _locked(application: EvaluationApplication) -> EvaluationApplication:
    return EvaluationApplication.objects.select_for_update().select_related("cycle").get(pk=application.pk)


def _on_panel(actor: Any, application: EvaluationApplication) -> None:
    if not ExpertPanelMember.objects.filter(cycle_id=application.cycle_id, expert_id=actor.pk).exists():
        raise ExpertNotOnPanel(f"You are not on the panel of {application.cycle.title}.")


def _status_is(application: EvaluationApplication, allowed: frozenset[str]) -> None:
    if application.status not in allowed:
        raise ApplicationTransitionNotAllowed(
            f"Application {application.pk} is {application.get_status_display()}.",
            extra={"current_status": application.status},
        )


@transaction.atomic
def conflict_declare(
    *, actor: Any, application: EvaluationApplication, has_conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """A panel expert declares, once per application, whether they have a conflict of interest; one who has
    cannot score it. A conflict needs a note saying what it is."""
    a = _locked(application)
    if not can_conflict_declare(actor, application=a):
        raise PermissionDenied
    _on_panel(actor, a)
    _status_is(a, DECLARABLE)
    if ConflictDeclaration.objects.filter(application=a, expert=actor).exists():
        raise ConflictAlreadyDeclared("You have already declared for this application.")
    note = note.strip()
    if has_conflict and not note:
        raise ExpertScoreInvalid([("note", "required")])
    declaration = ConflictDeclaration(application=a, expert=actor, has_conflict=has_conflict, note=note)
    full_clean_rules(declaration, ExpertScoreInvalid)
    declaration.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_CONFLICT_DECLARED,
        target=declaration,
        changes={"application": [None, a.pk], "has_conflict": [None, has_conflict]},
    )
    return declaration


def _score(raw: object, field: str, errors: list[tuple[str, ...]]) -> Decimal | None:
    if raw is None or raw == "":
        errors.append((field, "required"))
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        errors.append((field, "not_a_number"))
        return None
    try:
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw).strip())
    except InvalidOperation:
        errors.append((field, "not_a_number"))
        return None
    if not number.is_finite():
        errors.append((field, "not_finite"))
    elif not 0 <= number <= HUNDRED:
        errors.append((field, "out_of_range"))
    elif number != number.quantize(CENT):
        errors.append((field, "too_precise", _("must have at most two decimals")))
    else:
        return number
    return None


@transaction.atomic
def expert_score_submit(
    *, actor: Any, application: EvaluationApplication, scores: Mapping[str, object]
) -> ExpertScoreSheet:
    """A panel expert without a conflict scores every panel indicator of a verified application (0–100, at
    most two decimals), replacing their earlier scores while the cycle is scoring."""
    a = _locked(application)
    if not can_expert_score_submit(actor, application=a):
        raise PermissionDenied
    _on_panel(actor, a)
    if a.cycle.status != CycleStatus.SCORING:
        raise CycleTransitionNotAllowed(
            f"{a.cycle.title} is {a.cycle.get_status_display()}; experts score while it is scoring.",
            extra={"current_status": a.cycle.status},
        )
    _status_is(a, frozenset({ApplicationStatus.VERIFIED}))
    declaration = ConflictDeclaration.objects.filter(application=a, expert=actor).first()
    if declaration is None:
        raise ConflictDeclarationRequired("Declare whether you have a conflict of interest before scoring.")
    if declaration.has_conflict:
        raise ExpertConflictOfInterest("You declared a conflict of interest with this application.")
    if not isinstance(scores, Mapping):
        raise ExpertScoreInvalid([("scores", "not_an_object")])
    system = cycle_system(a.cycle)
    panel = panel_indicator_codes(system)
    known = {leaf.indicator.code for leaf in system.leaves()}
    errors: list[tuple[str, ...]] = []
    for code in scores:
        if code not in known:
            errors.append((f"scores.{code}", "unknown_indicator"))
        elif code not in panel:
            errors.append((f"scores.{code}", "not_applicable"))
    parsed = {code: _score(scores.get(code), f"scores.{code}", errors) for code in panel}
    if errors:
        raise ExpertScoreInvalid(errors)
    before = {
        s.indicator_code: format(s.score, "f")
        for s in ExpertScore.objects.filter(application=a, expert=actor)
    }
    ExpertScore.objects.filter(application=a, expert=actor).delete()
    stored = tuple(
        ExpertScore.objects.create(application=a, expert=actor, indicator_code=code, score=value)
        for code, value in parsed.items()
        if value is not None
    )
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_EXPERT_SCORE_SUBMITTED,
        target=a,
        changes={"scores": [before or None, {s.indicator_code: format(s.score, "f") for s in stored}]},
    )
    return ExpertScoreSheet(application=a, expert=actor, scores=stored)


def _panel(
    a: EvaluationApplication, panel: tuple[str, ...]
) -> tuple[dict[str, Decimal], list[dict[str, object]]]:
    """Each panel indicator's trimmed mean (unrounded, what the engine receives) and its stored aggregation."""
    cleared = ConflictDeclaration.objects.filter(application=a, has_conflict=False).values("expert_id")
    rows = list(
        ExpertScore.objects.filter(application=a, expert_id__in=cleared)
        .order_by("indicator_code", "expert_id")
        .values_list("indicator_code", "expert_id", "score")
    )
    cycle = a.cycle
    means: dict[str, Decimal] = {}
    stored: list[dict[str, object]] = []
    for code in panel:
        given = [(expert, score) for c, expert, score in rows if c == code]
        if len(given) < cycle.min_experts:
            raise PanelTooSmall(
                f"{len(given)} experts scored {code}; the cycle needs at least {cycle.min_experts}.",
                extra={"indicator": code, "scored": len(given), "required": cycle.min_experts},
            )
        aggregated = strength.trimmed_mean([score for _, score in given], trim=cycle.trim)
        means[code] = aggregated.mean_unrounded
        stored.append(
            {
                "code": code,
                "scores": [{"expert": expert, "score": format(score, "f")} for expert, score in given],
                "trim": cycle.trim,
                **_jsonable(strength.to_jsonable(aggregated)),
            }
        )
    return means, stored


def _jsonable(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


@transaction.atomic
def application_score(*, actor: Any, application: EvaluationApplication) -> EvaluationResult:
    """Aggregate the panel per indicator (trimmed mean, spread kept), evaluate the cycle's indicator system on
    the verified values and the panel's means, value the brand with the cycle's method on the application's
    financials and its strength index, and store it all with the engine versions. Needs at least the cycle's
    minimum of experts without a conflict on every panel indicator."""
    a = _locked(application)
    if not can_application_score(actor, application=a):
        raise PermissionDenied
    cycle = a.cycle
    if cycle.status != CycleStatus.SCORING:
        raise CycleTransitionNotAllowed(
            f"{cycle.title} is {cycle.get_status_display()}.", extra={"current_status": cycle.status}
        )
    _status_is(a, frozenset({ApplicationStatus.VERIFIED}))
    system = cycle_system(cycle)
    means, panel = _panel(a, panel_indicator_codes(system))
    values: dict[str, object] = {**a.indicator_values, **{code: format(m, "f") for code, m in means.items()}}
    try:
        evaluated = strength.evaluate(system, values)
    except strength.InputErrors as exc:
        raise ApplicationInvalid(
            [(e.field.replace("inputs.values", "indicator_values", 1), e.rule) for e in exc.errors]
        ) from exc
    financials = list(a.financial_years.order_by("year"))
    inputs = valuation_inputs_build(
        method=cycle.valuation_method,
        parameters=cycle.valuation_parameters,
        financials=financials,
        strength_index=evaluated.index,
    )
    try:
        valued = valuation.compute(cycle.valuation_method, inputs)
    except valuation.InputErrors as exc:
        raise ApplicationInvalid(
            [(e.field.replace("inputs", "valuation", 1), e.rule) for e in exc.errors]
        ) from exc
    EvaluationResult.objects.filter(application=a).delete()
    result = EvaluationResult(
        application=a,
        system_code=system.code,
        system_version=system.version,
        indicator_values=values,
        panel=panel,
        strength_index=evaluated.index,
        strength_score_1000=evaluated.score_1000,
        strength_index_unrounded=format(evaluated.index_unrounded, "f"),
        contributions=strength.to_jsonable(evaluated.leaves),
        strength_trace=strength.to_jsonable(evaluated.trace),
        strength_engine_version=evaluated.engine_version,
        valuation_method=cycle.valuation_method,
        valuation_inputs=inputs,
        value_yuan=valued.value,
        value_unrounded=format(valued.value_unrounded, "f"),
        valuation_steps=valuation.to_jsonable(valued.steps),
        valuation_engine_version=valued.engine_version,
        computed_by=actor,
    )
    full_clean_rules(result, ApplicationInvalid, prefix="result.")
    result.save()
    a.status = ApplicationStatus.VALUED
    a.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPLICATION_SCORED,
        target=a,
        changes={
            "status": [ApplicationStatus.VERIFIED, ApplicationStatus.VALUED],
            "system": [None, f"{system.code} {system.version}"],
            "strength_index": [None, format(evaluated.index, "f")],
            "value_yuan": [None, format(valued.value, "f")],
            "engine_versions": [None, [evaluated.engine_version, valued.engine_version]],
        },
    )
    return result
