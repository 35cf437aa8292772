"""Evaluation pages: the calculator (Chinese by default, English on request; htmx swaps in the derivation),
the methodology pages and the self-assessment."""

import re

import pytest

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import TEST_PASSWORD, user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.evaluation.models import SelfAssessment
from pinpai.evaluation.tests.examples import GBT29186_VALUES
from pinpai.registry.tests.factories import make_brand, make_enterprise

pytestmark = pytest.mark.django_db
WORKED_EXAMPLE = {
    "revenues": "10000, 10800 11500，12100 12600",
    "royalty_rate_low": "1",
    "royalty_rate_high": "5",
    "strength_index": "72.5",
    "tax_rate": "25",
    "discount_rate": "11",
    "terminal_growth": "2.5",
    "timing": "end_year",
    "currency": "CNY",
    "unit": "万元",
}
CALCULATOR = "/evaluation/calculator/"


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_calculator_speaks_chinese_by_default_with_the_worked_example_filled_in(client):
    response = client.get(CALCULATOR)
    assert response.status_code == 200
    page = text(response)
    assert "品牌价值计算器" in page
    assert "许可费节省法" in page
    assert 'value="10000 10800 11500 12100 12600"' in page
    assert 'name="discount_rate" value="11"' in page
    assert 'min="0" max="100"' in page  # strength index bounds from METHODS
    assert '<a href="/evaluation/calculator/">品牌评价</a>' in page


def test_the_calculator_speaks_english_on_request(en):
    page = text(en.get(CALCULATOR + "?method=excess_earnings"))
    assert "Brand valuation calculator" in page
    assert "Multi-period excess earnings" in page
    assert "Operating profit before tax per year" in page
    assert '<a href="/evaluation/calculator/">Evaluation</a>' in page


def test_an_htmx_post_swaps_in_the_value_the_grid_and_the_derivation(client):
    response = client.post(CALCULATOR + "?method=royalty_relief", WORKED_EXAMPLE, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page  # the partial only
    events = AuditEvent.objects.count()
    assert '<strong class="brand-value">3,855.18</strong> 万元' in page
    assert "3855.180907215744011892198922524052793324" in page
    assert '<tr data-step="terminal_value"><td>终值（戈登增长）</td>' in page
    assert "368.55000 × (1 + 0.025) / (0.11 − 0.025)" in page
    cells = re.findall(
        r'<td class="num(?: base)?">([\d,.—]+)</td>', page.split('id="grid"')[1].split("</table>")[0]
    )
    assert cells == [
        "4,168.00", "4,377.77", "4,617.51", "3,696.50", "3,855.18", "4,033.69", "3,319.55", "3,442.82", "3,579.79",
    ]  # fmt: skip
    assert '<td class="num base">3,855.18</td>' in page
    client.post(CALCULATOR + "?method=royalty_relief", WORKED_EXAMPLE, HTTP_HX_REQUEST="true")
    assert AuditEvent.objects.count() == events  # a calculation stores nothing


def test_bad_inputs_are_shown_next_to_their_fields(en):
    data = {**WORKED_EXAMPLE, "revenues": "10000 10800 -5", "discount_rate": "2", "strength_index": ""}
    response = en.post(CALCULATOR + "?method=royalty_relief", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = text(response)
    revenues = page.split('class="field field-revenues"')[1].split("</div>")[0]
    assert "item 3: must not be negative" in revenues
    strength = page.split('class="field field-strength_index"')[1].split("</div>")[0]
    assert "is required" in strength
    assert "brand-value" not in page


def test_the_discount_rate_must_be_above_growth_in_the_form(client):
    data = {**WORKED_EXAMPLE, "discount_rate": "2"}
    page = text(client.post(CALCULATOR + "?method=royalty_relief", data, HTTP_HX_REQUEST="true"))
    field = page.split('class="field field-discount_rate"')[1].split("</div>")[0]
    assert "折现率必须高于永续增长率" in field


def test_object_inputs_and_item_lines_reach_the_engine(en):
    data = {
        "metric": "1000",
        "metric_name": "revenue",
        "comparables": "A, 2\nB, 3\nC, 4",
        "statistic": "median",
        "currency": "CNY",
        "unit": "元",
    }
    page = text(en.post(CALCULATOR + "?method=market_multiples", data, HTTP_HX_REQUEST="true"))
    assert '<strong class="brand-value">3,000.00</strong> 元' in page
    assert 'id="grid"' not in page  # not an income method
    wacc = {
        **WORKED_EXAMPLE,
        "discount_rate": "",
        "wacc__cost_of_equity": "12",
        "wacc__cost_of_debt": "5",
        "wacc__tax_rate": "25",
        "wacc__equity_weight": "70",
        "wacc__debt_weight": "20",
    }
    page = text(en.post(CALCULATOR + "?method=royalty_relief", wacc, HTTP_HX_REQUEST="true"))
    equity = page.split('class="field field-wacc__cost_of_equity"')[1].split("</div>")[0]
    assert "the weights must sum to 1" in equity


def test_an_unknown_method_page_is_404(client):
    assert client.get(CALCULATOR + "?method=brand_magic").status_code == 404


def test_the_methodology_pages_in_chinese(client):
    page = text(client.get("/evaluation/methods/"))
    assert "许可费节省法" in page
    assert "品牌价值要素评价（五要素）" in page
    page = text(client.get("/evaluation/methods/royalty_relief/"))
    assert "品牌强度指数" in page
    assert "四舍五入" in page
    page = text(client.get("/evaluation/systems/gbt29186/"))
    assert "线性：不高于 90 得 0 分，不低于 100 得 100 分，其间按线性插值" in page
    assert client.get("/evaluation/methods/brand_magic/").status_code == 404
    assert client.get("/evaluation/systems/nope/").status_code == 404


def test_the_methodology_pages_in_english(en):
    page = text(en.get("/evaluation/methods/royalty_relief/"))
    assert "Royalty relief" in page
    assert "royalty_rate = low + (high − low) × strength_index / 100" in page
    assert "<td>Brand strength index</td><td><code>strength_index</code></td>" in page
    assert "[0, 100]" in page
    assert "valuation-2026.1" in page
    assert "half-up to 0.01" in page
    page = text(en.get("/evaluation/systems/gbt29186/"))
    assert "quality.pass_rate" in page
    assert "linear: 0 at or below 90, 100 at or above 100, interpolated in between" in page
    assert "11.25 %" in page  # the pass rate's share of the index


# ---------------------------------------------------------------- self-assessment


@pytest.fixture
def brand(reference):
    return make_brand(make_enterprise())


@pytest.fixture
def owner_client(client, brand):
    user_with_role(Role.ENTERPRISE_USER, brand.owner.organisation, username="owner")
    assert client.login(username="owner", password=TEST_PASSWORD)
    return client


def _form_data(values):
    data = {}
    for code, value in values.items():
        name = "v_" + re.sub(r"[^a-z0-9_]", "_", code)
        if value is True:
            data[name] = "on"
        elif value is not False:
            data[name] = str(value)
    return data


def test_self_assessment_needs_a_signed_in_user(client):
    response = client.get("/evaluation/self-assessment/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_user_without_brands_is_told_so(client, district_user):
    client.force_login(district_user)
    page = text(client.get("/evaluation/self-assessment/"))
    assert "只有已登记品牌的企业用户才能在此自评" in page


def test_the_owner_previews_then_saves_a_self_assessment(owner_client, brand):
    url = f"/evaluation/self-assessment/?brand={brand.pk}&system=gbt29186"
    page = text(owner_client.get(f"/evaluation/self-assessment/?brand={brand.pk}"))  # gbt29186 by default
    assert "产品抽检合格率（%）" in page
    assert 'name="v_quality_pass_rate"' in page

    preview = text(owner_client.post(url, {**_form_data(GBT29186_VALUES), "action": "preview"}))
    assert '<strong class="strength-index">70.24</strong>' in preview
    assert SelfAssessment.objects.count() == 0

    saved = owner_client.post(url, {**_form_data(GBT29186_VALUES), "action": "save"})
    assessment = SelfAssessment.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == f"/evaluation/self-assessments/{assessment.pk}/"
    response = owner_client.get(saved["Location"])
    detail = text(response)
    assert '<strong class="strength-index">70.24</strong>' in detail
    # the radar chart: one point per GB/T 29186 element; weighted by the elements' shares they give the index
    radar = response.context["radar"]
    assert [r["name"] for r in radar] == ["有形要素", "质量要素", "创新要素", "服务要素", "无形要素"]
    assert 'id="radar-data"' in detail
    assert "vendor/echarts-6.1.0/echarts.min.js" in detail
    shares = {"有形要素": 0.2, "质量要素": 0.25, "创新要素": 0.2, "服务要素": 0.15, "无形要素": 0.2}
    assert round(sum(r["score"] * shares[r["name"]] for r in radar), 2) == 70.24
    assert "702.38" in detail
    listing = text(owner_client.get("/evaluation/self-assessment/"))
    assert f'href="/evaluation/self-assessments/{assessment.pk}/"' in listing


def test_a_bad_value_is_shown_next_to_its_indicator_and_nothing_is_saved(owner_client, brand):
    url = f"/evaluation/self-assessment/?brand={brand.pk}&system=gbt29186"
    data = {**_form_data(GBT29186_VALUES), "v_service_customer_satisfaction": "150", "action": "save"}
    page = text(owner_client.post(url, data))
    assert "超出允许范围" in page.split('name="v_service_customer_satisfaction"')[1].split("</div>")[0]
    assert SelfAssessment.objects.count() == 0


def test_another_enterprise_cannot_open_the_brand(client, brand):
    other = make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236", industry_code="01")
    user = user_with_role(Role.ENTERPRISE_USER, other.organisation, username="other")
    client.force_login(user)
    assert client.get(f"/evaluation/self-assessment/?brand={brand.pk}").status_code == 404
