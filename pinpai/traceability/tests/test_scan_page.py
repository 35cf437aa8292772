"""The consumer scan page: product, brand, producer, GI, certificates, 合格证, journey, inspections, recalls."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from pinpai.accounts.services import system_user_ensure
from pinpai.registry.choices import CertificateKind, GiKind
from pinpai.registry.services.rights import gi_authorise, gi_register
from pinpai.registry.tests.factories import make_certificate
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.services.certificates import compliance_certificate_issue
from pinpai.traceability.services.inspections import InspectionItemInput, inspection_record
from pinpai.traceability.services.masterdata import lot_status_change
from pinpai.traceability.services.recalls import recall_open
from pinpai.traceability.tests.scan_world import GTIN_A, GTIN_B, LOT_A, LOT_B, chain_build, district

pytestmark = pytest.mark.django_db

LOT_PATH = f"/01/{GTIN_B}/10/{LOT_B}"


@pytest.fixture
def chain(reference):
    return chain_build()


def _html(client, path=LOT_PATH, language="zh-hans"):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _section(html, section_id):
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {section_id}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def _timeline(html):
    return re.findall(r'<li data-event-id="[^"]+" data-biz-step="([^"]*)" data-event-time="([^"]+)">', html)


def test_the_page_shows_product_brand_and_producer(chain, client):
    html = _html(client)

    product = _section(html, "product")
    assert "测试榨菜 鲜脆榨菜丝" in product
    assert GTIN_B in product
    assert "80克/袋" in product
    assert LOT_B in product
    assert "2026-03-02" in product
    assert "重庆市涪陵榨菜测试加工有限公司 涪陵区" in product
    assert f'<a href="/registry/brands/{chain.product_b.brand.pk}/">测试榨菜</a>' in html
    assert 'id="recall-banner"' not in html
    assert 'id="scan-notice"' not in html


def test_the_journey_lists_the_events_in_time_order_in_beijing_time(chain, client):
    html = _html(client)

    assert _timeline(html) == [
        ("commissioning", "2026-03-01T08:00:00+08:00"),
        ("creating_class_instance", "2026-03-02T08:00:00+08:00"),
        ("shipping", "2026-03-03T08:00:00+08:00"),
        ("receiving", "2026-03-04T08:00:00+08:00"),
        ("retail_selling", "2026-03-08T08:00:00+08:00"),
    ]
    journey = _section(html, "journey")
    assert "2026-03-01 08:00 赋码 已激活 江北街道青菜头基地 重庆市涪陵区青菜头种植专业合作社" in journey
    assert "2026-03-03 08:00 发货 运输中 涪陵榨菜加工厂 重庆市涪陵榨菜测试加工有限公司" in journey
    assert "2026-03-08 08:00 零售 已零售 渝中区测试超市 重庆测试超市有限公司" in journey
    assert 'id="journey-map"' in html
    assert 'id="journey-map-data"' in html


def test_in_english_the_journey_names_the_cbv_steps(chain, client):
    html = _html(client, language="en")

    journey = _section(html, "journey")
    assert (
        "2026-03-03 08:00 shipping in transit 涪陵榨菜加工厂" in journey
    )  # step and disposition both in English
    assert "运输中" not in journey
    assert "Times are Beijing time." in journey


def test_an_unregistered_place_is_shown_by_its_identifier(chain, client):
    chain.locations["store"].delete()

    journey = _section(_html(client), "journey")

    assert "零售 已零售 https://id.gs1.org/414/6901234000054 重庆测试超市有限公司" in journey


def test_a_lot_on_hold_shows_the_recall_banner(chain, client):
    lot_status_change(actor=system_user_ensure(), lot=chain.lot_b, status=LotStatus.ON_HOLD, reason="抽检")

    html = _html(client, language="en")

    assert (
        '<div class="recall" role="alert" id="recall-banner">This lot is being recalled. Do not eat it.'
        in html
    )


def test_a_held_upstream_lot_shows_the_recall_banner_too(chain, client):
    lot_status_change(actor=system_user_ensure(), lot=chain.lot_a, status=LotStatus.ON_HOLD, reason="抽检")

    assert 'id="recall-banner"' in _html(client)


def test_an_open_recall_of_an_upstream_lot_is_named_in_the_banner(chain, client):
    recall = recall_open(actor=system_user_ensure(), lots=[chain.lot_a], reason="农药残留超标")

    html = _html(client, language="en")

    banner = re.search(r'id="recall-banner">(.*?)</div>', html, re.S).group(1)
    assert f"Recall {recall.number}: 农药残留超标" in banner


def test_the_lots_compliance_certificate_is_shown(chain, client):
    certificate = compliance_certificate_issue(
        actor=system_user_ensure(), producer=chain.plant, gtin=GTIN_B, lot_number=LOT_B,
        product_category="vegetables", quantity=Decimal("800"), unit="袋", contact_phone="023-72220000",
        district=district("500102"), address="涪陵区江北街道", basis=["self_test", "internal_control"],
        issued_on=datetime.date(2026, 3, 2),
    )  # fmt: skip

    compliance = _section(_html(client, language="en"), "compliance")

    assert compliance.startswith(
        f"Compliance-promise certificate {certificate.number} Issued on 2026-03-02 · 800 袋"
    )
    assert "Basis of the promise: self-testing、internal quality control" in compliance


def test_inspection_results_list_the_lab_report_and_items(chain, client):
    now = timezone.now()
    inspection_record(
        actor=system_user_ensure(), lot=chain.lot_a, sampled_at=now - datetime.timedelta(days=2),
        tested_at=now - datetime.timedelta(days=1), laboratory="重庆市农产品质量安全中心", report_number="NJ-2026-0301",
        items=[
            InspectionItemInput(name="毒死蜱", measured_value=None, unit="mg/kg", limit=Decimal("0.02")),
            InspectionItemInput(name="铅", measured_value=Decimal("0.05"), unit="mg/kg", limit=Decimal("0.3")),
        ],
    )  # fmt: skip

    inspections = _section(_html(client, language="en"), "inspections")

    assert inspections.startswith(
        f"Inspection results pass · 重庆市农产品质量安全中心 NJ-2026-0301 · {timezone.localdate(now - datetime.timedelta(days=1)):%Y-%m-%d} · for lot {LOT_A}"
    )
    assert "毒死蜱: not detected (limit 0.02 mg/kg) pass" in inspections
    assert "铅: 0.05 mg/kg (limit 0.3 mg/kg) pass" in inspections


def test_valid_certificates_and_the_gi_are_shown(chain, client):
    actor = system_user_ensure()
    make_certificate(chain.plant, number="LB-18-0001", brand=chain.product_b.brand)
    make_certificate(
        chain.plant, number="OLD-1", kind=CertificateKind.ORGANIC, valid_to=datetime.date(2025, 1, 1)
    )
    gi = gi_register(
        actor=actor, name="涪陵榨菜", kind=GiKind.PRODUCT, protected_districts=[district("500102")]
    )
    gi_authorise(actor=actor, gi=gi, enterprise=chain.plant, valid_from=datetime.date(2024, 1, 1),
                 valid_to=datetime.date(2030, 12, 31))  # fmt: skip

    html = _html(client, language="en")

    certificates = _section(html, "certificates")
    assert "LB-18-0001 · valid until 2027-12-31" in certificates
    assert "OLD-1" not in certificates
    assert re.search(r'<dd id="gi">涪陵榨菜 <small>[^<]+</small></dd>', html)


def test_the_product_page_has_no_journey(chain, client):
    html = _html(client, f"/01/{GTIN_A}")

    assert "青菜头" in _section(html, "product")
    assert 'id="journey"' not in html
    assert 'id="scan-notice"' not in html


def test_a_registered_lot_without_events_says_so(chain, client):
    from pinpai.traceability.services.masterdata import lot_register

    lot_register(actor=system_user_ensure(), gtin=GTIN_B, lot_number="PACK02")

    html = _html(client, f"/01/{GTIN_B}/10/PACK02", language="en")

    assert _section(html, "journey") == "Journey No journey has been recorded for this lot yet."
    assert 'id="scan-notice"' not in html


@pytest.mark.parametrize("hops", [0, 3])
def test_the_scan_page_costs_the_same_queries_whatever_the_journey(reference, client, hops,
                                                                    django_assert_num_queries):  # fmt: skip
    chain = chain_build(hops=hops)
    recall_open(actor=system_user_ensure(), lots=[chain.lot_a], reason="农药残留超标")
    client.get(LOT_PATH)  # warm the session

    with django_assert_num_queries(19):
        html = _html(client)

    # The chain, plus the recall's hold event of lot B. Lot A's hold event comes after A was consumed by the
    # transformation that made B, so it is not part of B's journey (the recall banner still names the recall).
    assert len(_timeline(html)) == 5 + 2 * hops + 1
