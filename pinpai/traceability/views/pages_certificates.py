"""承诺达标合格证 pages: the list, the issue form, the detail page with its PDF label and revocation, and the
public check by the code printed on the label (no login)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import ApplicationError, NotFoundError
from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.traceability.choices_quality import ComplianceCertificateStatus, PromiseBasis
from pinpai.traceability.forms import (
    CertificateFilterForm,
    CertificateIssueForm,
    CertificateVerifyForm,
    ReasonForm,
)
from pinpai.traceability.models import ComplianceCertificate
from pinpai.traceability.pdf import label_pdf, lot_link, public_base_url, qr_data_uri, verify_link
from pinpai.traceability.permissions import can_compliance_certificate_revoke
from pinpai.traceability.selectors.masterdata import product_by_gtin
from pinpai.traceability.selectors.quality import (
    compliance_certificate_get,
    compliance_certificate_list,
    compliance_certificate_verify,
)
from pinpai.traceability.services.certificates import (
    compliance_certificate_issue,
    compliance_certificate_revoke,
)
from pinpai.traceability.views.pages_common import filters, list_page


def home(request: HttpRequest) -> HttpResponse:
    """/traceability/: the certificates for signed-in users, the public certificate check for everyone else."""
    if request.user.is_authenticated:
        return redirect("traceability:certificates")
    return redirect("traceability:certificate_verify_lookup")


@login_required
def certificate_list_page(request: HtmxHttpRequest) -> HttpResponse:
    form = CertificateFilterForm(request.GET or None)
    f = filters(form)
    qs = compliance_certificate_list(
        actor=request.user, status=f.get("status") or None, text=f.get("q") or None
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Compliance-promise certificates"),
        rows_template="traceability/_certificate_rows.html",
        extra={"new_url": "traceability:certificate_issue", "new_label": _("Issue a certificate")},
    )


@login_required
def certificate_issue_page(request: HttpRequest) -> HttpResponse:
    form = CertificateIssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            product = product_by_gtin(gtin=form.cleaned_data["gtin"])
            certificate = compliance_certificate_issue(
                actor=request.user,
                producer=product.enterprise,
                gtin=product.gtin,
                **form.service_arguments(),
            )
        except PermissionDenied:
            form.add_error("gtin", _("You may not issue certificates for this product's producer."))
        except ApplicationError as exc:
            form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
        else:
            messages.success(
                request, _("Certificate %(number)s was issued.") % {"number": certificate.number}
            )
            return redirect("traceability:certificate_detail", pk=certificate.pk)
    return render(request, "traceability/certificate_form.html", {"form": form})


def _detail(
    request: HttpRequest, certificate: ComplianceCertificate, revoke_form: ReasonForm | None = None
) -> HttpResponse:
    base = public_base_url(request)
    link = lot_link(certificate, base_url=base)
    can_revoke = (
        certificate.status == ComplianceCertificateStatus.VALID
        and can_compliance_certificate_revoke(request.user, certificate=certificate)
    )
    context = {
        "c": certificate,
        "lot_link": link,
        "qr": qr_data_uri(link),
        "verify_link": verify_link(certificate, base_url=base),
        "basis": [
            str(PromiseBasis(value).label) for value in certificate.basis if value in PromiseBasis.values
        ],
        "revoke_form": (revoke_form or ReasonForm()) if can_revoke else None,
    }
    return render(request, "traceability/certificate_detail.html", context)


@login_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, found(compliance_certificate_get, actor=request.user, pk=pk))


@login_required
def certificate_label(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable label: a 100 mm × 70 mm PDF with the lot's QR code."""
    certificate = found(compliance_certificate_get, actor=request.user, pk=pk)
    response = HttpResponse(
        label_pdf(certificate, base_url=public_base_url(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = found(compliance_certificate_get, actor=request.user, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, certificate, form)
    try:
        compliance_certificate_revoke(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("Certificate %(number)s was revoked.") % {"number": certificate.number})
    return redirect("traceability:certificate_detail", pk=certificate.pk)


def certificate_verify_lookup(request: HttpRequest) -> HttpResponse:
    """The public form: type the check code printed on a label."""
    form = CertificateVerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("traceability:certificate_verify", code=form.cleaned_data["code"].strip().upper())
    return render(
        request, "traceability/certificate_verify.html", {"form": form, "c": None, "looked_up": False}
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """The public check of one certificate: what it promises and whether it is valid or revoked."""
    context: dict[str, Any]
    try:
        certificate = compliance_certificate_verify(code=code)
    except NotFoundError:
        context = {
            "form": CertificateVerifyForm(initial={"code": code}),
            "c": None,
            "looked_up": True,
            "code": code,
        }
        return render(request, "traceability/certificate_verify.html", context, status=404)
    context = {"form": None, "c": certificate, "looked_up": True, "code": code}
    return render(request, "traceability/certificate_verify.html", context)
