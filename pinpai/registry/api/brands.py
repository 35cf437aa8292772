"""Brands: list, detail, create, update, the review queue and one endpoint per workflow step."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from pinpai.api.auth import optional_bearer, signed_in
from pinpai.registry import lookups, selectors
from pinpai.registry.api.base import RowId, router
from pinpai.registry.exceptions import (
    BrandInvalid,
)
from pinpai.registry.models import Brand
from pinpai.registry.schemas import (
    BrandCreateIn,
    BrandCreateOut,
    BrandDepartmentApproveIn,
    BrandDepartmentApproveOut,
    BrandDepartmentReturnIn,
    BrandDepartmentReturnOut,
    BrandDistrictApproveIn,
    BrandDistrictApproveOut,
    BrandDistrictReturnIn,
    BrandDistrictReturnOut,
    BrandFilterIn,
    BrandGetOut,
    BrandListOut,
    BrandPublishOut,
    BrandReinstateIn,
    BrandReinstateOut,
    BrandReviewQueueOut,
    BrandSubmitOut,
    BrandSuspendIn,
    BrandSuspendOut,
    BrandUpdateIn,
    BrandUpdateOut,
    BrandWithdrawIn,
    BrandWithdrawOut,
)
from pinpai.registry.services import brands as brand_services


def _brand_step(step: Callable[..., Brand], **kwargs: Any) -> Brand:
    """Run one workflow service (its errors carry the brand's status as `current_status`)."""
    return step(**kwargs)


# ---------------------------------------------------------------- brands


@router.get(
    "/brands",
    response=list[BrandListOut],
    operation_id="brand_list",
    auth=optional_bearer,
    tags=["brands"],
)
@paginate
def brand_list(request: HttpRequest, filters: Query[BrandFilterIn]) -> Any:
    """Brands the caller may see (the public: published brands)."""
    return selectors.brand_list(
        actor=request.user,
        pillar_code=filters.pillar,
        tier_code=filters.tier,
        district_code=filters.district,
        status=filters.status.value if filters.status else None,
        kind=filters.kind.value if filters.kind else None,
        certificate_kind=filters.certificate_kind.value if filters.certificate_kind else None,
        owner_id=filters.owner,
        text=filters.q,
    )


@router.get(
    "/brands/review-queue",
    response=list[BrandReviewQueueOut],
    operation_id="brand_review_queue",
    auth=signed_in,
    tags=["brands"],
)
@paginate
def brand_review_queue(request: HttpRequest) -> Any:
    """Brands waiting for the caller: submitted ones of their districts, approved ones of their pillars."""
    return selectors.brand_review_queue(actor=request.user)


@router.get(
    "/brands/{brand_id}",
    response=BrandGetOut,
    operation_id="brand_get",
    auth=optional_bearer,
    tags=["brands"],
)
def brand_get(request: HttpRequest, brand_id: RowId) -> Any:
    """One brand with its categories, product lines, districts, certificates, trademarks and review history."""
    return selectors.brand_get(actor=request.user, pk=brand_id)


@router.post(
    "/brands",
    response={201: BrandCreateOut},
    operation_id="brand_create",
    auth=signed_in,
    tags=["brands"],
)
def brand_create(request: HttpRequest, payload: BrandCreateIn) -> Any:
    """Register a brand as a draft; its owner then submits it for review."""
    owner = selectors.enterprise_get(actor=request.user, pk=payload.owner)
    pillar = lookups.pillar_get_by_code(code=payload.pillar, error=BrandInvalid)
    return brand_services.brand_create(
        actor=request.user,
        owner=owner,
        name=payload.name,
        name_en=payload.name_en,
        kind=payload.kind.value,
        pillar=pillar,
        tier=lookups.tier_get_by_code(code=payload.tier, error=BrandInvalid) if payload.tier else None,
        categories=lookups.category_list_by_codes(
            pillar=pillar, codes=payload.categories, error=BrandInvalid
        ),
        product_lines=lookups.product_line_list_by_names(
            pillar=pillar, names=payload.product_lines, error=BrandInvalid
        ),
        districts=lookups.district_list_by_codes(codes=payload.districts, error=BrandInvalid),
        story=payload.story,
        founded_year=payload.founded_year,
        website=payload.website,
    )


@router.patch(
    "/brands/{brand_id}",
    response=BrandUpdateOut,
    operation_id="brand_update",
    auth=signed_in,
    tags=["brands"],
)
def brand_update(request: HttpRequest, brand_id: RowId, payload: BrandUpdateIn) -> Any:
    """Edit a brand; only the fields sent change. Owners edit drafts and returned brands, reviewers any."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    data = payload.model_dump(exclude_unset=True)
    if "kind" in data:
        data["kind"] = data["kind"].value
    if "pillar" in data:
        data["pillar"] = lookups.pillar_get_by_code(code=data["pillar"], error=BrandInvalid)
    pillar = data.get("pillar", brand.pillar)
    if "tier" in data:
        data["tier"] = (
            lookups.tier_get_by_code(code=data["tier"], error=BrandInvalid) if data["tier"] else None
        )
    if "categories" in data:
        data["categories"] = lookups.category_list_by_codes(
            pillar=pillar, codes=data["categories"], error=BrandInvalid
        )
    if "product_lines" in data:
        data["product_lines"] = lookups.product_line_list_by_names(
            pillar=pillar, names=data["product_lines"], error=BrandInvalid
        )
    if "districts" in data:
        data["districts"] = lookups.district_list_by_codes(codes=data["districts"], error=BrandInvalid)
    return brand_services.brand_update(actor=request.user, brand=brand, **data)


@router.post(
    "/brands/{brand_id}/submit",
    response=BrandSubmitOut,
    operation_id="brand_submit",
    auth=signed_in,
    tags=["brands"],
)
def brand_submit(request: HttpRequest, brand_id: RowId) -> Any:
    """Submit a draft or returned brand for district review."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(brand_services.brand_submit, actor=request.user, brand=brand)


@router.post(
    "/brands/{brand_id}/district-approve",
    response=BrandDistrictApproveOut,
    operation_id="brand_district_approve",
    auth=signed_in,
    tags=["brands"],
)
def brand_district_approve(request: HttpRequest, brand_id: RowId, payload: BrandDistrictApproveIn) -> Any:
    """District staff pass a submitted brand on to the departments of its pillar."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(
        brand_services.brand_district_approve, actor=request.user, brand=brand, reason=payload.reason
    )


@router.post(
    "/brands/{brand_id}/district-return",
    response=BrandDistrictReturnOut,
    operation_id="brand_district_return",
    auth=signed_in,
    tags=["brands"],
)
def brand_district_return(request: HttpRequest, brand_id: RowId, payload: BrandDistrictReturnIn) -> Any:
    """District staff return a submitted brand to its owner, saying why."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(
        brand_services.brand_district_return, actor=request.user, brand=brand, reason=payload.reason
    )


@router.post(
    "/brands/{brand_id}/department-approve",
    response=BrandDepartmentApproveOut,
    operation_id="brand_department_approve",
    auth=signed_in,
    tags=["brands"],
)
def brand_department_approve(request: HttpRequest, brand_id: RowId, payload: BrandDepartmentApproveIn) -> Any:
    """A department of the brand's pillar approves a district-approved brand."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(
        brand_services.brand_department_approve, actor=request.user, brand=brand, reason=payload.reason
    )


@router.post(
    "/brands/{brand_id}/department-return",
    response=BrandDepartmentReturnOut,
    operation_id="brand_department_return",
    auth=signed_in,
    tags=["brands"],
)
def brand_department_return(request: HttpRequest, brand_id: RowId, payload: BrandDepartmentReturnIn) -> Any:
    """A department of the brand's pillar returns a district-approved brand to its owner, saying why."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(
        brand_services.brand_department_return, actor=request.user, brand=brand, reason=payload.reason
    )


@router.post(
    "/brands/{brand_id}/publish",
    response=BrandPublishOut,
    operation_id="brand_publish",
    auth=signed_in,
    tags=["brands"],
)
def brand_publish(request: HttpRequest, brand_id: RowId) -> Any:
    """Publish an approved brand; its owner must be in business and its certificates valid today."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(brand_services.brand_publish, actor=request.user, brand=brand)


@router.post(
    "/brands/{brand_id}/suspend",
    response=BrandSuspendOut,
    operation_id="brand_suspend",
    auth=signed_in,
    tags=["brands"],
)
def brand_suspend(request: HttpRequest, brand_id: RowId, payload: BrandSuspendIn) -> Any:
    """Suspend a published brand, saying why."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(brand_services.brand_suspend, actor=request.user, brand=brand, reason=payload.reason)


@router.post(
    "/brands/{brand_id}/reinstate",
    response=BrandReinstateOut,
    operation_id="brand_reinstate",
    auth=signed_in,
    tags=["brands"],
)
def brand_reinstate(request: HttpRequest, brand_id: RowId, payload: BrandReinstateIn) -> Any:
    """Publish a suspended brand again (same checks as publishing)."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(brand_services.brand_reinstate, actor=request.user, brand=brand, reason=payload.reason)


@router.post(
    "/brands/{brand_id}/withdraw",
    response=BrandWithdrawOut,
    operation_id="brand_withdraw",
    auth=signed_in,
    tags=["brands"],
)
def brand_withdraw(request: HttpRequest, brand_id: RowId, payload: BrandWithdrawIn) -> Any:
    """Withdraw a brand for good (its owner or a department of its pillar), saying why."""
    brand = selectors.brand_get(actor=request.user, pk=brand_id)
    return _brand_step(brand_services.brand_withdraw, actor=request.user, brand=brand, reason=payload.reason)
