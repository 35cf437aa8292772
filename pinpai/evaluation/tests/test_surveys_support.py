"""What the survey tests share: two brands of 涪陵区, a survey run by the 涪陵区 government, and helpers.
Imported by the test_surveys* modules (it holds no tests itself)."""

from __future__ import annotations

from typing import Any

import pytest

from pinpai.accounts.models import Organisation
from pinpai.evaluation.services import (
    RespondentKey,
    survey_close,
    survey_create,
    survey_open,
    survey_response_submit,
)
from pinpai.registry.tests.factories import make_brand, make_enterprise


def questions(first: Any, second: Any) -> list[dict[str, Any]]:
    return [
        {"code": "aware", "kind": "brand_awareness", "text": "下列品牌您听说过吗？"},
        {"code": "recall", "kind": "open_text", "role": "unaided", "text": "提到榨菜，您首先想到哪些品牌？"},
        {
            "code": "like1",
            "kind": "likert",
            "brand": first.pk,
            "measure": "favourability",
            "text": "您对测试榨菜的好感如何？",
        },
        {
            "code": "sat1",
            "kind": "likert",
            "brand": first.pk,
            "measure": "satisfaction",
            "text": "您对测试榨菜满意吗？",
            "required": False,
        },
        {
            "code": "nps1",
            "kind": "recommend",
            "brand": first.pk,
            "text": "您会向朋友推荐吗？",
            "required": False,
        },
        {
            "code": "channel",
            "kind": "single_choice",
            "text": "您通常在哪里购买？",
            "required": False,
            "options": [{"code": "market", "text": "超市"}, {"code": "online", "text": "网购"}],
        },
        {
            "code": "why",
            "kind": "multiple_choice",
            "text": "您为什么选择它？",
            "required": False,
            "max_choices": 2,
            "options": [
                {"code": "taste", "text": "口味"},
                {"code": "price", "text": "价格"},
                {"code": "origin", "text": "产地"},
            ],
        },
    ]


@pytest.fixture(name="brands")
def brands_fixture(reference):
    owner = make_enterprise()
    return make_brand(owner, name="测试榨菜"), make_brand(owner, name="乌江")


@pytest.fixture(name="fuling_government")
def fuling_government_fixture(reference):
    return Organisation.objects.get(reference_key="district:500102")


@pytest.fixture(name="survey")
def survey_fixture(district_user, fuling_government, brands):
    return survey_create(
        actor=district_user,
        organisation=fuling_government,
        title="涪陵榨菜品牌认知调查",
        purpose="consumer",
        brands=list(brands),
        questions=questions(*brands),
        brand_aliases={str(brands[0].pk): ["测试牌"]},
    )


@pytest.fixture(name="open_survey")
def open_survey_fixture(district_user, survey):
    return survey_open(actor=district_user, survey=survey)


def answers(brands: Any, *, aware: tuple[str, str] = ("heard", "unaware"), **extra: Any) -> dict[str, Any]:
    first, second = brands
    body: dict[str, Any] = {
        "aware": {str(first.pk): aware[0], str(second.pk): aware[1]},
        "recall": "测试榨菜",
        "like1": 4,
    }
    body.update(extra)
    return body


def submit(survey: Any, body: dict[str, Any], *, session: str = "s1", phone: str = "", **kw: Any) -> Any:
    return survey_response_submit(
        actor=None,
        survey=survey,
        answers=body,
        respondent=RespondentKey(session_key=session, user_agent="pytest", phone=phone),
        **kw,
    )


def close(actor: Any, survey: Any) -> Any:
    return survey_close(actor=actor, survey=survey)
