"""Survey API: the public questionnaire and submission (201 / 422 / 409 problem+json), staff CRUD, open and
close, and results whose numbers are exactly the engine's."""

import pytest

from engines import surveys as engine
from pinpai.evaluation.models import Survey, SurveyResponse
from pinpai.evaluation.selectors.surveys import CONFIDENCE_Z, survey_engine_inputs
from pinpai.evaluation.tests.test_surveys_selectors import fieldwork
from pinpai.evaluation.tests.test_surveys_support import (  # noqa: F401 - fixtures, used by name
    answers,
    brands_fixture,
    fuling_government_fixture,
    open_survey_fixture,
    questions,
    survey_fixture,
)

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def post(client, path, body, **headers):
    return client.post(f"/api/v1{path}", body, content_type="application/json", **headers)


def test_the_public_questionnaire_lists_its_questions_and_brands(client, open_survey, brands):
    response = client.get(f"/api/v1/s/{open_survey.token}")

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["status"], body["accepting"], body["groups"]) == (
        "涪陵榨菜品牌认知调查", "open", True, [],
    )  # fmt: skip
    assert [b["name"] for b in body["brands"]] == sorted(b.name for b in brands)
    assert [q["code"] for q in body["questions"]] == [
        "aware",
        "recall",
        "like1",
        "sat1",
        "nps1",
        "channel",
        "why",
    ]
    assert "fingerprint_salt" not in body


def test_a_draft_questionnaire_is_a_404_problem(client, survey):
    response = client.get(f"/api/v1/s/{survey.token}")

    assert (response.status_code, response["Content-Type"]) == (404, PROBLEM)
    assert response.json()["code"] == "survey_not_found"


def test_a_response_is_201_and_a_second_one_from_the_same_browser_is_a_duplicate(client, open_survey, brands):
    first = post(client, f"/s/{open_survey.token}/responses", {"answers": answers(brands)})
    second = post(client, f"/s/{open_survey.token}/responses", {"answers": answers(brands)})

    assert first.status_code == 201
    assert {k: first.json()[k] for k in ("status", "counted")} == {"status": "valid", "counted": True}
    assert second.status_code == 201
    assert {k: second.json()[k] for k in ("status", "counted")} == {"status": "duplicate", "counted": False}
    assert list(SurveyResponse.objects.order_by("pk").values_list("status", flat=True)) == [
        "valid",
        "duplicate",
    ]


def test_bad_answers_are_a_422_problem_naming_each_field(client, open_survey, brands):
    body = {"answers": {**answers(brands), "like1": 9, "channel": "shop"}, "phone": "123"}
    response = post(client, f"/s/{open_survey.token}/responses", body, HTTP_ACCEPT_LANGUAGE="en")

    assert (response.status_code, response["Content-Type"]) == (422, PROBLEM)
    problem = response.json()
    assert problem["code"] == "survey_response_invalid"
    assert problem["errors"] == [
        {"field": "answers.like1", "rule": "out_of_range", "message": "is outside the scale"},
        {"field": "answers.channel", "rule": "invalid_option", "message": "is not one of the options"},
        {
            "field": "phone",
            "rule": "invalid_phone",
            "message": "is not a mainland mobile number (11 digits starting with 1)",
        },
    ]
    assert SurveyResponse.objects.count() == 0


def test_a_closed_survey_is_a_409(client, open_survey, brands, district_user):
    from pinpai.evaluation.services import survey_close

    survey_close(actor=district_user, survey=open_survey)
    response = post(client, f"/s/{open_survey.token}/responses", {"answers": answers(brands)})

    assert (response.status_code, response.json()["code"]) == (409, "survey_not_open")


def test_staff_create_open_and_close_a_survey(client, district_user, brands):
    client.force_login(district_user)
    body = {
        "title": "消费者品牌认知调查",
        "purpose": "consumer",
        "brands": [b.pk for b in brands],
        "questions": questions(*brands),
    }
    created = post(client, "/surveys", body)
    assert created.status_code == 201, created.content
    out = created.json()
    assert (out["status"], out["organisation"]["name"], out["link"]) == (
        "draft", "涪陵区人民政府", f"/evaluation/s/{out['token']}/",
    )  # fmt: skip
    listed = client.get("/api/v1/surveys").json()
    assert (listed["count"], listed["items"][0]["valid_count"]) == (1, 0)
    assert post(client, f"/surveys/{out['id']}/open", {}).json()["status"] == "open"
    patched = client.patch(f"/api/v1/surveys/{out['id']}", {"title": "改"}, content_type="application/json")
    assert (patched.status_code, patched.json()["code"]) == (409, "survey_transition_not_allowed")
    assert post(client, f"/surveys/{out['id']}/close", {}).json()["status"] == "closed"


def test_a_bad_survey_is_a_422_and_strangers_get_403_or_401(client, district_user, enterprise_user, brands):
    client.force_login(district_user)
    bad = post(client, "/surveys", {"title": "x", "purpose": "consumer", "brands": [999999], "questions": []})
    assert (bad.status_code, bad.json()["code"]) == (422, "survey_invalid")
    client.logout()
    assert post(client, "/surveys", {}).status_code == 401
    client.force_login(enterprise_user)
    denied = post(client, "/surveys", {"title": "x", "purpose": "consumer", "brands": [], "questions": []})
    assert (denied.status_code, denied.json()["code"]) == (422, "survey_invalid")  # no unit to run it for
    assert client.get("/api/v1/surveys").json()["count"] == 0
    assert Survey.objects.count() == 0


def test_results_equal_the_engine_and_staff_reject_through_the_api(
    client, open_survey, brands, district_user
):
    fieldwork(open_survey, brands, district_user)
    client.force_login(district_user)
    response = client.get(f"/api/v1/surveys/{open_survey.pk}/results?confidence=90")
    assert response.status_code == 200, response.content
    body = response.json()

    valid = list(
        SurveyResponse.objects.filter(survey=open_survey, status="valid").order_by("submitted_at", "pk")
    )
    ordered = sorted(brands, key=lambda b: (b.name, b.pk))
    expected = engine.survey_indices(
        survey_engine_inputs(
            survey=open_survey, brands=ordered, responses=valid, z=CONFIDENCE_Z[90], weighted=False
        )
    )
    assert (body["confidence"], body["z"], body["respondents"]) == (90, "1.645", 4)
    assert body["counts"] == {"valid": 4, "duplicate": 1, "rejected": 1}
    for row, want in zip(body["brands"], expected.brands, strict=True):
        assert row["brand"]["id"] == int(want.key)
        assert row["aided"] == {
            "n": want.aided.n,
            "n_eff": f"{want.aided.n_eff:f}",
            "percent": f"{want.aided.percent:f}",
            "lower": f"{want.aided.lower:f}",
            "upper": f"{want.aided.upper:f}",
        }
        assert row["index"] == f"{want.index:f}"
    first = next(row for row in body["brands"] if row["brand"]["name"] == "测试榨菜")
    assert (first["aided"]["percent"], first["index"], first["index_components"]) == (
        "75.00", "65.00", ["aided", "unaided", "favourability"],
    )  # fmt: skip
    assert [m["measure"] for m in first["ratings"]] == ["favourability", "satisfaction"]
    assert body["steps"][0]["code"] == "n_eff"
    assert body["engine_version"] == "surveys-2026.1"

    response = SurveyResponse.objects.filter(survey=open_survey, status="valid").first()
    rejected = post(client, f"/surveys/{open_survey.pk}/responses/{response.pk}/reject", {"reason": "重复IP"})
    assert rejected.json() == {
        "id": response.pk,
        "survey": open_survey.pk,
        "status": "rejected",
        "status_reason": "重复IP",
        "rejected_at": rejected.json()["rejected_at"],
    }
