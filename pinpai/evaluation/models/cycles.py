"""Evaluation cycles (评价周期): the annual call by pillar and level, the applications with their financials,
the eligibility gate, verification by an intermediary, the expert panel, the stored results and objections.

Workflow and rules: docs/domains/evaluation-cycles.md. Every number of a result is stored with its inputs and
engine versions (`EvaluationResult`), so it can be re-derived step by step.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pinpai.common.models import BaseModel, Pillar, Tier
from pinpai.evaluation.querysets_cycles import (
    EvaluationApplicationQuerySet,
    EvaluationCycleQuerySet,
    ObjectionQuerySet,
)
from pinpai.registry.models import Brand, Enterprise


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for applications")
    CLOSED = "closed", _("applications closed")
    SCORING = "scoring", _("expert scoring")
    REVIEW = "review", _("under review")
    NOTICE = "notice", _("public notice")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ELIGIBLE = "eligible", _("eligible")
    INELIGIBLE = "ineligible", _("ineligible")
    VERIFIED = "verified", _("verified")
    VALUED = "valued", _("scored and valued")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")
    RETURNED = "returned", _("returned")


class RuleOutcome(models.TextChoices):
    PASS = "pass", _("pass")  # noqa: S105 - an outcome, not a password
    FAIL = "fail", _("fail")
    UNKNOWN = "unknown", _("unknown")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("objection", "open")
    UPHELD = "upheld", _("upheld")
    REJECTED = "rejected", pgettext_lazy("objection", "rejected")


def _user(related_name: str = "+", *, null: bool = False, verbose: Any = "") -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=null,
        blank=null,
        related_name=related_name,
        verbose_name=verbose,
    )


class EvaluationCycle(BaseModel):
    """An annual evaluation campaign for one pillar and level: its call, indicator system, valuation method and
    parameters, application window and public-notice window."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2016), MaxValueValidator(2100)]
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="evaluation_cycles", verbose_name=_("pillar")
    )
    tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, related_name="evaluation_cycles", verbose_name=_("level")
    )
    title = models.CharField(_("title"), max_length=200)
    call_text = models.TextField(_("call text"), blank=True)
    system_code = models.CharField(_("indicator system"), max_length=60)
    system_version = models.CharField(_("indicator system version"), max_length=20)
    valuation_method = models.CharField(_("valuation method"), max_length=40)
    # The method's inputs that are the same for every application (royalty range, tax, discount rate, growth …);
    # each application adds its financials and its strength index. Decimals as strings.
    valuation_parameters = models.JSONField(_("valuation parameters"), default=dict, blank=True)
    applications_open_on = models.DateField(_("applications open on"))
    applications_close_on = models.DateField(_("applications close on"))
    reference_date = models.DateField(
        _("reference date"), help_text=_("certificates must be valid on this day")
    )
    notice_days = models.PositiveSmallIntegerField(
        _("public notice days"), default=7, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    notice_starts_on = models.DateField(_("public notice starts on"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice ends on"), null=True, blank=True)
    min_experts = models.PositiveSmallIntegerField(
        _("minimum number of experts"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    trim = models.PositiveSmallIntegerField(
        _("scores trimmed at each end"), default=1, validators=[MaxValueValidator(10)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CycleStatus.choices, default=CycleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = _user(verbose=_("created by"))

    objects = EvaluationCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "pillar__position", "tier__level", "pk"]
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CycleStatus.values), name="evaluation_cycle_status_known"
            ),
            models.CheckConstraint(
                condition=Q(applications_close_on__gte=F("applications_open_on")),
                name="evaluation_cycle_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_experts__gt=F("trim") * 2), name="evaluation_cycle_panel_exceeds_trim"
            ),
            models.UniqueConstraint(
                fields=["year", "pillar", "tier"],
                name="evaluation_cycle_unique_per_year_pillar_tier",
                violation_error_message=_("There is already a cycle for this year, pillar and level."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EvaluationApplication(BaseModel):
    """An enterprise's application of one brand to a cycle (申报), from draft to publication."""

    cycle = models.ForeignKey(
        EvaluationCycle,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=pgettext_lazy("evaluation", "cycle"),
    )
    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="evaluation_applications", verbose_name=_("brand")
    )
    applicant = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="evaluation_applications",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT,
        db_index=True,
    )  # fmt: skip
    status_reason = models.CharField(_("reason"), max_length=1000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submission_count = models.PositiveSmallIntegerField(_("submissions"), default=0)
    # The raw values of the indicators measured from data (not scored by the panel), entered and verified by
    # the intermediary; numbers as strings, yes/no as booleans.
    indicator_values = models.JSONField(_("indicator values"), default=dict, blank=True)
    created_by = _user(verbose=_("created by"))

    objects = EvaluationApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "brand__name", "pk"]
        verbose_name = _("evaluation application")
        verbose_name_plural = _("evaluation applications")
        indexes = [models.Index(fields=["cycle", "status"], name="evaluation_app_cycle_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="evaluation_application_status_known"
            ),
            models.UniqueConstraint(
                fields=["cycle", "brand"],
                condition=~Q(status=ApplicationStatus.WITHDRAWN),
                name="evaluation_application_unique_brand_per_cycle",
                violation_error_message=_("This brand has already applied to this cycle."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}: {self.brand}"


class ApplicationFinancialYear(BaseModel):
    """One year of an application's financials, in 元."""

    application = models.ForeignKey(
        EvaluationApplication, on_delete=models.CASCADE, related_name="financial_years",
        verbose_name=_("application"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    revenue_yuan = models.DecimalField(
        _("revenue (元)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    operating_profit_yuan = models.DecimalField(_("operating profit (元)"), max_digits=18, decimal_places=2)
    brand_revenue_yuan = models.DecimalField(
        _("revenue under the brand (元)"),
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["application", "year"]
        verbose_name = _("financial year")
        verbose_name_plural = _("financial years")
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="evaluation_financialyear_unique"),
            models.CheckConstraint(condition=Q(revenue_yuan__gte=0), name="evaluation_financialyear_revenue"),
            models.CheckConstraint(
                condition=Q(brand_revenue_yuan__gte=0) & Q(brand_revenue_yuan__lte=F("revenue_yuan")),
                name="evaluation_financialyear_brand_revenue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.year}"


class EligibilityCheck(models.Model):
    """One rule of the eligibility gate, evaluated at a submission: pass, fail or unknown, with a reason code
    and the facts it rests on (`details`), shown in the reader's language."""

    application = models.ForeignKey(
        EvaluationApplication, on_delete=models.CASCADE, related_name="eligibility_checks",
        verbose_name=_("application"),
    )  # fmt: skip
    attempt = models.PositiveSmallIntegerField(_("submission"))
    rule = models.CharField(_("rule"), max_length=40)
    outcome = models.CharField(_("outcome"), max_length=8, choices=RuleOutcome.choices)
    reason = models.CharField(_("reason"), max_length=60)
    details = models.JSONField(_("details"), default=dict, blank=True)
    rules_version = models.CharField(_("rules version"), max_length=40)
    evaluated_at = models.DateTimeField(_("evaluated at"))

    class Meta:
        ordering = ["application", "attempt", "pk"]
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "attempt", "rule"], name="evaluation_eligibilitycheck_unique"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=RuleOutcome.values), name="evaluation_eligibilitycheck_outcome_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.rule}: {self.outcome}"


class IntermediaryAssignment(BaseModel):
    """The evaluation intermediary that enters and verifies an application's data; verified data is locked."""

    application = models.OneToOneField(
        EvaluationApplication,
        on_delete=models.CASCADE,
        related_name="assignment",
        verbose_name=_("application"),
    )
    intermediary = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="evaluation_assignments",
        verbose_name=_("intermediary"),
    )  # fmt: skip
    assigned_by = _user(verbose=_("assigned by"))
    verifier = _user(null=True, verbose=_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    notes = models.TextField(_("verification notes"), blank=True)
    verified_financials = models.JSONField(_("verified financials"), default=list, blank=True)

    class Meta:
        ordering = ["application"]
        verbose_name = _("intermediary assignment")
        verbose_name_plural = _("intermediary assignments")

    def __str__(self) -> str:
        return f"{self.application_id} → {self.intermediary_id}"


class ExpertPanelMember(BaseModel):
    """An expert on a cycle's panel."""

    cycle = models.ForeignKey(
        EvaluationCycle,
        on_delete=models.CASCADE,
        related_name="panel",
        verbose_name=pgettext_lazy("evaluation", "cycle"),
    )
    expert = _user(verbose=_("expert"))
    added_by = _user(verbose=_("added by"))

    class Meta:
        ordering = ["cycle", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "expert"], name="evaluation_panelmember_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}: {self.expert_id}"


class ConflictDeclaration(BaseModel):
    """An expert's conflict-of-interest declaration for one application (declared at `created_at`); an expert
    who declares a conflict cannot score that application."""

    application = models.ForeignKey(
        EvaluationApplication, on_delete=models.CASCADE, related_name="conflict_declarations",
        verbose_name=_("application"),
    )  # fmt: skip
    expert = _user(verbose=_("expert"))
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="evaluation_conflict_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.expert_id}: {self.has_conflict}"


class ExpertScore(BaseModel):
    """One expert's 0–100 score of one panel-scored indicator of an application."""

    application = models.ForeignKey(
        EvaluationApplication, on_delete=models.CASCADE, related_name="expert_scores",
        verbose_name=_("application"),
    )  # fmt: skip
    expert = _user(verbose=_("expert"))
    indicator_code = models.CharField(_("indicator"), max_length=100)
    score = models.DecimalField(
        _("score (0–100)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip

    class Meta:
        ordering = ["application", "indicator_code", "pk"]
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "expert", "indicator_code"], name="evaluation_expertscore_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="evaluation_expertscore_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.expert_id} {self.indicator_code}: {self.score}"


class EvaluationResult(BaseModel):
    """An application's strength index and brand value with everything needed to re-derive them: the panel's
    scores and trimmed aggregation with spread, the indicator values, contributions and trace, the valuation
    inputs and steps, and both engine versions."""

    application = models.OneToOneField(
        EvaluationApplication, on_delete=models.CASCADE, related_name="result", verbose_name=_("application")
    )
    system_code = models.CharField(_("indicator system"), max_length=60)
    system_version = models.CharField(_("indicator system version"), max_length=20)
    indicator_values = models.JSONField(_("indicator values"), default=dict)  # code → value fed to the engine
    panel = models.JSONField(
        _("panel aggregation"), default=list
    )  # per indicator: scores, kept, dropped, spread
    strength_index = models.DecimalField(_("strength index (0–100)"), max_digits=5, decimal_places=2)
    strength_score_1000 = models.DecimalField(_("strength score (0–1000)"), max_digits=6, decimal_places=2)
    strength_index_unrounded = models.CharField(_("strength index, unrounded"), max_length=80)
    contributions = models.JSONField(_("contributions"), default=list)
    strength_trace = models.JSONField(_("strength steps"), default=list)
    strength_engine_version = models.CharField(_("strength engine version"), max_length=40)
    valuation_method = models.CharField(_("valuation method"), max_length=40)
    valuation_inputs = models.JSONField(
        _("valuation inputs"), default=dict
    )  # exactly what the engine received
    value_yuan = models.DecimalField(_("brand value (元)"), max_digits=18, decimal_places=2)
    value_unrounded = models.CharField(_("brand value, unrounded"), max_length=80)
    valuation_steps = models.JSONField(_("valuation steps"), default=list)
    valuation_engine_version = models.CharField(_("valuation engine version"), max_length=40)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    computed_by = _user(verbose=_("computed by"))

    class Meta:
        ordering = ["application"]
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        constraints = [
            models.CheckConstraint(
                condition=Q(strength_index__gte=0) & Q(strength_index__lte=100),
                name="evaluation_result_index_range",
            ),
            models.CheckConstraint(
                condition=Q(strength_score_1000__gte=0) & Q(strength_score_1000__lte=1000),
                name="evaluation_result_score_1000_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.strength_index} / {self.value_yuan}"


class Objection(BaseModel):
    """An objection (异议) to an application's result during its public notice (filed at `created_at`)."""

    application = models.ForeignKey(
        EvaluationApplication,
        on_delete=models.PROTECT,
        related_name="objections",
        verbose_name=_("application"),
    )
    filed_by = _user(null=True, verbose=_("filed by"))
    contact_name = models.CharField(_("contact name"), max_length=50, blank=True)
    contact = models.CharField(_("contact (phone or e-mail)"), max_length=100, blank=True)
    text = models.TextField(_("objection"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    decision_reason = models.CharField(_("decision reason"), max_length=1000, blank=True)
    decided_by = _user(null=True, verbose=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["application", "created_at", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ObjectionStatus.values), name="evaluation_objection_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status}"
