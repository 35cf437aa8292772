"""Traceability: the EPCIS event store, master data (locations, lots), 合格证, inspections and recalls."""

from pinpai.traceability.models.events import CaptureJob, Event, EventIdentifier, NamedQuery
from pinpai.traceability.models.masterdata import Location, Lot
from pinpai.traceability.models.quality import (
    ComplianceCertificate,
    Inspection,
    InspectionItem,
    Recall,
    RecallLot,
    RecallNotice,
    RecallSite,
)

__all__ = [
    "CaptureJob",
    "ComplianceCertificate",
    "Event",
    "EventIdentifier",
    "Inspection",
    "InspectionItem",
    "Location",
    "Lot",
    "NamedQuery",
    "Recall",
    "RecallLot",
    "RecallNotice",
    "RecallSite",
]
