"""The appraisal whitelist (评比达标表彰): sanctioned brand appraisals, the awards they granted to brands, and
the awards brands claim to display, matched against the register."""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import Organisation
from pinpai.common.models import BaseModel
from pinpai.evaluation.querysets_appraisals import (
    AppraisalAwardQuerySet,
    AppraisalQuerySet,
    AwardClaimQuerySet,
)
from pinpai.registry.models import Brand

YEAR_MIN, YEAR_MAX = 1949, 2100


def appraisal_text_key(text: str) -> str:
    """The form names are compared in: NFKC (full-width → half-width), case-folded, without spaces,
    punctuation or symbols, so 「中国质量奖」, "中国 质量奖" and “中國質量獎” … compare as written in simplified
    form. (Traditional ↔ simplified characters are not converted.)"""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PSZC")


def appraisal_alias_keys(text: str) -> list[str]:
    """The keys of an alias list: one alias a line (or separated by 、/；/;)."""
    for sep in ("、", "；", ";"):
        text = text.replace(sep, "\n")
    return [key for key in (appraisal_text_key(line) for line in text.splitlines()) if key]


# ---------------------------------------------------------------- choices


class AppraisalLevel(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCIAL = "provincial", _("provincial (municipal)")
    DISTRICT = "district", _("district or county")
    ASSOCIATION = "association", _("industry association")


class AppraisalCycle(models.TextChoices):
    ANNUAL = "annual", _("every year")
    BIENNIAL = "biennial", _("every two years")
    TRIENNIAL = "triennial", _("every three years")
    QUADRENNIAL = "quadrennial", _("every four years")
    QUINQUENNIAL = "quinquennial", _("every five years")
    ONE_OFF = "one_off", _("once")


class AppraisalStatus(models.TextChoices):
    SANCTIONED = "sanctioned", _("sanctioned")
    SUSPENDED = "suspended", _("suspended")
    REVOKED = "revoked", _("revoked")


class AwardClaimStatus(models.TextChoices):
    MATCHED = "matched", _("matched on the register")
    UNREGISTERED = "unregistered", _("not on the register")
    DISMISSED = "dismissed", _("dismissed by staff")


class AwardClaimDecision(models.TextChoices):
    """A staff member's review of a flagged claim: the flag stands, or it is withdrawn."""

    CONFIRM = "confirm", _("confirm: the award is not on the register")
    DISMISS = "dismiss", _("dismiss the flag")


class AwardClaimFlag(models.TextChoices):
    """Why a claim was not matched (the first reason that applies, in this order)."""

    NOT_ON_REGISTER = "not_on_register", _("no appraisal on the register has this name")
    ORGANISER_DIFFERS = "organiser_differs", _("the register names another organiser")
    NOT_VALID_IN_YEAR = "not_valid_in_year", _("the appraisal was not sanctioned in the claimed year")
    APPRAISAL_SUSPENDED = "appraisal_suspended", _("the appraisal is suspended")
    APPRAISAL_REVOKED = "appraisal_revoked", _("the appraisal is revoked")
    AWARD_REVOKED = "award_revoked", _("the brand's award of that edition was revoked")


# ---------------------------------------------------------------- models


class Appraisal(BaseModel):
    """A sanctioned appraisal, list or award programme (评比达标表彰项目) on the register: who runs it, who
    approved it under which document, how often, and for which period."""

    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(_("name for matching"), max_length=200, db_index=True, editable=False)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="appraisals",
        verbose_name=_("organiser (organisation on the platform)"),
    )  # fmt: skip
    organiser_name = models.CharField(_("organiser"), max_length=200)
    organiser_aliases = models.TextField(
        _("other names of the organiser"), blank=True,
        help_text=_("one a line, e.g. the short name or the name before a reorganisation"),
    )  # fmt: skip
    organiser_key = models.CharField(_("organiser for matching"), max_length=200, editable=False)
    approving_authority = models.CharField(_("approving authority"), max_length=200)
    approval_number = models.CharField(_("approval document number"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=AppraisalLevel.choices)
    cycle = models.CharField(_("cycle"), max_length=20, choices=AppraisalCycle.choices)
    valid_from = models.DateField(_("sanctioned from"))
    valid_to = models.DateField(
        _("sanctioned until"), null=True, blank=True, help_text=_("empty while the approval stands")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AppraisalStatus.choices, default=AppraisalStatus.SANCTIONED
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    scope_notes = models.TextField(_("scope"), blank=True)
    source_url = models.URLField(_("source of the approval"), max_length=500, blank=True)
    source_text = models.TextField(_("text of the approval"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )

    objects = AppraisalQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        indexes = [models.Index(fields=["level", "status", "name"], name="evaluation_appraisal_level_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=AppraisalLevel.values), name="evaluation_appraisal_level_known"
            ),
            models.CheckConstraint(
                condition=Q(cycle__in=AppraisalCycle.values), name="evaluation_appraisal_cycle_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AppraisalStatus.values), name="evaluation_appraisal_status_known"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="evaluation_appraisal_validity_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status=AppraisalStatus.SANCTIONED) | ~Q(status_reason=""),
                name="evaluation_appraisal_reason_unless_sanctioned",
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="evaluation_appraisal_name_key_present"),
            models.UniqueConstraint(
                fields=["name_key", "organiser_key"],
                condition=~Q(status=AppraisalStatus.REVOKED),
                name="evaluation_appraisal_unique_name_per_organiser",
                violation_error_message=_("This organiser already has an appraisal with this name on the register."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.name}（{self.organiser_name}）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end of the approval is before its start.")
        if self.status != AppraisalStatus.SANCTIONED and not self.status_reason.strip():
            errors["status_reason"] = _("Give the reason for suspending or revoking the appraisal.")
        if not appraisal_text_key(self.name):
            errors["name"] = _("The name needs letters or characters.")
        if errors:
            raise ValidationError(errors)

    def valid_in_year(self, year: int) -> bool:
        """Whether the approval covered some day of `year`."""
        return self.valid_from.year <= year and (self.valid_to is None or self.valid_to.year >= year)

    def valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class AppraisalAward(BaseModel):
    """An award an appraisal on the register granted to a brand in one edition (year)."""

    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.PROTECT, related_name="awards", verbose_name=_("appraisal")
    )
    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="appraisal_awards", verbose_name=_("brand")
    )
    year = models.PositiveSmallIntegerField(
        _("edition year"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
    edition = models.CharField(_("edition"), max_length=50, blank=True, help_text=_("e.g. 第八届"))
    title = models.CharField(_("award title"), max_length=200, help_text=_("e.g. 提名奖, 金奖"))
    granted_on = models.DateField(_("granted on"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = AppraisalAwardQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "appraisal__name", "pk"]
        verbose_name = _("appraisal award")
        verbose_name_plural = _("appraisal awards")
        indexes = [models.Index(fields=["brand", "-year"], name="evaluation_award_brand_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "brand", "year"],
                name="evaluation_appraisalaward_unique_per_edition",
                violation_error_message=_("This brand already has an award of this appraisal in this edition."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX),
                name="evaluation_appraisalaward_year_range",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revoked_reason=""),
                name="evaluation_appraisalaward_reason_when_revoked",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=F("granted_on")),
                name="evaluation_appraisalaward_revoked_after_granted",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.brand} · {self.appraisal.name} {self.year} {self.title}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        appraisal = self.appraisal if self.appraisal_id else None
        if appraisal is not None and self.granted_on and not appraisal.valid_on(self.granted_on):
            errors["granted_on"] = _("The appraisal was not sanctioned on this day.")
        if self.granted_on and self.year and abs(self.granted_on.year - self.year) > 1:
            errors["year"] = _("The edition year is more than a year away from the day it was granted.")
        if self.revoked_on and self.granted_on and self.revoked_on < self.granted_on:
            errors["revoked_on"] = _("The award cannot be revoked before it was granted.")
        if errors:
            raise ValidationError(errors)


class AwardClaim(BaseModel):
    """An award a brand displays (on packaging, its website, in an application), as the brand shows it, and
    what the register says about it: matched, or not on the register (flagged for staff)."""

    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="award_claims", verbose_name=_("brand")
    )
    claimed_title = models.CharField(_("award as displayed"), max_length=200)
    claimed_organiser = models.CharField(_("organiser as displayed"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
    evidence_note = models.TextField(_("where it is displayed"), blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    appraisal = models.ForeignKey(
        Appraisal, on_delete=models.PROTECT, null=True, blank=True, related_name="claims",
        verbose_name=_("appraisal on the register"),
    )  # fmt: skip
    award = models.ForeignKey(
        AppraisalAward, on_delete=models.PROTECT, null=True, blank=True, related_name="claims",
        verbose_name=_("award on the register"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=AwardClaimStatus.choices)
    flag = models.CharField(_("why it is flagged"), max_length=30, choices=AwardClaimFlag.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.CharField(_("review note"), max_length=500, blank=True)

    objects = AwardClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("award claim")
        verbose_name_plural = _("award claims")
        indexes = [models.Index(fields=["status", "-created_at"], name="evaluation_claim_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AwardClaimStatus.values), name="evaluation_awardclaim_status_known"
            ),
            models.CheckConstraint(
                condition=Q(flag="") | Q(flag__in=AwardClaimFlag.values), name="evaluation_awardclaim_flag_known"
            ),
            models.CheckConstraint(
                condition=~Q(status=AwardClaimStatus.MATCHED) | (Q(appraisal__isnull=False) & Q(flag="")),
                name="evaluation_awardclaim_matched_has_appraisal",
            ),
            models.CheckConstraint(
                condition=Q(award__isnull=True) | Q(appraisal__isnull=False),
                name="evaluation_awardclaim_award_has_appraisal",
            ),
            models.CheckConstraint(
                condition=Q(status=AwardClaimStatus.MATCHED) | ~Q(flag=""),
                name="evaluation_awardclaim_flag_unless_matched",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True, reviewed_at__isnull=True)
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="evaluation_awardclaim_reviewed_together",
            ),
            models.CheckConstraint(
                condition=~Q(status=AwardClaimStatus.DISMISSED) | Q(reviewed_at__isnull=False),
                name="evaluation_awardclaim_dismissed_reviewed",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=YEAR_MIN) & Q(year__lte=YEAR_MAX), name="evaluation_awardclaim_year_range"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.brand} · {self.claimed_title}（{self.claimed_organiser}）{self.year}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not appraisal_text_key(self.claimed_title):
            errors["claimed_title"] = _("The award needs letters or characters.")
        if not appraisal_text_key(self.claimed_organiser):
            errors["claimed_organiser"] = _("The organiser needs letters or characters.")
        if self.award_id and self.award is not None and self.award.brand_id != self.brand_id:
            errors["award"] = _("The award on the register was granted to another brand.")
        if errors:
            raise ValidationError(errors)
