"""The quality API under /api/v1/: locations, lots, 合格证 (with the PDF and the public check), inspections, recalls,
recall sites and notices. Exact bodies for errors (problem+json), scoped answers, nothing written when refused."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import timezone

from pinpai.accounts.services import api_token_issue
from pinpai.audit.models import AuditEvent
from pinpai.registry.tests.factories import make_brand, publish
from pinpai.traceability.models import ComplianceCertificate, Inspection, Location, Recall, RecallSite
from pinpai.traceability.tests.factories import bad_check_digit, gln
from pinpai.traceability.tests.quality_world import world_build

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(actor=user, user=user).secret}", **EN}


def iso(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def post(path, body, auth):
    return Client().post(f"/api/v1{path}", body, content_type="application/json", **auth)


def patch(path, body, auth):
    return Client().patch(f"/api/v1{path}", body, content_type="application/json", **auth)


def get(path, auth=None):
    return Client().get(f"/api/v1{path}", **(auth or EN))


def problem(code, status, title, detail, instance, **extra):
    return {
        "type": f"urn:pinpai:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
        "instance": f"/api/v1{instance}",
    }


@pytest.fixture
def world(reference):
    return world_build()


@pytest.fixture
def agri(department_user):
    return bearer(department_user)


def location_body(world, **change):
    return {
        "enterprise": world.producer.pk,
        "gln": gln(50),
        "name": "李渡加工厂",
        "kind": "processor",
        "district": "500102",
        "latitude": "29.70",
        "longitude": "107.30",
        **change,
    }


def issue_body(world, **change):
    return {
        "gtin": world.product.gtin,
        "lot_number": world.lot.lot_number,
        "product_category": "vegetables",
        "quantity": "500",
        "unit": "千克",
        "contact_phone": "023-72220000",
        "district": "500102",
        "address": "江北街道二渡村",
        "basis": ["self_test", "internal_control"],
        "promise_confirmed": True,
        **change,
    }


def inspection_body(world, *, failing=True):
    sampled = timezone.now() - datetime.timedelta(days=2)
    return {
        "lot": world.lot.pk,
        "sampled_at": iso(sampled),
        "tested_at": iso(sampled + datetime.timedelta(days=1)),
        "laboratory": "重庆市农产品质量安全中心",
        "report_number": "NJ-2026-0042",
        "sampling_location": world.shop_site.pk,
        "items": [
            {"name": "毒死蜱", "method_standard": "GB 2763-2021", "measured_value": "0.35" if failing else "0.01",
             "unit": "mg/kg", "limit": "0.02"},
            {"name": "克百威", "method_standard": "GB 2763-2021", "measured_value": None, "unit": "mg/kg", "limit": "0.02"},
        ],
    }  # fmt: skip


# ---------------------------------------------------------------- locations and lots


def test_a_wrong_gln_check_digit_is_a_422_problem_naming_the_field(world, agri):
    before = AuditEvent.objects.count()
    wrong = bad_check_digit(gln(50))
    response = post("/locations", location_body(world, gln=wrong), agri)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    message = f"The check digit of GLN {wrong} is wrong; it should be {gln(50)[-1]}."
    assert response.json() == problem(
        "location_invalid", 422, "Invalid input", f"gln: {message}", "/locations", errors={"gln": [message]}
    )
    assert Location.objects.filter(gln__startswith=wrong[:12]).count() == 0
    assert AuditEvent.objects.count() == before


def test_coordinates_outside_chongqing_are_a_field_error(world, agri):
    response = post("/locations", location_body(world, latitude="39.90", longitude="116.40"), agri)
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "latitude": ["Latitude 39.90 is outside Chongqing (28.1° to 32.3° N)."]
    }


def test_locations_are_registered_listed_updated_and_unique(world, agri):
    created = post("/locations", location_body(world), agri)
    assert created.status_code == 201
    body = created.json()
    location = Location.objects.get(pk=body["id"])
    assert body == {
        "id": location.pk,
        "identifier": f"https://id.gs1.org/414/{gln(50)}",
        "gln": gln(50),
        "extension": "",
        "name": "李渡加工厂",
        "kind": "processor",
        "enterprise": {"id": world.producer.pk, "name": "重庆市涪陵区绿野蔬菜专业合作社"},
        "district": {"code": "500102", "name": "涪陵区"},
        "address": "",
        "latitude": "29.700000",
        "longitude": "107.300000",
        "created_at": iso(location.created_at),
        "updated_at": iso(location.updated_at),
    }
    duplicate = post("/locations", location_body(world), agri)
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "location_duplicate")
    changed = patch(
        f"/locations/{location.pk}", {"name": "李渡青菜头加工厂", "latitude": None, "longitude": None}, agri
    )
    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["latitude"]) == ("李渡青菜头加工厂", None)
    refused = patch(f"/locations/{location.pk}", {"name": None}, agri)
    assert refused.status_code == 422
    page = get("/locations?kind=processor", agri).json()
    assert (page["count"], [i["id"] for i in page["items"]], page["limit"], page["offset"]) == (
        1,
        [location.pk],
        50,
        0,
    )
    mine = get("/locations", bearer(world.shop_user)).json()
    assert [i["name"] for i in mine["items"]] == ["鲜多多解放碑店"]
    assert get("/locations").status_code == 401


def test_an_enterprise_cannot_register_a_location_of_another(world):
    publish(make_brand(world.stranger, name="万州测试"))  # the public may now see the stranger enterprise
    auth = bearer(world.producer_user)
    before = AuditEvent.objects.count()
    response = post("/locations", location_body(world, enterprise=world.stranger.pk), auth)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert AuditEvent.objects.count() == before


def test_lots_are_registered_held_and_listed(world):
    auth = bearer(world.producer_user)
    created = post("/lots", {"gtin": world.product.gtin, "lot_number": "QCT-20260111"}, auth)
    assert created.status_code == 201
    lot_id = created.json()["id"]
    assert created.json()["identifier"] == f"https://id.gs1.org/01/{world.product.gtin}/10/QCT-20260111"
    bad = post("/lots", {"gtin": world.product.gtin, "lot_number": "青菜头一批"}, auth)
    assert (bad.status_code, list(bad.json()["errors"])) == (422, ["lot_number"])
    held = post(f"/lots/{lot_id}/status", {"status": "on_hold", "reason": "自查"}, auth)
    assert held.json()["status"] == "on_hold"
    listed = get("/lots?status=on_hold", auth).json()
    assert [i["lot_number"] for i in listed["items"]] == ["QCT-20260111"]
    assert get(f"/lots/{lot_id}", bearer(world.shop_user)).status_code == 404


# ---------------------------------------------------------------- 合格证


def test_a_certificate_is_issued_printed_checked_publicly_and_revoked(world):
    auth = bearer(world.producer_user)
    response = post("/compliance-certificates", issue_body(world), auth)
    assert response.status_code == 201
    body = response.json()
    certificate = ComplianceCertificate.objects.get()
    assert body["number"] == certificate.number
    assert body["lot"] == {
        "id": world.lot.pk, "identifier": world.lot.identifier, "lot_number": "QCT-20260110", "status": "active",
    }  # fmt: skip
    assert (body["quantity"], body["basis"], body["status"], body["producer"]["id"]) == (
        "500.000000", ["self_test", "internal_control"], "valid", world.producer.pk,
    )  # fmt: skip

    pdf = get(f"/compliance-certificates/{certificate.pk}/pdf", auth)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF-")

    public = get(f"/compliance-certificates/verify/{certificate.verification_code}")
    assert public.status_code == 200
    assert public.json() == {
        "number": certificate.number,
        "status": "valid",
        "revoked_at": None,
        "product_name": "涪陵青菜头",
        "lot_number": "QCT-20260110",
        "lot_status": "active",
        "quantity": "500.000000",
        "unit": "千克",
        "producer": "重庆市涪陵区绿野蔬菜专业合作社",
        "district": "涪陵区",
        "issued_on": iso(timezone.localdate()),
        "basis": ["self_test", "internal_control"],
    }
    assert get("/compliance-certificates/verify/NOSUCHCODE").status_code == 404

    revoked = post(f"/compliance-certificates/{certificate.pk}/revoke", {"reason": "数量填写错误"}, auth)
    assert (revoked.status_code, revoked.json()["status"], revoked.json()["revoked_reason"]) == (
        200,
        "revoked",
        "数量填写错误",
    )
    again = post(f"/compliance-certificates/{certificate.pk}/revoke", {"reason": "again"}, auth)
    assert (again.status_code, again.json()["code"]) == (409, "compliance_certificate_not_revocable")
    assert (
        get(f"/compliance-certificates/verify/{certificate.verification_code}").json()["status"] == "revoked"
    )


def test_another_enterprise_may_not_issue_for_a_producer(world):
    auth = bearer(world.stranger_user)
    before = AuditEvent.objects.count()
    response = post("/compliance-certificates", issue_body(world), auth)
    assert response.status_code == 403
    assert ComplianceCertificate.objects.count() == 0
    assert AuditEvent.objects.count() == before
    incomplete = post(
        "/compliance-certificates", issue_body(world, promise_confirmed=False), bearer(world.producer_user)
    )
    assert (incomplete.status_code, list(incomplete.json()["errors"])) == (422, ["promise_confirmed"])
    assert get("/compliance-certificates", auth).json()["count"] == 0


# ---------------------------------------------------------------- inspections and recalls


def test_a_failed_inspection_through_the_api_opens_a_recall_followed_site_by_site(
    world, agri, django_capture_on_commit_callbacks
):
    own_lot = {**inspection_body(world), "sampling_location": None}  # a producer sees its lot, not the shop
    denied = post("/inspections", own_lot, bearer(world.producer_user))
    assert (denied.status_code, Inspection.objects.count()) == (403, 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = post("/inspections", inspection_body(world), agri)
    assert response.status_code == 201
    body = response.json()
    recall = Recall.objects.get()
    assert body["result"] == "fail"
    assert [(i["name"], i["result"]) for i in body["items"]] == [("毒死蜱", "fail"), ("克百威", "pass")]
    assert body["recalls"] == [{"id": recall.pk, "number": recall.number, "status": "open"}]
    assert len(mail.outbox) == 3

    shop = bearer(world.shop_user)
    seen = get(f"/recalls/{recall.pk}", shop).json()
    assert [s["enterprise"]["id"] for s in seen["sites"]] == [world.shop.pk]
    assert [(lot["lot"]["lot_number"], lot["quantity"], lot["uom"]) for lot in seen["lots"]] == [
        ("QCT-20260110", "300.000000", "KGM")
    ]
    site_id = seen["sites"][0]["id"]
    moved = patch(f"/recall-sites/{site_id}", {"status": "removed_from_sale", "quantity": "118.5"}, shop)
    assert (moved.status_code, moved.json()["status"], moved.json()["quantity"]) == (
        200,
        "removed_from_sale",
        "118.500000",
    )
    back = patch(f"/recall-sites/{site_id}", {"status": "acknowledged"}, shop)
    assert (back.status_code, back.json()["code"]) == (409, "recall_site_transition_not_allowed")
    market_site = RecallSite.objects.get(recall=recall, enterprise=world.market)
    assert patch(f"/recall-sites/{market_site.pk}", {"status": "closed"}, shop).status_code == 404

    notices = get("/recall-notices?unread=true", shop).json()
    assert [(n["recall"]["number"], n["enterprise"]["id"], n["read_at"]) for n in notices["items"]] == [
        (recall.number, world.shop.pk, None)
    ]
    read = post(f"/recall-notices/{notices['items'][0]['id']}/read", {}, shop)
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    assert get("/recall-notices?unread=true", shop).json()["count"] == 0

    assert post(f"/recalls/{recall.pk}/close", {}, shop).status_code == 403
    blocked = post(f"/recalls/{recall.pk}/close", {"note": "结案"}, agri)
    assert blocked.status_code == 409
    assert blocked.json() == problem(
        "recall_not_closable",
        409,
        "Recall has open sites",
        "3 site(s) have not closed the recall yet; give a reason to close it anyway.",
        f"/recalls/{recall.pk}/close",
        open_sites=3,
    )
    closed = post(
        f"/recalls/{recall.pk}/close", {"note": "结案", "override_reason": "已全部下架，门店未回复"}, agri
    )
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    assert closed.json()["lots"][0]["lot"]["status"] == "recalled"
    listed = get("/recalls?status=closed", agri).json()["items"]
    assert [(r["number"], r["site_count"], r["open_site_count"]) for r in listed] == [(recall.number, 3, 3)]


def test_a_passing_inspection_opens_no_recall(world, agri):
    response = post("/inspections", inspection_body(world, failing=False), agri)
    assert (response.status_code, response.json()["result"], response.json()["recalls"]) == (201, "pass", [])
    assert Recall.objects.count() == 0


def test_recalls_are_opened_by_hand_by_staff_only(world, agri):
    denied = post("/recalls", {"lots": [world.lot.pk], "reason": "风险排查"}, bearer(world.producer_user))
    assert denied.status_code == 403
    opened = post("/recalls", {"lots": [world.lot.pk, world.lot.pk], "reason": "风险排查"}, agri)
    assert opened.status_code == 201
    assert (opened.json()["inspection_id"], len(opened.json()["sites"]), len(opened.json()["lots"])) == (
        None,
        3,
        1,
    )
    assert Decimal(opened.json()["lots"][0]["quantity"]) == Decimal("300")
    assert get("/recalls", bearer(world.stranger_user)).json()["count"] == 0
