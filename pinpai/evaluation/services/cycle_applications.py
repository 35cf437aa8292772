"""Applications to an evaluation cycle (申报): create, enter financials, submit through the eligibility gate,
assign an intermediary, verify, approve, return, withdraw.

draft → (submit: gate) → eligible / ineligible → verified → valued (cycle_scoring) → approved → published;
returned (with a reason) and withdrawn from most statuses. Each step locks the application row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from engines import strength
from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Organisation
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.evaluation.cycle_validation import full_clean_rules, rule_errors_from_validation
from pinpai.evaluation.exceptions import (
    ApplicationInvalid,
    ApplicationTransitionNotAllowed,
    ApplicationWindowClosed,
    CycleTransitionNotAllowed,
)
from pinpai.evaluation.models import (
    ApplicationFinancialYear,
    ApplicationStatus,
    CycleStatus,
    EligibilityCheck,
    EvaluationApplication,
    EvaluationCycle,
    IntermediaryAssignment,
    RuleOutcome,
)
from pinpai.evaluation.permissions_cycles import (
    can_application_approve,
    can_application_assign,
    can_application_create,
    can_application_financials_set,
    can_application_return,
    can_application_submit,
    can_application_verify,
    can_application_withdraw,
)
from pinpai.evaluation.selectors.cycles import (
    ELIGIBILITY_RULES_VERSION,
    cycle_system,
    eligibility_evaluate,
    panel_indicator_codes,
)
from pinpai.registry.models import Brand

MIN_YEARS, MAX_YEARS = 3, 5
MONEY_FIELDS = ("revenue_yuan", "operating_profit_yuan", "brand_revenue_yuan")
NOT_NEGATIVE = ("revenue_yuan", "brand_revenue_yuan")
FINANCIAL_KEYS = ("year", *MONEY_FIELDS)
APPLICANT_EDITABLE = frozenset(
    {ApplicationStatus.DRAFT, ApplicationStatus.RETURNED, ApplicationStatus.INELIGIBLE}
)
# Cycle phases in which the intermediary may still be assigned and verify.
VERIFYING_PHASES = (CycleStatus.OPEN, CycleStatus.CLOSED, CycleStatus.SCORING)


def _window_open(cycle: EvaluationCycle) -> None:
    today = timezone.localdate()
    if (
        cycle.status != CycleStatus.OPEN
        or not cycle.applications_open_on <= today <= cycle.applications_close_on
    ):
        raise ApplicationWindowClosed(
            f"{cycle.title} takes applications from {cycle.applications_open_on} to {cycle.applications_close_on} "
            f"while it is open; it is {cycle.get_status_display()}.",
            extra={
                "current_status": cycle.status,
                "applications_open_on": cycle.applications_open_on.isoformat(),
                "applications_close_on": cycle.applications_close_on.isoformat(),
            },
        )


@transaction.atomic
def application_create(*, actor: Any, cycle: EvaluationCycle, brand: Brand) -> EvaluationApplication:
    """Start an application of one of the actor's brands to an open cycle of the brand's pillar."""
    c = EvaluationCycle.objects.select_for_update().get(pk=cycle.pk)
    if not can_application_create(actor, cycle=c, brand=brand):
        raise PermissionDenied
    _window_open(c)
    if brand.pillar_id != c.pillar_id:
        raise ApplicationInvalid([("brand", "wrong_pillar")])
    if (
        EvaluationApplication.objects.filter(cycle=c, brand=brand)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists()
    ):
        raise ApplicationInvalid([("brand", "already_applied")])
    application = EvaluationApplication(cycle=c, brand=brand, applicant_id=brand.owner_id, created_by=actor)
    full_clean_rules(application, ApplicationInvalid)
    application.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPLICATION_CREATED,
        target=application,
        changes={"cycle": [None, c.pk], "brand": [None, brand.pk], "status": [None, application.status]},
    )
    return application


def _decimal(raw: object, field: str, errors: list[tuple[str, str]]) -> Decimal | None:
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
        return None
    return number


def _financial_rows(
    application: EvaluationApplication, years: Sequence[Mapping[str, object]]
) -> list[ApplicationFinancialYear]:
    errors: list[tuple[str, ...]] = []
    rows: list[ApplicationFinancialYear] = []
    seen: set[int] = set()
    for i, raw in enumerate(years):
        at = f"financials[{i}]"
        if not isinstance(raw, Mapping):
            errors.append((at, "not_an_object"))
            continue
        errors += [(f"{at}.{key}", "unknown_field") for key in raw if key not in FINANCIAL_KEYS]
        year = raw.get("year")
        if year is None:
            errors.append((f"{at}.year", "required"))
        elif isinstance(year, bool) or not isinstance(year, int):
            errors.append((f"{at}.year", "not_an_integer"))
        elif year in seen:
            errors.append((f"{at}.year", "duplicate_year"))
        else:
            seen.add(year)
        found: list[tuple[str, str]] = []
        amounts = {name: _decimal(raw.get(name), f"{at}.{name}", found) for name in MONEY_FIELDS}
        found += [(f"{at}.{n}", "negative") for n in NOT_NEGATIVE if (amounts[n] or 0) < 0]
        revenue, brand_revenue = amounts["revenue_yuan"], amounts["brand_revenue_yuan"]
        if revenue is not None and brand_revenue is not None and brand_revenue > revenue >= 0:
            found.append((f"{at}.brand_revenue_yuan", "above_revenue"))
        errors += found
        if found or not isinstance(year, int) or isinstance(year, bool):
            continue
        row = ApplicationFinancialYear(application=application, year=year, **amounts)
        try:
            row.full_clean(exclude=["application"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors += rule_errors_from_validation(exc, f"{at}.")
            continue
        rows.append(row)
    if not years:
        errors.append(("financials", "too_few_years"))
    if len(years) > MAX_YEARS:
        errors.append(("financials", "too_many_years"))
    if errors:
        raise ApplicationInvalid(errors)
    return rows


def _financials_snapshot(application: EvaluationApplication) -> list[dict[str, object]]:
    return [
        {"year": f.year, **{name: format(getattr(f, name), "f") for name in MONEY_FIELDS}}
        for f in ApplicationFinancialYear.objects.filter(application=application).order_by("year")
    ]


def _locked(application: EvaluationApplication) -> EvaluationApplication:
    return (
        EvaluationApplication.objects.select_for_update()
        .select_related("cycle__pillar", "brand", "applicant")
        .get(pk=application.pk)
    )


def _status_is(application: EvaluationApplication, allowed: frozenset[str]) -> None:
    if application.status not in allowed:
        raise ApplicationTransitionNotAllowed(
            f"Application {application.pk} is {application.get_status_display()}; this step needs it to be "
            f"{' or '.join(str(ApplicationStatus(s).label) for s in sorted(allowed))}.",
            extra={"current_status": application.status},
        )


@transaction.atomic
def application_financials_set(
    *, actor: Any, application: EvaluationApplication, years: Sequence[Mapping[str, object]]
) -> EvaluationApplication:
    """Replace the application's financial years (revenue, operating profit, revenue under the brand, in 元)."""
    a = _locked(application)
    if not can_application_financials_set(actor, application=a):
        raise PermissionDenied
    _status_is(a, APPLICANT_EDITABLE)
    _window_open(a.cycle)
    rows = _financial_rows(a, years)
    before = _financials_snapshot(a)
    ApplicationFinancialYear.objects.filter(application=a).delete()
    ApplicationFinancialYear.objects.bulk_create(sorted(rows, key=lambda r: r.year))
    a.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPLICATION_FINANCIALS_SET,
        target=a,
        changes={"financials": [before, _financials_snapshot(a)]},
    )
    return a


def _check_years(application: EvaluationApplication) -> None:
    """3–5 consecutive financial years, the last one the year before the cycle's year."""
    years = sorted(
        ApplicationFinancialYear.objects.filter(application=application).values_list("year", flat=True)
    )
    latest = application.cycle.year - 1
    errors: list[tuple[str, str]] = [(f"financials.{y}", "out_of_range") for y in years if y > latest]
    years = [y for y in years if y <= latest]
    if years and years[-1] != latest:
        errors.append((f"financials.{latest}", "missing_year"))
    if years:
        errors += [(f"financials.{y}", "missing_year") for y in range(years[0], years[-1]) if y not in years]
    span = latest - years[0] + 1 if years else 0
    if span < MIN_YEARS:
        errors.append(("financials", "too_few_years"))
    elif span > MAX_YEARS:
        errors.append(("financials", "too_many_years"))
    if errors:
        raise ApplicationInvalid(errors)


@transaction.atomic
def application_submit(*, actor: Any, application: EvaluationApplication) -> EvaluationApplication:
    """Submit: check the financial years, then run the eligibility gate and store every rule's outcome. The
    application is eligible when no rule fails (an unknown outcome does not block, and is shown)."""
    a = _locked(application)
    if not can_application_submit(actor, application=a):
        raise PermissionDenied
    _status_is(a, APPLICANT_EDITABLE)
    _window_open(a.cycle)
    _check_years(a)
    results = eligibility_evaluate(application=a)
    now = timezone.now()
    a.submission_count += 1
    EligibilityCheck.objects.bulk_create(
        EligibilityCheck(
            application=a, attempt=a.submission_count, rule=r.rule, outcome=r.outcome, reason=r.reason,
            details=dict(r.details), rules_version=ELIGIBILITY_RULES_VERSION, evaluated_at=now,
        )
        for r in results
    )  # fmt: skip
    eligible = all(r.outcome != RuleOutcome.FAIL for r in results)
    from_status = a.status
    a.status = ApplicationStatus.ELIGIBLE if eligible else ApplicationStatus.INELIGIBLE
    a.status_reason = ""
    a.submitted_at = now
    a.save(update_fields=["status", "status_reason", "submitted_at", "submission_count", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPLICATION_SUBMITTED,
        target=a,
        changes={
            "status": [from_status, a.status],
            "eligibility": [None, {r.rule: r.outcome for r in results}],
            "rules_version": [None, ELIGIBILITY_RULES_VERSION],
        },
    )
    return a


@transaction.atomic
def application_assign(
    *, actor: Any, application: EvaluationApplication, intermediary: Organisation
) -> IntermediaryAssignment:
    """Assign an eligible application to the evaluation intermediary that will verify its data."""
    a = _locked(application)
    if not can_application_assign(actor, application=a):
        raise PermissionDenied
    _status_is(a, frozenset({ApplicationStatus.ELIGIBLE}))
    if intermediary.kind != OrganisationKind.INTERMEDIARY:
        raise ApplicationInvalid([("intermediary", "not_an_intermediary")])
    previous = IntermediaryAssignment.objects.filter(application=a).first()
    before = previous.intermediary_id if previous else None
    assignment, _ = IntermediaryAssignment.objects.update_or_create(
        application=a,
        defaults={
            "intermediary": intermediary, "assigned_by": actor, "verifier": None, "verified_at": None,
            "notes": "", "verified_financials": [],
        },
    )  # fmt: skip
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPLICATION_ASSIGNED,
        target=a,
        changes={"intermediary": [before, intermediary.pk]},
    )
    return assignment


def _indicator_values(a: EvaluationApplication, values: object) -> dict[str, object]:
    """The data indicators' raw values, validated by the engine against the cycle's system."""
    if not isinstance(values, Mapping):
        raise ApplicationInvalid([("indicator_values", "not_an_object")])
    system = cycle_system(a.cycle)
    panel = panel_indicator_codes(system)
    errors: list[tuple[str, str]] = [
        (f"indicator_values.{code}", "not_applicable") for code in values if code in panel
    ]
    try:
        result = strength.evaluate(system, {**values, **dict.fromkeys(panel, 0)})
    except strength.InputErrors as exc:
        errors += [(e.field.replace("inputs.values", "indicator_values", 1), e.rule) for e in exc.errors]
        raise ApplicationInvalid(errors) from exc
    if errors:
        raise ApplicationInvalid(errors)
    return {
        leaf.code: leaf.value if isinstance(leaf.value, bool) else format(leaf.value, "f")
        for leaf in result.leaves
        if leaf.code not in panel and leaf.value is not None
    }


@transaction.atomic
def application_verify(
    *, actor: Any, application: EvaluationApplication, indicator_values: Mapping[str, object], notes: str = ""
) -> EvaluationApplication:
    """The assigned intermediary enters the indicators measured from data and verifies the financials; the
    verified data is locked from then on."""
    a = _locked(application)
    if not can_application_verify(actor, application=a):
        raise PermissionDenied
    _status_is(a, frozenset({ApplicationStatus.ELIGIBLE}))
    if a.cycle.status not in VERIFYING_PHASES:
        raise CycleTransitionNotAllowed(
            f"{a.cycle.title} is {a.cycle.get_status_display()}; data is verified before review.",
            extra={"current_status": a.cycle.status},
        )
    a.indicator_values = _indicator_values(a, indicator_values)
    assignment = IntermediaryAssignment.objects.select_for_update().get(application=a)
    assignment.verifier = actor
    assignment.verified_at = timezone.now()
    assignment.notes = notes.strip()
    assignment.verified_financials = _financials_snapshot(a)
    assignment.save()
    a.status = ApplicationStatus.VERIFIED
    a.save(update_fields=["status", "indicator_values", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_APPLICATION_VERIFIED,
        target=a,
        changes={
            "status": [ApplicationStatus.ELIGIBLE, ApplicationStatus.VERIFIED],
            "indicator_values": [None, a.indicator_values],
            "financials": [None, assignment.verified_financials],
        },
    )
    return a


def _application_transition(
    *,
    actor: Any,
    application: EvaluationApplication,
    predicate: Callable[..., bool],
    allowed_from: frozenset[str],
    to: str,
    action: AuditAction,
    reason: str = "",
    reason_required: bool = False,
    cycle_phases: tuple[str, ...] | None = None,
) -> EvaluationApplication:
    a = _locked(application)
    if not predicate(actor, application=a):
        raise PermissionDenied
    _status_is(a, allowed_from)
    if cycle_phases is not None and a.cycle.status not in cycle_phases:
        raise CycleTransitionNotAllowed(
            f"{a.cycle.title} is {a.cycle.get_status_display()}.", extra={"current_status": a.cycle.status}
        )
    reason = reason.strip()
    if reason_required and not reason:
        raise ApplicationInvalid([("reason", "required")])
    from_status = a.status
    a.status, a.status_reason = to, reason
    a.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=a,
        changes={"status": [from_status, to], **({"reason": [None, reason]} if reason else {})},
    )
    return a


@transaction.atomic
def application_approve(
    *, actor: Any, application: EvaluationApplication, reason: str = ""
) -> EvaluationApplication:
    """Approve a scored and valued application during the cycle's review; it goes on public notice."""
    return _application_transition(
        actor=actor, application=application, predicate=can_application_approve,
        allowed_from=frozenset({ApplicationStatus.VALUED}), to=ApplicationStatus.APPROVED,
        action=AuditAction.EVALUATION_APPLICATION_APPROVED, reason=reason, cycle_phases=(CycleStatus.REVIEW,),
    )  # fmt: skip


@transaction.atomic
def application_return(
    *, actor: Any, application: EvaluationApplication, reason: str
) -> EvaluationApplication:
    """Send an application back to the applicant, saying why; while the cycle is open they may fix and resubmit."""
    return _application_transition(
        actor=actor, application=application, predicate=can_application_return,
        allowed_from=frozenset({
            ApplicationStatus.ELIGIBLE, ApplicationStatus.INELIGIBLE, ApplicationStatus.VERIFIED,
            ApplicationStatus.VALUED, ApplicationStatus.APPROVED,
        }),
        to=ApplicationStatus.RETURNED, action=AuditAction.EVALUATION_APPLICATION_RETURNED, reason=reason,
        reason_required=True,
        cycle_phases=(CycleStatus.OPEN, CycleStatus.CLOSED, CycleStatus.SCORING, CycleStatus.REVIEW, CycleStatus.NOTICE),
    )  # fmt: skip


@transaction.atomic
def application_withdraw(
    *, actor: Any, application: EvaluationApplication, reason: str
) -> EvaluationApplication:
    """The applicant withdraws the application (before publication), saying why."""
    return _application_transition(
        actor=actor, application=application, predicate=can_application_withdraw,
        allowed_from=frozenset(set(ApplicationStatus.values) - {ApplicationStatus.PUBLISHED, ApplicationStatus.WITHDRAWN}),
        to=ApplicationStatus.WITHDRAWN, action=AuditAction.EVALUATION_APPLICATION_WITHDRAWN, reason=reason,
        reason_required=True,
    )  # fmt: skip
