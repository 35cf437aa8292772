"""Evaluation cycle pages: the staff's cycle page, the enterprise's application page (financials, submission,
eligibility), the expert's scoring, the public notice with its objection form, the published ranking with the
derivation, and the result letter as a real PDF."""

import datetime
import re
import zlib

import pytest
from django.test import Client
from django.utils import timezone

from pinpai.evaluation.models import ApplicationFinancialYear, EvaluationCycle, Objection
from pinpai.evaluation.services.cycle_applications import application_approve
from pinpai.evaluation.services.cycle_scoring import application_score, conflict_declare, expert_score_submit
from pinpai.evaluation.services.cycles import (
    cycle_close,
    cycle_notice_start,
    cycle_publish,
    cycle_review_start,
    cycle_scoring_start,
)
from pinpai.evaluation.tests.cycles_world import (
    EXPERT_SCORES,
    application_verified,
    cycle_opened_with_panel,
    world_build,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference):
    return world_build()


def client_for(user, language=None):
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def _pdf_fonts(pdf: bytes) -> set[str]:
    """The fonts a PDF embeds (WeasyPrint keeps its font dictionaries in compressed object streams)."""
    names = set()
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            body = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        names |= {m.decode() for m in re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z0-9-]+)", body)}
    return names


def text(response):
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def _scored(world):
    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    cycle = cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    for expert, scores in zip(world.experts[:3], EXPERT_SCORES, strict=True):
        conflict_declare(actor=expert, application=application, has_conflict=False)
        expert_score_submit(actor=expert, application=application, scores=scores)
    application_score(actor=world.manager, application=application)
    return application, cycle


def test_the_enterprise_enters_financials_and_sees_the_eligibility_outcome(world):
    cycle = cycle_opened_with_panel(world)
    owner = client_for(world.owner)
    page = text(owner.get(f"/evaluation/cycles/{cycle.pk}/"))
    assert "测试榨菜" in page  # offered for an application
    response = owner.post(f"/evaluation/cycles/{cycle.pk}/apply/", {"brand": world.brand.pk})
    assert response.status_code == 302
    url = response["Location"]
    year = world.year
    form = {}
    for n, (revenue, profit, brand_revenue) in enumerate(
        [
            ("100000000", "12000000", "80000000"),
            ("108000000", "13000000", "86000000"),
            ("115000000", "14500000", "92000000"),
        ]
    ):
        y = year - 3 + n
        form.update(
            {
                f"revenue_yuan_{y}": revenue,
                f"operating_profit_yuan_{y}": profit,
                f"brand_revenue_yuan_{y}": brand_revenue,
            }
        )
    assert owner.post(f"{url}financials/", form).status_code == 302
    assert ApplicationFinancialYear.objects.count() == 3
    assert owner.post(f"{url}submit/").status_code == 302
    page = text(owner.get(url))
    assert "符合资格：没有不通过的规则" in page  # the gate's verdict, in Chinese by default
    english = text(client_for(world.owner, "en").get(url))
    assert "Eligible: no rule fails." in english
    assert "Not checked yet: the credit module will supply this rule." in english
    assert "Valid certificates" in english


def test_a_negative_revenue_is_shown_with_its_field(world):
    cycle = cycle_opened_with_panel(world)
    owner = client_for(world.owner, "en")
    url = owner.post(f"/evaluation/cycles/{cycle.pk}/apply/", {"brand": world.brand.pk})["Location"]
    y = world.year - 1
    response = owner.post(
        f"{url}financials/",
        {f"revenue_yuan_{y}": "-1", f"operating_profit_yuan_{y}": "1", f"brand_revenue_yuan_{y}": "0"},
        follow=True,
    )
    assert "financials[0].revenue_yuan: must not be negative" in text(response)
    assert ApplicationFinancialYear.objects.count() == 0


def test_the_staff_page_lists_applications_and_steps(world):
    application, cycle = _scored(world)
    page = text(client_for(world.manager, "en").get(f"/evaluation/cycles/{cycle.pk}/"))
    assert 'data-status="valued"' in page
    assert "Start the review" in page
    assert "39,269,823.40" in page


def test_an_expert_scores_from_the_application_page(world):
    cycle = cycle_opened_with_panel(world)
    application = application_verified(world, cycle)
    cycle_scoring_start(actor=world.manager, cycle=cycle_close(actor=world.manager, cycle=cycle))
    expert = client_for(world.experts[0], "en")
    url = f"/evaluation/applications/{application.pk}/"
    assert "Expert scoring" in text(expert.get(url))
    expert.post(f"{url}panel/", {"action": "declare", "has_conflict": "no"})
    response = expert.post(
        f"{url}panel/",
        {"action": "score", "score_service.customer_satisfaction": "101", "score_intangible.heritage": "70"},
        follow=True,
    )
    assert "scores.service.customer_satisfaction: is outside the allowed range" in text(response)
    expert.post(
        f"{url}panel/",
        {"action": "score", "score_service.customer_satisfaction": "80", "score_intangible.heritage": "70"},
    )
    assert application.expert_scores.count() == 2


def test_the_public_objects_during_the_notice_and_reads_the_ranking_and_derivation(world):
    application, cycle = _scored(world)
    cycle = cycle_review_start(actor=world.manager, cycle=cycle)
    application_approve(actor=world.manager, application=application)
    cycle = cycle_notice_start(actor=world.manager, cycle=cycle)
    public = Client()
    assert "File the objection" in text(
        public.get(f"/evaluation/cycles/{cycle.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    )
    public.post(
        f"/evaluation/applications/{application.pk}/objection/",
        {"text": "数据偏高", "contact_name": "李四", "contact": "13800000000"},
    )
    objection = Objection.objects.get()
    assert (objection.filed_by, objection.contact_name) == (None, "李四")
    manager = client_for(world.manager)
    manager.post(
        f"/evaluation/objections/{objection.pk}/decide/", {"decision": "rejected", "reason": "已核实"}
    )
    today = timezone.localdate()
    EvaluationCycle.objects.filter(pk=cycle.pk).update(
        notice_starts_on=today - datetime.timedelta(days=7), notice_ends_on=today - datetime.timedelta(days=1)
    )
    cycle_publish(actor=world.manager, cycle=cycle)

    ranking = text(public.get(f"/evaluation/rankings/{world.year}/agri-processed/regional/"))
    assert "测试榨菜" in ranking
    assert "39,269,823.40" in ranking
    result = text(
        Client().get(f"/evaluation/applications/{application.pk}/result/", HTTP_ACCEPT_LANGUAGE="en")
    )
    assert "The engines, run again on the stored inputs, reproduce every published number." in result
    assert "A: 80.00; B: 85.00; C: 90.00" in result
    assert "strength-2026.1" in result
    assert "valuation-2026.1" in result

    letter = client_for(world.owner).get(f"/evaluation/applications/{application.pk}/letter.pdf")
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF-")
    assert len(letter.content) > 10_000
    # Chinese text needs a CJK font (fonts-noto-cjk): the letter embeds it rather than showing empty boxes.
    assert "Noto-Serif-CJK-SC" in _pdf_fonts(letter.content)
    assert (
        Client().get(f"/evaluation/applications/{application.pk}/letter.pdf").status_code == 302
    )  # sign in first
    stranger = client_for(world.other_manager).get(f"/evaluation/applications/{application.pk}/letter.pdf")
    assert stranger.status_code == 403


def test_the_cycle_list_is_public_once_opened(world):
    cycle = cycle_opened_with_panel(world)
    page = text(Client().get("/evaluation/cycles/"))
    assert cycle.title in page
