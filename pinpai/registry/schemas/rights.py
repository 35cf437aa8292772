"""Registry API schemas: rights."""

import datetime
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from pinpai.registry.choices import (
    CertificateKind,
    GiKind,
    TrademarkStatus,
)
from pinpai.registry.schemas.common import (
    MAX_DAYS,
    MAX_ID,
    BrandRefOut,
    CategoryRefOut,
    DistrictRefOut,
    EnterpriseRefOut,
    EnterpriseWithDistrictRefOut,
    GiHolderOut,
    ProductRefOut,
    refuse_null,
)

# ---------------------------------------------------------------- trademarks


class TrademarkFilterIn(Schema):
    registrant: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id")
    status: TrademarkStatus | None = None
    nice_class: int | None = Field(None, ge=1, le=45)
    expiring_within_days: int | None = Field(
        None, ge=0, le=MAX_DAYS, description="registered trademarks whose validity ends within this many days"
    )
    q: str | None = Field(None, max_length=100, description="part of the mark, number or registrant name")


class TrademarkListOut(Schema):
    id: int
    registration_number: str
    nice_class: int
    mark_text: str
    goods_services: str
    registrant: EnterpriseRefOut
    brand: BrandRefOut | None
    valid_from: datetime.date
    valid_to: datetime.date
    status: str


class TrademarkRegisterIn(Schema):
    registrant: int = Field(ge=1, le=MAX_ID, description="enterprise id")
    registration_number: str = Field(min_length=1, max_length=20)
    nice_class: int = Field(ge=1, le=45)
    mark_text: str = Field("", max_length=100)
    goods_services: str = Field("", max_length=5000)
    brand: int | None = Field(None, ge=1, le=MAX_ID, description="brand id (a brand of the registrant)")
    valid_from: datetime.date
    valid_to: datetime.date
    status: TrademarkStatus = TrademarkStatus.REGISTERED


class TrademarkRegisterOut(Schema):
    id: int
    registration_number: str
    nice_class: int
    mark_text: str
    goods_services: str
    registrant: EnterpriseRefOut
    brand: BrandRefOut | None
    valid_from: datetime.date
    valid_to: datetime.date
    status: str


class TrademarkUpdateIn(Schema):
    """Only the fields sent are changed; `brand: null` unlinks the brand."""

    status: TrademarkStatus | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    mark_text: str | None = Field(None, max_length=100)
    goods_services: str | None = Field(None, max_length=5000)
    brand: int | None = Field(None, ge=1, le=MAX_ID, description="brand id of the registrant or a licensee")

    @field_validator("status", "valid_from", "valid_to", "mark_text", "goods_services")
    @classmethod
    def not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class TrademarkUpdateOut(Schema):
    id: int
    registration_number: str
    nice_class: int
    mark_text: str
    goods_services: str
    registrant: EnterpriseRefOut
    brand: BrandRefOut | None
    valid_from: datetime.date
    valid_to: datetime.date
    status: str


class TrademarkLicenceRecordIn(Schema):
    licensee: int = Field(ge=1, le=MAX_ID, description="enterprise id")
    record_number: str = Field("", max_length=50, description="许可备案号")
    valid_from: datetime.date
    valid_to: datetime.date


class TrademarkLicenceRecordOut(Schema):
    id: int
    trademark_id: int
    licensee: EnterpriseRefOut
    record_number: str
    valid_from: datetime.date
    valid_to: datetime.date


# ---------------------------------------------------------------- certificates


class CertificateFilterIn(Schema):
    kind: CertificateKind | None = None
    holder: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id")
    brand: int | None = Field(None, ge=1, le=MAX_ID, description="brand id")
    expiring_within_days: int | None = Field(
        None,
        ge=0,
        le=MAX_DAYS,
        description="unrevoked certificates whose validity ends within this many days",
    )
    q: str | None = Field(None, max_length=100, description="part of the number, issuer or holder name")


class CertificateListOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    scope: str
    holder: EnterpriseRefOut
    brand: BrandRefOut | None
    product: ProductRefOut | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    revoked_on: datetime.date | None


class CertificateExpiringFilterIn(Schema):
    within_days: int = Field(90, ge=0, le=MAX_DAYS, description="days from today (Asia/Shanghai)")


class CertificateExpiringListOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    holder: EnterpriseRefOut
    brand: BrandRefOut | None
    valid_to: datetime.date | None


class CertificateRegisterIn(Schema):
    holder: int = Field(ge=1, le=MAX_ID, description="enterprise id")
    kind: CertificateKind
    number: str = Field(min_length=1, max_length=80)
    issuer: str = Field(min_length=1, max_length=200)
    scope: str = Field("", max_length=5000)
    brand: int | None = Field(
        None, ge=1, le=MAX_ID, description="brand id, where the certificate is that specific"
    )
    product: int | None = Field(None, ge=1, le=MAX_ID, description="product id, where it is that specific")
    valid_from: datetime.date
    valid_to: datetime.date | None = Field(None, description="empty if it does not expire")


class CertificateRegisterOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    scope: str
    holder: EnterpriseRefOut
    brand: BrandRefOut | None
    product: ProductRefOut | None
    valid_from: datetime.date
    valid_to: datetime.date | None
    revoked_on: datetime.date | None


class CertificateRevokeIn(Schema):
    revoked_on: datetime.date | None = Field(None, description="today if empty")


class CertificateRevokeOut(Schema):
    id: int
    kind: str
    number: str
    revoked_on: datetime.date | None


# ---------------------------------------------------------------- geographical indications


class GiFilterIn(Schema):
    district: str | None = Field(None, max_length=6, description="GB/T 2260 code of a protected district")
    q: str | None = Field(None, max_length=100, description="part of the product name or standard")


class GiListOut(Schema):
    id: int
    name: str
    kind: str
    registration_number: str
    standard: str
    holder: GiHolderOut | None
    protected_districts: list[DistrictRefOut]


class GiGetOut(Schema):
    id: int
    name: str
    kind: str
    registration_number: str
    standard: str
    holder: GiHolderOut | None
    protected_districts: list[DistrictRefOut]


class GiAuthorisationFilterIn(Schema):
    valid_on: datetime.date | None = Field(None, description="only authorisations in force on this day")


class GiAuthorisationListOut(Schema):
    id: int
    enterprise: EnterpriseWithDistrictRefOut
    number: str
    valid_from: datetime.date
    valid_to: datetime.date
    revoked_on: datetime.date | None


class GiRegisterIn(Schema):
    name: str = Field(min_length=1, max_length=100, description="product, e.g. 涪陵榨菜")
    kind: GiKind
    protected_districts: list[str] = Field(
        min_length=1, max_length=50, description="GB/T 2260 division codes"
    )
    registration_number: str = Field("", max_length=80)
    standard: str = Field("", max_length=200)
    holder: int | None = Field(None, ge=1, le=MAX_ID, description="organisation id")
    brand: int | None = Field(None, ge=1, le=MAX_ID, description="id of the regional public brand")


class GiRegisterOut(Schema):
    id: int
    name: str
    kind: str
    registration_number: str
    standard: str
    holder: GiHolderOut | None
    brand_id: int | None
    protected_districts: list[DistrictRefOut]


class GiAuthoriseIn(Schema):
    enterprise: int = Field(ge=1, le=MAX_ID, description="enterprise id (inside the protected area)")
    number: str = Field("", max_length=80)
    valid_from: datetime.date
    valid_to: datetime.date


class GiAuthoriseOut(Schema):
    id: int
    gi_id: int
    enterprise: EnterpriseRefOut
    number: str
    valid_from: datetime.date
    valid_to: datetime.date
    revoked_on: datetime.date | None


class GiAuthorisationRevokeIn(Schema):
    revoked_on: datetime.date | None = Field(None, description="today if empty")


class GiAuthorisationRevokeOut(Schema):
    id: int
    gi_id: int
    enterprise_id: int
    revoked_on: datetime.date | None


# ---------------------------------------------------------------- products


class ProductFilterIn(Schema):
    brand: int | None = Field(None, ge=1, le=MAX_ID, description="brand id")
    enterprise: int | None = Field(None, ge=1, le=MAX_ID, description="producer's enterprise id")
    q: str | None = Field(None, max_length=100, description="part of the name, or of the GTIN")


class ProductListOut(Schema):
    id: int
    gtin: str
    name: str
    brand: BrandRefOut
    enterprise: EnterpriseRefOut
    category: CategoryRefOut | None
    specification: str


class ProductGetByGtinOut(Schema):
    id: int
    gtin: str
    name: str
    brand: BrandRefOut
    enterprise: EnterpriseRefOut
    category: CategoryRefOut | None
    specification: str


class ProductRegisterIn(Schema):
    enterprise: int = Field(ge=1, le=MAX_ID, description="producer's enterprise id")
    brand: int = Field(ge=1, le=MAX_ID, description="brand id (of the producer)")
    gtin: str = Field(min_length=1, max_length=20, description="GTIN-8/12/13/14 with its check digit")
    name: str = Field(min_length=1, max_length=200)
    category: str | None = Field(None, max_length=40, description="category code within the brand's pillar")
    specification: str = Field("", max_length=200)


class ProductRegisterOut(Schema):
    id: int
    gtin: str
    name: str
    brand: BrandRefOut
    enterprise: EnterpriseRefOut
    category: CategoryRefOut | None
    specification: str
