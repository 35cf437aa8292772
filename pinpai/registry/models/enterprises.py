from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pinpai.accounts.models import Organisation
from pinpai.common.models import BaseModel, IndustryClass
from pinpai.registry.choices import EnterpriseStatus
from pinpai.registry.querysets import EnterpriseQuerySet


class Enterprise(BaseModel):
    """The registry record of an enterprise. Name, USCC and district live on its Organisation, which is
    also what users belong to; this row adds what the business register says about it."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="enterprise",
        verbose_name=_("organisation"),
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    registered_capital_yuan = models.DecimalField(
        _("registered capital (元)"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    industry = models.ForeignKey(
        IndustryClass,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("industry"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("registration status"),
        max_length=15,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.ACTIVE,
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    # Kept by the brand workflow (services.brands._transition), never edited: whether any of the
    # enterprise's brands is published, which makes the enterprise public. A column, so the public
    # and district staff's enterprise lists do not scan every brand on each page.
    has_published_brand = models.BooleanField(_("has a published brand"), default=False, editable=False)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [models.Index(fields=["status"], name="registry_enterprise_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EnterpriseStatus.values), name="registry_enterprise_status_known"
            ),
            models.CheckConstraint(
                condition=Q(registered_capital_yuan__isnull=True) | Q(registered_capital_yuan__gte=0),
                name="registry_enterprise_capital_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name
