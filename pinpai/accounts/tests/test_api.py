import datetime

from django.utils import timezone

from pinpai.accounts.models import ApiToken
from pinpai.accounts.services import api_token_issue


def test_organisations_of_kind_department_are_the_22(reference, client):
    response = client.get("/api/v1/organisations", {"kind": "department"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 22
    names = {o["name"] for o in body["items"]}
    assert {
        "重庆市农业委员会",
        "重庆市经济和信息化委员会",
        "中国人民银行重庆营业管理部",
        "重庆市人民政府金融工作办公室",
    } <= names
    agri = next(o for o in body["items"] if o["short_name"] == "市农委")
    assert set(agri) == {
        "id", "kind", "name", "short_name", "name_en", "uscc", "district", "parent_id",
        "valid_from", "valid_to", "successor_id", "is_demo",
    }  # fmt: skip
    assert agri["name_en"] == "Chongqing Municipal Commission of Agriculture"


def test_organisations_filter_by_district(reference, enterprise, client):
    body = client.get("/api/v1/organisations", {"district": "500102"}).json()
    assert [(o["kind"], o["name"]) for o in body["items"]] == [
        ("district", "涪陵区人民政府"),
        ("enterprise", "重庆市涪陵榨菜集团股份有限公司"),
    ]
    assert body["items"][1]["district"] == {"code": "500102", "name": "涪陵区"}


def test_unknown_kind_is_a_422_problem_naming_the_allowed_values(reference, client):
    response = client.get("/api/v1/organisations", {"kind": "factory"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    allowed = "'department', 'district', 'enterprise', 'intermediary', 'bank', 'association' or 'expert_pool'"
    assert response.json() == {
        "type": "urn:pinpai:problem:validation_error",
        "title": "Invalid request",
        "status": 422,
        "detail": f"kind: must be one of {allowed}",
        "code": "validation_error",
        "errors": [{"field": "kind", "message": f"must be one of {allowed}", "type": "enum"}],
        "instance": "/api/v1/organisations",
    }


def test_unknown_organisation_is_a_404_problem(reference, client):
    response = client.get("/api/v1/organisations/987654")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["detail"] == "No organisation with id 987654."


def test_me_requires_a_token(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="pinpai"'
    assert response.json()["code"] == "authentication_required"


def test_me_with_a_bearer_token(enterprise_user, enterprise, client):
    secret = api_token_issue(actor=enterprise_user, user=enterprise_user).secret
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "zhacai",
        "full_name": "zhacai 测试",
        "memberships": [
            {
                "organisation_id": enterprise.pk,
                "organisation_name": "重庆市涪陵榨菜集团股份有限公司",
                "organisation_kind": "enterprise",
                "role": "enterprise_user",
                "valid_from": timezone.localdate().isoformat(),
                "valid_to": None,
            }
        ],
    }


def test_expired_token_is_refused(enterprise_user, client):
    secret = api_token_issue(
        actor=enterprise_user, user=enterprise_user, expires_at=timezone.now() + datetime.timedelta(hours=1)
    ).secret
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_bad_token_on_a_public_endpoint_is_refused_not_ignored(reference, client):
    response = client.get("/api/v1/organisations", HTTP_AUTHORIZATION="Bearer pp_not-a-token")
    assert response.status_code == 401


def test_responses_carry_a_request_id(reference, client):
    response = client.get("/api/v1/districts", HTTP_X_REQUEST_ID="trace-123")
    assert response["X-Request-ID"] == "trace-123"


def test_organisation_detail_shows_its_history(reference, admin_user, client):
    from conftest import department
    from pinpai.accounts.services import organisation_create, organisation_succeed

    smr = organisation_create(
        actor=admin_user, kind="department", name="重庆市市场监督管理局", short_name="市市场监管局"
    )
    old = [department("市工商局"), department("市质监局")]
    organisation_succeed(
        actor=admin_user, predecessors=old, successor=smr, effective_on=datetime.date(2018, 11, 1)
    )
    body = client.get(f"/api/v1/organisations/{smr.pk}").json()
    assert body["valid_from"] == "2018-11-01"
    assert body["successor"] is None
    assert body["predecessors"] == [
        {"id": old[1].pk, "name": "重庆市质量技术监督局", "valid_from": None, "valid_to": "2018-10-31"},
        {"id": old[0].pk, "name": "重庆市工商行政管理局", "valid_from": None, "valid_to": "2018-10-31"},
    ]
    gone = client.get(f"/api/v1/organisations/{old[0].pk}").json()
    assert gone["successor"] == {
        "id": smr.pk,
        "name": "重庆市市场监督管理局",
        "valid_from": "2018-11-01",
        "valid_to": None,
    }


def test_organisation_list_runs_a_constant_number_of_queries(reference, client, django_assert_num_queries):
    with django_assert_num_queries(2):  # count + page (district, successor, parent joined)
        body = client.get("/api/v1/organisations", {"limit": 100}).json()
    assert len(body["items"]) == 60
