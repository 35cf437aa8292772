"""Public evaluation pages in headless Chromium (Debian's package, driven by Playwright): the appraisal
whitelist's "is this award sanctioned?" lookup (htmx), and a consumer survey answered on a phone-sized screen."""

import datetime
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):  # pragma: no cover - `make test` installs chromium
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the live server runs in another thread
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_the_public_asks_whether_an_award_is_sanctioned(reference, department_user, live_server, browser):
    from pinpai.evaluation.services.appraisals import appraisal_register

    appraisal_register(
        actor=department_user, name="中国质量奖", organiser_name="国家市场监督管理总局",
        approving_authority="全国评比达标表彰工作协调小组", approval_number="国评组办〔2015〕1号",
        level="national", cycle="biennial", valid_from=datetime.date(2012, 1, 1),
    )  # fmt: skip
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/evaluation/appraisals/")
    page.fill("input[name='lookup-q']", "中国质量奖提名奖")
    page.locator("section.lookup button[type=submit]").click()
    answer = page.locator("#lookup-result div.lookup-answer")
    answer.wait_for()
    assert answer.get_attribute("data-answer") == "sanctioned"
    assert page.url == live_server.url + "/evaluation/appraisals/"  # htmx swapped the answer in, no reload
    assert "国评组办〔2015〕1号" in page.locator("#lookup-result").inner_text()

    page.fill("input[name='lookup-q']", "亚洲名优品牌")
    page.locator("section.lookup button[type=submit]").click()
    page.locator("#lookup-result div.lookup-answer[data-answer='not_on_register']").wait_for()
    assert "未列入目录" in page.locator("#lookup-result").inner_text()
    context.close()


def test_a_consumer_answers_a_survey_on_a_phone(reference, district_user, live_server, browser):
    from pinpai.accounts.models import Organisation
    from pinpai.evaluation.models import SurveyResponse
    from pinpai.evaluation.services import survey_create, survey_open
    from pinpai.evaluation.tests.test_surveys_support import questions
    from pinpai.registry.tests.factories import make_brand, make_enterprise

    owner = make_enterprise()
    first, second = make_brand(owner, name="测试榨菜"), make_brand(owner, name="乌江")
    survey = survey_open(
        actor=district_user,
        survey=survey_create(
            actor=district_user, organisation=Organisation.objects.get(reference_key="district:500102"),
            title="涪陵榨菜品牌认知调查", purpose="consumer", brands=[first, second], questions=questions(first, second),
        ),
    )  # fmt: skip
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + f"/evaluation/s/{survey.token}/")
    assert page.locator("h1").inner_text() == "涪陵榨菜品牌认知调查"
    # Nothing fits the screen's width badly: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.check(f"input[name='q_aware__{first.pk}'][value='used']")
    page.check(f"input[name='q_aware__{second.pk}'][value='heard']")
    page.fill("textarea[name='q_recall']", "测试榨菜、乌江")
    page.check("input[name='q_like1'][value='5']")
    page.locator("#questionnaire button[type=submit]").click()
    page.wait_for_load_state()
    assert "您的回答已记录" in page.content()
    stored = SurveyResponse.objects.get(survey=survey)
    assert (stored.status, stored.answers["like1"], stored.answers["aware"][str(first.pk)]) == (
        "valid",
        5,
        "used",
    )
    context.close()
