from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pinpai.common.models import BaseModel
from pinpai.evaluation.querysets import SelfAssessmentQuerySet
from pinpai.registry.models import Brand


class SelfAssessment(BaseModel):
    """An enterprise's own scoring of a brand on a GB/T 29186 indicator system: the raw values, the strength
    index they give, each indicator's contribution and the engine version, so the index can be re-derived."""

    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="self_assessments", verbose_name=_("brand")
    )
    system_code = models.CharField(_("indicator system"), max_length=60)
    system_version = models.CharField(_("indicator system version"), max_length=20)
    values = models.JSONField(_("indicator values"), default=dict)  # code → raw value; numbers as strings
    index = models.DecimalField(_("strength index (0–100)"), max_digits=5, decimal_places=2)
    score_1000 = models.DecimalField(_("strength score (0–1000)"), max_digits=6, decimal_places=2)
    contributions = models.JSONField(_("contributions"), default=list)  # per indicator, Decimals as strings
    engine_version = models.CharField(_("engine version"), max_length=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        indexes = [
            models.Index(fields=["brand", "-created_at"], name="evaluation_sa_brand_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(index__gte=0) & Q(index__lte=100), name="evaluation_self_assessment_index_range"
            ),
            models.CheckConstraint(
                condition=Q(score_1000__gte=0) & Q(score_1000__lte=1000),
                name="evaluation_self_assessment_score_1000_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.system_code} {self.system_version}: {self.index}"
