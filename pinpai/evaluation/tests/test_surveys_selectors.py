"""Survey reads: scoping and query counts, the per-brand indices over valid responses (hand-computed), and the
values fed to the strength engine's customer indicators."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from engines.strength import system_get
from pinpai.evaluation.exceptions import EvaluationInputsInvalid, SurveyNotFound
from pinpai.evaluation.selectors import (
    survey_get,
    survey_get_public,
    survey_list,
    survey_results,
    survey_stakeholder_indicators,
)
from pinpai.evaluation.services import survey_create, survey_response_reject
from pinpai.evaluation.tests.test_surveys_support import (  # noqa: F401 - fixtures, used by name
    brands_fixture,
    close,
    fuling_government_fixture,
    open_survey_fixture,
    questions,
    submit,
    survey_fixture,
)

pytestmark = pytest.mark.django_db


def fieldwork(survey, brands, staff):
    """Four valid respondents, a duplicate and a rejected one (both left out)."""
    b1, b2 = (str(b.pk) for b in brands)
    rows = [
        ("a", {b1: "heard", b2: "unaware"}, "测试榨菜和乌江", 5, 4, 10),
        ("b", {b1: "used", b2: "heard"}, "乌江", 4, 5, 9),
        ("c", {b1: "unaware", b2: "unaware"}, "不知道", 3, None, 6),
        ("d", {b1: "familiar", b2: "unaware"}, "测试牌", 2, 3, None),
    ]
    for session, aware, recall, like, sat, nps in rows:
        body = {"aware": aware, "recall": recall, "like1": like}
        if sat is not None:
            body["sat1"] = sat
        if nps is not None:
            body["nps1"] = nps
        submit(survey, body, session=session)
    submit(survey, {"aware": {b1: "used", b2: "used"}, "recall": "测试榨菜", "like1": 5}, session="a")
    junk = submit(survey, {"aware": {b1: "used", b2: "used"}, "recall": "x", "like1": 5}, session="e")
    survey_response_reject(actor=staff, response=junk, reason="全选最高分")


def test_results_are_computed_over_the_valid_responses(open_survey, brands, district_user):
    fieldwork(open_survey, brands, district_user)
    results = survey_results(actor=district_user, survey=open_survey)

    assert results.counts == {"valid": 4, "duplicate": 1, "rejected": 1}
    assert (results.confidence, results.z, results.weighted) == (95, D("1.96"), False)
    assert results.engine_version == "surveys-2026.1"
    first, second = sorted(results.brands, key=lambda row: row.brand.name != "测试榨菜")
    r = first.result
    assert (r.n, r.aided.percent, r.aided.lower, r.aided.upper) == (4, D("75.00"), D("30.06"), D("95.44"))
    assert (r.unaided.percent, r.first_mention.percent) == (D("50.00"), D("50.00"))  # the alias 测试牌 counts
    assert (r.rating("favourability").mean, r.rating("satisfaction").mean) == (D("3.50"), D("4.00"))
    assert r.rating("satisfaction").n == 3
    assert (r.recommend.n, r.recommend.score) == (3, D("33.33"))
    # 100 × (0.4 × 0.75 + 0.2 × 0.5 + 0.4 × (3.5 − 1) / 4) = 65
    assert r.index == D("65.00")
    s = second.result
    assert (s.aided.percent, s.unaided.percent, s.first_mention.percent) == (
        D("25.00"),
        D("50.00"),
        D("25.00"),
    )
    assert s.index == D("33.33")  # 100 × (0.4 × 0.25 + 0.2 × 0.5) / 0.6


def test_post_stratified_results_use_the_population_shares(district_user, fuling_government, brands):
    survey = survey_create(
        actor=district_user,
        organisation=fuling_government,
        title="加权问卷",
        purpose="consumer",
        brands=list(brands),
        questions=questions(*brands),
        weighting_by="weight_group",
        population_shares={"young": "0.5", "old": "0.5"},
    )
    from pinpai.evaluation.services import survey_open

    survey = survey_open(actor=district_user, survey=survey)
    b1, b2 = (str(b.pk) for b in brands)
    for session, group, level in (
        ("a", "young", "heard"),
        ("b", "young", "unaware"),
        ("c", "young", "unaware"),
    ):
        submit(
            survey,
            {"aware": {b1: level, b2: "unaware"}, "recall": "无", "like1": 3},
            session=session,
            weight_group=group,
        )
    with pytest.raises(EvaluationInputsInvalid) as caught:
        survey_results(actor=district_user, survey=survey)
    assert caught.value.errors[0]["field"] == "strata.old"
    assert caught.value.errors[0]["rule"] == "empty_stratum"

    submit(
        survey,
        {"aware": {b1: "used", b2: "unaware"}, "recall": "无", "like1": 3},
        session="d",
        weight_group="old",
    )
    results = survey_results(actor=district_user, survey=survey)
    aided = next(row.result.aided for row in results.brands if str(row.brand.pk) == b1)
    assert results.weighted is True
    assert (aided.n, aided.n_eff, aided.percent, aided.lower, aided.upper) == (
        4,
        D("3.00"),
        D("66.67"),
        D("20.77"),
        D("93.85"),
    )  # fmt: skip  (engines/surveys/tests: w = 2/3, 2/3, 2/3, 2)
    unweighted = survey_results(actor=district_user, survey=survey, weighted=False)
    assert next(row.result.aided.percent for row in unweighted.brands if str(row.brand.pk) == b1) == D(
        "50.00"
    )


def test_survey_list_is_scoped_and_takes_two_queries(
    survey, district_user, department_user, enterprise_user, admin_user, fuling_government, brands,
    django_assert_num_queries,
):  # fmt: skip
    for i in range(2):
        survey_create(
            actor=district_user,
            organisation=fuling_government,
            title=f"问卷{i}",
            purpose="stakeholder",
            brands=[brands[i]],
            questions=questions(*brands)[:2],
        )
    list(survey_list(actor=district_user))  # the actor's scope is computed once and cached
    with django_assert_num_queries(2):
        rows = list(survey_list(actor=district_user))
        assert [(r.title, len(r.brands.all())) for r in rows] == [
            ("问卷1", 1),
            ("问卷0", 1),
            (survey.title, 2),
        ]
    assert [(r.response_count, r.valid_count) for r in rows] == [(0, 0)] * 3
    assert list(survey_list(actor=department_user)) == []
    assert list(survey_list(actor=enterprise_user)) == []
    assert len(survey_list(actor=admin_user)) == 3
    assert [s.pk for s in survey_list(actor=district_user, purpose="consumer")] == [survey.pk]
    with pytest.raises(SurveyNotFound):
        survey_get(actor=department_user, pk=survey.pk)


def test_a_draft_is_not_public_but_an_open_survey_is(survey, district_user):
    with pytest.raises(SurveyNotFound):
        survey_get_public(token=survey.token)
    from pinpai.evaluation.services import survey_open

    survey_open(actor=district_user, survey=survey)
    assert survey_get_public(token=survey.token).pk == survey.pk


def test_closed_surveys_feed_the_customer_indicators_of_strength(open_survey, brands, district_user):
    fieldwork(open_survey, brands, district_user)
    today = timezone.localdate()
    assert survey_stakeholder_indicators(brand=brands[0], as_of=today).values == {}  # still open
    close(district_user, open_survey)

    feed = survey_stakeholder_indicators(brand=brands[0], as_of=today)
    assert feed.values == {
        "customer.awareness": D("75.00"),
        "intangible.brand_awareness": D("75.00"),
        "customer.satisfaction": D("75.00"),  # (4 − 1) / 4 × 100
        "service.customer_satisfaction": D("75.00"),
    }
    satisfaction = next(s for s in feed.sources if s.code == "customer.satisfaction")
    # 4, 5, 3: s = 1, half = 1.96 / √3 = 1.1316…; [2.8684, 5] on 1–5 → [46.71, 100.00] on 0–100
    assert (satisfaction.n, satisfaction.lower, satisfaction.upper) == (3, D("46.71"), D("100.00"))
    assert (satisfaction.survey_id, satisfaction.engine_version) == (open_survey.pk, "surveys-2026.1")
    assert (
        survey_stakeholder_indicators(brand=brands[0], as_of=today - datetime.timedelta(days=1)).values == {}
    )
    iso = {leaf.indicator.code for leaf in system_get("iso20671").leaves()}
    gbt = {leaf.indicator.code for leaf in system_get("gbt29186").leaves()}
    assert set(feed.values) <= iso | gbt
