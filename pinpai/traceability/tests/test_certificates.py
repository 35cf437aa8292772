"""承诺达标合格证: issuing (numbering, the lot made if new, the promise and its basis), revoking, scope, the PDF label."""

import datetime
import re
import zlib
from decimal import Decimal

import pytest
import segno
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone, translation

from pinpai.audit.models import AuditEvent
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.choices_quality import InspectionResult, PromiseBasis
from pinpai.traceability.exceptions import LotInvalid
from pinpai.traceability.exceptions_quality import (
    ComplianceCertificateInvalid,
    ComplianceCertificateNotRevocable,
)
from pinpai.traceability.models import ComplianceCertificate, Lot
from pinpai.traceability.pdf import label_html, label_pdf, lot_link, qr_data_uri
from pinpai.traceability.selectors.quality import compliance_certificate_list, compliance_certificate_verify
from pinpai.traceability.services.certificates import compliance_certificate_revoke
from pinpai.traceability.services.inspections import inspection_record
from pinpai.traceability.tests.factories import (
    EnterpriseFactory,
    LotFactory,
    ProductFactory,
    certificate_issue,
    enterprise_user,
    passing_items,
)


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated (WeasyPrint keeps its dictionaries in object streams)."""
    parts = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_fonts(pdf: bytes) -> set[str]:
    return {m.decode() for m in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z0-9-]+)", pdf_objects(pdf))}


def pdf_pages_mm(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's MediaBox in millimetres."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", pdf_objects(pdf))
    return [(round(float(w) * 25.4 / 72, 1), round(float(h) * 25.4 / 72, 1)) for w, h in boxes]


@pytest.fixture
def producer(reference):
    return EnterpriseFactory(name="重庆市涪陵区绿野蔬菜专业合作社")


@pytest.fixture
def producer_user(producer):
    return enterprise_user(producer, "lvye")


@pytest.fixture
def lot(producer):
    return LotFactory(
        product=ProductFactory(enterprise=producer, name="涪陵青菜头"), lot_number="QCT-20260110"
    )


def test_issuing_numbers_the_certificate_by_day_and_audits_it(producer_user, lot):
    today = timezone.localdate()
    first = certificate_issue(producer_user, lot)
    second = certificate_issue(
        producer_user, lot, quantity=Decimal("20.5"), basis=[PromiseBasis.SELF_PROMISE]
    )
    assert first.number == f"HG{today:%Y%m%d}0001"
    assert second.number == f"HG{today:%Y%m%d}0002"
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{10}", first.verification_code)
    assert first.verification_code != second.verification_code
    assert (first.product_name, first.issued_on, first.status, first.issued_by) == (
        "涪陵青菜头",
        today,
        "valid",
        producer_user,
    )
    assert first.basis == ["self_test", "internal_control"]
    event = (
        AuditEvent.objects.filter(action="traceability.compliance_certificate.issued")
        .order_by("sequence")
        .first()
    )
    assert event.changes == {
        "basis": [None, ["self_test", "internal_control"]],
        "issued_on": [None, today.isoformat()],
        "lot": [None, lot.identifier],
        "number": [None, first.number],
        "quantity": [None, "500 千克"],
    }


def test_issuing_for_a_new_lot_number_registers_the_lot(producer, producer_user, lot):
    certificate = certificate_issue(
        producer_user, lot, lot_number="QCT-20260111", produced_on=datetime.date(2026, 1, 11)
    )
    new = Lot.objects.get(lot_number="QCT-20260111")
    assert certificate.lot == new
    assert (new.producer, new.produced_on, new.identifier) == (
        producer,
        datetime.date(2026, 1, 11),
        f"https://id.gs1.org/01/{lot.product.gtin}/10/QCT-20260111",
    )
    assert list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))[-2:] == [
        "traceability.lot.registered",
        "traceability.compliance_certificate.issued",
    ]


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"basis": []}, "basis"),
        ({"basis": ["guesswork"]}, "basis"),
        ({"promise_confirmed": False}, "promise_confirmed"),
        ({"quantity": Decimal("0")}, "quantity"),
        ({"product_category": "cars"}, "product_category"),
        ({"issued_on": datetime.date(2099, 1, 1)}, "issued_on"),
    ],
)
def test_an_incomplete_promise_is_refused_and_nothing_is_written(producer_user, lot, override, field):
    before = AuditEvent.objects.count()
    with pytest.raises(ComplianceCertificateInvalid) as error:
        certificate_issue(producer_user, lot, **override)
    assert list(error.value.extra["errors"]) == [field]
    assert ComplianceCertificate.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_lot_on_hold_gets_no_certificate(producer_user, lot):
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.ON_HOLD)
    with translation.override("en"), pytest.raises(ComplianceCertificateInvalid) as error:
        certificate_issue(producer_user, lot)
    assert error.value.extra == {
        "errors": {"lot_number": ["Lot QCT-20260110 is on hold; no certificate can be issued for it."]}
    }


def test_the_product_must_be_the_producers_and_the_lot_number_valid(producer_user, lot):
    foreign = ProductFactory(enterprise=EnterpriseFactory(district_code="500101"))
    with pytest.raises(ComplianceCertificateInvalid) as error:
        certificate_issue(producer_user, lot, gtin=foreign.gtin)
    assert list(error.value.extra["errors"]) == ["gtin"]
    with pytest.raises(LotInvalid):
        certificate_issue(producer_user, lot, lot_number="青菜头")
    assert ComplianceCertificate.objects.count() == 0


def test_a_supporting_inspection_must_be_a_pass_of_the_same_lot(
    producer_user, department_user, lot, producer
):
    now = timezone.now()
    passed = inspection_record(
        actor=department_user, lot=lot, sampled_at=now, tested_at=now, laboratory="重庆市农产品质量安全中心",
        report_number="NJ-2026-001", items=passing_items(),
    )  # fmt: skip
    certificate = certificate_issue(
        producer_user, lot, basis=[PromiseBasis.COMMISSIONED_TEST], inspection=passed
    )
    assert certificate.inspection == passed
    other_lot = LotFactory(product=lot.product)
    with pytest.raises(ComplianceCertificateInvalid) as error:
        certificate_issue(producer_user, other_lot, inspection=passed)
    assert list(error.value.extra["errors"]) == ["inspection"]
    assert passed.result == InspectionResult.PASS


def test_only_the_producer_its_district_and_staff_issue_and_revoke(producer_user, district_user, lot):
    stranger = enterprise_user(EnterpriseFactory(district_code="500101"), "stranger")
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        certificate_issue(stranger, lot)
    assert AuditEvent.objects.count() == before
    certificate = certificate_issue(district_user, lot)
    with pytest.raises(PermissionDenied):
        compliance_certificate_revoke(actor=stranger, certificate=certificate, reason="x")
    assert list(compliance_certificate_list(actor=producer_user)) == [certificate]
    assert list(compliance_certificate_list(actor=stranger)) == []
    assert list(compliance_certificate_list(actor=None)) == []


def test_revoking_needs_a_reason_happens_once_and_shows_on_the_public_check(producer_user, lot):
    certificate = certificate_issue(producer_user, lot)
    with pytest.raises(ComplianceCertificateInvalid):
        compliance_certificate_revoke(actor=producer_user, certificate=certificate, reason="  ")
    revoked = compliance_certificate_revoke(
        actor=producer_user, certificate=certificate, reason="数量填写错误"
    )
    assert (revoked.status, revoked.revoked_reason, revoked.revoked_by) == (
        "revoked",
        "数量填写错误",
        producer_user,
    )
    assert revoked.revoked_at is not None
    with pytest.raises(ComplianceCertificateNotRevocable):
        compliance_certificate_revoke(actor=producer_user, certificate=certificate, reason="again")
    event = AuditEvent.objects.get(action="traceability.compliance_certificate.revoked")
    assert event.changes == {"status": ["valid", "revoked"], "reason": "数量填写错误"}
    assert compliance_certificate_verify(code=certificate.verification_code.lower()).status == "revoked"


# ---------------------------------------------------------------- the label


def test_the_label_qr_code_encodes_the_lots_digital_link_on_this_site(producer_user, lot):
    lot.lot_number = "QCT/01"
    lot.save()
    certificate = certificate_issue(producer_user, lot)
    link = lot_link(certificate, base_url="https://pinpai.example")
    assert link == f"https://pinpai.example/01/{lot.product.gtin}/10/QCT%2F01"
    html = label_html(certificate, base_url="https://pinpai.example")
    expected = segno.make(link, error="m", micro=False)
    assert qr_data_uri(link) == expected.svg_data_uri(scale=4, border=1)
    assert expected.svg_data_uri(scale=4, border=1) in html
    assert (
        segno.make("https://pinpai.example/01/other", error="m").svg_data_uri(scale=4, border=1) not in html
    )
    assert "承诺达标合格证" in html or "Compliance-promise certificate" in html
    assert (
        f"/traceability/certificates/verify/{certificate.verification_code}/" not in html
    )  # the code is printed, not the link
    assert certificate.verification_code in html


@override_settings(PINPAI_PUBLIC_BASE_URL="https://pinpai.example")
def test_the_label_is_a_100_by_70_mm_pdf_with_an_embedded_cjk_font(producer_user, lot):
    certificate = certificate_issue(producer_user, lot)
    pdf = label_pdf(certificate, base_url="https://pinpai.example")
    assert pdf.startswith(b"%PDF-")
    assert pdf_pages_mm(pdf) == [(100.0, 70.0)]  # one label, the national template's size
    # body text, the title, the codes: every glyph from Noto CJK (Chinese renders, not boxes)
    assert pdf_fonts(pdf) == {"Noto-Sans-CJK-SC", "Noto-Serif-CJK-SC-Bold", "Noto-Sans-Mono-CJK-SC-Bold"}


def test_the_certificate_list_reads_a_page_in_one_query(producer_user, lot, django_assert_num_queries):
    for quantity in ("10", "20", "30"):
        certificate_issue(producer_user, lot, quantity=Decimal(quantity))
    compliance_certificate_list(actor=producer_user).count()  # the actor's scope, computed once
    with django_assert_num_queries(1):
        rows = [
            (c.number, c.lot.lot_number, c.lot.product.gtin, c.producer.organisation.name, c.district.name)
            for c in compliance_certificate_list(actor=producer_user)
        ]
    assert [r[0][-4:] for r in rows] == ["0003", "0002", "0001"]
