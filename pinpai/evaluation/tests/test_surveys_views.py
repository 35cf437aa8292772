"""Survey pages: the public questionnaire (Chinese by default, CSRF-protected, thank-you page, duplicates),
the QR code as SVG and PNG, and the staff list, detail, actions and results."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from pinpai.evaluation.models import SurveyResponse
from pinpai.evaluation.tests.test_surveys_selectors import fieldwork
from pinpai.evaluation.tests.test_surveys_support import (  # noqa: F401 - fixtures, used by name
    brands_fixture,
    fuling_government_fixture,
    open_survey_fixture,
    questions,
    survey_fixture,
)

pytestmark = pytest.mark.django_db
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def page(survey):
    return f"/evaluation/s/{survey.token}/"


def form_data(brands, **extra):
    first, second = brands
    data = {
        f"q_aware__{first.pk}": "heard",
        f"q_aware__{second.pk}": "unaware",
        "q_recall": "测试榨菜",
        "q_like1": "4",
        "q_why": ["taste", "origin"],
    }
    data.update(extra)
    return data


def test_the_questionnaire_is_in_chinese_by_default_with_a_csrf_token(client, open_survey, brands):
    response = client.get(page(open_survey))

    assert response.status_code == 200
    html = text(response)
    assert '<html lang="zh-hans">' in html
    assert "涪陵榨菜品牌认知调查" in html
    assert "1. 下列品牌您听说过吗？ *" in html
    assert "6. 您通常在哪里购买？</legend>" in html  # optional: no star
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'name="q_aware__{brands[0].pk}"' in html
    assert '<a href="/">首页</a>' in html


def test_the_questionnaire_speaks_english_on_request(en, open_survey):
    html = text(en.get(page(open_survey)))

    assert "Never heard of it" in html
    assert "Mobile number (optional)" in html
    assert "Submit" in html


def test_submitting_stores_a_response_and_thanks_and_a_second_time_is_a_duplicate(en, open_survey, brands):
    first = en.post(page(open_survey), form_data(brands), HTTP_USER_AGENT="Mobile Safari")
    assert first.status_code == 302
    assert first["Location"] == f"/evaluation/s/{open_survey.token}/thanks/"
    assert "Your answers have been recorded." in text(en.get(first["Location"]))

    second = en.post(page(open_survey), form_data(brands), HTTP_USER_AGENT="Mobile Safari")
    assert second["Location"].endswith("?duplicate=1")
    assert "only your first answer counts" in text(en.get(second["Location"]))
    stored = SurveyResponse.objects.order_by("pk")
    assert [r.status for r in stored] == ["valid", "duplicate"]
    assert stored[0].answers == {
        "aware": {str(brands[0].pk): "heard", str(brands[1].pk): "unaware"},
        "recall": "测试榨菜",
        "like1": 4,
        "why": ["taste", "origin"],
    }


def test_missing_answers_are_shown_next_to_their_question(en, open_survey, brands):
    response = en.post(page(open_survey), form_data(brands, q_like1="", q_recall=""))

    assert response.status_code == 200
    html = text(response)
    assert html.count("please answer this question") == 2
    assert SurveyResponse.objects.count() == 0


def test_the_questionnaire_refuses_a_post_without_csrf(open_survey, brands):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(page(open_survey), form_data(brands)).status_code == 403
    assert SurveyResponse.objects.count() == 0


def test_a_draft_is_a_404_and_a_closed_survey_says_so(client, survey, district_user):
    assert client.get(page(survey)).status_code == 404
    from pinpai.evaluation.services import survey_close, survey_open

    survey_close(actor=district_user, survey=survey_open(actor=district_user, survey=survey))
    response = client.get(page(survey))
    assert response.status_code == 200
    assert 'id="survey-closed"' in text(response)


def test_the_qr_code_is_a_valid_svg_and_a_png(client, open_survey, district_user):
    client.force_login(district_user)
    svg = client.get(f"/evaluation/surveys/{open_survey.pk}/qr.svg")
    png = client.get(f"/evaluation/surveys/{open_survey.pk}/qr.png")

    assert (svg.status_code, svg["Content-Type"]) == (200, "image/svg+xml")
    root = ET.fromstring(svg.content)  # noqa: S314 - our own response, in a test
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None
    assert (png.status_code, png["Content-Type"]) == (200, "image/png")
    assert png.content.startswith(PNG_SIGNATURE)
    assert client.get(f"/evaluation/surveys/{open_survey.pk}/qr.gif").status_code == 404


def test_the_qr_code_is_for_the_staff_of_the_survey(client, open_survey, department_user):
    assert client.get(f"/evaluation/surveys/{open_survey.pk}/qr.svg").status_code == 302  # sign in first
    client.force_login(department_user)
    assert client.get(f"/evaluation/surveys/{open_survey.pk}/qr.svg").status_code == 404


def test_staff_open_a_survey_from_its_page_and_see_the_link(en, survey, district_user):
    en.force_login(district_user)
    listing = text(en.get("/evaluation/surveys/"))
    assert "Consumer and stakeholder surveys" in listing
    assert "涪陵榨菜品牌认知调查" in listing

    detail = text(en.get(f"/evaluation/surveys/{survey.pk}/"))
    assert f"http://testserver/evaluation/s/{survey.token}/" in detail
    assert "Open for answers" in detail
    response = en.post(f"/evaluation/surveys/{survey.pk}/open/")
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == "open"


def test_staff_create_a_draft_from_the_form(en, district_user, fuling_government, brands):
    import json

    en.force_login(district_user)
    assert en.get("/evaluation/surveys/new/").status_code == 200
    response = en.post(
        "/evaluation/surveys/new/",
        {
            "title": "新问卷",
            "purpose": "stakeholder",
            "organisation": fuling_government.pk,
            "brands": [b.pk for b in brands],
            "questions": json.dumps(questions(*brands), ensure_ascii=False),
        },
    )
    assert response.status_code == 302, text(response)
    bad = en.post(
        "/evaluation/surveys/new/",
        {
            "title": "坏",
            "purpose": "consumer",
            "organisation": fuling_government.pk,
            "brands": [brands[0].pk],
            "questions": "[{",
        },
    )
    assert "This is not valid JSON" in text(bad)


def test_the_results_page_shows_n_and_intervals_and_the_chart(en, open_survey, brands, district_user):
    fieldwork(open_survey, brands, district_user)
    en.force_login(district_user)
    html = text(en.get(f"/evaluation/surveys/{open_survey.pk}/results/"))

    assert 'id="awareness-chart"' in html
    assert "vendor/echarts-6.1.0/echarts.min.js" in html
    row = re.search(rf'<tr data-brand="{brands[0].pk}">(.*?)</tr>', html).group(1)
    assert "75.00 <small>[30.06, 95.44] n=4</small>" in row
    assert "<strong>65.00</strong>" in row
    assert 'id="respondents">4<' in html


def test_staff_pages_are_for_staff(client, enterprise_user):
    client.force_login(enterprise_user)
    assert client.get("/evaluation/surveys/").status_code == 403
    assert client.get("/evaluation/surveys/new/").status_code == 403
