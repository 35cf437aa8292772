import datetime

from ninja import Field, Schema

from pinpai.accounts.choices import OrganisationKind


class OrganisationFilterIn(Schema):
    kind: OrganisationKind | None = Field(None, description="one of the organisation kinds")
    district: str | None = Field(None, description="GB/T 2260 division code, e.g. 500102")
    valid_on: datetime.date | None = Field(None, description="only units that existed on this day")
    q: str | None = Field(None, max_length=100, description="part of the name, or an exact USCC")


class OrganisationDistrictOut(Schema):
    code: str
    name: str


class OrganisationListOut(Schema):
    id: int
    kind: str
    name: str
    short_name: str
    name_en: str
    uscc: str | None
    district: OrganisationDistrictOut | None
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor_id: int | None
    is_demo: bool


class OrganisationRefOut(Schema):
    id: int
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class OrganisationGetOut(Schema):
    id: int
    kind: str
    name: str
    short_name: str
    name_en: str
    uscc: str | None
    district: OrganisationDistrictOut | None
    parent: OrganisationRefOut | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    is_demo: bool
    successor: OrganisationRefOut | None = Field(
        description="the unit that took over after a rename or merger"
    )
    predecessors: list[OrganisationRefOut] = Field(description="units this one took over from")


class MembershipOut(Schema):
    organisation_id: int
    organisation_name: str = Field(alias="organisation.name")
    organisation_kind: str = Field(alias="organisation.kind")
    role: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class MeOut(Schema):
    username: str
    full_name: str
    memberships: list[MembershipOut]
