"""Yearly cultivation lists (培育名单)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from pinpai.api.auth import optional_bearer, signed_in
from pinpai.registry import lookups, selectors
from pinpai.registry.api.base import RowId, router
from pinpai.registry.exceptions import (
    CultivationListInvalid,
)
from pinpai.registry.schemas import (
    CultivationListAddBrandIn,
    CultivationListAddBrandOut,
    CultivationListCreateIn,
    CultivationListCreateOut,
    CultivationListFilterIn,
    CultivationListListOut,
    CultivationListPublishOut,
)
from pinpai.registry.services import cultivation as cultivation_services

# ---------------------------------------------------------------- cultivation lists


@router.get(
    "/cultivation-lists",
    response=list[CultivationListListOut],
    operation_id="cultivation_list_list",
    auth=optional_bearer,
    tags=["cultivation lists"],
)
@paginate
def cultivation_list_list(request: HttpRequest, filters: Query[CultivationListFilterIn]) -> Any:
    """Yearly cultivation lists (培育名单): the public sees published ones, government staff drafts too."""
    return selectors.cultivation_list_list(
        actor=request.user, year=filters.year, pillar_code=filters.pillar, district_code=filters.district
    )


@router.post(
    "/cultivation-lists",
    response={201: CultivationListCreateOut},
    operation_id="cultivation_list_create",
    auth=signed_in,
    tags=["cultivation lists"],
)
def cultivation_list_create(request: HttpRequest, payload: CultivationListCreateIn) -> Any:
    """Start a draft list for a year and pillar, city-wide or for one district."""
    pillar = lookups.pillar_get_by_code(code=payload.pillar, error=CultivationListInvalid)
    district = (
        lookups.district_get_by_code(code=payload.district, error=CultivationListInvalid)
        if payload.district
        else None
    )
    return cultivation_services.cultivation_list_create(
        actor=request.user, year=payload.year, pillar=pillar, district=district, title=payload.title
    )


@router.post(
    "/cultivation-lists/{list_id}/brands",
    response={201: CultivationListAddBrandOut},
    operation_id="cultivation_list_add_brand",
    auth=signed_in,
    tags=["cultivation lists"],
)
def cultivation_list_add_brand(
    request: HttpRequest, list_id: RowId, payload: CultivationListAddBrandIn
) -> Any:
    """Put a brand of the list's pillar (and district) on a draft list."""
    cultivation_list = lookups.cultivation_list_get(actor=request.user, pk=list_id)
    brand = selectors.brand_get(actor=request.user, pk=payload.brand)
    return cultivation_services.cultivation_list_add_brand(
        actor=request.user,
        cultivation_list=cultivation_list,
        brand=brand,
        rank=payload.rank,
        note=payload.note,
    )


@router.post(
    "/cultivation-lists/{list_id}/publish",
    response=CultivationListPublishOut,
    operation_id="cultivation_list_publish",
    auth=signed_in,
    tags=["cultivation lists"],
)
def cultivation_list_publish(request: HttpRequest, list_id: RowId) -> Any:
    """Publish a list with at least one brand; publishing twice changes nothing."""
    cultivation_list = lookups.cultivation_list_get(actor=request.user, pk=list_id)
    return cultivation_services.cultivation_list_publish(
        actor=request.user, cultivation_list=cultivation_list
    )
