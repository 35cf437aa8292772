"""承诺达标合格证 (compliance-promise certificates), inspections and recalls of lots."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pinpai.common.models import BaseModel, District
from pinpai.registry.models import Enterprise
from pinpai.traceability.choices_quality import (
    ComplianceCertificateStatus,
    InspectionResult,
    ProduceCategory,
    RecallSiteStatus,
    RecallStatus,
)
from pinpai.traceability.models.masterdata import Location, Lot
from pinpai.traceability.querysets_quality import (
    ComplianceCertificateQuerySet,
    InspectionQuerySet,
    RecallNoticeQuerySet,
    RecallQuerySet,
    RecallSiteQuerySet,
)


class Inspection(BaseModel):
    """Sampling and laboratory testing of a lot (检验检测); a failed one starts a recall."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("lot"))
    sampled_at = models.DateTimeField(_("sampled at"))
    sampling_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_sampled",
        verbose_name=_("sampling location"),
    )
    laboratory = models.CharField(_("laboratory"), max_length=200)
    report_number = models.CharField(_("report number"), max_length=60)
    tested_at = models.DateTimeField(_("tested at"))
    result = models.CharField(_("result"), max_length=4, choices=InspectionResult.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-tested_at", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.UniqueConstraint(
                fields=["laboratory", "report_number"], name="traceability_inspection_report_unique_per_lab"
            ),
            models.CheckConstraint(
                condition=Q(result__in=InspectionResult.values), name="traceability_inspection_result_known"
            ),
            models.CheckConstraint(
                condition=Q(tested_at__gte=models.F("sampled_at")),
                name="traceability_inspection_tested_after_sampling",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.laboratory} {self.report_number}"


class InspectionItem(models.Model):
    """One tested item of an inspection: what, by which method, the value against its limit."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="items", verbose_name=_("inspection")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("item"), max_length=100)
    method_standard = models.CharField(_("method standard"), max_length=100, blank=True)
    measured_value = models.DecimalField(
        _("measured value"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("empty: not detected"),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    limit = models.DecimalField(
        _("limit"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("empty: must not be detected"),
    )
    result = models.CharField(_("result"), max_length=4, choices=InspectionResult.choices)

    class Meta:
        ordering = ["inspection", "position", "pk"]
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")
        constraints = [
            models.CheckConstraint(
                condition=Q(result__in=InspectionResult.values),
                name="traceability_inspectionitem_result_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ComplianceCertificate(BaseModel):
    """承诺达标合格证: the producer's promise about one lot of edible farm produce, with a public check code."""

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    lot = models.ForeignKey(
        Lot, on_delete=models.PROTECT, related_name="compliance_certificates", verbose_name=_("lot")
    )
    product_name = models.CharField(_("product name"), max_length=200)
    product_category = models.CharField(_("produce category"), max_length=12, choices=ProduceCategory.choices)
    quantity = models.DecimalField(
        _("quantity"), max_digits=20, decimal_places=6, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=20)
    producer = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="compliance_certificates",
        verbose_name=_("producer"),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district of origin")
    )
    address = models.CharField(_("address of origin"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    promise_no_banned_substances = models.BooleanField(
        _("no banned pesticides or veterinary drugs, no withdrawn veterinary drugs, no illegal additives"),
        default=True,
    )
    promise_residues_within_limits = models.BooleanField(
        _("residues of conventional pesticides and veterinary drugs within the limits"), default=True
    )
    promise_truthful = models.BooleanField(_("responsible for the truth of this promise"), default=True)
    basis = models.JSONField(_("basis of the promise"), default=list)
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compliance_certificates",
        verbose_name=_("inspection report"),
    )
    report_url = models.URLField(_("link to the test report"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ComplianceCertificateStatus.choices,
        default=ComplianceCertificateStatus.VALID,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )

    objects = ComplianceCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("compliance-promise certificate")
        verbose_name_plural = _("compliance-promise certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="traceability_compliancecertificate_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(promise_no_banned_substances=True)
                & Q(promise_residues_within_limits=True)
                & Q(promise_truthful=True),
                name="traceability_compliancecertificate_promise_complete",
            ),
            models.CheckConstraint(
                condition=(Q(status=ComplianceCertificateStatus.VALID) & Q(revoked_at__isnull=True))
                | (Q(status=ComplianceCertificateStatus.REVOKED) & Q(revoked_at__isnull=False)),
                name="traceability_compliancecertificate_revocation_consistent",
            ),
        ]
        indexes = [models.Index(fields=["producer", "issued_on"], name="trace_cert_producer_issued")]

    def __str__(self) -> str:
        return self.number


class Recall(BaseModel):
    """A recall of lots: opened by a failed inspection or by hand, followed site by site, closed by staff."""

    number = models.CharField(_("recall number"), max_length=20, unique=True)
    reason = models.TextField(_("reason"))
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recalls",
        verbose_name=_("originating inspection"),
    )
    status = models.CharField(
        _("status"), max_length=6, choices=RecallStatus.choices, default=RecallStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    override_reason = models.TextField(
        _("reason for closing with open sites"), blank=True, help_text=_("empty when every site was closed")
    )

    objects = RecallQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=RecallStatus.OPEN) & Q(closed_at__isnull=True))
                | (Q(status=RecallStatus.CLOSED) & Q(closed_at__isnull=False)),
                name="traceability_recall_closure_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class RecallLot(models.Model):
    """A lot in a recall's scope, with the quantity affected when the events say it."""

    recall = models.ForeignKey(
        Recall, on_delete=models.CASCADE, related_name="lots", verbose_name=_("recall")
    )
    lot = models.ForeignKey(
        Lot, on_delete=models.PROTECT, related_name="recall_entries", verbose_name=_("lot")
    )
    quantity = models.DecimalField(
        _("quantity affected"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    uom = models.CharField(_("unit of measure"), max_length=10, blank=True)

    class Meta:
        ordering = ["recall", "pk"]
        verbose_name = _("recalled lot")
        verbose_name_plural = _("recalled lots")
        constraints = [
            models.UniqueConstraint(fields=["recall", "lot"], name="traceability_recalllot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.recall} · {self.lot}"


class RecallSite(BaseModel):
    """A place (and the enterprise there) a recall reached downstream, and how far the recall got there."""

    recall = models.ForeignKey(
        Recall, on_delete=models.CASCADE, related_name="sites", verbose_name=_("recall")
    )
    identifier = models.CharField(
        _("location identifier"),
        max_length=255,
        blank=True,
        help_text=_("canonical GLN Digital Link, if known"),
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recall_sites",
        verbose_name=_("location"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recall_sites",
        verbose_name=_("enterprise"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecallSiteStatus.choices, default=RecallSiteStatus.NOTIFIED
    )
    quantity = models.DecimalField(
        _("quantity removed"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    objects = RecallSiteQuerySet.as_manager()

    class Meta:
        ordering = ["recall", "pk"]
        verbose_name = _("recall site")
        verbose_name_plural = _("recall sites")
        constraints = [
            models.UniqueConstraint(
                fields=["recall", "identifier", "enterprise"], name="traceability_recallsite_unique"
            ),
            models.CheckConstraint(
                condition=~Q(identifier="") | Q(enterprise__isnull=False),
                name="traceability_recallsite_names_a_place_or_enterprise",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=0),
                name="traceability_recallsite_quantity_not_negative",
            ),
        ]

    def __str__(self) -> str:
        where = self.location.name if self.location else self.identifier
        who = self.enterprise.organisation.name if self.enterprise else ""
        return " · ".join(p for p in (str(self.recall), where, who) if p)


class RecallNotice(models.Model):
    """The in-app notice an affected enterprise gets when a recall opens."""

    recall = models.ForeignKey(
        Recall, on_delete=models.CASCADE, related_name="notices", verbose_name=_("recall")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="recall_notices", verbose_name=_("enterprise")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("read by"),
    )

    objects = RecallNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("recall notice")
        verbose_name_plural = _("recall notices")
        constraints = [
            models.UniqueConstraint(fields=["recall", "enterprise"], name="traceability_recallnotice_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.recall} → {self.enterprise_id}"
