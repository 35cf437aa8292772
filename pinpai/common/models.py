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


class IndustryClass(BaseModel):
    """GB/T 4754-2017 industry classification: sections (A–T) and divisions (01–97)."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    level = models.CharField(_("level"), max_length=10)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry class")
        verbose_name_plural = _("industry classes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Category(BaseModel):
    """A category within a pillar (粮油, 蔬菜 … 汽车及零部件 …)."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="categories", verbose_name=_("pillar")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["pillar__position", "position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "code"], name="common_category_unique_code_per_pillar"),
        ]

    def __str__(self) -> str:
        return self.name


class Tier(BaseModel):
    """A brand tier in a scheme: the plan's international / national / regional, or a local scheme."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    scheme = models.CharField(_("scheme"), max_length=40)
    level = models.PositiveSmallIntegerField(_("level"), help_text=_("1 is the highest"))
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        ordering = ["scheme", "level", "code"]
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")

    def __str__(self) -> str:
        return self.name


class PillarDepartment(BaseModel):
    """A department that leads or cooperates on a pillar's task in the plan; scopes department staff."""

    LEAD = "lead"
    COOPERATING = "cooperating"

    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="departments", verbose_name=_("pillar")
    )
    department = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="pillar_roles",
        verbose_name=_("department"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=[(LEAD, _("lead unit")), (COOPERATING, _("cooperating unit"))]
    )

    class Meta:
        ordering = ["pillar__position", "role", "pk"]
        verbose_name = _("pillar department")
        verbose_name_plural = _("pillar departments")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "department"], name="common_pillardepartment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pillar} · {self.department}"
