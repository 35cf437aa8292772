import pytest


def test_districts_lists_all_38_with_code_name_zone(reference, client):
    response = client.get("/api/v1/districts")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 38
    assert len(body["items"]) == 38
    assert body["items"][0] == {
        "code": "500101",
        "name": "万州区",
        "kind": "区",
        "zone": "渝东北",
        "functional_zone": "渝东北生态涵养发展区",
    }
    assert body["items"][-1]["code"] == "500243"
    assert (body["limit"], body["offset"]) == (50, 0)


def test_districts_filter_by_zone(reference, client):
    body = client.get("/api/v1/districts", {"zone": "主城区"}).json()
    assert [d["name"] for d in body["items"]] == [
        "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区",
    ]  # fmt: skip


def test_districts_pagination(reference, client):
    body = client.get("/api/v1/districts", {"limit": 5, "offset": 35}).json()
    assert [d["code"] for d in body["items"]] == ["500241", "500242", "500243"]
    assert body["count"] == 38


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"limit": 501}, "limit: Input should be less than or equal to 500"),
        ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
        ({"offset": -1}, "offset: Input should be greater than or equal to 0"),
        ({"offset": 2**63}, "offset: Input should be less than or equal to 1000000000"),
    ],
)
def test_districts_bad_pagination_is_a_problem(reference, client, params, detail):
    response = client.get("/api/v1/districts", params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["detail"] == detail


def test_pillars_with_product_lines(reference, client):
    body = client.get("/api/v1/pillars").json()
    assert len(body) == 8
    assert body[0]["code"] == "agri-original"
    assert body[0]["name"] == "原产农产品品牌体系"
    assert body[0]["product_lines"][:3] == [
        {"name": "绿色有机农产品", "plan_task": "2.1.1"},
        {"name": "地理标志农产品", "plan_task": "2.1.1"},
        {"name": "设施蔬菜", "plan_task": "2.1.1"},
    ]
