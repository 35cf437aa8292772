"""API schemas of inspections, recalls, recall sites and recall notices: one In/Out pair per endpoint."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from pinpai.registry.schemas.common import MAX_ID, EnterpriseRefOut, ProductRefOut
from pinpai.traceability.choices_quality import InspectionResult, RecallSiteStatus, RecallStatus


class LotRefOut(Schema):
    id: int
    identifier: str
    lot_number: str
    product: ProductRefOut
    producer: EnterpriseRefOut
    status: str


class LocationRefOut(Schema):
    id: int
    identifier: str
    name: str


# ---------------------------------------------------------------- inspections


class InspectionFilterIn(Schema):
    lot: int | None = Field(None, ge=1, le=MAX_ID, description="lot id")
    producer: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id of the lot's producer")
    result: InspectionResult | None = None
    q: str | None = Field(
        None, max_length=100, description="part of the report number, laboratory, lot or product"
    )


class InspectionListOut(Schema):
    id: int
    lot: LotRefOut
    laboratory: str
    report_number: str
    sampled_at: datetime.datetime
    tested_at: datetime.datetime
    result: str


class InspectionItemIn(Schema):
    name: str = Field(min_length=1, max_length=100, description="e.g. 毒死蜱, 克伦特罗")
    method_standard: str = Field("", max_length=100, description="e.g. GB 2763-2021")
    measured_value: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=6, description="null: not detected"
    )
    unit: str = Field("", max_length=20, description="e.g. mg/kg")
    limit: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=6, description="null: must not be detected"
    )
    result: InspectionResult | None = Field(None, description="null: derived from the value and the limit")


class InspectionItemOut(Schema):
    name: str
    method_standard: str
    measured_value: Decimal | None
    unit: str
    limit: Decimal | None
    result: str


class InspectionRecallRefOut(Schema):
    id: int
    number: str
    status: str


class InspectionGetOut(Schema):
    id: int
    lot: LotRefOut
    sampled_at: datetime.datetime
    sampling_location: LocationRefOut | None
    laboratory: str
    report_number: str
    tested_at: datetime.datetime
    result: str
    note: str
    items: list[InspectionItemOut]
    recalls: list[InspectionRecallRefOut] = Field(description="the recall a failed inspection opened")


class InspectionRecordIn(Schema):
    lot: int = Field(ge=1, le=MAX_ID, description="lot id")
    sampled_at: datetime.datetime
    tested_at: datetime.datetime
    laboratory: str = Field(min_length=1, max_length=200)
    report_number: str = Field(min_length=1, max_length=60, description="unique per laboratory")
    sampling_location: int | None = Field(
        None, ge=1, le=MAX_ID, description="location id where the sample was taken"
    )
    result: InspectionResult | None = Field(None, description="null: fail if any item fails, else pass")
    note: str = Field("", max_length=2000)
    items: list[InspectionItemIn] = Field(min_length=1, max_length=200)


class InspectionRecordOut(InspectionGetOut):
    pass


# ---------------------------------------------------------------- recalls


class RecallFilterIn(Schema):
    status: RecallStatus | None = None
    q: str | None = Field(None, max_length=100, description="part of the number or the reason")


class RecallListOut(Schema):
    id: int
    number: str
    reason: str
    inspection_id: int | None
    status: str
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    site_count: int
    open_site_count: int


class RecallLotOut(Schema):
    lot: LotRefOut
    quantity: Decimal | None
    uom: str


class RecallSiteOut(Schema):
    id: int
    identifier: str
    location: LocationRefOut | None
    enterprise: EnterpriseRefOut | None
    status: str
    quantity: Decimal | None
    note: str
    updated_at: datetime.datetime


class RecallGetOut(Schema):
    id: int
    number: str
    reason: str
    inspection_id: int | None
    status: str
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    closing_note: str
    override_reason: str
    lots: list[RecallLotOut]
    sites: list[RecallSiteOut] = Field(
        alias="visible_sites", description="the sites the caller may follow (an enterprise: its own)"
    )


class RecallOpenIn(Schema):
    lots: list[int] = Field(min_length=1, max_length=100, description="lot ids")
    reason: str = Field(min_length=1, max_length=2000)


class RecallOpenOut(RecallGetOut):
    pass


class RecallCloseIn(Schema):
    note: str = Field("", max_length=2000)
    override_reason: str = Field("", max_length=2000, description="required while a site has not closed")


class RecallCloseOut(RecallGetOut):
    pass


class RecallSiteUpdateIn(Schema):
    status: RecallSiteStatus = Field(description="a later status than the current one")
    note: str = Field("", max_length=500)
    quantity: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=6, description="quantity taken off sale"
    )


class RecallSiteUpdateOut(Schema):
    id: int
    recall: InspectionRecallRefOut
    identifier: str
    location: LocationRefOut | None
    enterprise: EnterpriseRefOut | None
    status: str
    quantity: Decimal | None
    note: str
    updated_at: datetime.datetime


class RecallNoticeFilterIn(Schema):
    unread: bool = Field(False, description="only notices not read yet")


class RecallNoticeListOut(Schema):
    id: int
    recall: InspectionRecallRefOut
    reason: str = Field(alias="recall.reason")
    enterprise: EnterpriseRefOut
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class RecallNoticeReadOut(Schema):
    id: int
    recall: InspectionRecallRefOut
    enterprise: EnterpriseRefOut
    created_at: datetime.datetime
    read_at: datetime.datetime | None
