from io import StringIO

import pytest
from django.core.management import call_command

from pinpai.accounts.choices import Role
from pinpai.accounts.models import Membership, Organisation, User
from pinpai.common.identifiers import uscc_validate
from pinpai.demo.plan import build_plan


def _names() -> dict[str, str]:
    from pinpai.common.reference_files import read_districts

    return {d.code: d.name for d in read_districts()}


def test_the_plan_is_deterministic_for_a_seed():
    a = build_plan(scale=2, seed=11, district_names=_names())
    b = build_plan(scale=2, seed=11, district_names=_names())
    c = build_plan(scale=2, seed=12, district_names=_names())
    assert a == b
    assert a != c
    assert len([o for o in a.organisations if o.kind == "enterprise"]) == 120


def test_the_plan_has_valid_unique_codes_in_plausible_districts():
    plan = build_plan(scale=3, seed=2016, district_names=_names())
    codes = [o.uscc for o in plan.organisations if o.uscc]
    assert len(codes) == len(set(codes))
    assert all(uscc_validate(c) == c for c in codes)
    assert all(c[2:8] == o.district_code for o, c in ((o, o.uscc) for o in plan.organisations if o.uscc))
    zhacai = [o for o in plan.organisations if o.industry == "榨菜"]
    assert zhacai
    assert {o.district_code for o in zhacai} <= {"500102", "500230", "500101"}
    names = [o.name for o in plan.organisations]
    assert len(names) == len(set(names))


def test_the_plan_refuses_scale_zero():
    with pytest.raises(ValueError, match="scale must be at least 1"):
        build_plan(scale=0, seed=1, district_names=_names())


def test_demo_command_loads_once_with_a_user_per_role(reference):
    out = StringIO()
    call_command("demo", "--seed", "5", stdout=out)
    text = out.getvalue()
    assert text.startswith("demo data loaded: 68 organisations\ndemo users (password: pinpai-demo-2026):\n")
    assert Organisation.objects.filter(is_demo=True).count() == 68
    assert Organisation.objects.filter(is_demo=True, kind="enterprise").count() == 60
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    admin = User.objects.get(username="admin")
    assert admin.check_password("pinpai-demo-2026")
    assert admin.is_superuser
    again = StringIO()
    call_command("demo", "--seed", "5", stdout=again)
    assert again.getvalue().startswith("demo data already present (68 organisations); nothing changed\n")
    assert Organisation.objects.filter(is_demo=True).count() == 68
