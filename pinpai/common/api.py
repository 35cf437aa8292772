"""Reference data endpoints: districts and the "2+3+3" pillars. Public."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from pinpai.common.schemas import DistrictOut, PillarOut
from pinpai.common.selectors import district_list, pillar_list

router = Router(tags=["reference"])


class DistrictFilter(Schema):
    zone: str | None = None


@router.get("/districts", response=list[DistrictOut], operation_id="district_list", auth=None)
@paginate
def districts(request: HttpRequest, filters: Query[DistrictFilter]) -> Any:
    """The 38 district-level divisions of Chongqing with GB/T 2260 code, name, kind and zone."""
    return district_list(zone=filters.zone)


@router.get("/pillars", response=list[PillarOut], operation_id="pillar_list", auth=None)
def pillars(request: HttpRequest) -> Any:
    """The eight "2+3+3" brand systems with the plan's featured product lines."""
    return pillar_list()
