"""Registry API schemas (shared parts): one In/Out pair per endpoint, every field listed; small nested references shared.

Clients name reference data by code (district 500102, pillar agri-processed, tier regional, category
pickles-condiments, industry 14) and product lines by name (榨菜); registry rows by id. Money is a
decimal string in 元.
"""

from typing import Any

from ninja import Field, Schema

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
