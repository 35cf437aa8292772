"""The printed 承诺达标合格证 label: a 100 mm × 70 mm PDF (WeasyPrint, Noto CJK fonts) laid out like the national
2023 template, with a QR code (segno) of the lot's GS1 Digital Link on this site, which the resolver answers.

The label is an official Chinese document, so it is always rendered in Chinese whatever the UI language.
"""

from __future__ import annotations

from urllib.parse import quote

import segno
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from pinpai.traceability.choices_quality import PromiseBasis
from pinpai.traceability.models import ComplianceCertificate

LABEL_LANGUAGE = "zh-hans"
QR_ERROR = "m"


def public_base_url(request: HttpRequest | None) -> str:
    """PINPAI_PUBLIC_BASE_URL, else the scheme and host the request came in on (no trailing slash)."""
    base = settings.PINPAI_PUBLIC_BASE_URL or (request.build_absolute_uri("/") if request is not None else "")
    return base.rstrip("/")


def lot_link(certificate: ComplianceCertificate, *, base_url: str) -> str:
    """The GS1 Digital Link of the certificate's lot on this site: {base}/01/{gtin}/10/{lot}."""
    lot = certificate.lot
    return f"{base_url}/01/{lot.product.gtin}/10/{quote(lot.lot_number, safe='')}"


def verify_link(certificate: ComplianceCertificate, *, base_url: str) -> str:
    return base_url + reverse("traceability:certificate_verify", args=[certificate.verification_code])


def label_qr(url: str) -> segno.QRCode:
    return segno.make(url, error=QR_ERROR, micro=False)


def qr_data_uri(url: str) -> str:
    return label_qr(url).svg_data_uri(scale=4, border=1)


def label_html(certificate: ComplianceCertificate, *, base_url: str) -> str:
    link = lot_link(certificate, base_url=base_url)
    with translation.override(LABEL_LANGUAGE):
        return render_to_string(
            "traceability/certificate_label_pdf.html",
            {
                "c": certificate,
                "bases": [
                    (value, label, value in certificate.basis) for value, label in PromiseBasis.choices
                ],
                "lot_link": link,
                "qr": qr_data_uri(link),
            },
        )


def label_pdf(certificate: ComplianceCertificate, *, base_url: str) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415 - heavy import, only for labels

    pdf: bytes = HTML(
        string=label_html(certificate, base_url=base_url), base_url=base_url or None
    ).write_pdf()
    return pdf
