"""Registry API schemas: one In/Out pair per endpoint, every field listed; small nested references shared.

Clients name reference data by code (district 500102, pillar agri-processed, tier regional, category
pickles-condiments, industry 14) and product lines by name (榨菜); registry rows by id. Money is a
decimal string in 元.
"""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from pinpai.accounts.choices import OrganisationKind
from pinpai.registry.choices import (
    BrandKind,
    BrandStatus,
    CertificateKind,
    EnterpriseStatus,
    GiKind,
    TrademarkStatus,
)
from pinpai.registry.models import Enterprise
from pinpai.registry.permissions import can_enterprise_update

MAX_ID = 2**63 - 1  # ids are 64-bit; larger numbers are refused as input, not passed to the database
MAX_DAYS = 3650


def refuse_null(value: Any) -> Any:
    """PATCH fields that are not nullable may be left out, but not sent as null."""
    if value is None:
        raise ValueError("may be left out, but not null")
    return value


# ---------------------------------------------------------------- nested references


class DistrictRefOut(Schema):
    code: str
    name: str


class IndustryRefOut(Schema):
    code: str
    name: str


class PillarRefOut(Schema):
    code: str
    name: str


class TierRefOut(Schema):
    code: str
    name: str


class CategoryRefOut(Schema):
    code: str
    name: str


class ProductLineRefOut(Schema):
    name: str


class EnterpriseRefOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="organisation.name")


class EnterpriseWithDistrictRefOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="organisation.name")
    district: DistrictRefOut | None = Field(alias="organisation.district")


class BrandRefOut(Schema):
    id: int
    name: str


class ProductRefOut(Schema):
    id: int
    gtin: str
    name: str


class GiHolderOut(Schema):
    id: int
    name: str


# ---------------------------------------------------------------- enterprises


class EnterpriseFilterIn(Schema):
    district: str | None = Field(None, max_length=6, description="GB/T 2260 division code, e.g. 500102")
    industry: str | None = Field(
        None, max_length=5, description="GB/T 4754 division (e.g. 14) or section (e.g. C)"
    )
    status: EnterpriseStatus | None = None
    q: str | None = Field(None, max_length=100, description="part of the name, or an exact USCC")


class EnterpriseListOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="organisation.name")
    uscc: str | None = Field(alias="organisation.uscc")
    district: DistrictRefOut | None = Field(alias="organisation.district")
    industry: IndustryRefOut | None
    status: str
    founded_on: datetime.date | None


class EnterpriseContactOut(Schema):
    contact_name: str
    contact_phone: str
    contact_email: str


class EnterpriseGetOut(Schema):
    id: int = Field(alias="pk")
    kind: str = Field(alias="organisation.kind")
    name: str = Field(alias="organisation.name")
    uscc: str | None = Field(alias="organisation.uscc")
    district: DistrictRefOut | None = Field(alias="organisation.district")
    legal_representative: str
    registered_capital_yuan: Decimal | None = Field(description="元, two decimals, as a string")
    founded_on: datetime.date | None
    industry: IndustryRefOut | None
    address: str
    status: str
    status_changed_on: datetime.date | None
    contact: EnterpriseContactOut | None = Field(
        description="contact person, phone and e-mail: only for callers who may edit the enterprise"
    )

    @staticmethod
    def resolve_contact(obj: Enterprise, context: dict[str, Any]) -> dict[str, str] | None:
        if not can_enterprise_update(context["request"].user, enterprise=obj):
            return None
        return {
            "contact_name": obj.contact_name,
            "contact_phone": obj.contact_phone,
            "contact_email": obj.contact_email,
        }


class EnterpriseRegisterIn(Schema):
    kind: OrganisationKind = Field(
        OrganisationKind.ENTERPRISE, description="enterprise, or association (holder of a regional brand)"
    )
    name: str = Field(min_length=1, max_length=200, description="full name as registered")
    uscc: str = Field(min_length=1, max_length=40, description="统一社会信用代码, 18 characters")
    district: str = Field(max_length=6, description="GB/T 2260 division code, e.g. 500102")
    legal_representative: str = Field("", max_length=50)
    registered_capital_yuan: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    founded_on: datetime.date | None = None
    industry: str | None = Field(None, max_length=5, description="GB/T 4754 division code, e.g. 14")
    address: str = Field("", max_length=200)
    contact_name: str = Field("", max_length=50)
    contact_phone: str = Field("", max_length=30)
    contact_email: str = Field("", max_length=254)


class EnterpriseRegisterOut(Schema):
    id: int = Field(alias="pk")
    kind: str = Field(alias="organisation.kind")
    name: str = Field(alias="organisation.name")
    uscc: str | None = Field(alias="organisation.uscc")
    district: DistrictRefOut | None = Field(alias="organisation.district")
    legal_representative: str
    registered_capital_yuan: Decimal | None
    founded_on: datetime.date | None
    industry: IndustryRefOut | None
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    status: str


class EnterpriseUpdateIn(Schema):
    """Only the fields sent are changed; `null` clears registered_capital_yuan, founded_on or industry."""

    name: str | None = Field(None, min_length=1, max_length=200)
    uscc: str | None = Field(None, min_length=1, max_length=40)
    district: str | None = Field(None, max_length=6, description="GB/T 2260 division code")
    legal_representative: str | None = Field(None, max_length=50)
    registered_capital_yuan: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    founded_on: datetime.date | None = None
    industry: str | None = Field(None, max_length=5, description="GB/T 4754 division code")
    address: str | None = Field(None, max_length=200)
    contact_name: str | None = Field(None, max_length=50)
    contact_phone: str | None = Field(None, max_length=30)
    contact_email: str | None = Field(None, max_length=254)

    @field_validator(
        "name", "uscc", "district", "legal_representative", "address", "contact_name", "contact_phone",
        "contact_email",
    )  # fmt: skip
    @classmethod
    def not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class EnterpriseUpdateOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="organisation.name")
    uscc: str | None = Field(alias="organisation.uscc")
    district: DistrictRefOut | None = Field(alias="organisation.district")
    legal_representative: str
    registered_capital_yuan: Decimal | None
    founded_on: datetime.date | None
    industry: IndustryRefOut | None
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    status: str


class EnterpriseStatusChangeIn(Schema):
    status: EnterpriseStatus
    changed_on: datetime.date | None = Field(
        None, description="as the business register reports; today if empty"
    )


class EnterpriseStatusChangeOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="organisation.name")
    status: str
    status_changed_on: datetime.date | None


# ---------------------------------------------------------------- brands


class BrandFilterIn(Schema):
    pillar: str | None = Field(None, max_length=40, description="pillar code, e.g. agri-processed")
    tier: str | None = Field(None, max_length=40, description="tier code, e.g. regional")
    district: str | None = Field(None, max_length=6, description="GB/T 2260 division code")
    status: BrandStatus | None = None
    kind: BrandKind | None = None
    certificate_kind: CertificateKind | None = Field(
        None, description="brands holding a certificate of this kind valid today"
    )
    owner: int | None = Field(None, ge=1, le=MAX_ID, description="enterprise id")
    q: str | None = Field(None, max_length=100, description="part of the brand or owner name")


class BrandListOut(Schema):
    id: int
    name: str
    name_en: str
    kind: str
    status: str
    pillar: PillarRefOut
    tier: TierRefOut | None
    owner: EnterpriseRefOut
    published_at: datetime.datetime | None


class BrandReviewQueueOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    pillar: PillarRefOut
    tier: TierRefOut | None
    owner: EnterpriseRefOut
    updated_at: datetime.datetime


class BrandCertificateOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    revoked_on: datetime.date | None


class BrandTrademarkOut(Schema):
    id: int
    registration_number: str
    nice_class: int
    mark_text: str
    status: str
    valid_from: datetime.date
    valid_to: datetime.date


class BrandReviewOut(Schema):
    action: str
    from_status: str
    to_status: str
    reason: str
    actor: str = Field(alias="actor.full_name", description="who took the step")
    at: datetime.datetime


class BrandGetOut(Schema):
    id: int
    name: str
    name_en: str
    kind: str
    status: str
    status_reason: str
    owner: EnterpriseWithDistrictRefOut
    pillar: PillarRefOut
    tier: TierRefOut | None
    categories: list[CategoryRefOut]
    product_lines: list[ProductLineRefOut]
    districts: list[DistrictRefOut]
    story: str
    logo: str | None = Field(description="URL of the logo image")
    founded_year: int | None
    website: str
    published_at: datetime.datetime | None
    certificates: list[BrandCertificateOut]
    trademarks: list[BrandTrademarkOut]
    reviews: list[BrandReviewOut] = Field(description="the review history, oldest first")


class BrandCreateIn(Schema):
    owner: int = Field(ge=1, le=MAX_ID, description="enterprise id")
    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=200)
    kind: BrandKind
    pillar: str = Field(max_length=40, description="pillar code, e.g. agri-processed")
    tier: str | None = Field(None, max_length=40, description="tier code, e.g. regional")
    categories: list[str] = Field([], max_length=50, description="category codes within the pillar")
    product_lines: list[str] = Field([], max_length=50, description="product line names within the pillar")
    districts: list[str] = Field(min_length=1, max_length=50, description="GB/T 2260 division codes")
    story: str = Field("", max_length=20000)
    founded_year: int | None = Field(None, ge=1000, le=2100)
    website: str = Field("", max_length=200)


class BrandCreateOut(Schema):
    id: int
    name: str
    name_en: str
    kind: str
    status: str
    owner: EnterpriseRefOut
    pillar: PillarRefOut
    tier: TierRefOut | None
    categories: list[CategoryRefOut]
    product_lines: list[ProductLineRefOut]
    districts: list[DistrictRefOut]
    story: str
    founded_year: int | None
    website: str


class BrandUpdateIn(Schema):
    """Only the fields sent are changed; lists replace the brand's whole list; `null` clears tier or
    founded_year."""

    name: str | None = Field(None, min_length=1, max_length=100)
    name_en: str | None = Field(None, max_length=200)
    kind: BrandKind | None = None
    pillar: str | None = Field(None, max_length=40, description="pillar code")
    tier: str | None = Field(None, max_length=40, description="tier code")
    categories: list[str] | None = Field(None, max_length=50, description="category codes within the pillar")
    product_lines: list[str] | None = Field(
        None, max_length=50, description="product line names within the pillar"
    )
    districts: list[str] | None = Field(
        None, min_length=1, max_length=50, description="GB/T 2260 division codes"
    )
    story: str | None = Field(None, max_length=20000)
    founded_year: int | None = Field(None, ge=1000, le=2100)
    website: str | None = Field(None, max_length=200)

    @field_validator(
        "name", "name_en", "kind", "pillar", "categories", "product_lines", "districts", "story", "website"
    )
    @classmethod
    def not_null(cls, value: Any) -> Any:
        return refuse_null(value)


class BrandUpdateOut(Schema):
    id: int
    name: str
    name_en: str
    kind: str
    status: str
    owner: EnterpriseRefOut
    pillar: PillarRefOut
    tier: TierRefOut | None
    categories: list[CategoryRefOut]
    product_lines: list[ProductLineRefOut]
    districts: list[DistrictRefOut]
    story: str
    founded_year: int | None
    website: str


# The workflow steps: each has its own schemas, all with the same shape (a step's result is the new status).


class BrandStepOut(Schema):
    id: int
    name: str
    status: str
    status_reason: str
    published_at: datetime.datetime | None


class BrandOptionalReasonIn(Schema):
    reason: str = Field("", max_length=500)


class BrandRequiredReasonIn(Schema):
    reason: str = Field(max_length=500, description="required: why")


class BrandSubmitOut(BrandStepOut):
    pass


class BrandDistrictApproveIn(BrandOptionalReasonIn):
    pass


class BrandDistrictApproveOut(BrandStepOut):
    pass


class BrandDistrictReturnIn(BrandRequiredReasonIn):
    pass


class BrandDistrictReturnOut(BrandStepOut):
    pass


class BrandDepartmentApproveIn(BrandOptionalReasonIn):
    pass


class BrandDepartmentApproveOut(BrandStepOut):
    pass


class BrandDepartmentReturnIn(BrandRequiredReasonIn):
    pass


class BrandDepartmentReturnOut(BrandStepOut):
    pass


class BrandPublishOut(BrandStepOut):
    pass


class BrandSuspendIn(BrandRequiredReasonIn):
    pass


class BrandSuspendOut(BrandStepOut):
    pass


class BrandReinstateIn(BrandOptionalReasonIn):
    pass


class BrandReinstateOut(BrandStepOut):
    pass


class BrandWithdrawIn(BrandRequiredReasonIn):
    pass


class BrandWithdrawOut(BrandStepOut):
    pass


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


# ---------------------------------------------------------------- cultivation lists


class CultivationListFilterIn(Schema):
    year: int | None = Field(None, ge=2016, le=2100)
    pillar: str | None = Field(None, max_length=40, description="pillar code")
    district: str | None = Field(None, max_length=6, description="GB/T 2260 division code")


class CultivationListListOut(Schema):
    id: int
    year: int
    title: str
    pillar: PillarRefOut
    district: DistrictRefOut | None = Field(description="empty for the city-wide list")
    status: str


class CultivationListCreateIn(Schema):
    year: int = Field(ge=2016, le=2100)
    pillar: str = Field(max_length=40, description="pillar code")
    district: str | None = Field(
        None, max_length=6, description="GB/T 2260 code; empty for the city-wide list"
    )
    title: str = Field(
        "", max_length=200, description="a title is made up from year, place and pillar if empty"
    )


class CultivationListCreateOut(Schema):
    id: int
    year: int
    title: str
    pillar: PillarRefOut
    district: DistrictRefOut | None
    status: str


class CultivationListAddBrandIn(Schema):
    brand: int = Field(ge=1, le=MAX_ID, description="brand id")
    rank: int | None = Field(None, ge=1, le=100000)
    note: str = Field("", max_length=300)


class CultivationListAddBrandOut(Schema):
    id: int
    cultivation_list_id: int
    brand: BrandRefOut
    rank: int | None
    note: str


class CultivationListPublishOut(Schema):
    id: int
    year: int
    title: str
    status: str
