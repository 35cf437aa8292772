"""Choices of 合格证, inspections and recalls (the quality half of the traceability app)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProduceCategory(models.TextChoices):
    """The edible farm produce a 承诺达标合格证 is mandatory for (2026), and the rest."""

    VEGETABLES = "vegetables", _("vegetables")
    FRUIT = "fruit", _("fruit")
    TEA = "tea", _("tea")
    LIVESTOCK = "livestock", _("livestock and poultry")
    EGGS = "eggs", _("eggs")
    AQUATIC = "aquatic", _("aquatic products")
    OTHER = "other", _("other edible farm produce")


class PromiseBasis(models.TextChoices):
    """承诺依据 of the national 2023 template: what the producer's promise rests on (one or more)."""

    COMMISSIONED_TEST = "commissioned_test", _("commissioned testing")
    SELF_TEST = "self_test", _("self-testing")
    INTERNAL_CONTROL = "internal_control", _("internal quality control")
    SELF_PROMISE = "self_promise", _("self-declaration")


class ComplianceCertificateStatus(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")


class InspectionResult(models.TextChoices):
    PASS = "pass", pgettext_lazy("inspection result", "pass")
    FAIL = "fail", pgettext_lazy("inspection result", "fail")


class RecallStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("recall status", "open")
    CLOSED = "closed", pgettext_lazy("recall status", "closed")


class RecallSiteStatus(models.TextChoices):
    """Progress of a recall at one site; it only moves forward, in this order."""

    NOTIFIED = "notified", _("notified")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    REMOVED_FROM_SALE = "removed_from_sale", _("removed from sale")
    CLOSED = "closed", pgettext_lazy("recall site status", "closed")


RECALL_SITE_ORDER = tuple(RecallSiteStatus.values)
