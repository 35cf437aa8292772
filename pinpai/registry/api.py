"""The brand registry: enterprises, brands and their review workflow, trademarks, certificates, GIs,
products and cultivation lists.

Scoped by who asks (the selectors' `visible_to`): an enterprise user sees and edits only its own
records, district staff their district, department staff their pillars, the public what is published.
A row the caller may not see answers 404, like one that does not exist; a write the caller may not do
answers 403 (the services decide).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import P, PathEx, Query, Router
from ninja.pagination import paginate

from pinpai.accounts.selectors import organisation_get
from pinpai.api.auth import optional_bearer, signed_in
from pinpai.registry import lookups, selectors
from pinpai.registry.exceptions import (
    BrandInvalid,
    CultivationListInvalid,
    EnterpriseInvalid,
    GiInvalid,
    ProductInvalid,
)
from pinpai.registry.models import Brand
from pinpai.registry.schemas import (
    MAX_ID,
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
    CertificateExpiringFilterIn,
    CertificateExpiringListOut,
    CertificateFilterIn,
    CertificateListOut,
    CertificateRegisterIn,
    CertificateRegisterOut,
    CertificateRevokeIn,
    CertificateRevokeOut,
    CultivationListAddBrandIn,
    CultivationListAddBrandOut,
    CultivationListCreateIn,
    CultivationListCreateOut,
    CultivationListFilterIn,
    CultivationListListOut,
    CultivationListPublishOut,
    EnterpriseFilterIn,
    EnterpriseGetOut,
    EnterpriseListOut,
    EnterpriseRegisterIn,
    EnterpriseRegisterOut,
    EnterpriseStatusChangeIn,
    EnterpriseStatusChangeOut,
    EnterpriseUpdateIn,
    EnterpriseUpdateOut,
    GiAuthorisationFilterIn,
    GiAuthorisationListOut,
    GiAuthorisationRevokeIn,
    GiAuthorisationRevokeOut,
    GiAuthoriseIn,
    GiAuthoriseOut,
    GiFilterIn,
    GiGetOut,
    GiListOut,
    GiRegisterIn,
    GiRegisterOut,
    ProductFilterIn,
    ProductGetByGtinOut,
    ProductListOut,
    ProductRegisterIn,
    ProductRegisterOut,
    TrademarkFilterIn,
    TrademarkLicenceRecordIn,
    TrademarkLicenceRecordOut,
    TrademarkListOut,
    TrademarkRegisterIn,
    TrademarkRegisterOut,
    TrademarkUpdateIn,
    TrademarkUpdateOut,
)
from pinpai.registry.services import brands as brand_services
from pinpai.registry.services import cultivation as cultivation_services
from pinpai.registry.services import enterprises as enterprise_services
from pinpai.registry.services import rights as rights_services

router = Router(tags=["registry"])

# Ids in paths are 64-bit row ids; a larger number is a 422, never handed to the database.
RowId = PathEx[int, P(ge=1, le=MAX_ID)]


def _brand_step(step: Callable[..., Brand], **kwargs: Any) -> Brand:
    """Run one workflow service (its errors carry the brand's status as `current_status`)."""
    return step(**kwargs)


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


# ---------------------------------------------------------------- trademarks


@router.get(
    "/trademarks",
    response=list[TrademarkListOut],
    operation_id="trademark_list",
    auth=optional_bearer,
    tags=["trademarks"],
)
@paginate
def trademark_list(request: HttpRequest, filters: Query[TrademarkFilterIn]) -> Any:
    """Trademarks the caller may see (the public: those of published brands), soonest expiry first."""
    return selectors.trademark_list(
        actor=request.user,
        registrant_id=filters.registrant,
        status=filters.status.value if filters.status else None,
        nice_class=filters.nice_class,
        expiring_within_days=filters.expiring_within_days,
        text=filters.q,
    )


@router.post(
    "/trademarks",
    response={201: TrademarkRegisterOut},
    operation_id="trademark_register",
    auth=signed_in,
    tags=["trademarks"],
)
def trademark_register(request: HttpRequest, payload: TrademarkRegisterIn) -> Any:
    """Record a registered trademark (one registration number, one Nice class)."""
    registrant = selectors.enterprise_get(actor=request.user, pk=payload.registrant)
    brand = selectors.brand_get(actor=request.user, pk=payload.brand) if payload.brand else None
    return rights_services.trademark_register(
        actor=request.user,
        registrant=registrant,
        registration_number=payload.registration_number,
        nice_class=payload.nice_class,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        mark_text=payload.mark_text,
        goods_services=payload.goods_services,
        brand=brand,
        status=payload.status.value,
    )


@router.patch(
    "/trademarks/{trademark_id}",
    response=TrademarkUpdateOut,
    operation_id="trademark_update",
    auth=signed_in,
    tags=["trademarks"],
)
def trademark_update(request: HttpRequest, trademark_id: RowId, payload: TrademarkUpdateIn) -> Any:
    """Change a trademark's status, validity, goods or brand; only the fields sent change."""
    trademark = lookups.trademark_get(actor=request.user, pk=trademark_id)
    data = payload.model_dump(exclude_unset=True)
    if "status" in data:
        data["status"] = data["status"].value
    if data.get("brand") is not None:
        data["brand"] = selectors.brand_get(actor=request.user, pk=data["brand"])
    return rights_services.trademark_update(actor=request.user, trademark=trademark, **data)


@router.post(
    "/trademarks/{trademark_id}/licences",
    response={201: TrademarkLicenceRecordOut},
    operation_id="trademark_licence_record",
    auth=signed_in,
    tags=["trademarks"],
)
def trademark_licence_record(
    request: HttpRequest, trademark_id: RowId, payload: TrademarkLicenceRecordIn
) -> Any:
    """Record a licence (许可备案) to use the trademark."""
    trademark = lookups.trademark_get(actor=request.user, pk=trademark_id)
    licensee = selectors.enterprise_get(actor=request.user, pk=payload.licensee)
    return rights_services.trademark_licence_record(
        actor=request.user,
        trademark=trademark,
        licensee=licensee,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        record_number=payload.record_number,
    )


# ---------------------------------------------------------------- certificates


@router.get(
    "/certificates",
    response=list[CertificateListOut],
    operation_id="certificate_list",
    auth=optional_bearer,
    tags=["certificates"],
)
@paginate
def certificate_list(request: HttpRequest, filters: Query[CertificateFilterIn]) -> Any:
    """Certificates the caller may see (the public: those of owners of published brands)."""
    return selectors.certificate_list(
        actor=request.user,
        kind=filters.kind.value if filters.kind else None,
        holder_id=filters.holder,
        brand_id=filters.brand,
        expiring_within_days=filters.expiring_within_days,
        text=filters.q,
    )


@router.get(
    "/certificates/expiring",
    response=list[CertificateExpiringListOut],
    operation_id="certificate_expiring_list",
    auth=optional_bearer,
    tags=["certificates"],
)
@paginate
def certificate_expiring_list(request: HttpRequest, filters: Query[CertificateExpiringFilterIn]) -> Any:
    """Unrevoked certificates whose validity ends within `within_days` days (90 unless given)."""
    return selectors.certificate_expiring_list(actor=request.user, within_days=filters.within_days)


@router.post(
    "/certificates",
    response={201: CertificateRegisterOut},
    operation_id="certificate_register",
    auth=signed_in,
    tags=["certificates"],
)
def certificate_register(request: HttpRequest, payload: CertificateRegisterIn) -> Any:
    """Record a certificate held by an enterprise, for one of its brands or products where specific."""
    holder = selectors.enterprise_get(actor=request.user, pk=payload.holder)
    brand = selectors.brand_get(actor=request.user, pk=payload.brand) if payload.brand else None
    product = lookups.product_get(actor=request.user, pk=payload.product) if payload.product else None
    return rights_services.certificate_register(
        actor=request.user,
        holder=holder,
        kind=payload.kind.value,
        number=payload.number,
        issuer=payload.issuer,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        scope=payload.scope,
        brand=brand,
        product=product,
    )


@router.post(
    "/certificates/{certificate_id}/revoke",
    response=CertificateRevokeOut,
    operation_id="certificate_revoke",
    auth=signed_in,
    tags=["certificates"],
)
def certificate_revoke(request: HttpRequest, certificate_id: RowId, payload: CertificateRevokeIn) -> Any:
    """Record that a certificate was revoked (today unless a day is given); revoking twice changes nothing."""
    certificate = lookups.certificate_get(actor=request.user, pk=certificate_id)
    return rights_services.certificate_revoke(
        actor=request.user, certificate=certificate, revoked_on=payload.revoked_on
    )


# ---------------------------------------------------------------- geographical indications


@router.get(
    "/gis",
    response=list[GiListOut],
    operation_id="gi_list",
    auth=optional_bearer,
    tags=["geographical indications"],
)
@paginate
def gi_list(request: HttpRequest, filters: Query[GiFilterIn]) -> Any:
    """Geographical indications (a public register) with their protected districts."""
    return selectors.gi_list(actor=request.user, district_code=filters.district, text=filters.q)


@router.get(
    "/gis/{gi_id}",
    response=GiGetOut,
    operation_id="gi_get",
    auth=optional_bearer,
    tags=["geographical indications"],
)
def gi_get(request: HttpRequest, gi_id: RowId) -> Any:
    """One geographical indication with its protected area and governing standard."""
    return selectors.gi_get(actor=request.user, pk=gi_id)


@router.get(
    "/gis/{gi_id}/authorisations",
    response=list[GiAuthorisationListOut],
    operation_id="gi_authorisation_list",
    auth=optional_bearer,
    tags=["geographical indications"],
)
@paginate
def gi_authorisation_list(request: HttpRequest, gi_id: RowId, filters: Query[GiAuthorisationFilterIn]) -> Any:
    """The enterprises authorised to use the GI, with their periods."""
    gi = selectors.gi_get(actor=request.user, pk=gi_id)
    return selectors.gi_authorisation_list(actor=request.user, gi=gi, valid_on=filters.valid_on)


@router.post(
    "/gis",
    response={201: GiRegisterOut},
    operation_id="gi_register",
    auth=signed_in,
    tags=["geographical indications"],
)
def gi_register(request: HttpRequest, payload: GiRegisterIn) -> Any:
    """Register a GI with its protected area (districts) and governing standard."""
    holder = organisation_get(actor=request.user, pk=payload.holder) if payload.holder else None
    brand = selectors.brand_get(actor=request.user, pk=payload.brand) if payload.brand else None
    return rights_services.gi_register(
        actor=request.user,
        name=payload.name,
        kind=payload.kind.value,
        protected_districts=lookups.district_list_by_codes(
            codes=payload.protected_districts, field="protected_districts", error=GiInvalid
        ),
        registration_number=payload.registration_number,
        standard=payload.standard,
        holder=holder,
        brand=brand,
    )


@router.post(
    "/gis/{gi_id}/authorisations",
    response={201: GiAuthoriseOut},
    operation_id="gi_authorise",
    auth=signed_in,
    tags=["geographical indications"],
)
def gi_authorise(request: HttpRequest, gi_id: RowId, payload: GiAuthoriseIn) -> Any:
    """Authorise an enterprise inside the protected area to use the GI for a period."""
    gi = selectors.gi_get(actor=request.user, pk=gi_id)
    enterprise = selectors.enterprise_get(actor=request.user, pk=payload.enterprise)
    return rights_services.gi_authorise(
        actor=request.user,
        gi=gi,
        enterprise=enterprise,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        number=payload.number,
    )


@router.post(
    "/gi-authorisations/{authorisation_id}/revoke",
    response=GiAuthorisationRevokeOut,
    operation_id="gi_authorisation_revoke",
    auth=signed_in,
    tags=["geographical indications"],
)
def gi_authorisation_revoke(
    request: HttpRequest, authorisation_id: RowId, payload: GiAuthorisationRevokeIn
) -> Any:
    """End an authorisation (today unless a day is given); revoking twice changes nothing."""
    authorisation = lookups.gi_authorisation_get(actor=request.user, pk=authorisation_id)
    return rights_services.gi_authorisation_revoke(
        actor=request.user, authorisation=authorisation, revoked_on=payload.revoked_on
    )


# ---------------------------------------------------------------- products


@router.get(
    "/products",
    response=list[ProductListOut],
    operation_id="product_list",
    auth=optional_bearer,
    tags=["products"],
)
@paginate
def product_list(request: HttpRequest, filters: Query[ProductFilterIn]) -> Any:
    """Products of the brands the caller may see (the public: of published brands)."""
    return selectors.product_list(
        actor=request.user, brand_id=filters.brand, enterprise_id=filters.enterprise, text=filters.q
    )


@router.get(
    "/products/by-gtin/{gtin}",
    response=ProductGetByGtinOut,
    operation_id="product_get_by_gtin",
    auth=optional_bearer,
    tags=["products"],
)
def product_get_by_gtin(request: HttpRequest, gtin: str) -> Any:
    """The product with this GTIN (shorter GTINs are zero-padded to 14 digits)."""
    return selectors.product_get_by_gtin(actor=request.user, gtin=gtin)


@router.post(
    "/products",
    response={201: ProductRegisterOut},
    operation_id="product_register",
    auth=signed_in,
    tags=["products"],
)
def product_register(request: HttpRequest, payload: ProductRegisterIn) -> Any:
    """Register a trade item under a GTIN with a correct check digit."""
    enterprise = selectors.enterprise_get(actor=request.user, pk=payload.enterprise)
    brand = selectors.brand_get(actor=request.user, pk=payload.brand)
    category = (
        lookups.category_list_by_codes(
            pillar=brand.pillar, codes=[payload.category], field="category", error=ProductInvalid
        )[0]
        if payload.category
        else None
    )
    return rights_services.product_register(
        actor=request.user,
        enterprise=enterprise,
        brand=brand,
        gtin=payload.gtin,
        name=payload.name,
        category=category,
        specification=payload.specification,
    )


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
