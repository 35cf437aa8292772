"""API schemas of master data and 合格证: one In/Out pair per endpoint, every field listed.

Locations and lots are named by id; districts by GB/T 2260 code; quantities are decimal strings. Inspections and
recalls are in `quality_recalls.py`.
"""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, P, PathEx, Schema
from pydantic import field_validator

from pinpai.registry.schemas.common import (
    MAX_ID,
    DistrictRefOut,
    EnterpriseRefOut,
    ProductRefOut,
    refuse_null,
)
from pinpai.traceability.choices import LocationKind, LotStatus
from pinpai.traceability.choices_quality import ComplianceCertificateStatus, ProduceCategory, PromiseBasis

# Ids in paths are 64-bit row ids; a larger number is a 422, never handed to the database.
RowId = PathEx[int, P(ge=1, le=MAX_ID)]

# ---------------------------------------------------------------- locations


class LocationFilterIn(Schema):
    enterprise: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id")
    district: str | None = Field(None, max_length=6, description="GB/T 2260 division code, e.g. 500102")
    kind: LocationKind | None = None
    q: str | None = Field(None, max_length=100, description="part of the name, GLN or address")


class LocationListOut(Schema):
    id: int
    identifier: str
    gln: str
    extension: str
    name: str
    kind: str
    enterprise: EnterpriseRefOut
    district: DistrictRefOut


class LocationGetOut(Schema):
    id: int
    identifier: str = Field(
        description="canonical GS1 Digital Link: https://id.gs1.org/414/{gln}[/254/{extension}]"
    )
    gln: str
    extension: str
    name: str
    kind: str
    enterprise: EnterpriseRefOut
    district: DistrictRefOut
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class LocationRegisterIn(Schema):
    enterprise: int = Field(ge=1, le=MAX_ID, description="enterprise id")
    gln: str = Field(min_length=1, max_length=20, description="13 digits; the check digit is verified")
    extension: str = Field("", max_length=20, description="GS1 AI (254): 1–20 characters of set 82; 0 = none")
    name: str = Field(min_length=1, max_length=200)
    kind: LocationKind
    district: str = Field(max_length=6, description="GB/T 2260 division code, e.g. 500102")
    address: str = Field("", max_length=200)
    latitude: Decimal | None = Field(
        None, max_digits=9, decimal_places=6, description="degrees north, inside Chongqing (28.1–32.3)"
    )
    longitude: Decimal | None = Field(
        None, max_digits=9, decimal_places=6, description="degrees east, inside Chongqing (105.2–110.2)"
    )


class LocationRegisterOut(LocationGetOut):
    pass


class LocationUpdateIn(Schema):
    """Only the fields sent change; `null` clears the coordinates. The GLN and the enterprise never change."""

    name: str | None = Field(None, min_length=1, max_length=200)
    kind: LocationKind | None = None
    district: str | None = Field(None, max_length=6)
    address: str | None = Field(None, max_length=200)
    latitude: Decimal | None = Field(None, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, max_digits=9, decimal_places=6)

    @field_validator("name", "kind", "district", "address")
    @classmethod
    def not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class LocationUpdateOut(LocationGetOut):
    pass


# ---------------------------------------------------------------- lots


class LotFilterIn(Schema):
    gtin: str | None = Field(None, max_length=14)
    producer: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id")
    status: LotStatus | None = None
    q: str | None = Field(None, max_length=100, description="part of the lot number, product name or GTIN")


class LotListOut(Schema):
    id: int
    identifier: str
    product: ProductRefOut
    lot_number: str
    producer: EnterpriseRefOut
    produced_on: datetime.date | None
    status: str


class LotGetOut(Schema):
    id: int
    identifier: str = Field(description="canonical GS1 Digital Link: https://id.gs1.org/01/{gtin}/10/{lot}")
    product: ProductRefOut
    lot_number: str
    producer: EnterpriseRefOut
    produced_on: datetime.date | None
    status: str
    created_at: datetime.datetime


class LotRegisterIn(Schema):
    gtin: str = Field(min_length=8, max_length=14, description="GTIN of a registered product")
    lot_number: str = Field(min_length=1, max_length=40, description="GS1 AI (10): 1–20 characters of set 82")
    produced_on: datetime.date | None = None


class LotRegisterOut(LotGetOut):
    pass


class LotStatusChangeIn(Schema):
    status: LotStatus = Field(description="active or on_hold; recalled only comes from closing a recall")
    reason: str = Field("", max_length=500)


class LotStatusChangeOut(LotGetOut):
    pass


# ---------------------------------------------------------------- 合格证


class CertificateLotRefOut(Schema):
    id: int
    identifier: str
    lot_number: str
    status: str


class ComplianceCertificateFilterIn(Schema):
    producer: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id")
    lot: int | None = Field(None, ge=1, le=MAX_ID, description="lot id")
    status: ComplianceCertificateStatus | None = None
    issued_from: datetime.date | None = None
    issued_to: datetime.date | None = None
    q: str | None = Field(None, max_length=100, description="part of the number, product name or lot number")


class ComplianceCertificateListOut(Schema):
    id: int
    number: str
    lot: CertificateLotRefOut
    product_name: str
    quantity: Decimal
    unit: str
    producer: EnterpriseRefOut
    issued_on: datetime.date
    status: str


class ComplianceCertificateGetOut(Schema):
    id: int
    number: str
    verification_code: str = Field(
        description="printed on the label; checked at /compliance-certificates/verify/{code}"
    )
    lot: CertificateLotRefOut
    product: ProductRefOut = Field(alias="lot.product")
    product_name: str
    product_category: str
    quantity: Decimal
    unit: str
    producer: EnterpriseRefOut
    contact_phone: str
    district: DistrictRefOut
    address: str
    issued_on: datetime.date
    promise_no_banned_substances: bool
    promise_residues_within_limits: bool
    promise_truthful: bool
    basis: list[str]
    inspection_id: int | None
    report_url: str
    status: str
    revoked_at: datetime.datetime | None
    revoked_reason: str


class ComplianceCertificateIssueIn(Schema):
    gtin: str = Field(
        min_length=8,
        max_length=14,
        description="GTIN of a registered product; its enterprise is the producer",
    )
    lot_number: str = Field(
        min_length=1, max_length=40, description="an existing lot, or a new one to register"
    )
    product_category: ProduceCategory
    quantity: Decimal = Field(gt=0, max_digits=20, decimal_places=6)
    unit: str = Field(min_length=1, max_length=20, description="e.g. 千克, 箱, 头")
    contact_phone: str = Field(min_length=1, max_length=30)
    district: str = Field(max_length=6, description="district of origin, GB/T 2260 code")
    address: str = Field(min_length=1, max_length=200, description="address of origin")
    basis: list[PromiseBasis] = Field(min_length=1, max_length=4, description="承诺依据, one or more")
    product_name: str = Field("", max_length=200, description="empty: the registered product name")
    issued_on: datetime.date | None = Field(None, description="default today (Asia/Shanghai)")
    produced_on: datetime.date | None = Field(None, description="for a new lot")
    inspection: int | None = Field(None, ge=1, le=MAX_ID, description="a passed inspection of this lot")
    report_url: str = Field("", max_length=200)
    promise_confirmed: bool = Field(description="the producer makes all three promises; must be true")


class ComplianceCertificateIssueOut(ComplianceCertificateGetOut):
    pass


class ComplianceCertificateRevokeIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class ComplianceCertificateRevokeOut(ComplianceCertificateGetOut):
    pass


class ComplianceCertificateVerifyOut(Schema):
    """What anyone holding the label may know: the certificate and whether it still stands."""

    number: str
    status: str
    revoked_at: datetime.datetime | None
    product_name: str
    lot_number: str = Field(alias="lot.lot_number")
    lot_status: str = Field(alias="lot.status")
    quantity: Decimal
    unit: str
    producer: str = Field(alias="producer.organisation.name")
    district: str = Field(alias="district.name")
    issued_on: datetime.date
    basis: list[str]
