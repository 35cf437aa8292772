"""Factories: rows are valid (USCCs carry correct check digits); rows with invariants go through services."""

from __future__ import annotations

import random

import factory

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Membership, Organisation, User
from pinpai.accounts.services import membership_grant, organisation_create, system_user_ensure, user_create
from pinpai.common.models import District
from pinpai.demo.plan import demo_uscc

_rng = random.Random(7)
TEST_PASSWORD = "correct-horse-battery-9"


def valid_uscc(district_code: str = "500102") -> str:
    return demo_uscc(_rng, district_code)


class UserFactory(factory.django.DjangoModelFactory):  # type: ignore[type-arg]
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")  # type: ignore[attr-defined]
    full_name = factory.Sequence(lambda n: f"测试用户{n}")  # type: ignore[attr-defined]
    password = factory.django.Password(TEST_PASSWORD)


def user_with_role(role: str, organisation: Organisation, *, username: str) -> User:
    actor = system_user_ensure()
    user = user_create(actor=actor, username=username, password=TEST_PASSWORD, full_name=f"{username} 测试")
    membership_grant(actor=actor, user=user, organisation=organisation, role=role)
    return User.objects.get(pk=user.pk)


def enterprise_create(*, name: str, district_code: str = "500102", uscc: str | None = None) -> Organisation:
    return organisation_create(
        actor=system_user_ensure(),
        kind=OrganisationKind.ENTERPRISE,
        name=name,
        uscc=uscc or valid_uscc(district_code),
        district=District.objects.get(code=district_code),
    )


__all__ = ["Membership", "TEST_PASSWORD", "UserFactory", "enterprise_create", "user_with_role", "valid_uscc"]
