"""Locations (an enterprise's GLN sites) and lots: list, detail, register, update, hold."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from pinpai.api.auth import signed_in
from pinpai.registry import lookups
from pinpai.registry.selectors import enterprise_get
from pinpai.traceability.exceptions import LocationInvalid
from pinpai.traceability.schemas.quality import (
    LocationFilterIn,
    LocationGetOut,
    LocationListOut,
    LocationRegisterIn,
    LocationRegisterOut,
    LocationUpdateIn,
    LocationUpdateOut,
    LotFilterIn,
    LotGetOut,
    LotListOut,
    LotRegisterIn,
    LotRegisterOut,
    LotStatusChangeIn,
    LotStatusChangeOut,
    RowId,
)
from pinpai.traceability.selectors import masterdata as selectors
from pinpai.traceability.services import masterdata as services

router = Router()

# ---------------------------------------------------------------- locations


@router.get(
    "/locations",
    response=list[LocationListOut],
    operation_id="location_list",
    auth=signed_in,
    tags=["locations"],
)
@paginate
def location_list(request: HttpRequest, filters: Query[LocationFilterIn]) -> Any:
    """GLN sites the caller may see: an enterprise its own, district staff their district's, departments all."""
    return selectors.location_list(
        actor=request.user,
        enterprise_id=filters.enterprise,
        district_code=filters.district,
        kind=filters.kind.value if filters.kind else None,
        text=filters.q,
    )


@router.post(
    "/locations",
    response={201: LocationRegisterOut},
    operation_id="location_register",
    auth=signed_in,
    tags=["locations"],
)
def location_register(request: HttpRequest, payload: LocationRegisterIn) -> Any:
    """Register a GLN (check digit verified; optional AI 254 extension) as a site of an enterprise in Chongqing.
    422 `location_invalid` names the field; 409 `location_duplicate` for a GLN already registered."""
    enterprise = enterprise_get(actor=request.user, pk=payload.enterprise)
    district = lookups.district_get_by_code(code=payload.district, error=LocationInvalid)
    location = services.location_register(
        actor=request.user,
        enterprise=enterprise,
        gln=payload.gln,
        extension=payload.extension,
        name=payload.name,
        kind=payload.kind.value,
        district=district,
        address=payload.address,
        latitude=payload.latitude,
        longitude=payload.longitude,
    )
    return selectors.location_get(actor=request.user, pk=location.pk)


@router.get(
    "/locations/{location_id}",
    response=LocationGetOut,
    operation_id="location_get",
    auth=signed_in,
    tags=["locations"],
)
def location_get(request: HttpRequest, location_id: RowId) -> Any:
    return selectors.location_get(actor=request.user, pk=location_id)


@router.patch(
    "/locations/{location_id}",
    response=LocationUpdateOut,
    operation_id="location_update",
    auth=signed_in,
    tags=["locations"],
)
def location_update(request: HttpRequest, location_id: RowId, payload: LocationUpdateIn) -> Any:
    """Change name, kind, district, address or coordinates; only the fields sent change."""
    location = selectors.location_get(actor=request.user, pk=location_id)
    data = payload.model_dump(exclude_unset=True)
    if "district" in data:
        data["district"] = lookups.district_get_by_code(code=data["district"], error=LocationInvalid)
    services.location_update(actor=request.user, location=location, **data)
    return selectors.location_get(actor=request.user, pk=location_id)


# ---------------------------------------------------------------- lots


@router.get("/lots", response=list[LotListOut], operation_id="lot_list", auth=signed_in, tags=["lots"])
@paginate
def lot_list(request: HttpRequest, filters: Query[LotFilterIn]) -> Any:
    """Lots the caller may see: an enterprise its own, district staff their district's producers', departments all."""
    return selectors.lot_list(
        actor=request.user,
        gtin=filters.gtin,
        producer_id=filters.producer,
        status=filters.status.value if filters.status else None,
        text=filters.q,
    )


@router.post(
    "/lots", response={201: LotRegisterOut}, operation_id="lot_register", auth=signed_in, tags=["lots"]
)
def lot_register(request: HttpRequest, payload: LotRegisterIn) -> Any:
    """Register a lot of a registered product (GS1 AI 10 lot number); its producer is the product's enterprise."""
    lot = services.lot_register(
        actor=request.user, gtin=payload.gtin, lot_number=payload.lot_number, produced_on=payload.produced_on
    )
    return selectors.lot_get(actor=request.user, pk=lot.pk)


@router.get("/lots/{lot_id}", response=LotGetOut, operation_id="lot_get", auth=signed_in, tags=["lots"])
def lot_get(request: HttpRequest, lot_id: RowId) -> Any:
    return selectors.lot_get(actor=request.user, pk=lot_id)


@router.post(
    "/lots/{lot_id}/status",
    response=LotStatusChangeOut,
    operation_id="lot_status_change",
    auth=signed_in,
    tags=["lots"],
)
def lot_status_change(request: HttpRequest, lot_id: RowId, payload: LotStatusChangeIn) -> Any:
    """Put a lot on hold or release it; a lot in an open recall stays on hold (409)."""
    lot = selectors.lot_get(actor=request.user, pk=lot_id)
    return services.lot_status_change(
        actor=request.user, lot=lot, status=payload.status.value, reason=payload.reason
    )
