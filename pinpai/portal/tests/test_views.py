import re

import pytest
from django.test import Client

from pinpai.accounts.services import organisation_update
from pinpai.accounts.tests.factories import TEST_PASSWORD


def test_home_page_speaks_chinese_by_default(reference, client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<title>品牌提升平台</title>" in html
    assert re.search(r"<strong>38</strong>\s*区县", html)
    assert re.search(r"<strong>22</strong>\s*市政府部门", html)
    assert "原产农产品品牌体系" in html
    assert response["Content-Language"] == "zh-hans"


def test_home_page_in_english_on_request(reference, client):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "<title>pinpai brand platform</title>" in html
    assert "Original agricultural products" in html


@pytest.mark.parametrize("path", ["/", "/organisations/", "/districts/", "/accounts/login/"])
def test_every_page_has_the_language_switch(reference, client, path):
    html = Client().get(path).content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert 'name="language" value="zh-hans"' in html
    assert 'name="language" value="en"' in html


def test_language_switch_sets_english(reference, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/districts/"})
    assert response.status_code == 302
    assert response["Location"] == "/districts/"
    assert "Districts and counties of Chongqing" in client.get("/districts/").content.decode()


def test_districts_page_lists_38(reference, client):
    html = client.get("/districts/").content.decode()
    assert html.count("<tr><td><code>5002") + html.count("<tr><td><code>5001") == 38


def test_organisation_directory_marks_demo_data_and_successors(reference, admin_user, enterprise, client):
    organisation_update(actor=admin_user, organisation=enterprise, is_demo=True)
    html = client.get("/organisations/", {"q": "涪陵榨菜"}).content.decode()
    assert "1 个单位" in html
    assert "重庆市涪陵榨菜集团股份有限公司" in html
    assert 'class="badge"' in html
    assert "演示数据" in html


def test_organisation_directory_htmx_returns_only_rows(reference, client):
    response = client.get("/organisations/", {"kind": "department"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "22 个单位" in html
    assert html.count("<tr>") == 23  # header + 22


def test_organisation_directory_ignores_an_invalid_filter_and_says_so(reference, client):
    response = client.get("/organisations/", {"kind": "factory"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<ul class="errorlist" role="alert"><li>类型：选择一个有效的选项。 factory 不在可用的选项中。</li></ul>'
        in html
    )
    assert "60 个单位" in html  # the invalid filter is dropped, not applied


def test_login_and_logout(reference, enterprise_user, client):
    response = client.post("/accounts/login/", {"username": "zhacai", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "zhacai 测试" in client.get("/").content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert "zhacai 测试" not in client.get("/").content.decode()


def test_login_with_a_wrong_password_shows_a_form_error(reference, enterprise_user, client):
    response = client.post("/accounts/login/", {"username": "zhacai", "password": "wrong"})
    assert response.status_code == 200
    assert (
        '<ul class="errorlist nonfield"><li>请输入一个正确的用户名和密码。注意，两者都区分大小写。</li></ul>'
        in (response.content.decode())
    )


def test_password_change_with_a_weak_password_is_a_form_error(reference, enterprise_user, client):
    from pinpai.audit.models import AuditEvent

    client.force_login(enterprise_user)
    events = AuditEvent.objects.count()
    response = client.post(
        "/accounts/password/change/",
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    # Django ships no zh-hans text for this validator message (as of 5.2), so it stays English.
    assert "This password is too short. It must contain at least 10 characters." in response.content.decode()
    assert AuditEvent.objects.count() == events


def test_password_change_needs_sign_in(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/change/"


def test_staff_browse_the_audit_trail_in_the_admin(reference, department_user, client):
    client.force_login(department_user)
    response = client.get("/admin/audit/auditevent/")
    assert response.status_code == 200
    assert "accounts.organisation.created" in response.content.decode()
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
