"""Enterprises: list, detail, register, update, registration status."""

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from pinpai.api.auth import optional_bearer, signed_in
from pinpai.registry import lookups, selectors
from pinpai.registry.api.base import RowId, router
from pinpai.registry.exceptions import (
    EnterpriseInvalid,
)
from pinpai.registry.schemas import (
    EnterpriseFilterIn,
    EnterpriseGetOut,
    EnterpriseListOut,
    EnterpriseRegisterIn,
    EnterpriseRegisterOut,
    EnterpriseStatusChangeIn,
    EnterpriseStatusChangeOut,
    EnterpriseUpdateIn,
    EnterpriseUpdateOut,
)
from pinpai.registry.services import enterprises as enterprise_services

# ---------------------------------------------------------------- enterprises


@router.get(
    "/enterprises",
    response=list[EnterpriseListOut],
    operation_id="enterprise_list",
    auth=optional_bearer,
    tags=["enterprises"],
)
@paginate
def enterprise_list(request: HttpRequest, filters: Query[EnterpriseFilterIn]) -> Any:
    """Enterprises in the registry the caller may see (the public: owners of published brands)."""
    return selectors.enterprise_list(
        actor=request.user,
        district_code=filters.district,
        industry_code=filters.industry,
        status=filters.status.value if filters.status else None,
        text=filters.q,
    )


@router.get(
    "/enterprises/{enterprise_id}",
    response=EnterpriseGetOut,
    operation_id="enterprise_get",
    auth=optional_bearer,
    tags=["enterprises"],
)
def enterprise_get(request: HttpRequest, enterprise_id: RowId) -> Any:
    """One enterprise: name, USCC and district of its organisation, and what the register says about it."""
    return selectors.enterprise_get(actor=request.user, pk=enterprise_id)


@router.post(
    "/enterprises",
    response={201: EnterpriseRegisterOut},
    operation_id="enterprise_register",
    auth=signed_in,
    tags=["enterprises"],
)
def enterprise_register(request: HttpRequest, payload: EnterpriseRegisterIn) -> Any:
    """Register an enterprise (or an association) with a valid USCC, in a district the caller covers."""
    district = lookups.district_get_by_code(code=payload.district, error=EnterpriseInvalid)
    industry = (
        lookups.industry_get_by_code(code=payload.industry, error=EnterpriseInvalid)
        if payload.industry
        else None
    )
    return enterprise_services.enterprise_register(
        actor=request.user,
        kind=payload.kind.value,
        name=payload.name,
        uscc=payload.uscc,
        district=district,
        legal_representative=payload.legal_representative,
        registered_capital_yuan=payload.registered_capital_yuan,
        founded_on=payload.founded_on,
        industry=industry,
        address=payload.address,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        contact_email=payload.contact_email,
    )


@router.patch(
    "/enterprises/{enterprise_id}",
    response=EnterpriseUpdateOut,
    operation_id="enterprise_update",
    auth=signed_in,
    tags=["enterprises"],
)
def enterprise_update(request: HttpRequest, enterprise_id: RowId, payload: EnterpriseUpdateIn) -> Any:
    """Change what the register says; only the fields sent change (name, USCC, district change the organisation)."""
    enterprise = selectors.enterprise_get(actor=request.user, pk=enterprise_id)
    data = payload.model_dump(exclude_unset=True)
    if "district" in data:
        data["district"] = lookups.district_get_by_code(code=data["district"], error=EnterpriseInvalid)
    if data.get("industry") is not None:
        data["industry"] = lookups.industry_get_by_code(code=data["industry"], error=EnterpriseInvalid)
    return enterprise_services.enterprise_update(actor=request.user, enterprise=enterprise, **data)


@router.post(
    "/enterprises/{enterprise_id}/status",
    response=EnterpriseStatusChangeOut,
    operation_id="enterprise_status_change",
    auth=signed_in,
    tags=["enterprises"],
)
def enterprise_status_change(
    request: HttpRequest, enterprise_id: RowId, payload: EnterpriseStatusChangeIn
) -> Any:
    """Record 存续 / 注销 / 吊销 as the business register reports it."""
    enterprise = selectors.enterprise_get(actor=request.user, pk=enterprise_id)
    return enterprise_services.enterprise_status_change(
        actor=request.user, enterprise=enterprise, status=payload.status.value, changed_on=payload.changed_on
    )
