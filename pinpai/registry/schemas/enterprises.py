"""Registry API schemas: enterprises."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from pinpai.accounts.choices import OrganisationKind
from pinpai.registry.choices import (
    EnterpriseStatus,
)
from pinpai.registry.models import Enterprise
from pinpai.registry.permissions import can_enterprise_update
from pinpai.registry.schemas.common import (
    DistrictRefOut,
    IndustryRefOut,
    refuse_null,
)

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
