"""Registry pages: lists and their filters, exports, detail pages, the brand form, workflow buttons and
the review queue. UI text is asserted in English (the zh-hans catalogue is filled in later)."""

import csv
import datetime
import io
import random
import re

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from pinpai.accounts.choices import Role
from pinpai.accounts.services import system_user_ensure
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.common.models import Category, District, Pillar, ProductLine, Tier
from pinpai.registry.choices import BrandKind, BrandStatus, CertificateKind, EnterpriseStatus, GiKind
from pinpai.registry.models import Brand, BrandReview
from pinpai.registry.services.brands import (
    brand_department_approve,
    brand_district_approve,
    brand_submit,
)
from pinpai.registry.services.cultivation import (
    cultivation_list_add_brand,
    cultivation_list_create,
    cultivation_list_publish,
)
from pinpai.registry.services.enterprises import enterprise_status_change, enterprise_update
from pinpai.registry.services.rights import gi_authorise, gi_register, trademark_register
from pinpai.registry.tests.factories import make_brand, make_certificate, make_enterprise, publish

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BRAND_HEADERS = [
    "编号", "品牌名称", "英文名称", "品牌类型", "所属企业", "统一社会信用代码", "品牌体系", "品牌层级", "状态",
    "创立年份", "发布时间",
]  # fmt: skip
EXCEL_2008_05_12 = datetime.datetime(2008, 5, 12)  # noqa: DTZ001 - spreadsheet cells carry no time zone
ENTERPRISE_HEADERS = [
    "企业名称", "统一社会信用代码", "区县", "区划代码", "行业代码", "行业名称", "法定代表人", "注册资本（元）",
    "成立日期", "登记状态",
]  # fmt: skip


@pytest.fixture
def en(client):
    """The client, speaking English."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def zhacai(reference):
    return make_enterprise()


@pytest.fixture
def fengjie(reference):
    return make_enterprise(name="重庆市奉节县测试果业有限公司", district_code="500236", industry_code="01")


@pytest.fixture
def owner_user(zhacai):
    return user_with_role(Role.ENTERPRISE_USER, zhacai.organisation, username="owner")


def zh_label(choice):
    """What an export writes for a choice: its label in the default language."""
    with translation.override("zh-hans"):
        return str(choice.label)


def submitted(owner, name, **kw):
    return brand_submit(actor=system_user_ensure(), brand=make_brand(owner, name=name, **kw))


def approved(owner, name, **kw):
    actor = system_user_ensure()
    brand = brand_district_approve(actor=actor, brand=submitted(owner, name, **kw))
    return brand_department_approve(actor=actor, brand=brand)


def count(response):
    return int(re.search(r'data-count="(\d+)"', response.content.decode()).group(1))


def names_in(response, attr="data-brand"):
    html = response.content.decode()
    return re.findall(rf'<tr {attr}="\d+">\s*<td><a href="[^"]+">([^<]+)</a>', html)


def flashed(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def png(size=(8, 8), noise=False):
    if noise:
        rng = random.Random(1)
        img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    else:
        img = Image.new("RGB", size, "red")
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue()


def xlsx_rows(response):
    assert response["Content-Type"] == XLSX
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    return wb.active, [list(r) for r in wb.active.iter_rows(values_only=True)]


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


# ---------------------------------------------------------------- brand list


@pytest.fixture
def brand_mix(zhacai, fengjie):
    """Four brands across pillars, districts, tiers, kinds, statuses and certificates."""
    zc = publish(make_brand(zhacai, name="乌江榨菜"))
    make_certificate(zhacai, number="LB-1", brand=zc)
    draft = make_brand(zhacai, name="涪陵青菜头", tier_code="national", kind=BrandKind.ENTERPRISE)
    orange = publish(
        make_brand(
            fengjie, name="奉节脐橙", pillar_code="agri-original", district_codes=("500236",),
            product_line="脐橙", category_code="fruit", kind=BrandKind.REGIONAL_PUBLIC,
        )
    )  # fmt: skip
    sub = submitted(fengjie, "奉节果汁", district_codes=("500236", "500102"), product_line=None)
    return {"zc": zc, "draft": draft, "orange": orange, "sub": sub}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["乌江榨菜", "奉节果汁", "奉节脐橙", "涪陵青菜头"]),
        ({"pillar": "agri-original"}, ["奉节脐橙"]),
        ({"tier": "national"}, ["涪陵青菜头"]),
        ({"district": "500102"}, ["乌江榨菜", "奉节果汁", "涪陵青菜头"]),
        ({"district": "500236"}, ["奉节果汁", "奉节脐橙"]),
        ({"certificate": "green_food"}, ["乌江榨菜"]),
        ({"status": "published"}, ["乌江榨菜", "奉节脐橙"]),
        ({"status": "submitted"}, ["奉节果汁"]),
        ({"kind": "regional_public"}, ["奉节脐橙"]),
        ({"q": "奉节"}, ["奉节果汁", "奉节脐橙"]),
        ({"q": "涪陵 青菜"}, ["涪陵青菜头"]),
        ({"district": "500102", "status": "published"}, ["乌江榨菜"]),
    ],
)
def test_brand_list_filters(brand_mix, admin_user, client, params, expected):
    client.force_login(admin_user)
    response = client.get("/registry/brands/", params)
    assert response.status_code == 200
    assert names_in(response) == expected
    assert count(response) == len(expected)


def test_anonymous_sees_only_published_brands(brand_mix, en):
    response = en.get("/registry/brands/")
    assert names_in(response) == ["乌江榨菜", "奉节脐橙"]
    assert "2 brands" in response.content.decode()
    assert en.get(f"/registry/brands/{brand_mix['draft'].pk}/").status_code == 404
    assert en.get(f"/registry/brands/{brand_mix['zc'].pk}/").status_code == 200


def test_brand_list_htmx_returns_only_the_rows(brand_mix, en):
    response = en.get("/registry/brands/", {"pillar": "agri-processed"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "1 brand<" in html
    assert names_in(response) == ["乌江榨菜"]
    assert 'href="?pillar=agri-processed&amp;format=xlsx"' in html
    assert 'href="?pillar=agri-processed&amp;format=csv"' in html


def test_brand_list_paginates_and_keeps_filters(brand_mix, admin_user, en, monkeypatch):
    monkeypatch.setattr("pinpai.registry.views.listing.PAGE_SIZE", 2)
    en.force_login(admin_user)
    first = en.get("/registry/brands/", {"district": "500102"})
    assert names_in(first) == ["乌江榨菜", "奉节果汁"]
    assert '<a href="?district=500102&amp;page=2">next</a>' in first.content.decode()
    second = en.get("/registry/brands/", {"district": "500102", "page": 2})
    assert names_in(second) == ["涪陵青菜头"]
    html = second.content.decode()
    assert "page 2 of 2" in html
    assert '<a href="?district=500102&amp;page=1">previous</a>' in html
    assert 'href="?district=500102&amp;format=xlsx"' in html  # the export is the whole list, not the page


def test_an_invalid_filter_is_dropped_and_shown(brand_mix, en):
    response = en.get("/registry/brands/", {"status": "lost", "q": "榨菜"})
    assert response.status_code == 200
    assert names_in(response) == ["乌江榨菜"]
    assert "Select a valid choice. lost is not one of the available choices." in response.content.decode()


# ---------------------------------------------------------------- exports


def test_brand_export_xlsx_has_the_headers_and_the_filtered_rows(brand_mix, admin_user, client):
    client.force_login(admin_user)
    response = client.get("/registry/brands/", {"status": "published", "format": "xlsx"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="brands-{today}.xlsx"'
    sheet, rows = xlsx_rows(response)
    assert sheet.title == "品牌"
    zc, orange = brand_mix["zc"], brand_mix["orange"]
    assert rows == [
        BRAND_HEADERS,
        [zc.pk, "乌江榨菜", None, zh_label(BrandKind.PRODUCT), "重庆市涪陵区测试榨菜有限公司",
         zc.owner.organisation.uscc, "加工农产品品牌体系", "区域性品牌", zh_label(BrandStatus.PUBLISHED), 2008,
         timezone.localtime(zc.published_at).replace(tzinfo=None, microsecond=0)],
        [orange.pk, "奉节脐橙", None, zh_label(BrandKind.REGIONAL_PUBLIC), "重庆市奉节县测试果业有限公司",
         orange.owner.organisation.uscc, "原产农产品品牌体系", "区域性品牌", zh_label(BrandStatus.PUBLISHED), 2008,
         timezone.localtime(orange.published_at).replace(tzinfo=None, microsecond=0)],
    ]  # fmt: skip
    assert sheet["K2"].number_format == "yyyy-mm-dd hh:mm"


def test_brand_export_csv_has_the_headers_and_the_filtered_rows(brand_mix, admin_user, client):
    client.force_login(admin_user)
    response = client.get("/registry/brands/", {"district": "500236", "format": "csv"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="brands-{today}.csv"'
    sub, orange = brand_mix["sub"], brand_mix["orange"]
    uscc = orange.owner.organisation.uscc
    published = timezone.localtime(orange.published_at).strftime("%Y-%m-%d %H:%M")
    assert csv_rows(response) == [
        BRAND_HEADERS,
        [str(sub.pk), "奉节果汁", "", zh_label(BrandKind.PRODUCT), "重庆市奉节县测试果业有限公司", uscc,
         "加工农产品品牌体系", "区域性品牌", zh_label(BrandStatus.SUBMITTED), "2008", ""],
        [str(orange.pk), "奉节脐橙", "", zh_label(BrandKind.REGIONAL_PUBLIC), "重庆市奉节县测试果业有限公司", uscc,
         "原产农产品品牌体系", "区域性品牌", zh_label(BrandStatus.PUBLISHED), "2008", published],
    ]  # fmt: skip


def test_anonymous_export_holds_only_published_brands(brand_mix, client):
    rows = csv_rows(client.get("/registry/brands/", {"format": "csv"}))
    assert [r[1] for r in rows] == ["品牌名称", "乌江榨菜", "奉节脐橙"]


def test_enterprise_export_writes_money_as_a_number_with_two_decimals(zhacai, fengjie, admin_user, client):
    enterprise_update(actor=admin_user, enterprise=fengjie, registered_capital_yuan="1234567.5")
    client.force_login(admin_user)
    sheet, rows = xlsx_rows(client.get("/registry/enterprises/", {"district": "500236", "format": "xlsx"}))
    assert rows == [
        ENTERPRISE_HEADERS,
        ["重庆市奉节县测试果业有限公司", fengjie.organisation.uscc, "奉节县", "500236", "01", "农业", "张明",
         1234567.5, EXCEL_2008_05_12, zh_label(EnterpriseStatus.ACTIVE)],
    ]  # fmt: skip
    assert sheet["H2"].number_format == "#,##0.00"
    assert sheet["I2"].number_format == "yyyy-mm-dd"
    rows = csv_rows(client.get("/registry/enterprises/", {"format": "csv"}))
    assert [r[7] for r in rows] == ["注册资本（元）", "1234567.50", "5000000.00"]


def test_exports_never_turn_text_into_formulas(zhacai, admin_user, client):
    make_brand(zhacai, name="=HYPERLINK(1)")
    client.force_login(admin_user)
    assert csv_rows(client.get("/registry/brands/", {"format": "csv"}))[1][1] == "'=HYPERLINK(1)"
    sheet, rows = xlsx_rows(client.get("/registry/brands/", {"format": "xlsx"}))
    assert rows[1][1] == "=HYPERLINK(1)"
    assert sheet["B2"].data_type == "s"


# ---------------------------------------------------------------- brand detail and workflow


def test_brand_detail_shows_every_field(brand_mix, admin_user, en):
    zc = brand_mix["zc"]
    trademark_register(
        actor=admin_user, registrant=zc.owner, registration_number="8888888", nice_class=29, mark_text="乌江",
        valid_from=datetime.date(2015, 1, 1), valid_to=timezone.localdate() + datetime.timedelta(days=30), brand=zc,
    )  # fmt: skip
    make_certificate(
        zc.owner, number="OLD-1", kind=CertificateKind.ORGANIC, brand=zc,
        valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 1, 1),
    )  # fmt: skip
    en.force_login(admin_user)
    html = en.get(f"/registry/brands/{zc.pk}/").content.decode()
    assert '<dd data-field="categories">榨菜及调味品</dd>' in html
    assert '<dd data-field="product_lines">榨菜</dd>' in html
    assert '<dd data-field="districts">涪陵区</dd>' in html
    assert re.search(r"<code>LB-1</code>.*?validity valid", html, re.S)
    assert re.search(r"<code>OLD-1</code>.*?validity expired", html, re.S)
    assert re.search(r"<code>8888888</code>.*?validity expiring", html, re.S)
    reviews = re.findall(r'<tr data-review="(\w+)">', html)
    assert reviews == ["submitted", "district_approved", "department_approved", "published"]
    assert re.findall(r'data-step="([\w-]+)"', html) == ["suspend", "withdraw"]


def test_workflow_buttons_follow_the_predicates(brand_mix, district_user, owner_user, client):
    sub = submitted(brand_mix["zc"].owner, "新品牌")
    client.force_login(district_user)
    html = client.get(f"/registry/brands/{sub.pk}/").content.decode()
    assert re.findall(r'data-step="([\w-]+)"', html) == ["district-approve", "district-return"]
    client.force_login(owner_user)
    html = client.get(f"/registry/brands/{sub.pk}/").content.decode()
    assert re.findall(r'data-step="([\w-]+)"', html) == ["withdraw"]
    assert 'id="reviews"' in html  # the owner sees its review history
    client.logout()
    assert (
        re.findall(
            r'data-step="([\w-]+)"', client.get(f"/registry/brands/{brand_mix['zc'].pk}/").content.decode()
        )
        == []
    )


def test_a_workflow_button_approves_end_to_end(brand_mix, district_user, en):
    sub = submitted(brand_mix["zc"].owner, "新品牌")
    en.force_login(district_user)
    events = AuditEvent.objects.count()
    response = en.post(f"/registry/brands/{sub.pk}/steps/district-approve/", {"reason": "材料齐全"})
    assert response.status_code == 302
    assert response["Location"] == f"/registry/brands/{sub.pk}/"
    assert flashed(response) == [("success", "新品牌 was approved by the district.")]
    sub.refresh_from_db()
    assert (sub.status, sub.status_reason) == (BrandStatus.DISTRICT_APPROVED, "材料齐全")
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor_username, event.target_id) == (
        "registry.brand.district_approved", "fuling", str(sub.pk),
    )  # fmt: skip
    assert event.changes == {"status": ["submitted", "district_approved"], "reason": [None, "材料齐全"]}


def test_a_denied_step_is_403_and_writes_nothing(brand_mix, owner_user, client):
    sub = submitted(brand_mix["zc"].owner, "新品牌")
    client.force_login(owner_user)
    events, reviews = AuditEvent.objects.count(), BrandReview.objects.count()
    response = client.post(f"/registry/brands/{sub.pk}/steps/district-approve/", {"reason": ""})
    assert response.status_code == 403
    assert Brand.objects.get(pk=sub.pk).status == BrandStatus.SUBMITTED
    assert (AuditEvent.objects.count(), BrandReview.objects.count()) == (events, reviews)


def test_returning_without_a_reason_is_a_form_error(brand_mix, district_user, en):
    sub = submitted(brand_mix["zc"].owner, "新品牌")
    en.force_login(district_user)
    events = AuditEvent.objects.count()
    response = en.post(f"/registry/brands/{sub.pk}/steps/district-return/", {"reason": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        r'data-step="district-return">.*?<ul class="errorlist"[^>]*><li>This field is required.</li></ul>',
        html,
        re.S,
    )
    assert Brand.objects.get(pk=sub.pk).status == BrandStatus.SUBMITTED
    assert AuditEvent.objects.count() == events


def test_a_step_from_the_wrong_status_is_a_message_not_a_500(brand_mix, district_user, en):
    draft = brand_mix["draft"]
    en.force_login(district_user)
    events = AuditEvent.objects.count()
    response = en.post(f"/registry/brands/{draft.pk}/steps/district-approve/", {})
    assert response.status_code == 302
    assert flashed(response) == [
        ("error", "涪陵青菜头 is draft; this step needs it to be submitted, awaiting district review.")
    ]
    assert AuditEvent.objects.count() == events


def test_publishing_with_an_expired_certificate_shows_why(zhacai, department_user, en):
    brand = approved(zhacai, "过期证书品牌")
    make_certificate(
        zhacai,
        number="EXP-1",
        brand=brand,
        valid_from=datetime.date(2019, 1, 1),
        valid_to=datetime.date(2021, 1, 1),
    )
    en.force_login(department_user)
    response = en.post(f"/registry/brands/{brand.pk}/steps/publish/")
    assert response.status_code == 302
    assert flashed(response) == [
        (
            "error",
            "过期证书品牌 cannot be published: these certificates have expired or were revoked: "
            "green food (绿色食品) EXP-1 (valid to 2021-01-01).",
        )
    ]
    assert Brand.objects.get(pk=brand.pk).status == BrandStatus.APPROVED


def test_writes_need_sign_in(brand_mix, client):
    sub = brand_mix["sub"]
    response = client.post(f"/registry/brands/{sub.pk}/steps/district-approve/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/registry/brands/{sub.pk}/steps/district-approve/"
    assert client.get("/registry/review/").status_code == 302
    assert client.get(f"/registry/brands/{sub.pk}/edit/").status_code == 302
    assert client.get(f"/registry/brands/{sub.pk}/steps/publish/").status_code == 302


def test_an_unknown_step_is_404(brand_mix, admin_user, client):
    client.force_login(admin_user)
    assert client.post(f"/registry/brands/{brand_mix['sub'].pk}/steps/teleport/").status_code == 404
    assert client.get(f"/registry/brands/{brand_mix['sub'].pk}/steps/publish/").status_code == 405


# ---------------------------------------------------------------- brand form


def brand_form_data(**overrides):
    pillar = Pillar.objects.get(code="agri-processed")
    data = {
        "name": "白鹤梁榨菜",
        "name_en": "Baiheliang",
        "kind": BrandKind.PRODUCT,
        "pillar": pillar.pk,
        "tier": Tier.objects.get(code="regional").pk,
        "categories": [Category.objects.get(pillar=pillar, code="pickles-condiments").pk],
        "product_lines": [ProductLine.objects.get(pillar=pillar, name="榨菜").pk],
        "districts": [District.objects.get(code="500102").pk],
        "founded_year": "1998",
        "website": "https://example.cn/",
        "story": "江心石梁",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_brand_create_registers_a_draft_with_its_logo(zhacai, owner_user, en):
    en.force_login(owner_user)
    assert en.get(f"/registry/enterprises/{zhacai.pk}/brands/new/").status_code == 200
    data = brand_form_data(logo=SimpleUploadedFile("logo.png", png(), content_type="image/png"))
    response = en.post(f"/registry/enterprises/{zhacai.pk}/brands/new/", data)
    brand = Brand.objects.get(name="白鹤梁榨菜")
    assert response.status_code == 302
    assert response["Location"] == f"/registry/brands/{brand.pk}/"
    assert (brand.status, brand.owner_id, brand.founded_year) == (BrandStatus.DRAFT, zhacai.pk, 1998)
    assert [d.code for d in brand.districts.all()] == ["500102"]
    assert brand.logo.name == f"brands/logos/{zhacai.pk}/{brand.pk}.png"
    assert AuditEvent.objects.for_target(brand).get().action == "registry.brand.created"
    html = en.get(f"/registry/brands/{brand.pk}/").content.decode()
    assert f'<img class="brand-logo" src="/media/brands/logos/{zhacai.pk}/{brand.pk}.png"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "errors"),
    [
        ({"districts": None}, "districts", ["at least one district is required"]),
        ({"logo": "text"}, "logo", ["not an image"]),
        ({"logo": "big"}, "logo", ["larger than 2 KiB"]),
        ({"categories": "fruit"}, "categories", ["水果 not in pillar 加工农产品品牌体系"]),
    ],
)
def test_brand_form_shows_the_service_errors_on_its_fields(
    zhacai, owner_user, en, settings, overrides, field, errors
):
    settings.BRAND_LOGO_MAX_BYTES = 2048
    logos = {
        "text": SimpleUploadedFile("logo.png", b"not a picture", content_type="image/png"),
        "big": SimpleUploadedFile("logo.png", png((64, 64), noise=True), content_type="image/png"),
    }
    if overrides.get("logo") in logos:
        overrides = {"logo": logos[overrides["logo"]]}
    if overrides.get("categories") == "fruit":
        overrides = {"categories": [Category.objects.get(code="fruit").pk]}
    en.force_login(owner_user)
    events = AuditEvent.objects.count()
    response = en.post(f"/registry/enterprises/{zhacai.pk}/brands/new/", brand_form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors == {field: errors}
    assert (
        f'<ul class="errorlist" id="id_{field}_error"><li>{errors[0]}</li></ul>' in response.content.decode()
    )
    assert not Brand.objects.filter(name="白鹤梁榨菜").exists()
    assert AuditEvent.objects.count() == events


def test_brand_form_for_someone_elses_enterprise_is_403(zhacai, fengjie, owner_user, client):
    client.force_login(owner_user)
    publish(make_brand(fengjie, name="奉节脐橙", district_codes=("500236",)))  # makes fengjie visible
    response = client.post(f"/registry/enterprises/{fengjie.pk}/brands/new/", brand_form_data())
    assert response.status_code == 403
    assert not Brand.objects.filter(name="白鹤梁榨菜").exists()


def test_brand_edit_saves_through_the_service(zhacai, owner_user, en):
    brand = make_brand(zhacai, name="旧名")
    en.force_login(owner_user)
    form = en.get(f"/registry/brands/{brand.pk}/edit/").context["form"]
    assert form.initial["name"] == "旧名"
    assert [d.code for d in form.initial["districts"]] == ["500102"]
    response = en.post(f"/registry/brands/{brand.pk}/edit/", brand_form_data(name="新名", districts=[
        District.objects.get(code="500102").pk, District.objects.get(code="500236").pk,
    ]))  # fmt: skip
    assert response.status_code == 302
    brand.refresh_from_db()
    assert brand.name == "新名"
    assert sorted(d.code for d in brand.districts.all()) == ["500102", "500236"]
    event = AuditEvent.objects.for_target(brand).order_by("-sequence").first()
    assert event.action == "registry.brand.updated"
    assert event.changes["name"] == ["旧名", "新名"]


def test_an_owner_cannot_edit_a_submitted_brand(zhacai, owner_user, client):
    brand = submitted(zhacai, "已提交")
    client.force_login(owner_user)
    assert (
        f'href="/registry/brands/{brand.pk}/edit/"'
        not in client.get(f"/registry/brands/{brand.pk}/").content.decode()
    )
    response = client.post(f"/registry/brands/{brand.pk}/edit/", brand_form_data(name="改名"))
    assert response.status_code == 403
    assert Brand.objects.get(pk=brand.pk).name == "已提交"


# ---------------------------------------------------------------- review queue


def test_review_queue_lists_what_waits_for_me(brand_mix, district_user, department_user, en):
    en.force_login(district_user)
    response = en.get("/registry/review/")
    assert names_queue(response) == ["奉节果汁"]  # marked for 涪陵区 too
    html = response.content.decode()
    assert re.findall(r'name="action" value="(\w+)"', html) == ["district_approve", "district_return"]
    en.force_login(department_user)
    assert names_queue(en.get("/registry/review/")) == []


def names_queue(response):
    return re.findall(r'<label for="pick-\d+">([^<]+)</label>', response.content.decode())


def test_bulk_approve_reports_each_brand(zhacai, district_user, en):
    first, second = submitted(zhacai, "甲品牌"), submitted(zhacai, "乙品牌")
    draft = make_brand(zhacai, name="丙品牌")
    en.force_login(district_user)
    response = en.post(
        "/registry/review/",
        {"action": "district_approve", "brands": [first.pk, second.pk, draft.pk, 999999]},
    )
    assert response.status_code == 302
    assert response["Location"] == "/registry/review/"
    assert flashed(response) == [
        ("warning", "2 of 4 brands processed, 2 failed."),
        ("success", "甲品牌 was approved by the district."),
        ("success", "乙品牌 was approved by the district."),
        ("error", "丙品牌: 丙品牌 is draft; this step needs it to be submitted, awaiting district review."),
        ("error", "#999999: not found"),
    ]
    statuses = dict(Brand.objects.values_list("name", "status"))
    assert statuses == {"甲品牌": "district_approved", "乙品牌": "district_approved", "丙品牌": "draft"}
    assert AuditEvent.objects.filter(action="registry.brand.district_approved").count() == 2
    assert names_queue(en.get("/registry/review/")) == []


def test_bulk_return_needs_a_reason_and_writes_nothing_without_one(zhacai, district_user, en):
    brand = submitted(zhacai, "甲品牌")
    en.force_login(district_user)
    events = AuditEvent.objects.count()
    response = en.post("/registry/review/", {"action": "district_return", "brands": [brand.pk]})
    assert response.status_code == 200
    assert "<li>A reason is required to return brands.</li>" in response.content.decode()
    assert f'value="{brand.pk}" id="pick-{brand.pk}" checked' in response.content.decode()
    assert AuditEvent.objects.count() == events
    response = en.post(
        "/registry/review/", {"action": "district_return", "brands": [brand.pk], "reason": "缺材料"}
    )
    assert flashed(response) == [
        ("success", "1 of 1 brands processed, 0 failed."),
        ("success", "甲品牌 was returned for changes."),
    ]
    assert Brand.objects.get(pk=brand.pk).status_reason == "缺材料"


def test_bulk_without_a_selection_is_a_form_error(zhacai, district_user, en):
    submitted(zhacai, "甲品牌")
    en.force_login(district_user)
    response = en.post("/registry/review/", {"action": "district_approve"})
    assert response.status_code == 200
    assert "<li>Select at least one brand.</li>" in response.content.decode()


def test_department_bulk_approves_and_publishes(zhacai, department_user, en):
    ready = approved(zhacai, "甲品牌")
    expired = approved(zhacai, "乙品牌")
    make_certificate(
        zhacai,
        number="EXP-2",
        brand=expired,
        valid_from=datetime.date(2019, 1, 1),
        valid_to=datetime.date(2022, 6, 30),
    )
    waiting = brand_district_approve(actor=system_user_ensure(), brand=submitted(zhacai, "丙品牌"))
    en.force_login(department_user)
    html = en.get("/registry/review/").content.decode()
    assert re.findall(r'name="action" value="(\w+)"', html) == [
        "department_approve",
        "department_return",
        "publish",
    ]
    response = en.post("/registry/review/", {"action": "publish", "brands": [ready.pk, expired.pk]})
    assert flashed(response) == [
        ("warning", "1 of 2 brands processed, 1 failed."),
        ("success", "甲品牌 was published."),
        ("error", "乙品牌: 乙品牌 cannot be published: these certificates have expired or were revoked: "
                  "green food (绿色食品) EXP-2 (valid to 2022-06-30)."),
    ]  # fmt: skip
    en.post("/registry/review/", {"action": "department_approve", "brands": [waiting.pk]})
    statuses = dict(Brand.objects.values_list("name", "status"))
    assert statuses == {"甲品牌": "published", "乙品牌": "approved", "丙品牌": "approved"}


def test_an_enterprise_user_bulk_approving_gets_nothing_done(zhacai, owner_user, en):
    brand = submitted(zhacai, "甲品牌")
    en.force_login(owner_user)
    events = AuditEvent.objects.count()
    response = en.post("/registry/review/", {"action": "district_approve", "brands": [brand.pk]})
    assert flashed(response) == [
        ("warning", "0 of 1 brands processed, 1 failed."),
        ("error", "甲品牌: you may not do this"),
    ]
    assert AuditEvent.objects.count() == events


# ---------------------------------------------------------------- enterprises


def test_enterprise_list_filters(zhacai, fengjie, admin_user, client):
    enterprise_status_change(actor=admin_user, enterprise=fengjie, status=EnterpriseStatus.DEREGISTERED)
    client.force_login(admin_user)

    def names(params):
        return names_in(client.get("/registry/enterprises/", params), attr="data-enterprise")

    assert names({}) == ["重庆市奉节县测试果业有限公司", "重庆市涪陵区测试榨菜有限公司"]
    assert names({"district": "500102"}) == ["重庆市涪陵区测试榨菜有限公司"]
    assert names({"industry": "C"}) == ["重庆市涪陵区测试榨菜有限公司"]  # section C holds division 14
    assert names({"industry": "01"}) == ["重庆市奉节县测试果业有限公司"]
    assert names({"status": "deregistered"}) == ["重庆市奉节县测试果业有限公司"]
    assert names({"q": "榨菜"}) == ["重庆市涪陵区测试榨菜有限公司"]
    assert names({"q": fengjie.organisation.uscc}) == ["重庆市奉节县测试果业有限公司"]


def test_enterprise_detail_shows_its_history_brands_and_rights(zhacai, district_user, en):
    brand = publish(make_brand(zhacai, name="乌江榨菜"))
    make_certificate(zhacai, number="LB-9", brand=brand)
    enterprise_update(
        actor=district_user, enterprise=zhacai, legal_representative="李华", contact_phone="023-1234"
    )
    en.force_login(district_user)
    html = en.get(f"/registry/enterprises/{zhacai.pk}/").content.decode()
    assert re.findall(r'<tr data-action="([\w.]+)">', html) == [
        "registry.enterprise.updated", "registry.enterprise.registered", "accounts.organisation.created",
    ]  # fmt: skip
    assert "<li><code>legal_representative</code>: 张明 → 李华</li>" in html
    assert "<td>fuling</td>" in html
    assert re.findall(r'<tr data-brand="\d+"><td><a [^>]+>([^<]+)</a>', html) == ["乌江榨菜"]
    assert "<code>LB-9</code>" in html
    assert '<dd data-field="registered_capital_yuan">5,000,000.00</dd>' in html
    assert "023-1234" in html
    assert f'href="/registry/enterprises/{zhacai.pk}/brands/new/"' in html


def test_the_public_sees_an_enterprise_without_contacts_or_history(zhacai, en):
    publish(make_brand(zhacai, name="乌江榨菜"))
    html = en.get(f"/registry/enterprises/{zhacai.pk}/").content.decode()
    assert "重庆市涪陵区测试榨菜有限公司" in html
    assert 'id="history"' not in html
    assert "Contact phone" not in html
    assert "/brands/new/" not in html


def test_an_enterprise_the_actor_cannot_see_is_404(zhacai, client):
    assert client.get(f"/registry/enterprises/{zhacai.pk}/").status_code == 404


# ---------------------------------------------------------------- certificates, trademarks, GIs, lists


def test_certificate_list_expiring_within_90_days(zhacai, admin_user, client):
    today = timezone.localdate()
    make_certificate(zhacai, number="SOON", valid_to=today + datetime.timedelta(days=30))
    make_certificate(zhacai, number="EDGE", valid_to=today + datetime.timedelta(days=90))
    make_certificate(zhacai, number="LATER", valid_to=today + datetime.timedelta(days=91))
    make_certificate(zhacai, number="GONE", valid_to=today - datetime.timedelta(days=1))
    make_certificate(zhacai, number="FOREVER", valid_to=None)
    client.force_login(admin_user)

    def numbers(params):
        return re.findall(
            r"<td><code>([A-Z]+)</code></td>", client.get("/registry/certificates/", params).content.decode()
        )

    listed = numbers({})
    assert sorted(listed) == ["EDGE", "FOREVER", "GONE", "LATER", "SOON"]
    assert [n for n in listed if n != "FOREVER"] == ["GONE", "SOON", "EDGE", "LATER"]  # by expiry
    assert numbers({"expiring": "on"}) == ["SOON", "EDGE"]
    assert numbers({"q": "LATER"}) == ["LATER"]
    html = client.get("/registry/certificates/", {"expiring": "on"}).content.decode()
    assert html.count("validity expiring") == 2
    rows = csv_rows(client.get("/registry/certificates/", {"expiring": "on", "format": "csv"}))
    assert [r[1] for r in rows] == ["证书编号", "SOON", "EDGE"]
    assert rows[0] == [
        "证书类型", "证书编号", "发证机构", "持证企业", "统一社会信用代码", "品牌", "产品", "有效期起", "有效期止", "撤销日期",
    ]  # fmt: skip


def test_trademark_list_expiring_filter(zhacai, admin_user, client):
    today = timezone.localdate()
    for number, days in (("1000001", 10), ("1000002", 400)):
        trademark_register(
            actor=admin_user, registrant=zhacai, registration_number=number, nice_class=29,
            valid_from=datetime.date(2015, 1, 1), valid_to=today + datetime.timedelta(days=days),
        )  # fmt: skip
    client.force_login(admin_user)

    def numbers(params):
        return re.findall(
            r"<td><code>(\d+)</code></td>", client.get("/registry/trademarks/", params).content.decode()
        )

    assert numbers({}) == ["1000001", "1000002"]
    assert numbers({"expiring": "on"}) == ["1000001"]
    assert numbers({"nice_class": "30"}) == []
    sheet, rows = xlsx_rows(client.get("/registry/trademarks/", {"expiring": "on", "format": "xlsx"}))
    assert [r[:2] for r in rows] == [["注册号", "国际分类"], ["1000001", 29]]


def test_gi_list_and_detail_with_authorised_enterprises(zhacai, fengjie, admin_user, en):
    gi = gi_register(
        actor=admin_user, name="涪陵榨菜", kind=GiKind.PRODUCT, registration_number="2010年第1号",
        protected_districts=list(District.objects.filter(code="500102")), standard="GB/T 19858",
    )  # fmt: skip
    gi_register(actor=admin_user, name="奉节脐橙", kind=GiKind.MARK,
                protected_districts=list(District.objects.filter(code="500236")))  # fmt: skip
    gi_authorise(actor=admin_user, gi=gi, enterprise=zhacai, valid_from=datetime.date(2024, 1, 1),
                 valid_to=datetime.date(2028, 12, 31), number="FL-001")  # fmt: skip
    assert names_in(en.get("/registry/gis/"), attr="data-gi") == ["奉节脐橙", "涪陵榨菜"]
    assert names_in(en.get("/registry/gis/", {"district": "500102"}), attr="data-gi") == ["涪陵榨菜"]
    response = en.get(f"/registry/gis/{gi.pk}/")
    html = response.content.decode()
    assert '<dd data-field="protected_districts">涪陵区</dd>' in html
    assert "1 authorisation<" in html
    assert re.findall(r'<tr data-authorisation="\d+">\s*<td><a [^>]+>([^<]+)</a>', html) == [
        "重庆市涪陵区测试榨菜有限公司"
    ]
    rows = csv_rows(en.get(f"/registry/gis/{gi.pk}/", {"format": "csv"}))
    assert rows[1] == ["涪陵榨菜", "重庆市涪陵区测试榨菜有限公司", zhacai.organisation.uscc, "涪陵区", "FL-001",
                       "2024-01-01", "2028-12-31", ""]  # fmt: skip
    assert en.get("/registry/gis/999999/").status_code == 404


def test_cultivation_lists_list_and_detail(zhacai, admin_user, en):
    pillar = Pillar.objects.get(code="agri-processed")
    published = cultivation_list_create(actor=admin_user, year=2024, pillar=pillar, district=None)
    cultivation_list_add_brand(
        actor=admin_user, cultivation_list=published, brand=make_brand(zhacai, name="乌江榨菜"), rank=1
    )
    cultivation_list_publish(actor=admin_user, cultivation_list=published)
    draft = cultivation_list_create(
        actor=admin_user, year=2025, pillar=pillar, district=District.objects.get(code="500102")
    )
    listed = re.findall(
        r'<td><a href="/registry/cultivation-lists/\d+/">([^<]+)</a>',
        en.get("/registry/cultivation-lists/").content.decode(),
    )
    assert listed == ["2024年全市加工农产品品牌体系培育名单"]
    assert en.get(f"/registry/cultivation-lists/{draft.pk}/").status_code == 404
    en.force_login(admin_user)
    assert count(en.get("/registry/cultivation-lists/")) == 2
    assert count(en.get("/registry/cultivation-lists/", {"year": "2025"})) == 1
    html = en.get(f"/registry/cultivation-lists/{published.pk}/").content.decode()
    assert re.findall(r'<tr data-brand="\d+">\s*<td>(\d+)</td>\s*<td><a [^>]+>([^<]+)</a>', html) == [
        ("1", "乌江榨菜")
    ]
    sheet, rows = xlsx_rows(en.get(f"/registry/cultivation-lists/{published.pk}/", {"format": "xlsx"}))
    assert rows == [["排名", "品牌名称", "所属企业", "统一社会信用代码", "备注"],
                    [1, "乌江榨菜", "重庆市涪陵区测试榨菜有限公司", zhacai.organisation.uscc, None]]  # fmt: skip


def test_the_nav_links_to_the_registry(reference, client):
    html = client.get("/").content.decode()
    assert '<a href="/registry/brands/">品牌名录</a>' in html


# ---------------------------------------------------------------- constant queries


def _enterprises(n):
    return [make_enterprise(name=f"重庆市涪陵区测试企业{i:02d}有限公司") for i in range(n)]


def _brands(n):
    owner = make_enterprise()
    return [publish(make_brand(owner, name=f"品牌{i:02d}")) for i in range(n)]


def _certificates(n):
    owner = make_enterprise()
    brand = make_brand(owner)
    return [make_certificate(owner, number=f"C-{i:02d}", brand=brand) for i in range(n)]


def _trademarks(n):
    owner = make_enterprise()
    brand = make_brand(owner)
    return [
        trademark_register(
            actor=system_user_ensure(),
            registrant=owner,
            registration_number=f"77{i:05d}",
            nice_class=29,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2030, 1, 1),
            brand=brand,
        )  # fmt: skip
        for i in range(n)
    ]


def _gis(n):
    districts = list(District.objects.order_by("code")[:2])
    return [
        gi_register(
            actor=system_user_ensure(),
            name=f"地标{i:02d}",
            kind=GiKind.PRODUCT,
            protected_districts=districts,
        )
        for i in range(n)
    ]


def _queue(n):
    owner = make_enterprise()
    return [submitted(owner, f"待审{i:02d}") for i in range(n)]


@pytest.mark.parametrize(
    ("url", "make", "queries"),
    [
        ("/registry/brands/", _brands, 8),
        ("/registry/enterprises/", _enterprises, 7),
        ("/registry/certificates/", _certificates, 5),
        ("/registry/trademarks/", _trademarks, 5),
        ("/registry/gis/", _gis, 6),
        ("/registry/review/", _queue, 5),
    ],
)
@pytest.mark.parametrize("rows", [3, 20])
def test_lists_take_a_constant_number_of_queries(
    reference, district_user, client, django_assert_num_queries, url, make, queries, rows
):
    made = make(rows)
    client.force_login(district_user)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert count(response) == len(made) == rows


def test_exports_take_a_constant_number_of_queries(reference, admin_user, client):
    client.force_login(admin_user)
    _brands(3)
    with CaptureQueriesContext(connection) as few:
        assert len(xlsx_rows(client.get("/registry/brands/", {"format": "xlsx"}))[1]) == 4
    owner = make_enterprise(name="重庆市涪陵区另一家企业有限公司")
    for i in range(17):
        make_brand(owner, name=f"更多{i:02d}")
    with CaptureQueriesContext(connection) as many:
        assert len(csv_rows(client.get("/registry/brands/", {"format": "csv"}))) == 21
    assert len(few) == len(many)
