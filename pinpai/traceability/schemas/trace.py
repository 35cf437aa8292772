"""Trace API schemas: backward and forward lot genealogy, recall impact. One In/Out pair per endpoint; the small
nested parts (lot, event, location, enterprise) are shared.

Identifiers come back in their canonical GS1 Digital Link form (https://id.gs1.org/…); quantities are decimal
strings in the unit of measure the events gave (UN/CEFACT code, "" when none).
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StringConstraints

MAX_IDENTIFIER = 500
MAX_RECALL_LOTS = 50

ID_HELP = "an EPC URN (urn:epc:id:sgtin:…, urn:epc:class:lgtin:…), a GS1 Digital Link or a class URI"


# ---------------------------------------------------------------- nested parts


class TraceDistrictOut(Schema):
    code: str
    name: str


class TraceEnterpriseOut(Schema):
    id: int
    name: str
    uscc: str
    district: TraceDistrictOut | None


class TraceEnterpriseRefOut(Schema):
    id: int
    name: str


class TraceLotOut(Schema):
    identifier: str
    depth: int = Field(description="steps from the identifier asked about (0)")
    quantity: Decimal | None
    uom: str


class TraceEventIdentifierOut(Schema):
    role: str = Field(description="epc, parent, child, input, output, or their *_class form")
    value: str
    quantity: Decimal | None
    uom: str


class TraceEventOut(Schema):
    event_id: str
    type: str
    action: str
    event_time: datetime.datetime
    biz_step: str = Field(description="the bare CBV word (shipping), or the URI of a private step")
    biz_step_zh: str = Field(description="its Chinese label (发货); empty for a private step")
    disposition: str
    disposition_zh: str
    read_point: str
    biz_location: str
    identifiers: list[TraceEventIdentifierOut]


class TraceLocationOut(Schema):
    identifier: str
    name: str = Field(description="from master data; empty when the GLN is not registered")
    kind: str
    enterprise: TraceEnterpriseRefOut | None
    district: TraceDistrictOut | None
    latitude: Decimal | None
    longitude: Decimal | None
    first_seen: datetime.datetime
    last_seen: datetime.datetime

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return obj.location.kind if obj.location else ""

    @staticmethod
    def resolve_district(obj: Any) -> Any:
        return obj.location.district if obj.location else None

    @staticmethod
    def resolve_latitude(obj: Any) -> Decimal | None:
        return obj.location.latitude if obj.location else None

    @staticmethod
    def resolve_longitude(obj: Any) -> Decimal | None:
        return obj.location.longitude if obj.location else None


def _places(obj: Any) -> Any:
    return obj.places


# ---------------------------------------------------------------- endpoints


class TraceBackwardIn(Schema):
    id: str = Field(..., min_length=1, max_length=MAX_IDENTIFIER, description=ID_HELP)
    max_depth: int = Field(20, ge=1, le=20, description="how many transformation/aggregation steps to follow")


class TraceBackwardOut(Schema):
    root: str
    lots: list[TraceLotOut]
    events: list[TraceEventOut]
    locations: list[TraceLocationOut]
    enterprises: list[TraceEnterpriseOut]
    truncated: bool

    resolve_locations = staticmethod(_places)


class TraceForwardIn(Schema):
    id: str = Field(..., min_length=1, max_length=MAX_IDENTIFIER, description=ID_HELP)
    max_depth: int = Field(20, ge=1, le=20, description="how many transformation/aggregation steps to follow")


class TraceForwardOut(Schema):
    root: str
    lots: list[TraceLotOut]
    events: list[TraceEventOut]
    locations: list[TraceLocationOut]
    enterprises: list[TraceEnterpriseOut]
    truncated: bool

    resolve_locations = staticmethod(_places)


Identifier = Annotated[str, StringConstraints(min_length=1, max_length=MAX_IDENTIFIER)]


class RecallImpactIn(Schema):
    id: list[Identifier] = Field(
        ..., min_length=1, max_length=MAX_RECALL_LOTS, description="lot identifiers; repeat id="
    )


class RecallImpactLotOut(Schema):
    identifier: str
    quantity: Decimal | None
    uom: str


class RecallImpactOut(Schema):
    lots: list[RecallImpactLotOut]
    locations: list[TraceLocationOut]
    enterprises: list[TraceEnterpriseOut]

    resolve_locations = staticmethod(_places)
