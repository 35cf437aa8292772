"""Demo data for surveys: a closed consumer survey of published zhacai (榨菜) brands run by the 涪陵区
government, with 240 seeded answers (a few of them repeats, stored as duplicates), so the results page shows
awareness, favourability and the index with their confidence intervals. Written through the evaluation
services, once; a second call changes nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pinpai.accounts.models import Organisation
from pinpai.demo.permissions import can_demo_load
from pinpai.evaluation.models import Survey
from pinpai.evaluation.services import (
    RespondentKey,
    survey_close,
    survey_create,
    survey_open,
    survey_response_submit,
)
from pinpai.registry.models import Brand

RESPONSES = 240
REPEATS = 6  # respondents who answer twice: their second answer is stored as a duplicate, not counted
LEVELS = ("unaware", "heard", "familiar", "used")


@dataclass(frozen=True)
class DemoSurveysResult:
    loaded: bool
    surveys: int
    responses: int


def _questions(brands: list[Brand]) -> list[dict[str, Any]]:
    first = brands[0]
    return [
        {"code": "aware", "kind": "brand_awareness", "text": "下列涪陵榨菜品牌，您听说过吗？"},
        {"code": "recall", "kind": "open_text", "role": "unaided", "text": "提到涪陵榨菜，您首先想到哪些品牌？",
         "required": False},
        {"code": "like1", "kind": "likert", "brand": first.pk, "measure": "favourability",
         "text": f"您对“{first.name}”的好感如何？"},
        {"code": "sat1", "kind": "likert", "brand": first.pk, "measure": "satisfaction",
         "text": f"您对“{first.name}”满意吗？", "required": False},
        {"code": "channel", "kind": "single_choice", "text": "您通常在哪里购买榨菜？", "required": False,
         "options": [{"code": "market", "text": "超市"}, {"code": "online", "text": "网购"},
                     {"code": "wet", "text": "农贸市场"}]},
    ]  # fmt: skip


def _answers(rng: random.Random, brands: list[Brand]) -> dict[str, Any]:
    # The first brand is the best known; awareness falls off along the list.
    aware = {
        str(b.pk): rng.choices(LEVELS, weights=(10 + 15 * i, 40, 25, max(35 - 15 * i, 5)))[0]
        for i, b in enumerate(brands)
    }
    named = [b.name for b, level in zip(brands, aware.values(), strict=True) if level != "unaware"]
    recalled = rng.sample(named, k=min(len(named), rng.randint(0, 2)))
    body: dict[str, Any] = {
        "aware": aware,
        **({"recall": "、".join(recalled)} if recalled else {}),
        "like1": rng.choices((1, 2, 3, 4, 5), weights=(3, 7, 25, 40, 25))[0],
        "channel": rng.choice(("market", "online", "wet")),
    }
    if rng.random() < 0.7:
        body["sat1"] = rng.choices((1, 2, 3, 4, 5), weights=(2, 6, 30, 42, 20))[0]
    return body


@transaction.atomic
def demo_surveys_load(*, actor: Any, seed: int = 2016) -> DemoSurveysResult:
    """Load the demo survey and its answers, unless a demo survey exists already."""
    if not can_demo_load(actor):
        raise PermissionDenied
    existing = Survey.objects.filter(is_demo=True)
    if existing.exists():
        return DemoSurveysResult(False, existing.count(), sum(s.responses.count() for s in existing))
    brands = list(
        Brand.objects.filter(status="published", product_lines__name="榨菜").distinct().order_by("pk")[:4]
    )
    if len(brands) < 2:  # the registry demo has not been loaded: nothing to ask about
        return DemoSurveysResult(False, 0, 0)
    fuling = Organisation.objects.get(reference_key="district:500102")
    survey = survey_create(
        actor=actor, organisation=fuling, title="涪陵榨菜品牌消费者认知调查（演示）", purpose="consumer",
        brands=brands, questions=_questions(brands), is_demo=True,
        description="了解消费者对涪陵区榨菜品牌的知晓和认可程度。演示数据。",
    )  # fmt: skip
    survey = survey_open(actor=actor, survey=survey)
    rng = random.Random(seed)  # noqa: S311 - demo data must be reproducible from a seed, not secret
    for n in range(RESPONSES):
        session = f"demo-{n}"
        survey_response_submit(
            actor=None, survey=survey, answers=_answers(rng, brands),
            respondent=RespondentKey(session_key=session, user_agent="demo"),
        )  # fmt: skip
        if n < REPEATS:
            survey_response_submit(
                actor=None, survey=survey, answers=_answers(rng, brands),
                respondent=RespondentKey(session_key=session, user_agent="demo"),
            )  # fmt: skip
    survey_close(actor=actor, survey=survey)
    return DemoSurveysResult(True, 1, survey.responses.count())
