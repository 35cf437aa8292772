"""Evaluation cycle reads: cycles, applications, the eligibility gate and its report, panels, objections and
the published rankings. Everything is scoped by `visible_to(actor)`; the public sees opened cycles and
published results only.

Also what the cycle services build their engine calls from (the cycle's indicator system, its panel-scored
indicators, the valuation inputs of an application), so the services and the derivation use one recipe.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from engines import strength
from engines.strength.model import IndicatorSystem
from engines.strength.rules import Direct, Percentile
from pinpai.accounts.choices import OrganisationKind, Role
from pinpai.accounts.models import Membership, Organisation, User
from pinpai.accounts.querysets import actor_scope
from pinpai.common.exceptions import NotFoundError
from pinpai.common.models import Pillar, Tier
from pinpai.evaluation.eligibility_hooks import OUTCOMES, eligibility_hook_get
from pinpai.evaluation.exceptions import (
    ApplicationInvalid,
    CycleInvalid,
    EvaluationApplicationNotFound,
    EvaluationCycleNotFound,
    ObjectionNotFound,
)
from pinpai.evaluation.models import (
    ApplicationFinancialYear,
    ApplicationStatus,
    CycleStatus,
    EligibilityCheck,
    EvaluationApplication,
    EvaluationCycle,
    EvaluationResult,
    ExpertPanelMember,
    ExpertScore,
    Objection,
    RuleOutcome,
)
from pinpai.evaluation.permissions_cycles import can_cycle_manage
from pinpai.evaluation.selectors.localise import pick
from pinpai.registry.choices import BrandStatus, EnterpriseStatus
from pinpai.registry.models import Brand, Certificate

ELIGIBILITY_RULES_VERSION = "cycle-eligibility-2026.1"
AGRICULTURAL_PILLAR_PREFIX = "agri-"
SYSTEM_FAMILY = "gbt29186"  # the GB/T 29186 five-element systems (no peer groups), as for self-assessments

# Valuation methods a cycle may use, and which of their inputs each application supplies from its financials
# (oldest year first) and its strength index; the cycle's parameters give the rest.
VALUATION_SUPPLIED: dict[str, dict[str, str]] = {
    "royalty_relief": {"revenues": "revenue_yuan", "strength_index": "strength_index"},
    "excess_earnings": {"revenues": "revenue_yuan", "operating_profits": "operating_profit_yuan"},
    "income_split": {"earnings": "operating_profit_yuan"},
    "regional_public_brand": {"sales_revenues": "brand_revenue_yuan", "strength_index": "strength_index"},
}
VALUATION_FIXED = {"unit": "元", "currency": "CNY"}

RULE_NAMES = {
    "certificates_valid": _("Valid certificates"),
    "owner_active": _("Owner in business"),
    "brand_published": _("Brand published in the registry"),
    "no_serious_dishonesty": _("No serious-dishonesty record"),
    "trace_data_complete": _("Complete trace data (agricultural brands)"),
}
REASON_MESSAGES = {
    "certificates_valid": _("Every certificate kind of the brand has a valid certificate on %(date)s."),
    "no_certificates": _("No certificate is attached to the brand."),
    "certificates_expired": _("Expired or revoked on %(date)s: %(certificates)s."),
    "owner_active": _("The owner is in business."),
    "owner_not_active": _("The owner is not in business (%(status)s)."),
    "brand_published": _("The brand is published in the registry."),
    "brand_not_published": _("The brand is not published in the registry (%(status)s)."),
    "credit_module_missing": _("Not checked yet: the credit module will supply this rule."),
    "traceability_module_missing": _("Not checked yet: the traceability module will supply this rule."),
}


# ---------------------------------------------------------------- cycles


def cycle_list(
    *, actor: Any, year: int | None = None, pillar_code: str | None = None, status: str | None = None
) -> QuerySet[EvaluationCycle]:
    qs = EvaluationCycle.objects.visible_to(actor).select_related("pillar", "tier")
    if year is not None:
        qs = qs.filter(year=year)
    if pillar_code:
        qs = qs.filter(pillar__code=pillar_code)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "pillar__position", "tier__level", "pk")


def cycle_get(*, actor: Any, pk: int) -> EvaluationCycle:
    found = cycle_list(actor=actor).filter(pk=pk).first()
    if found is None:
        raise EvaluationCycleNotFound(f"No evaluation cycle {pk}.")
    return found


def cycle_system(cycle: EvaluationCycle) -> IndicatorSystem:
    """The indicator system (code + version) the cycle evaluates with."""
    return strength.system_get(cycle.system_code, cycle.system_version)


def system_offered(system: IndicatorSystem) -> bool:
    """Cycles use the GB/T 29186 family without peer groups (like self-assessments)."""
    in_family = system.code == SYSTEM_FAMILY or system.code.startswith(SYSTEM_FAMILY + "-")
    return in_family and not any(isinstance(leaf.indicator.rule, Percentile) for leaf in system.leaves())


def panel_indicator_codes(system: IndicatorSystem) -> tuple[str, ...]:
    """The indicators the expert panel scores: those whose rule takes a 0–100 score directly."""
    return tuple(leaf.indicator.code for leaf in system.leaves() if isinstance(leaf.indicator.rule, Direct))


def data_indicator_codes(system: IndicatorSystem) -> tuple[str, ...]:
    """The indicators measured from data, entered and verified by the intermediary."""
    panel = set(panel_indicator_codes(system))
    return tuple(leaf.indicator.code for leaf in system.leaves() if leaf.indicator.code not in panel)


def valuation_inputs_build(
    *,
    method: str,
    parameters: Mapping[str, object],
    financials: Sequence[ApplicationFinancialYear],
    strength_index: Decimal,
) -> dict[str, object]:
    """The exact inputs `engines.valuation.compute(method, …)` receives for an application: the cycle's
    parameters, the application's financials (oldest year first) and its rounded strength index."""
    columns = VALUATION_SUPPLIED[method]
    ordered = sorted(financials, key=lambda f: f.year)
    supplied: dict[str, object] = {}
    for name, column in columns.items():
        if column == "strength_index":
            supplied[name] = format(strength_index, "f")
        else:
            supplied[name] = [format(getattr(f, column), "f") for f in ordered]
    return {**dict(parameters), **supplied, **VALUATION_FIXED}


def panel_member_list(*, actor: Any, cycle: EvaluationCycle) -> QuerySet[ExpertPanelMember]:
    """The cycle's panel, for those who manage it (others get nothing)."""
    if not can_cycle_manage(actor, cycle=cycle):
        return ExpertPanelMember.objects.none()
    return ExpertPanelMember.objects.filter(cycle=cycle).select_related("expert").order_by("pk")


def panel_member_is(*, actor: Any, cycle: EvaluationCycle) -> bool:
    """Whether the actor sits on the cycle's panel."""
    return bool(getattr(actor, "pk", None)) and (
        ExpertPanelMember.objects.filter(cycle=cycle, expert_id=actor.pk).exists()
    )


# ---------------------------------------------------------------- applications


def application_list(
    *, actor: Any, cycle_id: int | None = None, status: str | None = None
) -> QuerySet[EvaluationApplication]:
    qs = EvaluationApplication.objects.visible_to(actor).select_related(
        "cycle__pillar", "cycle__tier", "brand", "applicant__organisation", "result"
    )
    if cycle_id is not None:
        qs = qs.filter(cycle_id=cycle_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("cycle_id", "brand__name", "pk")


def application_get(*, actor: Any, pk: int) -> EvaluationApplication:
    found = (
        application_list(actor=actor)
        .select_related("assignment__intermediary")
        .prefetch_related(
            Prefetch("financial_years", queryset=ApplicationFinancialYear.objects.order_by("year"))
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise EvaluationApplicationNotFound(f"No evaluation application {pk}.")
    return found


def application_brand_list(*, actor: Any, cycle: EvaluationCycle) -> QuerySet[Brand]:
    """The brands the actor may apply with: their enterprises' brands in the cycle's pillar."""
    scope = actor_scope(actor)
    qs = Brand.objects.filter(pillar_id=cycle.pillar_id).exclude(status=BrandStatus.WITHDRAWN)
    if not scope.is_admin:
        qs = qs.filter(owner_id__in=scope.enterprise_ids)
    return qs.select_related("owner__organisation").order_by("name", "pk")


def expert_score_list(*, actor: Any, application: EvaluationApplication) -> QuerySet[ExpertScore]:
    """The actor's own scores of an application (an expert sees only theirs before publication)."""
    return ExpertScore.objects.filter(application=application, expert_id=getattr(actor, "pk", None)).order_by(
        "indicator_code"
    )


# ---------------------------------------------------------------- the eligibility gate


@dataclass(frozen=True)
class RuleResult:
    rule: str
    outcome: str  # pass / fail / unknown
    reason: str  # a reason code
    details: Mapping[str, Any] = field(default_factory=dict)


def _certificates_rule(brand: Brand, as_of: datetime.date) -> RuleResult:
    """A kind of certificate counts as held while one certificate of that kind is valid on the day (a renewal
    replaces the certificate it renews), as for publishing a brand in the registry."""
    certificates = list(Certificate.objects.filter(brand=brand).order_by("kind", "number", "pk"))
    if not certificates:
        return RuleResult(
            "certificates_valid", RuleOutcome.PASS, "no_certificates", {"date": as_of.isoformat()}
        )
    valid_ids = set(Certificate.objects.filter(brand=brand).valid_on(as_of).values_list("pk", flat=True))
    held_kinds = {c.kind for c in certificates if c.pk in valid_ids}
    expired = [c for c in certificates if c.kind not in held_kinds]
    if expired:
        listing = [f"{c.get_kind_display()} {c.number}" for c in expired]
        return RuleResult(
            "certificates_valid",
            RuleOutcome.FAIL,
            "certificates_expired",
            {"date": as_of.isoformat(), "certificates": listing},
        )
    valid = [f"{c.get_kind_display()} {c.number}" for c in certificates if c.pk in valid_ids]
    return RuleResult(
        "certificates_valid",
        RuleOutcome.PASS,
        "certificates_valid",
        {"date": as_of.isoformat(), "certificates": valid},
    )


def _hooked(rule: str, brand: Brand, as_of: datetime.date, missing_reason: str) -> RuleResult:
    hook = eligibility_hook_get(rule)
    if hook is None:
        return RuleResult(rule, RuleOutcome.UNKNOWN, missing_reason)
    outcome = hook(brand, as_of=as_of)
    if outcome.outcome not in OUTCOMES:
        raise ValueError(f"eligibility hook {rule} returned outcome {outcome.outcome!r}")
    return RuleResult(rule, outcome.outcome, outcome.reason, dict(outcome.details))


def eligibility_evaluate(*, application: EvaluationApplication) -> tuple[RuleResult, ...]:
    """Judge every rule of the gate for an application on its cycle's reference date. Reads only."""
    brand = Brand.objects.select_related("owner", "pillar").get(pk=application.brand_id)
    cycle = application.cycle
    as_of = cycle.reference_date
    owner = brand.owner
    results = [
        _certificates_rule(brand, as_of),
        RuleResult("owner_active", RuleOutcome.PASS, "owner_active")
        if owner.status == EnterpriseStatus.ACTIVE
        else RuleResult("owner_active", RuleOutcome.FAIL, "owner_not_active", {"status": owner.status}),
        RuleResult("brand_published", RuleOutcome.PASS, "brand_published")
        if brand.status == BrandStatus.PUBLISHED
        else RuleResult("brand_published", RuleOutcome.FAIL, "brand_not_published", {"status": brand.status}),
        _hooked("no_serious_dishonesty", brand, as_of, "credit_module_missing"),
    ]
    if cycle.pillar.code.startswith(AGRICULTURAL_PILLAR_PREFIX):
        results.append(_hooked("trace_data_complete", brand, as_of, "traceability_module_missing"))
    return tuple(results)


@dataclass(frozen=True)
class EligibilityLine:
    rule: str
    rule_name: str
    outcome: str
    outcome_label: str
    reason: str
    reason_text: str
    details: Mapping[str, Any]


@dataclass(frozen=True)
class EligibilityReport:
    application_id: int
    attempt: int
    rules_version: str
    evaluated_at: datetime.datetime | None
    eligible: bool | None  # None before the first submission
    lines: tuple[EligibilityLine, ...]


def reason_text(reason: str, details: Mapping[str, Any]) -> str:
    """A stored reason code and its facts, said in the active language."""
    template = REASON_MESSAGES.get(reason)
    if template is None:
        facts = ", ".join(f"{k}: {v}" for k, v in details.items())
        return f"{reason} ({facts})" if facts else reason
    values = {k: "、".join(map(str, v)) if isinstance(v, list) else v for k, v in details.items()}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)


def eligibility_report(*, actor: Any, application: EvaluationApplication) -> EligibilityReport:
    """The gate's outcome at the latest submission: every rule with its outcome and reason."""
    application = application_get(actor=actor, pk=application.pk)
    attempt = application.submission_count
    checks = list(EligibilityCheck.objects.filter(application=application, attempt=attempt).order_by("pk"))
    outcomes = dict(RuleOutcome.choices)
    lines = tuple(
        EligibilityLine(
            rule=c.rule,
            rule_name=str(RULE_NAMES.get(c.rule, c.rule)),
            outcome=c.outcome,
            outcome_label=str(outcomes.get(c.outcome, c.outcome)),
            reason=c.reason,
            reason_text=reason_text(c.reason, c.details),
            details=c.details,
        )
        for c in checks
    )
    return EligibilityReport(
        application_id=application.pk,
        attempt=attempt,
        rules_version=checks[0].rules_version if checks else ELIGIBILITY_RULES_VERSION,
        evaluated_at=checks[0].evaluated_at if checks else None,
        eligible=None if not checks else all(c.outcome != RuleOutcome.FAIL for c in checks),
        lines=lines,
    )


# ---------------------------------------------------------------- objections


def objection_list(*, actor: Any, application_id: int | None = None) -> QuerySet[Objection]:
    qs = Objection.objects.visible_to(actor).select_related("application__brand", "filed_by", "decided_by")
    if application_id is not None:
        qs = qs.filter(application_id=application_id)
    return qs.order_by("created_at", "pk")


def objection_get(*, actor: Any, pk: int) -> Objection:
    found = objection_list(actor=actor).select_related("application__cycle").filter(pk=pk).first()
    if found is None:
        raise ObjectionNotFound(f"No objection {pk}.")
    return found


def notice_application_list(*, cycle: EvaluationCycle) -> QuerySet[EvaluationApplication]:
    """What a cycle's public notice shows: its approved applications with their results (public)."""
    if cycle.status != CycleStatus.NOTICE:
        return EvaluationApplication.objects.none()
    return (
        EvaluationApplication.objects.filter(cycle=cycle, status=ApplicationStatus.APPROVED)
        .select_related("brand", "applicant__organisation", "result")
        .order_by("-result__value_yuan", "brand__name", "pk")
    )


def notice_application_get(*, actor: Any, pk: int) -> EvaluationApplication:
    """An application the actor may see, or one on public notice (which anyone may object to)."""
    found = EvaluationApplication.objects.visible_to(actor).filter(pk=pk).first()
    if found is None:
        on_notice = EvaluationApplication.objects.filter(
            status=ApplicationStatus.APPROVED, cycle__status=CycleStatus.NOTICE
        )
        found = on_notice.filter(pk=pk).first()
    if found is None:
        raise EvaluationApplicationNotFound(f"No evaluation application {pk}.")
    return found


# ---------------------------------------------------------------- rankings


@dataclass(frozen=True)
class RankingRow:
    rank: int
    application_id: int
    brand_id: int
    brand_name: str
    enterprise_name: str
    strength_index: Decimal
    strength_score_1000: Decimal
    value_yuan: Decimal


def ranking_list(*, cycle: EvaluationCycle) -> list[RankingRow]:
    """The published ranking of a cycle (one pillar, level and year): brand value, highest first. Public."""
    if cycle.status not in (CycleStatus.PUBLISHED, CycleStatus.ARCHIVED):
        return []
    results = (
        EvaluationResult.objects.filter(
            application__cycle=cycle, application__status=ApplicationStatus.PUBLISHED, rank__isnull=False
        )
        .select_related("application__brand", "application__applicant__organisation")
        .order_by("rank", "application__brand__name", "pk")
    )
    return [
        RankingRow(
            rank=r.rank or 0,
            application_id=r.application_id,
            brand_id=r.application.brand_id,
            brand_name=r.application.brand.name,
            enterprise_name=r.application.applicant.organisation.name,
            strength_index=r.strength_index,
            strength_score_1000=r.strength_score_1000,
            value_yuan=r.value_yuan,
        )
        for r in results
    ]


def ranking_cycle_get(*, year: int, pillar_code: str, tier_code: str) -> EvaluationCycle:
    """The published cycle of a pillar, level and year (what a ranking is published for)."""
    found = (
        EvaluationCycle.objects.filter(
            year=year,
            pillar__code=pillar_code,
            tier__code=tier_code,
            status__in=(CycleStatus.PUBLISHED, CycleStatus.ARCHIVED),
        )
        .select_related("pillar", "tier")
        .first()
    )
    if found is None:
        raise NotFoundError(f"No published ranking for {year} {pillar_code} {tier_code}.")
    return found


def cycle_label(cycle: EvaluationCycle) -> str:
    return f"{cycle.year} {pick(cycle.pillar.name, cycle.pillar.name_en)} {pick(cycle.tier.name, cycle.tier.name_en)}"


# ---------------------------------------------------------------- what the edge looks up


def cycle_reference_get(*, pillar_code: str, tier_code: str) -> tuple[Pillar, Tier]:
    """The pillar and level a new cycle names by code; unknown codes are the caller's input error."""
    pillar = Pillar.objects.filter(code=pillar_code).first()
    tier = Tier.objects.filter(code=tier_code).first()
    errors = [(name, "invalid_code") for name, row in (("pillar", pillar), ("tier", tier)) if row is None]
    if errors or pillar is None or tier is None:
        raise CycleInvalid(errors)
    return pillar, tier


def application_brand_get(*, actor: Any, pk: int) -> Brand:
    """A brand the actor may see (one they may not is "not found", like one that does not exist)."""
    brand = Brand.objects.visible_to(actor).filter(pk=pk).first()
    if brand is None:
        raise NotFoundError(f"No brand {pk}.")
    return brand


def intermediary_get(*, pk: int) -> Organisation:
    found = Organisation.objects.filter(pk=pk, kind=OrganisationKind.INTERMEDIARY).first()
    if found is None:
        raise ApplicationInvalid([("intermediary", "not_an_intermediary")])
    return found


def intermediary_list() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.INTERMEDIARY).current().order_by("name", "pk")


def expert_get(*, username: str) -> Any:
    """A user holding the expert role today, by user name."""
    experts = Membership.objects.active().filter(role=Role.EXPERT).values("user_id")
    found = User.objects.filter(username=username, pk__in=experts).first()
    if found is None:
        raise CycleInvalid([("expert", "not_an_expert")])
    return found
