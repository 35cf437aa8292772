"""承诺达标合格证: list, issue, detail, revoke, the PDF label and the public check by code."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.pagination import paginate

from pinpai.api.auth import signed_in
from pinpai.registry import lookups
from pinpai.traceability.exceptions_quality import ComplianceCertificateInvalid
from pinpai.traceability.pdf import label_pdf, public_base_url
from pinpai.traceability.schemas.quality import (
    ComplianceCertificateFilterIn,
    ComplianceCertificateGetOut,
    ComplianceCertificateIssueIn,
    ComplianceCertificateIssueOut,
    ComplianceCertificateListOut,
    ComplianceCertificateRevokeIn,
    ComplianceCertificateRevokeOut,
    ComplianceCertificateVerifyOut,
    RowId,
)
from pinpai.traceability.selectors import quality as selectors
from pinpai.traceability.selectors.masterdata import product_by_gtin
from pinpai.traceability.services import certificates as services

router = Router(tags=["compliance-certificates"])
PDF_RESPONSE = {
    "responses": {
        200: {
            "description": "the 100 mm × 70 mm label, with a QR code of the lot's GS1 Digital Link on this site",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/compliance-certificates",
    response=list[ComplianceCertificateListOut],
    operation_id="compliance_certificate_list",
    auth=signed_in,
)
@paginate
def compliance_certificate_list(request: HttpRequest, filters: Query[ComplianceCertificateFilterIn]) -> Any:
    """Certificates the caller may see: a producer its own, district staff their district's, departments all."""
    return selectors.compliance_certificate_list(
        actor=request.user,
        producer_id=filters.producer,
        lot_id=filters.lot,
        status=filters.status.value if filters.status else None,
        issued_from=filters.issued_from,
        issued_to=filters.issued_to,
        text=filters.q,
    )


@router.post(
    "/compliance-certificates",
    response={201: ComplianceCertificateIssueOut},
    operation_id="compliance_certificate_issue",
    auth=signed_in,
)
def compliance_certificate_issue(request: HttpRequest, payload: ComplianceCertificateIssueIn) -> Any:
    """Issue a 合格证 for a lot of a registered product (a new lot number registers the lot). The producer is the
    product's enterprise; its users, its district's staff and departments may issue."""
    product = product_by_gtin(gtin=payload.gtin)
    district = lookups.district_get_by_code(code=payload.district, error=ComplianceCertificateInvalid)
    inspection = (
        selectors.inspection_get(actor=request.user, pk=payload.inspection) if payload.inspection else None
    )
    certificate = services.compliance_certificate_issue(
        actor=request.user,
        producer=product.enterprise,
        gtin=product.gtin,
        lot_number=payload.lot_number,
        product_category=payload.product_category.value,
        quantity=payload.quantity,
        unit=payload.unit,
        contact_phone=payload.contact_phone,
        district=district,
        address=payload.address,
        basis=[b.value for b in payload.basis],
        product_name=payload.product_name,
        issued_on=payload.issued_on,
        produced_on=payload.produced_on,
        inspection=inspection,
        report_url=payload.report_url,
        promise_confirmed=payload.promise_confirmed,
    )
    return selectors.compliance_certificate_get(actor=request.user, pk=certificate.pk)


@router.get(
    "/compliance-certificates/verify/{code}",
    response=ComplianceCertificateVerifyOut,
    operation_id="compliance_certificate_verify",
    auth=None,
)
def compliance_certificate_verify(request: HttpRequest, code: str) -> Any:
    """Public: the certificate with this check code (printed on its label) and whether it is valid or revoked."""
    return selectors.compliance_certificate_verify(code=code[:32])


@router.get(
    "/compliance-certificates/{certificate_id}",
    response=ComplianceCertificateGetOut,
    operation_id="compliance_certificate_get",
    auth=signed_in,
)
def compliance_certificate_get(request: HttpRequest, certificate_id: RowId) -> Any:
    return selectors.compliance_certificate_get(actor=request.user, pk=certificate_id)


@router.post(
    "/compliance-certificates/{certificate_id}/revoke",
    response=ComplianceCertificateRevokeOut,
    operation_id="compliance_certificate_revoke",
    auth=signed_in,
)
def compliance_certificate_revoke(
    request: HttpRequest, certificate_id: RowId, payload: ComplianceCertificateRevokeIn
) -> Any:
    """Revoke with a reason; 409 `compliance_certificate_not_revocable` if it already is."""
    certificate = selectors.compliance_certificate_get(actor=request.user, pk=certificate_id)
    services.compliance_certificate_revoke(actor=request.user, certificate=certificate, reason=payload.reason)
    return selectors.compliance_certificate_get(actor=request.user, pk=certificate_id)


@router.get(
    "/compliance-certificates/{certificate_id}/pdf",
    operation_id="compliance_certificate_label_pdf",
    auth=signed_in,
    openapi_extra=PDF_RESPONSE,
)
def compliance_certificate_label_pdf(request: HttpRequest, certificate_id: RowId) -> HttpResponse:
    """The printable label as PDF (national template size, Noto CJK fonts)."""
    certificate = selectors.compliance_certificate_get(actor=request.user, pk=certificate_id)
    response = HttpResponse(
        label_pdf(certificate, base_url=public_base_url(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    return response
