"""Choices of the traceability app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    OBJECT = "ObjectEvent", _("object event")
    AGGREGATION = "AggregationEvent", _("aggregation event")
    TRANSACTION = "TransactionEvent", _("transaction event")
    TRANSFORMATION = "TransformationEvent", _("transformation event")
    ASSOCIATION = "AssociationEvent", _("association event")


class EventAction(models.TextChoices):
    NONE = "", _("none")
    ADD = "ADD", _("add")
    OBSERVE = "OBSERVE", _("observe")
    DELETE = "DELETE", _("delete")


class IdentifierRole(models.TextChoices):
    """Where an identifier sits in an event (the engine's ROLES)."""

    EPC = "epc", _("EPC")
    PARENT = "parent", pgettext_lazy("EPCIS identifier role", "parent")
    CHILD = "child", pgettext_lazy("EPCIS identifier role", "child")
    INPUT = "input", _("input")
    OUTPUT = "output", _("output")
    EPC_CLASS = "epc_class", _("EPC class")
    CHILD_CLASS = "child_class", _("child class")
    INPUT_CLASS = "input_class", _("input class")
    OUTPUT_CLASS = "output_class", _("output class")


class CaptureStatus(models.TextChoices):
    RUNNING = "running", _("running")
    SUCCESS = "success", _("success")
    FAILED = "failed", _("failed")


class CaptureErrorBehaviour(models.TextChoices):
    """GS1-Capture-Error-Behaviour: all or nothing (the default), or store the valid events."""

    ROLLBACK = "rollback", _("roll back")
    PROCEED = "proceed", _("proceed")


class LocationKind(models.TextChoices):
    FARM = "farm", _("farm")
    COOPERATIVE = "cooperative", _("cooperative")
    PROCESSOR = "processor", _("processor")
    WAREHOUSE = "warehouse", _("warehouse")
    WHOLESALE_MARKET = "wholesale_market", _("wholesale market")
    STORE = "store", _("store")
    LABORATORY = "laboratory", _("laboratory")
    OTHER = "other", _("other")


class LotStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("lot status", "active")
    ON_HOLD = "on_hold", _("on hold")
    RECALLED = "recalled", _("recalled")
