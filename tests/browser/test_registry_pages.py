"""The registry's review queue in headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from pinpai.accounts.services import system_user_ensure
from pinpai.accounts.tests.factories import TEST_PASSWORD
from pinpai.registry.choices import BrandStatus
from pinpai.registry.models import Brand
from pinpai.registry.services.brands import brand_submit
from pinpai.registry.tests.factories import make_brand, make_enterprise, publish

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


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


def test_district_staff_bulk_approve_from_the_review_queue(reference, district_user, live_server, page):
    owner = make_enterprise()
    actor = system_user_ensure()
    first, second, third = (
        brand_submit(actor=actor, brand=make_brand(owner, name=name))
        for name in ("甲榨菜", "乙榨菜", "丙榨菜")
    )

    page.goto(live_server.url + "/accounts/login/?next=/registry/review/")
    page.fill("#id_username", "fuling")
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(live_server.url + "/registry/review/")
    queue = page.locator("#queue tbody tr")
    assert queue.count() == 3
    assert page.locator("p.count").get_attribute("data-count") == "3"

    page.check(f"#pick-{first.pk}")
    page.check(f"#pick-{third.pk}")
    page.locator("button[name=action][value=district_approve]").click()
    page.wait_for_url(live_server.url + "/registry/review/")
    page.wait_for_load_state()

    assert page.locator("p.count").get_attribute("data-count") == "1"
    assert page.locator("#queue tbody tr label").all_inner_texts() == ["乙榨菜"]
    assert queue.first.get_attribute("data-brand") == str(second.pk)
    assert page.locator(".messages li.success").count() == 3  # the summary and one line per brand
    assert page.locator(".messages li.error").count() == 0
    statuses = dict(Brand.objects.values_list("name", "status"))
    assert statuses == {
        "甲榨菜": BrandStatus.DISTRICT_APPROVED,
        "乙榨菜": BrandStatus.SUBMITTED,
        "丙榨菜": BrandStatus.DISTRICT_APPROVED,
    }
    page.screenshot(path=str(_artifact("registry-review-queue.png")), full_page=True)


def test_the_public_filters_published_brands_with_htmx(reference, live_server, page):
    owner = make_enterprise()
    publish(make_brand(owner, name="乌江榨菜"))
    publish(
        make_brand(
            owner, name="涪陵脐橙", pillar_code="agri-original", product_line="脐橙", category_code="fruit"
        )
    )
    make_brand(owner, name="草稿品牌")

    page.goto(live_server.url + "/")
    page.locator("a[href='/registry/brands/']").first.click()
    page.wait_for_url(live_server.url + "/registry/brands/")
    assert page.locator("p.count").get_attribute("data-count") == "2"
    page.select_option("select[name=pillar]", "agri-original")
    page.wait_for_function("document.querySelector('p.count').dataset.count === '1'")
    assert page.locator("#rows tbody tr td:first-child a").all_inner_texts() == ["涪陵脐橙"]
    assert "pillar=agri-original" in page.url  # hx-push-url keeps the filter in the address
    assert page.locator("a[data-export=xlsx]").get_attribute("href") == (
        "?pillar=agri-original&tier=&district=&certificate=&status=&kind=&q=&owner=&format=xlsx"
    )
    page.locator("#rows tbody tr td:first-child a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "涪陵脐橙"
    page.screenshot(path=str(_artifact("registry-brand-detail.png")), full_page=True)


def _artifact(name: str) -> Any:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
