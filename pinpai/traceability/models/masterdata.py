"""Master data EPCIS does not carry: which enterprise a GLN belongs to and where it is; lots of a product."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pinpai.common.models import BaseModel, District
from pinpai.registry.models import Enterprise, Product
from pinpai.traceability.choices import LocationKind, LotStatus


class Location(BaseModel):
    """A GLN (with its optional extension) of an enterprise's site: farm, co-op, processor, store …"""

    identifier = models.CharField(
        _("canonical identifier"),
        max_length=120,
        unique=True,
        help_text=_("GS1 Digital Link: https://id.gs1.org/414/{GLN}[/254/{extension}]"),
    )
    gln = models.CharField(_("GLN"), max_length=13)
    extension = models.CharField(_("GLN extension"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=LocationKind.choices)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="locations", verbose_name=_("enterprise")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="locations", verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.CheckConstraint(
                condition=Q(gln__regex=r"^[0-9]{13}$"), name="traceability_location_gln_13_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.gln})"


class Lot(BaseModel):
    """A batch/lot of a product (GTIN + AI 10), the unit 合格证, inspections and recalls speak about."""

    identifier = models.CharField(
        _("canonical identifier"),
        max_length=120,
        unique=True,
        help_text=_("GS1 Digital Link: https://id.gs1.org/01/{GTIN}/10/{lot}"),
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="lots", verbose_name=_("product")
    )
    lot_number = models.CharField(_("lot number"), max_length=20)
    producer = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="lots", verbose_name=_("producer")
    )
    produced_on = models.DateField(_("produced on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=LotStatus.choices, default=LotStatus.ACTIVE)

    class Meta:
        ordering = ["product", "lot_number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "lot_number"], name="traceability_lot_product_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.gtin} / {self.lot_number}"
