"""The evaluation cycle API: a whole cycle through the endpoints, the public ranking and derivation, and bad
input as problem+json naming the field and the rule."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from pinpai.evaluation.models import EvaluationCycle, EvaluationResult
from pinpai.evaluation.tests.cycles_world import (
    DATA_VALUES,
    EXPERT_SCORES,
    PARAMETERS,
    SYSTEM,
    financials,
    world_build,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def world(reference):
    return world_build()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def call(client, method, path, body=None):
    return getattr(client, method)(f"{API}{path}", body, content_type="application/json")


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def cycle_body(world):
    today = timezone.localdate()
    return {
        "year": world.year, "pillar": "agri-processed", "tier": "regional", "title": f"{world.year}年度评价",
        "system_code": SYSTEM, "valuation_method": "royalty_relief", "valuation_parameters": PARAMETERS,
        "applications_open_on": (today - datetime.timedelta(days=1)).isoformat(),
        "applications_close_on": (today + datetime.timedelta(days=30)).isoformat(),
        "reference_date": today.isoformat(),
    }  # fmt: skip


def test_a_whole_cycle_through_the_api(world):
    manager, owner, evaluator = (
        client_for(world.manager),
        client_for(world.owner),
        client_for(world.evaluator),
    )
    cycle = ok(call(manager, "post", "/evaluation-cycles", cycle_body(world)), 201)
    assert (cycle["status"], cycle["system_code"], cycle["system_version"]) == ("draft", SYSTEM, "2026.1")
    cid = cycle["id"]
    assert ok(call(manager, "post", f"/evaluation-cycles/{cid}/open"))["status"] == "open"
    for expert in world.experts:
        ok(call(manager, "post", f"/evaluation-cycles/{cid}/panel", {"expert": expert.username}), 201)

    application = ok(
        call(owner, "post", "/evaluation-applications", {"cycle": cid, "brand": world.brand.pk}), 201
    )
    aid = application["id"]
    body = ok(
        call(owner, "put", f"/evaluation-applications/{aid}/financials", {"years": financials(world.year)})
    )
    assert [y["revenue_yuan"] for y in body["financial_years"]] == [
        "100000000.00",
        "108000000.00",
        "115000000.00",
    ]
    assert ok(call(owner, "post", f"/evaluation-applications/{aid}/submit"))["status"] == "eligible"
    report = ok(call(owner, "get", f"/evaluation-applications/{aid}/eligibility"))
    assert [(line["rule"], line["outcome"]) for line in report["lines"]] == [
        ("certificates_valid", "pass"), ("owner_active", "pass"), ("brand_published", "pass"),
        ("no_serious_dishonesty", "unknown"), ("trace_data_complete", "unknown"),
    ]  # fmt: skip
    assert report["eligible"] is True
    ok(
        call(
            manager, "post", f"/evaluation-applications/{aid}/assign", {"intermediary": world.intermediary.pk}
        )
    )
    verified = ok(
        call(evaluator, "post", f"/evaluation-applications/{aid}/verify", {"indicator_values": DATA_VALUES})
    )
    assert verified["status"] == "verified"

    ok(call(manager, "post", f"/evaluation-cycles/{cid}/close"))
    ok(call(manager, "post", f"/evaluation-cycles/{cid}/scoring"))
    for expert, scores in zip(world.experts[:3], EXPERT_SCORES, strict=True):
        expert_client = client_for(expert)
        ok(
            call(expert_client, "post", f"/evaluation-applications/{aid}/conflict", {"has_conflict": False}),
            201,
        )
        sheet = ok(call(expert_client, "put", f"/evaluation-applications/{aid}/scores", {"scores": scores}))
        assert len(sheet["scores"]) == 2
    scored = ok(call(manager, "post", f"/evaluation-applications/{aid}/score"))
    assert scored == {
        "application": aid, "strength_index": "77.60", "strength_score_1000": "776.00", "value_yuan": "39269823.40",
        "strength_engine_version": "strength-2026.1", "valuation_engine_version": "valuation-2026.1",
    }  # fmt: skip
    ok(call(manager, "post", f"/evaluation-cycles/{cid}/review"))
    ok(call(manager, "post", f"/evaluation-applications/{aid}/approve", {}))
    notice = ok(call(manager, "post", f"/evaluation-cycles/{cid}/notice"))
    assert notice["notice_starts_on"] == timezone.localdate().isoformat()

    public = Client()
    objection = ok(
        call(public, "post", f"/evaluation-applications/{aid}/objections",
             {"text": "数据偏高", "contact_name": "李四", "contact": "13800000000"}),
        201,
    )  # fmt: skip
    assert objection["status"] == "open"
    EvaluationCycle.objects.filter(pk=cid).update(
        notice_starts_on=timezone.localdate() - datetime.timedelta(days=7),
        notice_ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    refused = call(manager, "post", f"/evaluation-cycles/{cid}/publish")
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert (refused.json()["code"], refused.json()["objections"]) == ("objections_open", [objection["id"]])
    decided = ok(
        call(
            manager,
            "post",
            f"/evaluation-objections/{objection['id']}/decide",
            {"upheld": False, "reason": "已核实"},
        )
    )
    assert decided["status"] == "rejected"
    assert ok(call(manager, "post", f"/evaluation-cycles/{cid}/publish"))["status"] == "published"

    ranking = ok(call(public, "get", f"/evaluation-cycles/{cid}/rankings"))
    assert ranking == [
        {"rank": 1, "application_id": aid, "brand_id": world.brand.pk, "brand_name": "测试榨菜",
         "enterprise_name": "重庆市涪陵区测试榨菜有限公司", "strength_index": "77.60", "strength_score_1000": "776.00",
         "value_yuan": "39269823.40"},
    ]  # fmt: skip
    derivation = ok(call(public, "get", f"/evaluation-applications/{aid}/derivation"))
    assert derivation["reproduced"] is True
    assert derivation["mismatches"] == []
    satisfaction = next(p for p in derivation["panel"] if p["code"] == "service.customer_satisfaction")
    assert satisfaction["scores"] == [["A", "80.00"], ["B", "85.00"], ["C", "90.00"]]
    assert (satisfaction["kept"], satisfaction["dropped"], satisfaction["mean"]) == (
        ["85.00"],
        ["80.00", "90.00"],
        "85.00",
    )
    assert derivation["valuation_steps"][0]["code"] == "royalty_rate"
    assert derivation["value_yuan"] == "39269823.40"
    assert len(ok(call(public, "get", "/evaluation-applications"))["items"]) == 1


def test_bad_financials_are_a_422_naming_the_field_and_the_rule(world):
    manager, owner = client_for(world.manager), client_for(world.owner)
    cid = ok(call(manager, "post", "/evaluation-cycles", cycle_body(world)), 201)["id"]
    ok(call(manager, "post", f"/evaluation-cycles/{cid}/open"))
    aid = ok(call(owner, "post", "/evaluation-applications", {"cycle": cid, "brand": world.brand.pk}), 201)[
        "id"
    ]
    years = financials(world.year)
    years[1]["revenue_yuan"] = "-1"
    response = call(owner, "put", f"/evaluation-applications/{aid}/financials", {"years": years})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["status"]) == ("application_invalid", 422)
    assert body["errors"] == [
        {"field": "financials[1].revenue_yuan", "rule": "negative", "message": "不得为负数"}
    ]


def test_the_public_sees_no_draft_and_a_stranger_cannot_open_a_cycle(world):
    manager = client_for(world.manager)
    cid = ok(call(manager, "post", "/evaluation-cycles", cycle_body(world)), 201)["id"]
    assert call(Client(), "get", f"/evaluation-cycles/{cid}").status_code == 404
    refused = call(client_for(world.other_manager), "post", f"/evaluation-cycles/{cid}/open")
    assert refused.status_code in (403, 404)
    assert EvaluationCycle.objects.get().status == "draft"
    assert EvaluationResult.objects.count() == 0


def test_an_unknown_pillar_is_a_422(world):
    response = call(
        client_for(world.manager), "post", "/evaluation-cycles", {**cycle_body(world), "pillar": "nope"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "pillar", "rule": "invalid_code", "message": "不是有效的代码"}
    ]
