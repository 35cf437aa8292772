"""The demo command loads the appraisal whitelist once: the register, awards to published demo brands, and
the demo enterprise's displayed awards with one not on the register (flagged) and one of a revoked appraisal."""

import io

import pytest
from django.core.management import call_command

from pinpai.evaluation.models import Appraisal, AppraisalAward, AwardClaim

pytestmark = pytest.mark.django_db


def test_the_demo_command_loads_the_whitelist_once(reference):
    out = io.StringIO()
    call_command("demo", "--seed", "5", stdout=out)
    assert "demo appraisal whitelist loaded: 4 appraisals" in out.getvalue()
    assert list(Appraisal.objects.order_by("name").values_list("name", "status", "is_demo")) == [
        ("中国质量奖", "sanctioned", True),
        ("全国质量奖", "sanctioned", True),
        ("重庆市十佳诚信品牌（演示）", "revoked", True),
        ("重庆市市长质量管理奖", "sanctioned", True),
    ]
    assert AppraisalAward.objects.count() == 2
    assert list(AwardClaim.objects.order_by("year").values_list("year", "status", "flag")) == [
        (2020, "unregistered", "appraisal_revoked"),
        (2021, "matched", ""),
        (2023, "unregistered", "not_on_register"),
    ]
    again = io.StringIO()
    call_command("demo", "--seed", "5", stdout=again)
    assert "appraisal whitelist" not in again.getvalue()
    assert (Appraisal.objects.count(), AwardClaim.objects.count()) == (4, 3)
