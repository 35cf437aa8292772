"""Trademarks, certificates, geographical indications and products."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import Organisation
from pinpai.common.models import BaseModel, Category, District
from pinpai.registry.choices import CertificateKind, GiKind, TrademarkStatus
from pinpai.registry.models.brands import Brand
from pinpai.registry.models.enterprises import Enterprise
from pinpai.registry.querysets import CertificateQuerySet, TrademarkQuerySet

_VALIDITY = Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from"))


class Trademark(BaseModel):
    """A registered trademark: one registration number, one Nice class."""

    registration_number = models.CharField(_("registration number"), max_length=20, unique=True)
    nice_class = models.PositiveSmallIntegerField(
        _("Nice class"), validators=[MinValueValidator(1), MaxValueValidator(45)]
    )
    mark_text = models.CharField(_("mark"), max_length=100, blank=True)
    goods_services = models.TextField(_("goods and services"), blank=True)
    registrant = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="trademarks", verbose_name=_("registrant")
    )
    brand = models.ForeignKey(
        Brand,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trademarks",
        verbose_name=_("brand"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=12, choices=TrademarkStatus.choices, default=TrademarkStatus.REGISTERED
    )
    reminded_on = models.DateField(_("renewal reminder sent on"), null=True, blank=True)

    objects = TrademarkQuerySet.as_manager()

    class Meta:
        ordering = ["registration_number"]
        verbose_name = _("trademark")
        verbose_name_plural = _("trademarks")
        indexes = [models.Index(fields=["valid_to", "status"], name="registry_trademark_expiry_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(nice_class__gte=1) & Q(nice_class__lte=45),
                name="registry_trademark_nice_class_range",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="registry_trademark_validity_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=TrademarkStatus.values), name="registry_trademark_status_known"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.mark_text or self.registration_number} (第{self.nice_class}类 {self.registration_number})"
        )


class TrademarkLicence(BaseModel):
    """A recorded licence to use a trademark (许可备案)."""

    trademark = models.ForeignKey(Trademark, on_delete=models.CASCADE, related_name="licences")
    licensee = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="trademark_licences")
    record_number = models.CharField(_("record number"), max_length=50, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))

    class Meta:
        ordering = ["trademark", "valid_from"]
        verbose_name = _("trademark licence")
        verbose_name_plural = _("trademark licences")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="registry_tmlicence_validity_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trademark_id} → {self.licensee_id}"


class Certificate(BaseModel):
    """A certification held by an enterprise, for a brand or product where it is that specific."""

    kind = models.CharField(_("kind"), max_length=30, choices=CertificateKind.choices)
    number = models.CharField(_("certificate number"), max_length=80)
    issuer = models.CharField(_("issuer"), max_length=200)
    scope = models.TextField(_("scope"), blank=True)
    holder = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    brand = models.ForeignKey(
        Brand,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("brand"),
    )
    product = models.ForeignKey(
        "Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("product"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("empty if it does not expire")
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["valid_to", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["kind", "valid_to"], name="registry_cert_kind_expiry_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"], name="registry_certificate_unique_number_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CertificateKind.values), name="registry_certificate_kind_known"
            ),
            models.CheckConstraint(condition=_VALIDITY, name="registry_certificate_validity_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class GeographicalIndication(BaseModel):
    """A protected geographical indication (e.g. 涪陵榨菜) with its protected area and standard."""

    name = models.CharField(_("product"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=GiKind.choices)
    registration_number = models.CharField(
        _("registration or announcement number"), max_length=80, blank=True
    )
    protected_districts = models.ManyToManyField(
        District, related_name="geographical_indications", verbose_name=_("protected area")
    )
    standard = models.CharField(_("governing standard"), max_length=200, blank=True)
    holder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="geographical_indications",
        verbose_name=_("holder"),
    )  # fmt: skip
    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, null=True, blank=True, related_name="geographical_indications",
        verbose_name=_("regional public brand"),
    )  # fmt: skip

    class Meta:
        ordering = ["name", "kind"]
        verbose_name = _("geographical indication")
        verbose_name_plural = _("geographical indications")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="registry_gi_unique_name_per_kind"),
            models.CheckConstraint(condition=Q(kind__in=GiKind.values), name="registry_gi_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class GiAuthorisation(BaseModel):
    """An enterprise's right to use a GI for a period (the authorised users of 涪陵榨菜 …)."""

    gi = models.ForeignKey(
        GeographicalIndication, on_delete=models.PROTECT, related_name="authorisations", verbose_name=_("GI")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="gi_authorisations", verbose_name=_("enterprise")
    )
    number = models.CharField(_("authorisation number"), max_length=80, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        ordering = ["gi", "enterprise", "valid_from"]
        verbose_name = _("GI authorisation")
        verbose_name_plural = _("GI authorisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="registry_giauth_validity_ordered"
            ),
            models.UniqueConstraint(
                fields=["gi", "enterprise", "valid_from"], name="registry_giauth_unique_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gi_id} → {self.enterprise_id}"


class Product(BaseModel):
    """A trade item identified by its GTIN; traceability builds on these."""

    gtin = models.CharField(_("GTIN"), max_length=14, unique=True, help_text=_("GTIN-14, zero-padded"))
    name = models.CharField(_("name"), max_length=200)
    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="products", verbose_name=_("brand")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="products", verbose_name=_("producer")
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("category"),
    )
    specification = models.CharField(_("specification"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(gtin__regex=r"^[0-9]{14}$"), name="registry_product_gtin_14_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.gtin})"
