"""The appraisal whitelist API: the public register and lookup, staff writes, brands' awards and claims, and
every refusal as problem+json with its exact code."""

from __future__ import annotations

import datetime

import pytest

from pinpai.accounts.choices import Role
from pinpai.accounts.services import api_token_issue
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.evaluation.models import Appraisal, AwardClaim
from pinpai.evaluation.services.appraisals import appraisal_award_grant
from pinpai.evaluation.tests.test_appraisals_services import SAMR, make_appraisal
from pinpai.registry.tests.factories import make_brand, make_enterprise, publish

pytestmark = pytest.mark.django_db
D = datetime.date
PROBLEM = "application/problem+json"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(actor=user, user=user).secret}"}


def post(client, path, body, auth=None):
    return client.post(f"/api/v1{path}", body, content_type="application/json", **(auth or {}))


def problem(response, status, code):
    assert (response.status_code, response["Content-Type"]) == (status, PROBLEM)
    body = response.json()
    assert (body["status"], body["code"], body["type"]) == (status, code, f"urn:pinpai:problem:{code}")
    return body


@pytest.fixture
def registrar(department_user):
    return department_user


@pytest.fixture
def quality_award(registrar):
    return make_appraisal(registrar, approval_number="国评组办〔2015〕1号")


@pytest.fixture
def brand(reference):
    return make_brand(make_enterprise())


@pytest.fixture
def owner_user(brand):
    return user_with_role(Role.ENTERPRISE_USER, brand.owner.organisation, username="owner")


REGISTER = {
    "name": "全国质量奖",
    "organiser_name": "中国质量协会",
    "approving_authority": "全国评比达标表彰工作协调小组",
    "level": "association",
    "cycle": "annual",
    "valid_from": "2006-01-01",
}


# ---------------------------------------------------------------- public reads


def test_the_register_is_public_and_paginated(client, quality_award):
    response = client.get("/api/v1/appraisals?level=national&q=质量")
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": quality_award.pk,
                "name": "中国质量奖",
                "organiser": None,
                "organiser_name": SAMR,
                "approving_authority": "全国评比达标表彰工作协调小组",
                "approval_number": "国评组办〔2015〕1号",
                "level": "national",
                "cycle": "biennial",
                "valid_from": "2012-01-01",
                "valid_to": None,
                "status": "sanctioned",
                "status_reason": "",
                "is_demo": False,
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    }
    assert client.get("/api/v1/appraisals?level=provincial").json()["count"] == 0


def test_the_lookup_says_whether_an_award_is_sanctioned(client, quality_award):
    response = client.get("/api/v1/appraisals/lookup", {"q": "第四届 中国质量奖 提名奖", "on": "2024-05-01"})
    assert response.status_code == 200
    assert response.json() == {
        "query": "第四届 中国质量奖 提名奖",
        "on": "2024-05-01",
        "answer": "sanctioned",
        "matches": [
            {
                "appraisal": {
                    "id": quality_award.pk,
                    "name": "中国质量奖",
                    "organiser_name": SAMR,
                    "approving_authority": "全国评比达标表彰工作协调小组",
                    "approval_number": "国评组办〔2015〕1号",
                    "level": "national",
                    "cycle": "biennial",
                    "valid_from": "2012-01-01",
                    "valid_to": None,
                    "status": "sanctioned",
                    "status_reason": "",
                    "source_url": "",
                },
                "answer": "sanctioned",
            }
        ],
    }
    nothing = client.get("/api/v1/appraisals/lookup", {"q": "全球卓越品牌金奖", "on": "2024-05-01"}).json()
    assert nothing == {
        "query": "全球卓越品牌金奖",
        "on": "2024-05-01",
        "answer": "not_on_register",
        "matches": [],
    }


def test_an_unknown_appraisal_is_a_404_problem(client):
    body = problem(client.get("/api/v1/appraisals/999999"), 404, "appraisal_not_found")
    assert body["detail"] == "No appraisal 999999 on the register."


def test_a_lookup_without_a_query_is_a_422_validation_problem(client):
    body = problem(client.get("/api/v1/appraisals/lookup"), 422, "validation_error")
    assert body["errors"][0]["field"] == "q"


# ---------------------------------------------------------------- staff writes


def test_department_staff_register_an_appraisal(client, registrar):
    response = post(client, "/appraisals", REGISTER, bearer(registrar))
    assert response.status_code == 201
    body = response.json()
    appraisal = Appraisal.objects.get()
    assert body["id"] == appraisal.pk
    assert (body["name"], body["level"], body["status"], body["organiser_aliases"]) == (
        "全国质量奖", "association", "sanctioned", "",
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="evaluation.appraisal.registered").count() == 1


def test_registering_needs_a_signed_in_caller(client):
    problem(post(client, "/appraisals", REGISTER), 401, "authentication_required")


def test_an_enterprise_user_may_not_register_and_nothing_is_written(client, owner_user):
    before = AuditEvent.objects.count()
    body = problem(post(client, "/appraisals", REGISTER, bearer(owner_user)), 403, "permission_denied")
    assert body["detail"] == "You are not allowed to do this."
    assert Appraisal.objects.count() == 0
    assert AuditEvent.objects.count() == before + 1  # the token issued for the test, nothing else


def test_an_invalid_appraisal_is_a_422_naming_the_field(client, registrar):
    auth = bearer(registrar)
    body = problem(
        post(client, "/appraisals", {**REGISTER, "valid_to": "2005-12-31"}, auth), 422, "appraisal_invalid"
    )
    assert list(body["errors"]) == ["valid_to"]
    body = problem(
        post(client, "/appraisals", {**REGISTER, "level": "galactic"}, auth), 422, "validation_error"
    )
    assert body["errors"][0]["field"] == "payload.level"
    assert Appraisal.objects.count() == 0


def test_suspend_and_revoke_with_reasons_and_conflicts(client, registrar, quality_award):
    auth = bearer(registrar)
    path = f"/appraisals/{quality_award.pk}"
    problem(post(client, f"{path}/suspend", {"reason": ""}, auth), 422, "appraisal_invalid")
    response = post(client, f"{path}/suspend", {"reason": "核查", "on": "2024-03-01"}, auth)
    assert response.json() == {
        "id": quality_award.pk, "status": "suspended", "status_reason": "核查", "status_changed_on": "2024-03-01",
    }  # fmt: skip
    body = problem(
        post(client, f"{path}/suspend", {"reason": "again"}, auth), 409, "appraisal_transition_not_allowed"
    )
    assert body["current_status"] == "suspended"
    assert post(client, f"{path}/revoke", {"reason": "撤销"}, auth).json()["status"] == "revoked"


def test_patch_changes_only_what_is_sent(client, registrar, quality_award):
    response = client.patch(
        f"/api/v1/appraisals/{quality_award.pk}",
        {"scope_notes": "产品、工程、服务"},
        content_type="application/json",
        **bearer(registrar),
    )
    assert response.status_code == 200
    assert (response.json()["scope_notes"], response.json()["approval_number"]) == (
        "产品、工程、服务",
        "国评组办〔2015〕1号",
    )


# ---------------------------------------------------------------- awards and claims


def test_awards_are_granted_by_staff_and_public_for_published_brands(client, registrar, quality_award, brand):
    auth = bearer(registrar)
    body = {"brand": brand.pk, "year": 2021, "granted_on": "2021-09-16", "title": "中国质量奖提名奖"}
    response = post(client, f"/appraisals/{quality_award.pk}/awards", body, auth)
    assert response.status_code == 201
    award = response.json()
    assert (award["appraisal"]["id"], award["brand"], award["title"]) == (
        quality_award.pk, {"id": brand.pk, "name": "测试榨菜", "owner": "重庆市涪陵区测试榨菜有限公司"}, "中国质量奖提名奖",
    )  # fmt: skip
    problem(
        post(client, f"/appraisals/{quality_award.pk}/awards", body, auth), 422, "appraisal_award_invalid"
    )

    problem(client.get(f"/api/v1/brands/{brand.pk}/awards"), 404, "not_found")  # a draft brand is not public
    publish(brand)
    listed = client.get(f"/api/v1/brands/{brand.pk}/awards").json()
    assert (listed["count"], listed["items"][0]["id"]) == (1, award["id"])
    assert client.get(f"/api/v1/appraisals/{quality_award.pk}/awards").json()["count"] == 1

    revoked = post(
        client, f"/appraisal-awards/{award['id']}/revoke", {"reason": "造假", "on": "2022-01-05"}, auth
    )
    assert (revoked.json()["revoked_on"], revoked.json()["revoked_reason"]) == ("2022-01-05", "造假")


def test_an_enterprise_records_a_claim_and_staff_see_the_flag(
    client, registrar, quality_award, brand, owner_user
):
    appraisal_award_grant(
        actor=registrar, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 9, 16)
    )
    auth = bearer(owner_user)
    matched = post(
        client,
        "/award-claims",
        {"brand": brand.pk, "claimed_title": "中国质量奖", "claimed_organiser": "市场监管总局", "year": 2021},
        auth,
    )
    assert matched.status_code == 201
    assert (matched.json()["status"], matched.json()["flag"], matched.json()["appraisal"]["id"]) == (
        "matched",
        "",
        quality_award.pk,
    )
    flagged = post(
        client,
        "/award-claims",
        {
            "brand": brand.pk,
            "claimed_title": "亚洲名优品牌",
            "claimed_organiser": "亚洲品牌联盟",
            "year": 2023,
        },
        auth,
    )
    assert (flagged.json()["status"], flagged.json()["flag"], flagged.json()["appraisal"]) == (
        "unregistered",
        "not_on_register",
        None,
    )

    problem(client.get("/api/v1/award-claims", **auth), 403, "permission_denied")
    staff = bearer(registrar)
    listed = client.get("/api/v1/award-claims?status=unregistered", **staff).json()
    assert (listed["count"], listed["items"][0]["claimed_title"], listed["items"][0]["claimed_by"]) == (
        1,
        "亚洲名优品牌",
        "owner",
    )

    claim_id = flagged.json()["id"]
    problem(
        post(client, f"/award-claims/{claim_id}/review", {"decision": "dismiss"}, staff),
        422,
        "award_claim_invalid",
    )
    reviewed = post(
        client, f"/award-claims/{claim_id}/review", {"decision": "dismiss", "note": "已撤下"}, staff
    ).json()
    assert (reviewed["status"], reviewed["note"]) == ("dismissed", "已撤下")
    problem(
        post(client, f"/award-claims/{claim_id}/review", {"decision": "confirm"}, staff),
        409,
        "award_claim_not_flagged",
    )
    problem(
        post(client, f"/award-claims/{matched.json()['id']}/review", {"decision": "confirm"}, auth),
        403,
        "permission_denied",
    )
    assert AwardClaim.objects.count() == 2


def test_a_claim_for_a_brand_the_caller_cannot_see_is_a_404(client, brand, reference):
    stranger = user_with_role(
        Role.ENTERPRISE_USER, make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236").organisation,
        username="stranger",
    )  # fmt: skip
    body = {"brand": brand.pk, "claimed_title": "中国质量奖", "claimed_organiser": SAMR, "year": 2021}
    problem(post(client, "/award-claims", body, bearer(stranger)), 404, "not_found")
    assert AwardClaim.objects.count() == 0
