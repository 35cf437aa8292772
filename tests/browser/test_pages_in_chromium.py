"""Real pages in headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from pinpai.accounts.tests.factories import TEST_PASSWORD

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


def test_home_in_chinese_then_english(reference, live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "发挥品牌引领作用推动供需结构升级"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Brand-led upgrading of supply and demand"
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def test_sign_in_and_filter_the_directory_with_htmx(reference, enterprise_user, live_server, page):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "zhacai")
    page.fill("#id_password", TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator(".who").inner_text() == "zhacai 测试"

    page.goto(live_server.url + "/organisations/")
    assert page.locator("p.count").inner_text() == "61 个单位"
    page.select_option("select[name=kind]", "department")
    page.wait_for_function("document.querySelector('p.count').innerText === '22 个单位'")
    assert page.locator("#organisation-rows tbody tr").count() == 22
    assert "kind=department" in page.url  # hx-push-url keeps the filter in the address
    page.screenshot(path=str(_artifact("organisations.png")), full_page=True)


def _artifact(name: str) -> Any:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
