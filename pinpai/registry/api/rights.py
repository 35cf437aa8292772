"""Trademarks, certificates, geographical indications and products."""

from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja.pagination import paginate

from pinpai.accounts.selectors import organisation_get
from pinpai.api.auth import optional_bearer, signed_in
from pinpai.registry import lookups, selectors
from pinpai.registry.api.base import RowId, router
from pinpai.registry.exceptions import (
    GiInvalid,
    ProductInvalid,
)
from pinpai.registry.schemas import (
    CertificateExpiringFilterIn,
    CertificateExpiringListOut,
    CertificateFilterIn,
    CertificateListOut,
    CertificateRegisterIn,
    CertificateRegisterOut,
    CertificateRevokeIn,
    CertificateRevokeOut,
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
from pinpai.registry.services import rights as rights_services

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
