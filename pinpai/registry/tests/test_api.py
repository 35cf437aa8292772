import datetime
import json
import threading

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.utils import timezone, translation
from stdnum import ean

from conftest import department, district_government
from pinpai.accounts.choices import Role
from pinpai.accounts.models import Organisation
from pinpai.accounts.services import api_token_issue, system_user_ensure
from pinpai.accounts.tests.factories import user_with_role, valid_uscc
from pinpai.audit.models import AuditEvent
from pinpai.common.models import District, Pillar
from pinpai.registry.choices import BrandStatus, CertificateKind
from pinpai.registry.models import (
    Brand,
    BrandReview,
    Certificate,
    CultivationList,
    Enterprise,
    GeographicalIndication,
    Product,
    Trademark,
)
from pinpai.registry.services.brands import brand_district_approve, brand_submit
from pinpai.registry.services.cultivation import cultivation_list_create
from pinpai.registry.services.rights import gi_register, product_register, trademark_register
from pinpai.registry.tests.factories import make_brand, make_certificate, make_enterprise, publish

PILLAR = {"code": "agri-processed", "name": "加工农产品品牌体系"}
REGIONAL = {"code": "regional", "name": "区域性品牌"}
FULING = {"code": "500102", "name": "涪陵区"}
ZHACAI_NAME = "重庆市涪陵区测试榨菜有限公司"


def iso(value):
    """A date or time as the API writes it."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def zh(label):
    """A label as the API shows it: in Chinese, the default language."""
    with translation.override("zh-hans"):
        return str(label)


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(actor=user, user=user).secret}"}


def post(client, path, body=None, auth=None):
    return client.post(f"/api/v1{path}", body or {}, content_type="application/json", **(auth or {}))


def patch(client, path, body, auth):
    return client.patch(f"/api/v1{path}", body, content_type="application/json", **auth)


def gtin13(n: int) -> str:
    body = f"690123456{n:03d}"
    return body + ean.calc_check_digit(body)


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
def zhacai(reference):
    return make_enterprise()


@pytest.fixture
def fengjie(reference):
    return make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236")


@pytest.fixture
def owner_user(zhacai):
    return user_with_role(Role.ENTERPRISE_USER, zhacai.organisation, username="owner")


@pytest.fixture
def econ_staff(reference):
    """市经济信息委 leads agri-processed."""
    return user_with_role(Role.DEPARTMENT_STAFF, department("市经济信息委"), username="econ")


@pytest.fixture
def brand(zhacai):
    return make_brand(zhacai)


# ---------------------------------------------------------------- scoping


@pytest.fixture
def registry_rows(zhacai, fengjie):
    """涪陵: one published and one draft brand; 奉节: a draft agri-processed brand and a draft
    manufacturing brand (a pillar 市农委 has no part in)."""
    publish(make_brand(zhacai, name="已发布品牌"))
    make_brand(zhacai, name="草稿品牌")
    make_brand(fengjie, name="奉节草稿", district_codes=("500236",))
    make_brand(
        fengjie, name="奉节摩托", pillar_code="mfg-international", district_codes=("500236",),
        product_line=None, category_code=None, tier_code=None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("caller", "brands", "enterprises"),
    [
        (None, ["已发布品牌"], [ZHACAI_NAME]),
        ("owner_user", ["已发布品牌", "草稿品牌"], [ZHACAI_NAME]),
        ("district_user", ["已发布品牌", "草稿品牌"], [ZHACAI_NAME]),
        (
            "department_user",
            ["奉节草稿", "已发布品牌", "草稿品牌"],
            [ZHACAI_NAME, "重庆市奉节县测试果业有限公司"],
        ),
        (
            "admin_user",
            ["奉节摩托", "奉节草稿", "已发布品牌", "草稿品牌"],
            [ZHACAI_NAME, "重庆市奉节县测试果业有限公司"],
        ),
    ],
)
def test_lists_show_each_caller_only_its_scope(request, registry_rows, client, caller, brands, enterprises):
    auth = bearer(request.getfixturevalue(caller)) if caller else {}
    body = client.get("/api/v1/brands", **auth).json()
    assert sorted(b["name"] for b in body["items"]) == brands
    assert body["count"] == len(brands)
    body = client.get("/api/v1/enterprises", **auth).json()
    assert sorted(e["name"] for e in body["items"]) == sorted(enterprises)
    assert body["count"] == len(enterprises)


def test_the_public_brand_list_is_published_brands_only(zhacai, client):
    published = publish(make_brand(zhacai, name="已发布品牌"))
    make_brand(zhacai, name="草稿品牌")
    response = client.get("/api/v1/brands")
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "id": published.pk,
                "name": "已发布品牌",
                "name_en": "",
                "kind": "product",
                "status": "published",
                "pillar": PILLAR,
                "tier": REGIONAL,
                "owner": {"id": zhacai.pk, "name": ZHACAI_NAME},
                "published_at": iso(published.published_at),
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    }


def test_a_brand_the_caller_may_not_see_is_not_found(registry_rows, owner_user, client):
    hidden = Brand.objects.get(name="奉节草稿")
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    response = client.get(f"/api/v1/brands/{hidden.pk}", **auth)
    assert response.status_code == 404
    assert response.json() == problem(
        "not_found", 404, "Not found", f"No brand with id {hidden.pk}.", f"/brands/{hidden.pk}"
    )
    response = patch(client, f"/brands/{hidden.pk}", {"name": "改名"}, auth)
    assert response.status_code == 404
    assert response.json()["detail"] == f"No brand with id {hidden.pk}."
    assert Brand.objects.get(pk=hidden.pk).name == "奉节草稿"
    assert AuditEvent.objects.count() == events


def test_enterprise_detail_shows_contacts_only_to_who_may_edit_it(zhacai, owner_user, client):
    publish(make_brand(zhacai))
    expected = {
        "id": zhacai.pk,
        "kind": "enterprise",
        "name": ZHACAI_NAME,
        "uscc": zhacai.organisation.uscc,
        "district": FULING,
        "legal_representative": "张明",
        "registered_capital_yuan": "5000000.00",
        "founded_on": "2008-05-12",
        "industry": {"code": "14", "name": "食品制造业"},
        "address": "",
        "status": "active",
        "status_changed_on": None,
        "contact": None,
    }
    assert client.get(f"/api/v1/enterprises/{zhacai.pk}").json() == expected
    body = client.get(f"/api/v1/enterprises/{zhacai.pk}", **bearer(owner_user)).json()
    assert body == {**expected, "contact": {"contact_name": "", "contact_phone": "", "contact_email": ""}}


# ---------------------------------------------------------------- enterprises


def enterprise_body(uscc):
    return {
        "name": "重庆市涪陵区新盛榨菜有限公司",
        "uscc": uscc,
        "district": "500102",
        "legal_representative": "李华",
        "registered_capital_yuan": "1200000.50",
        "founded_on": "2015-03-01",
        "industry": "14",
        "address": "涪陵区江北街道",
        "contact_name": "王芳",
        "contact_phone": "023-72000000",
        "contact_email": "wang@example.cn",
    }


def test_district_staff_register_an_enterprise(district_user, client):
    uscc = valid_uscc("500102")
    response = post(client, "/enterprises", enterprise_body(uscc), bearer(district_user))
    assert response.status_code == 201
    enterprise = Enterprise.objects.get(organisation__uscc=uscc)
    assert response.json() == {
        "id": enterprise.pk,
        "kind": "enterprise",
        "name": "重庆市涪陵区新盛榨菜有限公司",
        "uscc": uscc,
        "district": FULING,
        "legal_representative": "李华",
        "registered_capital_yuan": "1200000.50",
        "founded_on": "2015-03-01",
        "industry": {"code": "14", "name": "食品制造业"},
        "address": "涪陵区江北街道",
        "contact_name": "王芳",
        "contact_phone": "023-72000000",
        "contact_email": "wang@example.cn",
        "status": "active",
    }
    assert list(AuditEvent.objects.order_by("-sequence").values_list("action", flat=True)[:2]) == [
        "registry.enterprise.registered",
        "accounts.organisation.created",
    ]


def test_an_invalid_uscc_is_a_422_naming_the_field(district_user, client):
    good = valid_uscc("500102")
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    auth = bearer(district_user)
    organisations, events = Organisation.objects.count(), AuditEvent.objects.count()
    response = post(client, "/enterprises", enterprise_body(bad), auth)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    message = f"统一社会信用代码 {bad} 的校验码（第 18 位）错误。"
    assert response.json() == problem(
        "organisation_invalid", 422, "Invalid input", message, "/enterprises", errors={"uscc": [message]}
    )
    assert Organisation.objects.count() == organisations
    assert Enterprise.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_an_enterprise_user_cannot_register_enterprises(owner_user, client):
    auth = bearer(owner_user)
    enterprises, events = Enterprise.objects.count(), AuditEvent.objects.count()
    response = post(client, "/enterprises", enterprise_body(valid_uscc("500102")), auth)
    assert response.status_code == 403
    assert response.json() == problem(
        "permission_denied", 403, "Permission denied", "You are not allowed to do this.", "/enterprises"
    )
    assert Enterprise.objects.count() == enterprises
    assert AuditEvent.objects.count() == events


def test_writes_need_a_signed_in_caller(reference, client):
    response = post(client, "/enterprises", enterprise_body(valid_uscc("500102")))
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_required"
    assert Enterprise.objects.count() == 0


def test_the_owner_updates_its_enterprise_and_only_sent_fields_change(zhacai, owner_user, client):
    response = patch(
        client,
        f"/enterprises/{zhacai.pk}",
        {"address": "涪陵区李渡街道", "contact_phone": "023-72111111", "registered_capital_yuan": None},
        bearer(owner_user),
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": zhacai.pk,
        "name": ZHACAI_NAME,
        "uscc": zhacai.organisation.uscc,
        "district": FULING,
        "legal_representative": "张明",
        "registered_capital_yuan": None,
        "founded_on": "2008-05-12",
        "industry": {"code": "14", "name": "食品制造业"},
        "address": "涪陵区李渡街道",
        "contact_name": "",
        "contact_phone": "023-72111111",
        "contact_email": "",
        "status": "active",
    }
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.changes) == (
        "registry.enterprise.updated",
        {
            "address": ["", "涪陵区李渡街道"],
            "contact_phone": ["", "023-72111111"],
            "registered_capital_yuan": ["5000000.00", None],
        },
    )


def test_a_field_that_cannot_be_empty_cannot_be_sent_as_null(zhacai, owner_user, client):
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    response = patch(client, f"/enterprises/{zhacai.pk}", {"name": None}, auth)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "payload.name",
            "message": "Value error, may be left out, but not null",
            "type": "value_error",
        }
    ]
    assert AuditEvent.objects.count() == events


def test_district_staff_record_a_status_change(zhacai, district_user, client):
    response = post(
        client,
        f"/enterprises/{zhacai.pk}/status",
        {"status": "deregistered", "changed_on": "2025-06-30"},
        bearer(district_user),
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": zhacai.pk,
        "name": ZHACAI_NAME,
        "status": "deregistered",
        "status_changed_on": "2025-06-30",
    }


# ---------------------------------------------------------------- brands and their workflow


def test_a_brand_is_created_and_walks_the_whole_review_through_the_api(
    zhacai, owner_user, district_user, econ_staff, client
):
    owner, district, econ = bearer(owner_user), bearer(district_user), bearer(econ_staff)
    response = post(
        client,
        "/brands",
        {
            "owner": zhacai.pk, "name": "涪陵青菜头", "kind": "product", "pillar": "agri-processed",
            "tier": "regional", "categories": ["pickles-condiments"], "product_lines": ["榨菜"],
            "districts": ["500102"], "story": "乌江边的青菜头。", "founded_year": 2010,
        },
        owner,
    )  # fmt: skip
    assert response.status_code == 201
    brand_id = response.json()["id"]
    assert response.json() == {
        "id": brand_id,
        "name": "涪陵青菜头",
        "name_en": "",
        "kind": "product",
        "status": "draft",
        "owner": {"id": zhacai.pk, "name": ZHACAI_NAME},
        "pillar": PILLAR,
        "tier": REGIONAL,
        "categories": [{"code": "pickles-condiments", "name": "榨菜及调味品"}],
        "product_lines": [{"name": "榨菜"}],
        "districts": [FULING],
        "story": "乌江边的青菜头。",
        "founded_year": 2010,
        "website": "",
    }

    def step(path, auth, body=None):
        response = post(client, f"/brands/{brand_id}/{path}", body, auth)
        assert response.status_code == 200, response.json()
        return response.json()

    assert step("submit", owner) == {
        "id": brand_id, "name": "涪陵青菜头", "status": "submitted", "status_reason": "", "published_at": None,
    }  # fmt: skip
    queue = client.get("/api/v1/brands/review-queue", **district).json()
    assert [(b["id"], b["status"]) for b in queue["items"]] == [(brand_id, "submitted")]
    assert step("district-approve", district, {"reason": "材料齐全"})["status"] == "district_approved"
    assert client.get("/api/v1/brands/review-queue", **district).json()["count"] == 0
    assert step("department-approve", econ)["status"] == "approved"
    published = step("publish", econ)
    brand = Brand.objects.get(pk=brand_id)
    assert published == {
        "id": brand_id,
        "name": "涪陵青菜头",
        "status": "published",
        "status_reason": "",
        "published_at": iso(brand.published_at),
    }

    body = client.get(f"/api/v1/brands/{brand_id}").json()  # now public
    reviews = list(BrandReview.objects.filter(brand=brand).order_by("at", "pk"))
    assert body == {
        "id": brand_id,
        "name": "涪陵青菜头",
        "name_en": "",
        "kind": "product",
        "status": "published",
        "status_reason": "",
        "owner": {"id": zhacai.pk, "name": ZHACAI_NAME, "district": FULING},
        "pillar": PILLAR,
        "tier": REGIONAL,
        "categories": [{"code": "pickles-condiments", "name": "榨菜及调味品"}],
        "product_lines": [{"name": "榨菜"}],
        "districts": [FULING],
        "story": "乌江边的青菜头。",
        "logo": None,
        "founded_year": 2010,
        "website": "",
        "published_at": iso(brand.published_at),
        "certificates": [],
        "trademarks": [],
        "reviews": [
            {
                "action": action,
                "from_status": a,
                "to_status": b,
                "reason": reason,
                "actor": actor,
                "at": iso(r.at),
            }
            for r, (action, a, b, reason, actor) in zip(
                reviews,
                [
                    ("submitted", "draft", "submitted", "", "owner 测试"),
                    ("district_approved", "submitted", "district_approved", "材料齐全", "fuling 测试"),
                    ("department_approved", "district_approved", "approved", "", "econ 测试"),
                    ("published", "approved", "published", "", "econ 测试"),
                ],
                strict=True,
            )
        ],
    }
    actions = AuditEvent.objects.for_target(brand).order_by("sequence").values_list("action", flat=True)
    assert list(actions) == [
        "registry.brand.created", "registry.brand.submitted", "registry.brand.district_approved",
        "registry.brand.department_approved", "registry.brand.published",
    ]  # fmt: skip


def test_the_owner_edits_its_draft_and_lists_replace_what_was_there(brand, owner_user, client):
    response = patch(
        client,
        f"/brands/{brand.pk}",
        {"story": "百年老字号。", "categories": [], "tier": None},
        bearer(owner_user),
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": brand.pk,
        "name": "测试榨菜",
        "name_en": "",
        "kind": "product",
        "status": "draft",
        "owner": {"id": brand.owner_id, "name": ZHACAI_NAME},
        "pillar": PILLAR,
        "tier": None,
        "categories": [],
        "product_lines": [{"name": "榨菜"}],
        "districts": [FULING],
        "story": "百年老字号。",
        "founded_year": 2008,
        "website": "",
    }


def test_approving_twice_is_a_409_and_writes_nothing_the_second_time(brand, district_user, client):
    brand_submit(actor=system_user_ensure(), brand=brand)
    auth = bearer(district_user)
    assert post(client, f"/brands/{brand.pk}/district-approve", {}, auth).status_code == 200
    events = AuditEvent.objects.count()
    response = post(client, f"/brands/{brand.pk}/district-approve", {}, auth)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == problem(
        "brand_transition_not_allowed",
        409,
        "Conflict",
        f"测试榨菜 当前为“{zh(BrandStatus.DISTRICT_APPROVED.label)}”；此操作要求其状态为“{zh(BrandStatus.SUBMITTED.label)}”。",
        f"/brands/{brand.pk}/district-approve",
        current_status="district_approved",
    )
    assert BrandReview.objects.filter(brand=brand, to_status="district_approved").count() == 1
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_one_wins_the_other_gets_409(reference, district_user):
    zhacai = make_enterprise()
    brand = brand_submit(actor=system_user_ensure(), brand=make_brand(zhacai))
    second = user_with_role(Role.DISTRICT_STAFF, district_government("500102"), username="fuling2")
    auths = [bearer(district_user), bearer(second)]
    barrier = threading.Barrier(2)
    results: list[tuple[int, str]] = []

    def approve(auth):
        try:
            barrier.wait(timeout=10)
            response = post(Client(), f"/brands/{brand.pk}/district-approve", {}, auth)
            results.append(
                (response.status_code, response.json()["code"] if response.status_code >= 400 else "")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(auth,)) for auth in auths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [(200, ""), (409, "brand_transition_not_allowed")]
    assert BrandReview.objects.filter(brand=brand, to_status="district_approved").count() == 1
    assert AuditEvent.objects.filter(action="registry.brand.district_approved").count() == 1


def test_an_owner_cannot_approve_its_own_brand(brand, owner_user, client):
    brand_submit(actor=system_user_ensure(), brand=brand)
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    response = post(client, f"/brands/{brand.pk}/district-approve", {"reason": "自己批准"}, auth)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.SUBMITTED
    assert BrandReview.objects.filter(brand=brand).count() == 1  # the submission only
    assert AuditEvent.objects.count() == events


def test_returning_without_a_reason_is_refused(brand, district_user, client):
    brand_submit(actor=system_user_ensure(), brand=brand)
    auth = bearer(district_user)
    events = AuditEvent.objects.count()
    response = post(client, f"/brands/{brand.pk}/district-return", {"reason": "  "}, auth)
    assert response.status_code == 422
    assert response.json() == problem(
        "brand_invalid",
        422,
        "Invalid input",
        "此操作须填写理由。",
        f"/brands/{brand.pk}/district-return",
        errors={"reason": ["必填"]},
    )
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.SUBMITTED
    assert AuditEvent.objects.count() == events


def test_publishing_with_an_expired_certificate_is_a_422(zhacai, brand, econ_staff, client):
    actor = system_user_ensure()
    brand_district_approve(actor=actor, brand=brand_submit(actor=actor, brand=brand))
    auth = bearer(econ_staff)
    assert post(client, f"/brands/{brand.pk}/department-approve", {}, auth).status_code == 200
    cert = make_certificate(
        zhacai, brand=brand, valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2023, 1, 1)
    )
    events, reviews = AuditEvent.objects.count(), BrandReview.objects.count()
    response = post(client, f"/brands/{brand.pk}/publish", None, auth)
    assert response.status_code == 422
    assert response.json() == problem(
        "brand_certificates_expired",
        422,
        "Invalid input",
        "测试榨菜 不能发布：以下证书已过期或被撤销："
        f"{zh(CertificateKind.GREEN_FOOD.label)} LB-18-1234567890（有效期至 2023-01-01）。",
        f"/brands/{brand.pk}/publish",
        certificates=[cert.pk],
    )
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.APPROVED
    assert (AuditEvent.objects.count(), BrandReview.objects.count()) == (events, reviews)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"pillar": "nope"}, "pillar", "unknown pillar code 'nope'"),
        ({"tier": "gold"}, "tier", "unknown tier code 'gold'"),
        ({"categories": ["pickles-condiments", "fruit"]}, "categories",
         "unknown category code 'fruit' in pillar agri-processed"),
        ({"product_lines": ["脐橙"]}, "product_lines", "unknown product line '脐橙' in pillar agri-processed"),
        ({"districts": ["500102", "999999", "123456"]}, "districts", "unknown district codes '999999', '123456'"),
    ],
)  # fmt: skip
def test_an_unknown_code_is_a_422_naming_the_field_and_value(
    zhacai, owner_user, client, change, field, message
):
    body = {
        "owner": zhacai.pk, "name": "新品牌", "kind": "product", "pillar": "agri-processed",
        "categories": ["pickles-condiments"], "districts": ["500102"], **change,
    }  # fmt: skip
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    response = post(client, "/brands", body, auth)
    assert response.status_code == 422
    assert response.json() == problem(
        "brand_invalid", 422, "Invalid input", f"{field}: {message}", "/brands", errors={field: [message]}
    )
    assert Brand.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_brand_for_an_enterprise_the_caller_may_not_see_is_not_found(fengjie, owner_user, client):
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    body = {
        "owner": fengjie.pk,
        "name": "冒名品牌",
        "kind": "product",
        "pillar": "agri-processed",
        "districts": ["500236"],
    }
    response = post(client, "/brands", body, auth)
    assert response.status_code == 404
    assert response.json()["detail"] == f"No enterprise with id {fengjie.pk}."
    assert Brand.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_suspend_reinstate_and_withdraw(brand, owner_user, econ_staff, client):
    publish(brand)
    econ, owner = bearer(econ_staff), bearer(owner_user)
    assert (
        post(client, f"/brands/{brand.pk}/suspend", {"reason": "抽检不合格"}, econ).json()["status"]
        == "suspended"
    )
    assert post(client, f"/brands/{brand.pk}/reinstate", None, econ).json()["status"] == "published"
    response = post(client, f"/brands/{brand.pk}/withdraw", {"reason": "停止经营"}, owner)
    assert response.json() == {
        "id": brand.pk,
        "name": "测试榨菜",
        "status": "withdrawn",
        "status_reason": "停止经营",
        "published_at": iso(Brand.objects.get(pk=brand.pk).published_at),
    }


# ---------------------------------------------------------------- trademarks


def trademark_body(zhacai, brand, number="12345678"):
    return {
        "registrant": zhacai.pk,
        "registration_number": number,
        "nice_class": 29,
        "mark_text": "测试榨菜",
        "goods_services": "榨菜；腌制蔬菜",
        "brand": brand.pk,
        "valid_from": "2020-01-07",
        "valid_to": "2030-01-06",
    }


def test_a_trademark_is_registered_then_a_duplicate_number_is_a_409(zhacai, brand, owner_user, client):
    auth = bearer(owner_user)
    response = post(client, "/trademarks", trademark_body(zhacai, brand), auth)
    assert response.status_code == 201
    trademark = Trademark.objects.get()
    assert response.json() == {
        "id": trademark.pk,
        "registration_number": "12345678",
        "nice_class": 29,
        "mark_text": "测试榨菜",
        "goods_services": "榨菜；腌制蔬菜",
        "registrant": {"id": zhacai.pk, "name": ZHACAI_NAME},
        "brand": {"id": brand.pk, "name": "测试榨菜"},
        "valid_from": "2020-01-07",
        "valid_to": "2030-01-06",
        "status": "registered",
    }
    events = AuditEvent.objects.count()
    response = post(client, "/trademarks", trademark_body(zhacai, brand, number="1234 5678"), auth)
    assert response.status_code == 409
    assert response.json() == problem(
        "trademark_duplicate",
        409,
        "Conflict",
        "商标注册号 12345678 已登记。",  # Chinese by default
        "/trademarks",
        errors={"registration_number": ["重复"]},
    )
    assert Trademark.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_a_trademark_is_updated_and_licensed(zhacai, fengjie, brand, owner_user, client):
    publish(make_brand(fengjie, name="奉节脐橙", district_codes=("500236",)))  # makes 奉节 visible
    trademark = trademark_register(
        actor=system_user_ensure(), registrant=zhacai, registration_number="12345678", nice_class=29,
        valid_from=datetime.date(2020, 1, 7), valid_to=datetime.date(2030, 1, 6), brand=brand,
    )  # fmt: skip
    auth = bearer(owner_user)
    response = patch(client, f"/trademarks/{trademark.pk}", {"status": "pledged", "brand": None}, auth)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["brand"]) == ("pledged", None)
    response = post(
        client,
        f"/trademarks/{trademark.pk}/licences",
        {
            "licensee": fengjie.pk,
            "record_number": "许备2024-001",
            "valid_from": "2024-01-01",
            "valid_to": "2026-12-31",
        },
        auth,
    )
    assert response.status_code == 201
    licence = trademark.licences.get()
    assert response.json() == {
        "id": licence.pk,
        "trademark_id": trademark.pk,
        "licensee": {"id": fengjie.pk, "name": "重庆市奉节县测试果业有限公司"},
        "record_number": "许备2024-001",
        "valid_from": "2024-01-01",
        "valid_to": "2026-12-31",
    }


# ---------------------------------------------------------------- certificates


def test_certificates_are_registered_listed_by_expiry_and_revoked(
    zhacai, brand, owner_user, district_user, client
):
    today = timezone.localdate()
    auth = bearer(owner_user)
    soon = today + datetime.timedelta(days=30)
    response = post(
        client,
        "/certificates",
        {
            "holder": zhacai.pk, "kind": "organic", "number": "OR-2024-001", "issuer": "中国质量认证中心",
            "scope": "榨菜", "brand": brand.pk, "valid_from": "2024-01-01", "valid_to": soon.isoformat(),
        },
        auth,
    )  # fmt: skip
    assert response.status_code == 201
    soon_cert = Certificate.objects.get(number="OR-2024-001")
    assert response.json() == {
        "id": soon_cert.pk,
        "kind": "organic",
        "number": "OR-2024-001",
        "issuer": "中国质量认证中心",
        "scope": "榨菜",
        "holder": {"id": zhacai.pk, "name": ZHACAI_NAME},
        "brand": {"id": brand.pk, "name": "测试榨菜"},
        "product": None,
        "valid_from": "2024-01-01",
        "valid_to": soon.isoformat(),
        "revoked_on": None,
    }
    make_certificate(zhacai, number="LB-LATER", valid_to=today + datetime.timedelta(days=200))
    expiring = client.get("/api/v1/certificates/expiring", **auth).json()
    assert expiring == {
        "items": [
            {
                "id": soon_cert.pk,
                "kind": "organic",
                "number": "OR-2024-001",
                "issuer": "中国质量认证中心",
                "holder": {"id": zhacai.pk, "name": ZHACAI_NAME},
                "brand": {"id": brand.pk, "name": "测试榨菜"},
                "valid_to": soon.isoformat(),
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    }
    later = client.get("/api/v1/certificates/expiring", {"within_days": 365}, **auth).json()
    assert [c["number"] for c in later["items"]] == ["OR-2024-001", "LB-LATER"]
    listed = client.get("/api/v1/certificates", {"kind": "organic"}, **auth).json()
    assert [c["id"] for c in listed["items"]] == [soon_cert.pk]

    response = post(
        client, f"/certificates/{soon_cert.pk}/revoke", {"revoked_on": "2025-05-01"}, bearer(district_user)
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": soon_cert.pk,
        "kind": "organic",
        "number": "OR-2024-001",
        "revoked_on": "2025-05-01",
    }


def test_an_enterprise_user_cannot_revoke_its_certificate(zhacai, owner_user, client):
    cert = make_certificate(zhacai)
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    response = post(client, f"/certificates/{cert.pk}/revoke", None, auth)
    assert response.status_code == 403
    assert Certificate.objects.get(pk=cert.pk).revoked_on is None
    assert AuditEvent.objects.count() == events


# ---------------------------------------------------------------- geographical indications


def test_a_gi_is_registered_its_users_authorised_listed_and_revoked(
    zhacai, department_user, district_user, client
):
    holder = district_government("500102")
    response = post(
        client,
        "/gis",
        {
            "name": "涪陵榨菜", "kind": "product", "protected_districts": ["500102"],
            "registration_number": "2010年第xx号公告", "standard": "GB/T 19858-2005", "holder": holder.pk,
        },
        bearer(department_user),
    )  # fmt: skip
    assert response.status_code == 201
    gi = GeographicalIndication.objects.get()
    gi_body = {
        "id": gi.pk,
        "name": "涪陵榨菜",
        "kind": "product",
        "registration_number": "2010年第xx号公告",
        "standard": "GB/T 19858-2005",
        "holder": {"id": holder.pk, "name": "涪陵区人民政府"},
        "protected_districts": [FULING],
    }
    assert response.json() == {**gi_body, "brand_id": None}
    assert client.get("/api/v1/gis").json() == {"items": [gi_body], "count": 1, "limit": 50, "offset": 0}
    assert client.get(f"/api/v1/gis/{gi.pk}").json() == gi_body

    district = bearer(district_user)
    response = post(
        client,
        f"/gis/{gi.pk}/authorisations",
        {"enterprise": zhacai.pk, "number": "FL-001", "valid_from": "2024-01-01", "valid_to": "2026-12-31"},
        district,
    )
    assert response.status_code == 201
    authorisation = gi.authorisations.get()
    assert response.json() == {
        "id": authorisation.pk,
        "gi_id": gi.pk,
        "enterprise": {"id": zhacai.pk, "name": ZHACAI_NAME},
        "number": "FL-001",
        "valid_from": "2024-01-01",
        "valid_to": "2026-12-31",
        "revoked_on": None,
    }
    listed = client.get(f"/api/v1/gis/{gi.pk}/authorisations", {"valid_on": "2025-01-01"}).json()
    assert listed == {
        "items": [
            {
                "id": authorisation.pk,
                "enterprise": {"id": zhacai.pk, "name": ZHACAI_NAME, "district": FULING},
                "number": "FL-001",
                "valid_from": "2024-01-01",
                "valid_to": "2026-12-31",
                "revoked_on": None,
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    }
    response = post(
        client, f"/gi-authorisations/{authorisation.pk}/revoke", {"revoked_on": "2025-03-01"}, district
    )
    assert response.json() == {
        "id": authorisation.pk, "gi_id": gi.pk, "enterprise_id": zhacai.pk, "revoked_on": "2025-03-01",
    }  # fmt: skip
    assert client.get(f"/api/v1/gis/{gi.pk}/authorisations", {"valid_on": "2025-06-01"}).json()["count"] == 0


def test_only_departments_register_gis(district_user, client):
    auth = bearer(district_user)
    events = AuditEvent.objects.count()
    response = post(
        client, "/gis", {"name": "涪陵榨菜", "kind": "product", "protected_districts": ["500102"]}, auth
    )
    assert response.status_code == 403
    assert GeographicalIndication.objects.count() == 0
    assert AuditEvent.objects.count() == events


# ---------------------------------------------------------------- products


def test_a_product_is_registered_and_found_by_its_gtin(zhacai, brand, owner_user, client):
    auth = bearer(owner_user)
    gtin = gtin13(1)
    response = post(
        client,
        "/products",
        {
            "enterprise": zhacai.pk, "brand": brand.pk, "gtin": gtin, "name": "测试榨菜 80g",
            "category": "pickles-condiments", "specification": "80g/袋",
        },
        auth,
    )  # fmt: skip
    assert response.status_code == 201
    product = Product.objects.get()
    expected = {
        "id": product.pk,
        "gtin": "0" + gtin,
        "name": "测试榨菜 80g",
        "brand": {"id": brand.pk, "name": "测试榨菜"},
        "enterprise": {"id": zhacai.pk, "name": ZHACAI_NAME},
        "category": {"code": "pickles-condiments", "name": "榨菜及调味品"},
        "specification": "80g/袋",
    }
    assert response.json() == expected
    assert client.get(f"/api/v1/products/by-gtin/{gtin}", **auth).json() == expected
    # The brand is a draft: the public does not see its products.
    response = client.get(f"/api/v1/products/by-gtin/{gtin}")
    assert response.status_code == 404
    assert response.json()["detail"] == f"No product with GTIN {gtin}."


def test_a_gtin_with_a_wrong_check_digit_is_a_422_saying_why(zhacai, brand, owner_user, client):
    good = gtin13(1)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    auth = bearer(owner_user)
    events = AuditEvent.objects.count()
    response = post(
        client,
        "/products",
        {"enterprise": zhacai.pk, "brand": brand.pk, "gtin": bad, "name": "测试榨菜 80g"},
        auth,
    )
    assert response.status_code == 422
    message = f"商品条码 {bad} 的校验码错误，应为 {good[-1]}。"  # the default language is zh-hans
    assert response.json() == problem(
        "product_invalid", 422, "Invalid input", message, "/products", errors={"gtin": [message]}
    )
    assert Product.objects.count() == 0
    assert AuditEvent.objects.count() == events


# ---------------------------------------------------------------- cultivation lists


def test_a_district_cultivation_list_is_drafted_filled_and_published(brand, district_user, client):
    auth = bearer(district_user)
    response = post(
        client, "/cultivation-lists", {"year": 2025, "pillar": "agri-processed", "district": "500102"}, auth
    )
    assert response.status_code == 201
    cl = CultivationList.objects.get()
    assert response.json() == {
        "id": cl.pk,
        "year": 2025,
        "title": "2025年涪陵区加工农产品品牌体系培育名单",
        "pillar": PILLAR,
        "district": FULING,
        "status": "draft",
    }
    assert client.get("/api/v1/cultivation-lists").json()["count"] == 0  # drafts are not public
    response = post(
        client, f"/cultivation-lists/{cl.pk}/brands", {"brand": brand.pk, "rank": 1, "note": "重点培育"}, auth
    )
    assert response.status_code == 201
    assert response.json() == {
        "id": cl.entries.get().pk,
        "cultivation_list_id": cl.pk,
        "brand": {"id": brand.pk, "name": "测试榨菜"},
        "rank": 1,
        "note": "重点培育",
    }
    response = post(client, f"/cultivation-lists/{cl.pk}/publish", None, auth)
    assert response.json() == {
        "id": cl.pk, "year": 2025, "title": "2025年涪陵区加工农产品品牌体系培育名单", "status": "published",
    }  # fmt: skip
    assert client.get("/api/v1/cultivation-lists", {"year": 2025, "district": "500102"}).json() == {
        "items": [
            {
                "id": cl.pk,
                "year": 2025,
                "title": "2025年涪陵区加工农产品品牌体系培育名单",
                "pillar": PILLAR,
                "district": FULING,
                "status": "published",
            }
        ],
        "count": 1,
        "limit": 50,
        "offset": 0,
    }


# ---------------------------------------------------------------- query counts


def _brand(i, world):
    make_brand(world["zhacai"], name=f"品牌{i:02d}")


def _queued_brand(i, world):
    actor = system_user_ensure()
    brand_district_approve(
        actor=actor, brand=brand_submit(actor=actor, brand=make_brand(world["zhacai"], name=f"品牌{i:02d}"))
    )


def _enterprise(i, world):
    make_enterprise(name=f"重庆市测试企业{i:02d}有限公司")


def _trademark(i, world):
    trademark_register(
        actor=system_user_ensure(), registrant=world["zhacai"], registration_number=f"3{i:07d}", nice_class=29,
        valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2030, 1, 1), brand=world["brand"],
    )  # fmt: skip


def _certificate(i, world):
    make_certificate(
        world["zhacai"], number=f"LB-{i:02d}", brand=world["brand"],
        valid_to=timezone.localdate() + datetime.timedelta(days=10 + i),
    )  # fmt: skip


def _product(i, world):
    product_register(
        actor=system_user_ensure(), enterprise=world["zhacai"], brand=world["brand"], gtin=gtin13(i),
        name=f"产品{i:02d}",
    )  # fmt: skip


def _gi(i, world):
    gi_register(
        actor=system_user_ensure(), name=f"测试地理标志{i:02d}", kind="product",
        protected_districts=list(District.objects.filter(code__in=["500102", "500236"])),
    )  # fmt: skip


def _cultivation_list(i, world):
    cultivation_list_create(
        actor=system_user_ensure(),
        year=2016 + i,
        pillar=Pillar.objects.get(code="agri-processed"),
        district=None,
    )


@pytest.mark.parametrize(
    ("path", "add", "queries"),
    [
        ("/brands", _brand, 4),
        ("/brands/review-queue", _queued_brand, 4),
        ("/enterprises", _enterprise, 4),
        ("/trademarks", _trademark, 4),
        ("/certificates", _certificate, 4),
        ("/certificates/expiring", _certificate, 4),
        ("/products", _product, 4),
        ("/gis", _gi, 4),
        ("/cultivation-lists", _cultivation_list, 4),
    ],
)
def test_lists_run_a_constant_number_of_queries(
    zhacai, department_user, client, django_assert_num_queries, path, add, queries
):
    """As department staff (scoped by pillar): token, memberships, count, page. GIs are a public register
    (no memberships read) but prefetch their protected districts."""
    world = {"zhacai": zhacai, "brand": make_brand(zhacai, name="基准品牌")}
    auth = bearer(department_user)
    before = client.get(f"/api/v1{path}", **auth).json()["count"]
    for i in range(3):
        add(i, world)
    with django_assert_num_queries(queries):
        assert client.get(f"/api/v1{path}", **auth).json()["count"] == before + 3
    for i in range(3, 20):
        add(i, world)
    with django_assert_num_queries(queries):
        body = client.get(f"/api/v1{path}", **auth).json()
    assert (body["count"], len(body["items"])) == (before + 20, before + 20)
