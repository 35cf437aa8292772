from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pinpai.common.models import BaseModel, Category, District, Pillar, ProductLine, Tier
from pinpai.registry.choices import BrandKind, BrandStatus, CultivationListStatus
from pinpai.registry.models.enterprises import Enterprise
from pinpai.registry.querysets import BrandQuerySet


def brand_logo_path(instance: Brand, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"brands/logos/{instance.owner_id}/{instance.pk or 'new'}.{suffix}"


class Brand(BaseModel):
    """A brand in the "2+3+3" system, owned by an enterprise (a regional public brand by its holder)."""

    name = models.CharField(_("name"), max_length=100)
    search_name = models.TextField(
        _("search text"),
        blank=True,
        default="",
        editable=False,
        help_text=_("the brand's name and its owner's, kept by database triggers (registry/0007)"),
    )
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    owner = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="brands", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BrandKind.choices)
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="brands", verbose_name=_("pillar")
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="brands", verbose_name=_("categories")
    )
    product_lines = models.ManyToManyField(
        ProductLine, blank=True, related_name="brands", verbose_name=_("product lines")
    )
    tier = models.ForeignKey(
        Tier, on_delete=models.PROTECT, null=True, blank=True, related_name="brands", verbose_name=_("tier")
    )
    districts = models.ManyToManyField(District, related_name="brands", verbose_name=_("districts"))
    story = models.TextField(_("story"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=brand_logo_path, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BrandStatus.choices, default=BrandStatus.DRAFT, db_index=True
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = BrandQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        indexes = [
            models.Index(fields=["pillar", "status", "name"], name="registry_brand_pillar_idx"),
            models.Index(fields=["tier", "status"], name="registry_brand_tier_idx"),
            models.Index(fields=["owner", "status"], name="registry_brand_owner_idx"),
            # list pages order by name, pk (migration 0004 explains these and the PostgreSQL-only ones)
            models.Index(fields=["name", "id"], name="registry_brand_name_idx"),
            models.Index(fields=["status", "name", "id"], name="registry_brand_status_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=BrandKind.values), name="registry_brand_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=BrandStatus.values), name="registry_brand_status_known"
            ),
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=~Q(status=BrandStatus.WITHDRAWN),
                name="registry_brand_unique_name_per_owner",
                violation_error_message=_("This owner already has a brand with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BrandReview(models.Model):
    """One step of a brand's workflow: who moved it from which status to which, and why."""

    brand = models.ForeignKey(
        Brand, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("brand")
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=BrandStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=BrandStatus.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("on behalf of"),
    )  # fmt: skip
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["brand", "at", "pk"]
        verbose_name = _("brand review step")
        verbose_name_plural = _("brand review steps")

    def __str__(self) -> str:
        return f"{self.brand_id} {self.from_status}→{self.to_status}"


class CultivationList(BaseModel):
    """A yearly cultivation list (培育名单) for a pillar, city-wide or for one district."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2016), MaxValueValidator(2100)]
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="cultivation_lists", verbose_name=_("pillar")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="cultivation_lists",
        verbose_name=_("district"), help_text=_("empty for the city-wide list"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=CultivationListStatus.choices, default=CultivationListStatus.DRAFT
    )
    brands: models.ManyToManyField[Brand, CultivationListEntry] = models.ManyToManyField(
        Brand, through="CultivationListEntry", related_name="cultivation_lists"
    )

    class Meta:
        ordering = ["-year", "pillar__position", "pk"]
        verbose_name = _("cultivation list")
        verbose_name_plural = _("cultivation lists")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "pillar", "district"], condition=Q(district__isnull=False),
                name="registry_cultivationlist_unique_per_district",
            ),
            models.UniqueConstraint(
                fields=["year", "pillar"], condition=Q(district__isnull=True),
                name="registry_cultivationlist_unique_citywide",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title


class CultivationListEntry(BaseModel):
    cultivation_list = models.ForeignKey(CultivationList, on_delete=models.CASCADE, related_name="entries")
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="cultivation_entries")
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["cultivation_list", "rank", "pk"]
        verbose_name = _("cultivation list entry")
        verbose_name_plural = _("cultivation list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["cultivation_list", "brand"], name="registry_cultivationentry_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cultivation_list_id}: {self.brand_id}"
