"""Registry API schemas: cultivation."""

from ninja import Field, Schema

from pinpai.registry.schemas.common import (
    MAX_ID,
    BrandRefOut,
    DistrictRefOut,
    PillarRefOut,
)

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
