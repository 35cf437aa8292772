"""Fixtures shared by every app's tests."""

from __future__ import annotations

from typing import Any

import pytest

from pinpai.accounts.choices import Role
from pinpai.accounts.models import Organisation, User
from pinpai.accounts.services import system_user_ensure
from pinpai.common.services import reference_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the reference data once per test database (it is read by nearly every test)."""
    with django_db_blocker.unblock():
        reference_load(actor=system_user_ensure())


@pytest.fixture
def system_user(db: Any) -> User:
    return system_user_ensure()


@pytest.fixture
def reference(system_user: User) -> None:
    """Districts, the 22 departments, 38 district governments, pillars and product lines.

    Loaded once per session; transactional tests (run last, by pytest-django) flush the
    database, so they load it again here."""
    from pinpai.common.models import District

    if not District.objects.exists():
        reference_load(actor=system_user)


def department(short_name: str) -> Organisation:
    return Organisation.objects.get(reference_key=f"department:{short_name}")


def district_government(code: str) -> Organisation:
    return Organisation.objects.get(reference_key=f"district:{code}")


@pytest.fixture
def admin_user(reference: None) -> User:
    from pinpai.accounts.tests.factories import user_with_role

    return user_with_role(Role.SYSTEM_ADMIN, department("市质监局"), username="root")


@pytest.fixture
def department_user(reference: None) -> User:
    from pinpai.accounts.tests.factories import user_with_role

    return user_with_role(Role.DEPARTMENT_STAFF, department("市农委"), username="agri")


@pytest.fixture
def district_user(reference: None) -> User:
    from pinpai.accounts.tests.factories import user_with_role

    return user_with_role(Role.DISTRICT_STAFF, district_government("500102"), username="fuling")


@pytest.fixture
def enterprise(system_user: User, reference: None) -> Organisation:
    from pinpai.accounts.tests.factories import enterprise_create

    return enterprise_create(name="重庆市涪陵榨菜集团股份有限公司", district_code="500102")


@pytest.fixture
def enterprise_user(enterprise: Organisation) -> User:
    from pinpai.accounts.tests.factories import user_with_role

    return user_with_role(Role.ENTERPRISE_USER, enterprise, username="zhacai")


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Every test starts in the site's default language (zh-hans). A request made with an English
    cookie leaves English active in its thread, which would otherwise leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
