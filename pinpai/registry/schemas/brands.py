"""Registry API schemas: brands."""

import datetime
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from pinpai.registry.choices import (
    BrandKind,
    BrandStatus,
    CertificateKind,
)
from pinpai.registry.schemas.common import (
    MAX_ID,
    CategoryRefOut,
    DistrictRefOut,
    EnterpriseRefOut,
    EnterpriseWithDistrictRefOut,
    PillarRefOut,
    ProductLineRefOut,
    TierRefOut,
    refuse_null,
)

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
    """BrandSubmitOut: the shape of BrandStepOut, named for its endpoint."""


class BrandDistrictApproveIn(BrandOptionalReasonIn):
    """BrandDistrictApproveIn: the shape of BrandOptionalReasonIn, named for its endpoint."""


class BrandDistrictApproveOut(BrandStepOut):
    """BrandDistrictApproveOut: the shape of BrandStepOut, named for its endpoint."""


class BrandDistrictReturnIn(BrandRequiredReasonIn):
    """BrandDistrictReturnIn: the shape of BrandRequiredReasonIn, named for its endpoint."""


class BrandDistrictReturnOut(BrandStepOut):
    """BrandDistrictReturnOut: the shape of BrandStepOut, named for its endpoint."""


class BrandDepartmentApproveIn(BrandOptionalReasonIn):
    """BrandDepartmentApproveIn: the shape of BrandOptionalReasonIn, named for its endpoint."""


class BrandDepartmentApproveOut(BrandStepOut):
    """BrandDepartmentApproveOut: the shape of BrandStepOut, named for its endpoint."""


class BrandDepartmentReturnIn(BrandRequiredReasonIn):
    """BrandDepartmentReturnIn: the shape of BrandRequiredReasonIn, named for its endpoint."""


class BrandDepartmentReturnOut(BrandStepOut):
    """BrandDepartmentReturnOut: the shape of BrandStepOut, named for its endpoint."""


class BrandPublishOut(BrandStepOut):
    """BrandPublishOut: the shape of BrandStepOut, named for its endpoint."""


class BrandSuspendIn(BrandRequiredReasonIn):
    """BrandSuspendIn: the shape of BrandRequiredReasonIn, named for its endpoint."""


class BrandSuspendOut(BrandStepOut):
    """BrandSuspendOut: the shape of BrandStepOut, named for its endpoint."""


class BrandReinstateIn(BrandOptionalReasonIn):
    """BrandReinstateIn: the shape of BrandOptionalReasonIn, named for its endpoint."""


class BrandReinstateOut(BrandStepOut):
    """BrandReinstateOut: the shape of BrandStepOut, named for its endpoint."""


class BrandWithdrawIn(BrandRequiredReasonIn):
    """BrandWithdrawIn: the shape of BrandRequiredReasonIn, named for its endpoint."""


class BrandWithdrawOut(BrandStepOut):
    """BrandWithdrawOut: the shape of BrandStepOut, named for its endpoint."""
