"""Traceability pages: the nav entry, locations, 合格证 (issue form, detail, PDF label, public check), inspections
with item rows, recalls with htmx site buttons, and the notice inbox. UI text is asserted in English (cookie),
except the public check of a revoked certificate, asserted in Chinese."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from pinpai.audit.models import AuditEvent
from pinpai.traceability.models import (
    ComplianceCertificate,
    Inspection,
    Location,
    Recall,
    RecallNotice,
    RecallSite,
)
from pinpai.traceability.services.certificates import compliance_certificate_revoke
from pinpai.traceability.services.recalls import recall_open
from pinpai.traceability.tests.factories import bad_check_digit, certificate_issue, gln
from pinpai.traceability.tests.quality_world import world_build


@pytest.fixture
def world(reference):
    return world_build()


def client_for(user=None, language="en"):
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def text(response):
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_site_nav_links_to_traceability_and_staff_pages_need_a_login(world):
    home = text(client_for().get("/"))
    assert '<a href="/traceability/">Traceability</a>' in home
    assert client_for().get("/traceability/")["Location"] == "/traceability/certificates/verify/"
    assert client_for(world.shop_user).get("/traceability/")["Location"] == "/traceability/certificates/"
    for path in (
        "/traceability/certificates/",
        "/traceability/locations/",
        "/traceability/recalls/",
        "/traceability/notices/",
    ):
        response = client_for().get(path)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")


def test_a_location_form_shows_the_services_field_errors(world):
    client = client_for(world.producer_user)
    form = text(client.get("/traceability/locations/new/"))
    assert f'value="{world.producer.organisation.uscc}"' in form  # the user's enterprise, prefilled
    data = {
        "enterprise_uscc": world.producer.organisation.uscc,
        "gln": bad_check_digit(gln(60)),
        "name": "大顺乡基地",
        "kind": "farm",
        "district": "500102",
        "latitude": "39.9",
        "longitude": "116.4",
    }
    before = AuditEvent.objects.count()
    page = text(client.post("/traceability/locations/new/", data))
    assert f"The check digit of GLN {bad_check_digit(gln(60))} is wrong; it should be {gln(60)[-1]}." in page
    page = text(client.post("/traceability/locations/new/", {**data, "gln": gln(60)}))
    assert "Latitude 39.9 is outside Chongqing (28.1° to 32.3° N)." in page
    assert AuditEvent.objects.count() == before
    done = client.post(
        "/traceability/locations/new/", {**data, "gln": gln(60), "latitude": "29.6", "longitude": "107.5"}
    )
    assert (done.status_code, done["Location"]) == (302, "/traceability/locations/")
    location = Location.objects.get(gln=gln(60))
    listed = text(client.get("/traceability/locations/"))
    assert "大顺乡基地" in listed
    assert "鲜多多解放碑店" not in listed
    assert client_for(world.shop_user).get(f"/traceability/locations/{location.pk}/edit/").status_code == 404


def test_a_form_error_from_django_is_in_chinese_by_default(world):
    page = text(client_for(world.producer_user, "zh-hans").post("/traceability/certificates/new/", {}))
    assert "这个字段是必填项。" in page


def test_a_certificate_is_issued_from_the_form_and_its_label_downloaded(world):
    client = client_for(world.producer_user)
    data = {
        "gtin": world.product.gtin,
        "lot_number": world.lot.lot_number,
        "product_category": "vegetables",
        "quantity": "500",
        "unit": "千克",
        "contact_phone": "023-72220000",
        "district": "500102",
        "address": "江北街道二渡村",
        "basis": ["self_test", "self_promise"],
        "promise_confirmed": "on",
    }
    missing = text(client.post("/traceability/certificates/new/", {**data, "promise_confirmed": ""}))
    assert "This field is required." in missing
    assert ComplianceCertificate.objects.count() == 0
    response = client.post("/traceability/certificates/new/", data)
    certificate = ComplianceCertificate.objects.get()
    assert response["Location"] == f"/traceability/certificates/{certificate.pk}/"
    detail = text(client.get(response["Location"]))
    assert certificate.number in detail
    assert f'href="/traceability/certificates/{certificate.pk}/label.pdf"' in detail
    assert "Download PDF label" in detail
    assert "self-testing、self-declaration" in detail
    label = client.get(f"/traceability/certificates/{certificate.pk}/label.pdf")
    assert (label.status_code, label["Content-Type"]) == (200, "application/pdf")
    assert label.content.startswith(b"%PDF-")
    assert (
        client_for(world.stranger_user).get(f"/traceability/certificates/{certificate.pk}/").status_code
        == 404
    )


def test_another_enterprise_gets_a_form_error_not_a_certificate(world):
    page = text(
        client_for(world.stranger_user).post(
            "/traceability/certificates/new/",
            {
                "gtin": world.product.gtin, "lot_number": "X1", "product_category": "vegetables", "quantity": "1",
                "unit": "千克", "contact_phone": "1", "district": "500102", "address": "x", "basis": ["self_promise"],
                "promise_confirmed": "on",
            },
        )
    )  # fmt: skip
    assert "You may not issue certificates for this product&#x27;s producer." in page
    assert ComplianceCertificate.objects.count() == 0


def test_the_public_check_says_valid_or_revoked_without_a_login(world):
    certificate = certificate_issue(world.producer_user, world.lot)
    valid = text(
        client_for(language="zh-hans").get(
            f"/traceability/certificates/verify/{certificate.verification_code}/"
        )
    )
    assert "有效" in valid
    assert certificate.number in valid
    assert "涪陵青菜头" in valid
    compliance_certificate_revoke(actor=world.producer_user, certificate=certificate, reason="数量填写错误")
    revoked = text(
        client_for(language="zh-hans").get(
            f"/traceability/certificates/verify/{certificate.verification_code}/"
        )
    )
    assert "已撤销" in revoked
    assert "数量填写错误" in revoked
    lookup = client_for().get(
        "/traceability/certificates/verify/", {"code": certificate.verification_code.lower()}
    )
    assert lookup["Location"] == f"/traceability/certificates/verify/{certificate.verification_code}/"
    unknown = client_for().get("/traceability/certificates/verify/ZZZZZZZZZZ/")
    assert unknown.status_code == 404
    assert "No certificate has the check code ZZZZZZZZZZ." in unknown.content.decode()


def test_an_inspection_is_recorded_with_item_rows_and_a_failure_opens_a_recall(world, department_user):
    client = client_for(department_user)
    assert "items-TOTAL_FORMS" in text(client.get("/traceability/inspections/new/"))
    sampled = timezone.localtime() - datetime.timedelta(days=2)
    data = {
        "gtin": world.product.gtin,
        "lot_number": world.lot.lot_number,
        "sampled_at": sampled.strftime("%Y-%m-%dT%H:%M"),
        "sampling_gln": world.shop_site.gln,
        "laboratory": "重庆市农产品质量安全中心",
        "report_number": "NJ-2026-0042",
        "tested_at": (sampled + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "result": "",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-0-name": "毒死蜱",
        "items-0-method_standard": "GB 2763-2021",
        "items-0-measured_value": "0.35",
        "items-0-unit": "mg/kg",
        "items-0-limit": "0.02",
        "items-0-result": "pass",
        "items-1-name": "",
        "items-2-name": "克百威",
        "items-2-limit": "0.02",
    }
    page = text(client.post("/traceability/inspections/new/", data))
    assert "毒死蜱: 0.35 exceeds the limit 0.02, so the item fails." in page
    assert Inspection.objects.count() == 0
    response = client.post("/traceability/inspections/new/", {**data, "items-0-result": ""})
    inspection = Inspection.objects.get()
    assert response["Location"] == f"/traceability/inspections/{inspection.pk}/"
    recall = Recall.objects.get()
    detail = text(client.get(response["Location"]))
    assert recall.number in detail
    assert "not detected" in detail
    assert [i.name for i in inspection.items.all()] == ["毒死蜱", "克百威"]
    assert client_for(world.producer_user).get("/traceability/inspections/new/").status_code == 403


def test_recall_sites_move_forward_with_htmx_buttons(world, department_user):
    recall = recall_open(actor=department_user, lots=[world.lot], reason="风险排查")
    shop_site = RecallSite.objects.get(recall=recall, enterprise=world.shop)
    shop = client_for(world.shop_user)
    detail = text(shop.get(f"/traceability/recalls/{recall.pk}/"))
    assert detail.count('data-site="') == 1  # only its own site
    assert f'hx-post="/traceability/recall-sites/{shop_site.pk}/"' in detail
    assert 'name="status" value="acknowledged"' in detail
    assert "Close the recall" not in detail
    row = shop.post(
        f"/traceability/recall-sites/{shop_site.pk}/",
        {"status": "removed_from_sale", "quantity": "100"},
        HTTP_HX_REQUEST="true",
    )
    body = text(row)
    assert body.startswith(f'<tr id="site-{shop_site.pk}"')
    assert 'data-status="removed_from_sale"' in body
    assert 'value="acknowledged"' not in body
    assert 'value="closed"' in body
    back = text(
        shop.post(
            f"/traceability/recall-sites/{shop_site.pk}/", {"status": "acknowledged"}, HTTP_HX_REQUEST="true"
        )
    )
    assert "progress only moves forward" in back
    staff = text(client_for(department_user).get(f"/traceability/recalls/{recall.pk}/"))
    assert staff.count('data-site="') == 3
    assert "Close the recall" in staff
    refused = text(
        client_for(department_user).post(f"/traceability/recalls/{recall.pk}/close/", {"note": "x"})
    )
    assert "3 site(s) have not closed the recall yet; give a reason to close it anyway." in refused
    closed = client_for(department_user).post(
        f"/traceability/recalls/{recall.pk}/close/", {"note": "结案", "override_reason": "门店已停业"}
    )
    assert closed.status_code == 302
    recall.refresh_from_db()
    assert recall.status == "closed"


def test_the_notice_inbox_marks_notices_read(world, department_user):
    recall = recall_open(actor=department_user, lots=[world.lot], reason="风险排查")
    notice = RecallNotice.objects.get(recall=recall, enterprise=world.market)
    market = client_for(world.market_user)
    inbox = text(market.get("/traceability/notices/"))
    assert recall.number in inbox
    assert inbox.count('data-notice="') == 1
    assert "Mark as read" in inbox
    row = text(market.post(f"/traceability/notices/{notice.pk}/read/", HTTP_HX_REQUEST="true"))
    assert row.startswith(f'<tr id="notice-{notice.pk}"')
    assert "Mark as read" not in row
    notice.refresh_from_db()
    assert notice.read_by == world.market_user
    assert client_for(world.shop_user).post(f"/traceability/notices/{notice.pk}/read/").status_code == 404


def test_lists_show_the_actors_rows(world, department_user):
    certificate_issue(world.producer_user, world.lot)
    recall_open(actor=department_user, lots=[world.lot], reason="风险排查")
    assert "QCT-20260110" in text(client_for(world.producer_user).get("/traceability/certificates/"))
    assert "No certificate matches these filters." in text(
        client_for(world.stranger_user).get("/traceability/certificates/")
    )
    rows = client_for(department_user).get(
        "/traceability/recalls/", {"status": "open"}, HTTP_HX_REQUEST="true"
    )
    assert "3 open of 3" in text(rows)
    assert "<html" not in text(rows)
    assert "QCT-20260110" in text(client_for(department_user).get("/traceability/lots/"))


def test_the_back_office_lists_quality_records_read_only(world, department_user, admin_user):
    certificate_issue(world.producer_user, world.lot)
    recall = recall_open(actor=department_user, lots=[world.lot], reason="风险排查")
    admin_user.is_staff = True
    admin_user.save()
    client = client_for(admin_user)
    for path in (
        "/admin/traceability/compliancecertificate/",
        "/admin/traceability/location/",
        "/admin/traceability/lot/",
        "/admin/traceability/recall/",
        f"/admin/traceability/recall/{recall.pk}/change/",
        "/admin/traceability/recallnotice/",
        "/admin/traceability/inspection/",
    ):
        assert client.get(path).status_code == 200, path
    assert client.get("/admin/traceability/recall/add/").status_code == 403
