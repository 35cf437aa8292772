"""Benchmarking (标杆对比) an evaluated brand against the other results of its cycle: the selector computes
exactly what `engines.strength.benchmark` gives for the stored scores; the API and the page show it."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client

from engines import strength
from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.evaluation.exceptions import EvaluationApplicationNotFound
from pinpai.evaluation.models import EvaluationResult
from pinpai.evaluation.selectors.cycle_benchmark import application_benchmark
from pinpai.evaluation.services.cycle_applications import (
    application_assign,
    application_create,
    application_financials_set,
    application_submit,
    application_verify,
)
from pinpai.evaluation.services.cycle_scoring import application_score, conflict_declare, expert_score_submit
from pinpai.evaluation.services.cycles import cycle_close, cycle_scoring_start
from pinpai.evaluation.tests.cycles_world import (
    DATA_VALUES,
    EXPERT_SCORES,
    SYSTEM,
    cycle_opened_with_panel,
    financials,
    world_build,
)
from pinpai.registry.tests.factories import make_brand, make_certificate, make_enterprise, publish


@pytest.fixture
def world(reference):
    return world_build()


def _apply(world, cycle, brand, owner, values):
    application = application_create(actor=owner, cycle=cycle, brand=brand)
    application_financials_set(actor=owner, application=application, years=financials(world.year))
    application = application_submit(actor=owner, application=application)
    application_assign(actor=world.manager, application=application, intermediary=world.intermediary)
    return application_verify(
        actor=world.evaluator, application=application, indicator_values=values, notes=""
    )


def _three_scored(world):
    """The world's brand and two peers in one cycle; the peers differ in pass rate and awareness."""
    cycle = cycle_opened_with_panel(world)
    applications = [_apply(world, cycle, world.brand, world.owner, DATA_VALUES)]
    for n, (pass_rate, awareness) in enumerate([("99.5", "70"), ("97", "20")], start=1):
        enterprise = make_enterprise(f"重庆市涪陵区对标测试食品有限公司{n}")
        brand = publish(make_brand(enterprise, name=f"对标榨菜{n}"))
        make_certificate(enterprise, number=f"BENCH-{n}", brand=brand, valid_to=datetime.date(2099, 12, 31))
        owner = user_with_role(Role.ENTERPRISE_USER, enterprise.organisation, username=f"peer{n}")
        values = {**DATA_VALUES, "quality.pass_rate": pass_rate, "intangible.brand_awareness": awareness}
        applications.append(_apply(world, cycle, brand, owner, values))
    cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    for application in applications:
        for expert, scores in zip(world.experts[:3], EXPERT_SCORES, strict=True):
            conflict_declare(actor=expert, application=application, has_conflict=False)
            expert_score_submit(actor=expert, application=application, scores=scores)
        application_score(actor=world.manager, application=application)
    return applications


def _engine_benchmark(application, peers):
    def scores(a):
        return {
            leaf["code"]: leaf["score_unrounded"]
            for leaf in EvaluationResult.objects.get(application=a).contributions
        }

    return strength.benchmark(strength.system_get(SYSTEM), scores(application), [scores(p) for p in peers])


def test_the_benchmark_is_the_engines_on_the_stored_scores(world):
    mine, *peers = _three_scored(world)
    bench = application_benchmark(actor=world.owner, application=mine)
    expected = _engine_benchmark(mine, peers)
    assert bench.peer_count == 2
    assert bench.engine_version == "strength-2026.1"
    assert [(line.code, line.score, line.percentile, line.top_decile, line.gap) for line in bench.lines] == [
        (row.code, row.score, row.percentile, row.top_decile, row.gap) for row in expected.rows
    ]
    # the world's brand sits between the peers on pass rate (98.5 vs 99.5 and 97) and on awareness (45 vs 70, 20)
    by_code = {line.code: line for line in bench.lines}
    assert by_code["quality.pass_rate"].percentile == Decimal("50.00")
    assert by_code["intangible.brand_awareness"].percentile == Decimal("50.00")
    # identical panel scores for all three: a tie, no gap
    assert (
        by_code["service.customer_satisfaction"].percentile,
        by_code["service.customer_satisfaction"].gap,
    ) == (
        Decimal("50.00"),
        Decimal("0.00"),
    )
    assert [a.code for a in bench.actions] == [a.code for a in expected.actions]
    assert {a.code for a in bench.actions} == {"quality.pass_rate", "intangible.brand_awareness"}
    assert [a.rank for a in bench.actions] == [1, 2]


def test_strangers_see_no_benchmark_of_an_unpublished_result(world):
    mine, *_ = _three_scored(world)
    organisation = make_enterprise("重庆市无关测试企业有限公司").organisation
    stranger = user_with_role(Role.ENTERPRISE_USER, organisation, username="stranger")
    with pytest.raises(EvaluationApplicationNotFound):
        application_benchmark(actor=stranger, application=mine)


def test_an_application_without_a_result_has_no_benchmark(world):
    application = _apply(world, cycle_opened_with_panel(world), world.brand, world.owner, DATA_VALUES)
    with pytest.raises(
        EvaluationApplicationNotFound, match=f"Application {application.pk} has no result yet"
    ):
        application_benchmark(actor=world.owner, application=application)


def test_the_api_and_the_page_show_the_benchmark(world):
    mine, *_ = _three_scored(world)
    client = Client()
    client.force_login(world.owner)
    response = client.get(f"/api/v1/evaluation-applications/{mine.pk}/benchmark")
    assert response.status_code == 200
    body = response.json()
    assert (body["peer_count"], body["engine_version"], body["system_code"]) == (2, "strength-2026.1", SYSTEM)
    line = next(x for x in body["lines"] if x["code"] == "quality.pass_rate")
    assert (line["percentile"], line["peer_count"]) == ("50.00", 2)
    assert [a["rank"] for a in body["actions"]] == [1, 2]

    page = client.get(f"/evaluation/applications/{mine.pk}/benchmark/")
    assert page.status_code == 200
    html = re.sub(r"\s+", " ", page.content.decode())
    assert "标杆对比" in html
    assert 'id="radar-data"' in html
    assert 'data-code="quality.pass_rate"' in html
    assert page.context["radar"][0].keys() == {"name", "score", "top"}
    assert len(page.context["radar"]) == len(body["lines"])
