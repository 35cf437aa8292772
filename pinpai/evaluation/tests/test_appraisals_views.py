"""The appraisal whitelist pages: the register and its lookup (Chinese by default, English on request), an
appraisal's detail, the enterprise's displayed-awards page and the staff page of flags (htmx review)."""

from __future__ import annotations

import datetime
import re

import pytest

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import TEST_PASSWORD, user_with_role
from pinpai.evaluation.models import AwardClaim
from pinpai.evaluation.services.appraisals import appraisal_award_grant, award_claim_record
from pinpai.evaluation.tests.test_appraisals_services import SAMR, make_appraisal
from pinpai.registry.tests.factories import make_brand, make_enterprise, publish

pytestmark = pytest.mark.django_db
D = datetime.date
REGISTER = "/evaluation/appraisals/"


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def quality_award(department_user):
    return make_appraisal(department_user, approval_number="国评组办〔2015〕1号")


@pytest.fixture
def brand(reference):
    return make_brand(make_enterprise())


@pytest.fixture
def owner_user(brand):
    return user_with_role(Role.ENTERPRISE_USER, brand.owner.organisation, username="owner")


def signed_in(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_the_register_speaks_chinese_by_default_with_the_lookup_box(client, quality_award):
    response = client.get(REGISTER)
    assert response.status_code == 200
    page = text(response)
    assert '<html lang="zh-hans">' in page  # strings are asserted in English until the catalogue has them
    assert f'<tr data-appraisal="{quality_award.pk}">' in page
    assert "中国质量奖" in page
    assert "国评组办〔2015〕1号" in page
    assert 'name="lookup-q"' in page
    assert 'hx-target="#lookup-result"' in page


def test_the_register_speaks_english_on_request(en, quality_award):
    page = text(en.get(REGISTER))
    assert "Appraisal whitelist" in page
    assert "Is this award sanctioned?" in page
    assert '<span class="status status-sanctioned" data-status="sanctioned">sanctioned</span>' in page


def test_htmx_filters_swap_only_the_rows(client, quality_award):
    response = client.get(
        REGISTER, {"level": "provincial"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="appraisal-rows"
    )
    page = text(response)
    assert "<html" not in page
    assert 'data-count="0"' in page


def test_the_lookup_answers_in_a_partial_with_the_approving_document(en, quality_award):
    response = en.get(
        "/evaluation/appraisals/lookup/",
        {"lookup": "1", "lookup-q": "中国质量奖提名奖"},
        HTTP_HX_REQUEST="true",
    )
    page = text(response)
    assert "<html" not in page
    assert 'data-answer="sanctioned"' in page
    assert "Sanctioned: on the register and in force" in page
    assert "全国评比达标表彰工作协调小组 国评组办〔2015〕1号" in page
    missing = text(
        en.get(
            "/evaluation/appraisals/lookup/",
            {"lookup": "1", "lookup-q": "亚洲名优品牌"},
            HTTP_HX_REQUEST="true",
        )
    )
    assert 'data-answer="not_on_register"' in missing
    assert "Not on the register: not a sanctioned appraisal" in missing


def test_the_lookup_without_htmx_shows_the_register_with_the_answer(client, quality_award):
    response = client.get("/evaluation/appraisals/lookup/", {"lookup": "1", "lookup-q": "中国质量奖"})
    assert response.status_code == 200
    page = text(response)
    assert "<html" in page
    assert 'data-answer="sanctioned"' in page


def test_the_detail_lists_awards_of_published_brands(client, department_user, quality_award, brand):
    appraisal_award_grant(
        actor=department_user, appraisal=quality_award, brand=brand, year=2021, granted_on=D(2021, 9, 16)
    )
    url = f"/evaluation/appraisals/{quality_award.pk}/"
    assert 'data-award="' not in text(client.get(url))  # a draft brand's award is not public
    publish(brand)
    page = text(client.get(url))
    assert 'data-field="approval_number">国评组办〔2015〕1号</dd>' in page
    assert "测试榨菜" in page
    assert client.get("/evaluation/appraisals/999999/").status_code == 404


def test_an_enterprise_records_a_displayed_award_and_sees_the_verdict(en, owner_user, quality_award, brand):
    client = signed_in(en, owner_user)
    page = text(client.get("/evaluation/award-claims/new/"))
    assert "Awards your brand displays" in page
    assert f'<option value="{brand.pk}" selected>' in page
    response = client.post(
        f"/evaluation/award-claims/new/?brand={brand.pk}",
        {
            "claimed_title": "亚洲名优品牌",
            "claimed_organiser": "亚洲品牌联盟",
            "year": "2023",
            "evidence_note": "包装",
        },
        follow=True,
    )
    page = text(response)
    assert "not on the register of sanctioned appraisals: staff will review it" in page
    claim = AwardClaim.objects.get()
    assert f'<tr data-claim="{claim.pk}" data-status="unregistered">' in page
    assert (claim.status, claim.flag, claim.evidence_note) == ("unregistered", "not_on_register", "包装")


def test_the_claim_page_refuses_another_enterprises_brand(client, reference, brand, quality_award):
    publish(brand)
    other = make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236", industry_code="01")
    stranger = user_with_role(Role.ENTERPRISE_USER, other.organisation, username="stranger")
    assert (
        signed_in(client, stranger).get(f"/evaluation/award-claims/new/?brand={brand.pk}").status_code == 403
    )
    assert AwardClaim.objects.count() == 0


def test_staff_review_flags_with_htmx(en, district_user, owner_user, brand):
    claim = award_claim_record(
        actor=owner_user,
        brand=brand,
        claimed_title="亚洲名优品牌",
        claimed_organiser="亚洲品牌联盟",
        year=2023,
    )
    client = signed_in(en, district_user)
    page = text(client.get("/evaluation/appraisals/flagged/"))
    assert f'<tr id="claim-{claim.pk}" data-claim="{claim.pk}" data-status="unregistered">' in page
    assert "no appraisal on the register has this name" in page
    url = f"/evaluation/award-claims/{claim.pk}/review/"
    refused = text(client.post(url, {"decision": "dismiss"}, HTTP_HX_REQUEST="true"))
    assert "Give a note saying why the flag is dismissed." in refused
    done = text(client.post(url, {"decision": "dismiss", "note": "已撤下"}, HTTP_HX_REQUEST="true"))
    assert "<html" not in done
    assert 'data-status="dismissed"' in done
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == ("dismissed", district_user)


def test_the_flag_page_is_for_staff_only(client, owner_user):
    assert client.get("/evaluation/appraisals/flagged/").status_code == 302  # to sign in
    assert signed_in(client, owner_user).get("/evaluation/appraisals/flagged/").status_code == 403


def test_the_nav_links_the_register(client):
    assert '<a href="/evaluation/appraisals/">' in text(client.get("/evaluation/calculator/"))


def test_the_flag_page_is_chinese_by_default(client, department_user, owner_user, brand):
    award_claim_record(
        actor=owner_user, brand=brand, claimed_title="中国质量奖", claimed_organiser=SAMR, year=2023
    )
    response = signed_in(client, department_user).get("/evaluation/appraisals/flagged/")
    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
