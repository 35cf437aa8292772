"""The consumer scan page in headless Chromium (Debian's package, driven by Playwright) on a 375 px phone: what a
QR code on a pack of 榨菜 opens, for a lot whose raw material is being recalled."""

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
PHONE = {"width": 375, "height": 812}

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


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_consumer_scans_a_pack_of_a_recalled_lot_on_a_phone(reference, live_server, phone):
    from pinpai.accounts.services import system_user_ensure
    from pinpai.traceability.services.recalls import recall_open
    from pinpai.traceability.tests.scan_world import GTIN_B, LOT_B, chain_build

    chain = chain_build(hops=2)
    recall = recall_open(actor=system_user_ensure(), lots=[chain.lot_a], reason="青菜头农药残留超标")

    phone.goto(f"{live_server.url}/01/{GTIN_B}/10/{LOT_B}")

    assert phone.locator("h1").inner_text() == "测试榨菜 鲜脆榨菜丝"
    assert phone.locator("#recall-banner").is_visible()
    assert phone.locator("#recall-banner").get_attribute("role") == "alert"
    assert f"{recall.number}: 青菜头农药残留超标" in phone.locator("#recall-banner").inner_text()
    steps = phone.locator("ol.timeline > li").evaluate_all("items => items.map(li => li.dataset.bizStep)")
    assert steps == [
        "commissioning", "creating_class_instance",
        "shipping", "receiving", "shipping", "receiving", "shipping", "receiving",
        "retail_selling",
        "holding",  # the recall put lot B on hold (A's hold comes after A became B: not part of B's journey)
    ]  # fmt: skip
    times = phone.locator("ol.timeline > li time").all_inner_texts()
    assert times[0] == "2026-03-01 08:00"
    assert times == sorted(times)
    phone.locator("#journey-map canvas").first.wait_for()  # ECharts drew the map
    assert phone.errors == []
    # Nothing is wider than the phone: the page does not scroll sideways.
    assert _fits(phone)

    phone.get_by_role("button", name="English").click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.locator("#recall-banner").is_visible()
    assert _fits(phone)


def test_a_bad_check_digit_reads_well_on_a_phone(reference, live_server, phone):
    from pinpai.traceability.tests.scan_world import GTIN_B, chain_build

    chain_build()

    response = phone.goto(f"{live_server.url}/01/{GTIN_B[:-1]}9/10/X")

    assert response.status == 400
    assert phone.locator("#scan-error").get_attribute("data-code") == "gtin_invalid"
    assert phone.locator("#scan-error-detail").inner_text().endswith("3")
    assert _fits(phone)
