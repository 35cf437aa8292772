"""The valuation calculator in headless Chromium (Debian's package, driven by Playwright): the worked
example of the issue, typed in, gives 3,855.18 万元 with its derivation and the 3 × 3 grid."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
WORKED_EXAMPLE = {
    "#id_revenues": "10000, 10800, 11500, 12100, 12600",
    "#id_royalty_rate_low": "1",
    "#id_royalty_rate_high": "5",
    "#id_strength_index": "72.5",
    "#id_tax_rate": "25",
    "#id_discount_rate": "11",
    "#id_terminal_growth": "2.5",
    "#id_unit": "万元",
}

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
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


def test_the_worked_example_gives_3855_18(reference, live_server, page):
    page.goto(live_server.url + "/")
    page.locator("nav.main-nav a", has_text="品牌评价").click()
    page.wait_for_url(live_server.url + "/evaluation/calculator/")
    assert page.locator("h1").inner_text() == "品牌价值计算器"

    # Another method first (htmx swaps its form in), then back to royalty relief.
    page.select_option("#method-picker", "income_split")
    page.wait_for_selector("#id_brand_share")
    page.select_option("#method-picker", "royalty_relief")
    page.wait_for_selector("#id_royalty_rate_low")
    for selector, value in WORKED_EXAMPLE.items():
        page.fill(selector, value)
    page.locator("#compute").click()
    page.wait_for_selector(".brand-value")

    assert page.locator(".brand-value").inner_text() == "3,855.18"
    assert "万元" in page.locator(".value").inner_text()
    assert page.locator("#derivation tbody tr").count() == 21  # royalty rate, 5 × 3 per year, rate, sums, TV
    assert page.locator("#derivation tr[data-step=value] td").nth(2).inner_text() == (
        "3855.180907215744011892198922524052793324"
    )
    assert page.locator("#grid td").all_inner_texts() == [
        "4,168.00", "4,377.77", "4,617.51", "3,696.50", "3,855.18", "4,033.69", "3,319.55", "3,442.82", "3,579.79",
    ]  # fmt: skip
    assert page.url == live_server.url + "/evaluation/calculator/?method=royalty_relief"
    page.screenshot(path=str(_artifact("evaluation-calculator.png")), full_page=True)

    # A negative revenue is named next to its field; no value is shown.
    page.fill("#id_revenues", "10000 -1 11500")
    page.locator("#compute").click()
    page.wait_for_selector(".field-revenues .errorlist")
    assert page.locator(".field-revenues .errorlist").inner_text() == "第2项：不得为负数"
    assert page.locator(".brand-value").count() == 0


def _artifact(name: str) -> Path:
    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def test_a_saved_self_assessment_draws_its_radar_chart(reference, live_server, page):
    from pinpai.accounts.choices import Role
    from pinpai.accounts.tests.factories import TEST_PASSWORD, user_with_role
    from pinpai.evaluation.services import self_assessment_create
    from pinpai.evaluation.tests.examples import GBT29186_VALUES
    from pinpai.registry.tests.factories import make_brand, make_enterprise

    brand = make_brand(make_enterprise())
    owner = user_with_role(Role.ENTERPRISE_USER, brand.owner.organisation, username="owner")
    assessment = self_assessment_create(
        actor=owner, brand=brand, inputs={"system": "gbt29186", "values": GBT29186_VALUES}
    )
    page.goto(live_server.url + f"/accounts/login/?next=/evaluation/self-assessments/{assessment.pk}/")
    page.fill("#id_username", "owner")
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(live_server.url + f"/evaluation/self-assessments/{assessment.pk}/")
    assert page.locator(".strength-index").inner_text() == "70.24"
    # ECharts (vendored, no network) drew into the chart element: it adds a sized canvas.
    page.wait_for_selector("#radar canvas")
    box = page.locator("#radar canvas").bounding_box()
    assert box is not None
    assert (box["width"], box["height"]) == (page.locator("#radar").bounding_box()["width"], 360)
    assert page.evaluate("typeof echarts.getInstanceByDom(document.getElementById('radar'))") == "object"
