"""Base model and the reference data every module reads: districts, zones, pillars, product lines."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pinpai.common.choices import DistrictKind


class BaseModel(models.Model):
    """Creation and update times (UTC) for every domain row."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class District(BaseModel):
    """A district-level division (区/县/自治县), keyed by its GB/T 2260 code."""

    code = models.CharField(_("division code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=DistrictKind.choices)
    zone = models.CharField(
        _("zone"), max_length=20, help_text=_("2016 grouping: 主城区, 渝西, 渝东北, 渝东南")
    )
    functional_zone = models.CharField(_("functional zone (2013)"), max_length=30, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{6}$"), name="common_district_code_six_digits"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="common_district_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Pillar(BaseModel):
    """One of the eight brand systems of the "2+3+3" plan (原产农产品品牌体系 …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    sector = models.CharField(_("sector"), max_length=20)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self) -> str:
        return self.name


class ProductLine(BaseModel):
    """A featured product line the plan names under a pillar (榨菜, 脐橙, 摩托车 …)."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="product_lines", verbose_name=_("pillar")
    )
    name = models.CharField(_("name"), max_length=50)
    plan_task = models.CharField(
        _("plan task"), max_length=20, blank=True, help_text=_("task id in the plan, e.g. 2.1.1")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["pillar__position", "position", "pk"]
        verbose_name = _("product line")
        verbose_name_plural = _("product lines")
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "name"], name="common_productline_unique_name_per_pillar"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReferenceDataset(BaseModel):
    """Which version (SHA-256) of each committed reference file is loaded."""

    key = models.CharField(_("dataset"), max_length=100, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        ordering = ["key"]
        verbose_name = _("reference dataset")
        verbose_name_plural = _("reference datasets")

    def __str__(self) -> str:
        return f"{self.key} ({self.sha256[:12]})"
