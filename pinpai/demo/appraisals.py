"""Demo data for the appraisal whitelist: a few appraisals on the register (marked `is_demo`: their approval
numbers are not given, and the revoked one is invented), awards to published demo brands, and displayed
awards recorded by the demo enterprise, one of them not on the register (flagged for staff). Written through
the evaluation services, once; a second call changes nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pinpai.accounts.models import Membership
from pinpai.demo.permissions import can_demo_load
from pinpai.evaluation.models import Appraisal
from pinpai.evaluation.services.appraisals import (
    appraisal_award_grant,
    appraisal_register,
    appraisal_revoke,
    award_claim_record,
)
from pinpai.registry.models import Brand

D = datetime.date
DEMO_ENTERPRISE_USER = "enterprise"

APPRAISALS: tuple[dict[str, Any], ...] = (
    {
        "name": "中国质量奖",
        "organiser_name": "国家市场监督管理总局",
        "organiser_aliases": "市场监管总局\n国家质量监督检验检疫总局\n国家质检总局",
        "approving_authority": "全国评比达标表彰工作协调小组（全国评比达标表彰保留项目目录）",
        "level": "national",
        "cycle": "biennial",
        "valid_from": D(2012, 1, 1),
        "scope_notes": "政府在质量领域的最高荣誉；设中国质量奖和中国质量奖提名奖。",
    },
    {
        "name": "全国质量奖",
        "organiser_name": "中国质量协会",
        "organiser_aliases": "中质协",
        "approving_authority": "全国评比达标表彰工作协调小组（全国评比达标表彰保留项目目录）",
        "level": "association",
        "cycle": "biennial",
        "valid_from": D(2006, 1, 1),
        "scope_notes": "2001年设立“全国质量管理奖”，2006年更名为“全国质量奖”；评价依据 GB/T 19580《卓越绩效评价准则》。",
    },
    {
        "name": "重庆市市长质量管理奖",
        "organiser_name": "重庆市市场监督管理局",
        "organiser_aliases": "重庆市质量技术监督局\n市市场监管局\n市质监局",
        "approving_authority": "重庆市评比达标表彰工作协调小组（重庆市评比达标表彰保留项目）",
        "level": "provincial",
        "cycle": "biennial",
        "valid_from": D(2009, 1, 1),
        "scope_notes": "本市行政区域内登记注册、具有独立法人资格的企业；评选不收取任何费用。",
    },
    {
        "name": "重庆市十佳诚信品牌（演示）",
        "organiser_name": "重庆市品牌推广联合会（演示）",
        "approving_authority": "（演示）",
        "level": "association",
        "cycle": "annual",
        "valid_from": D(2016, 1, 1),
        "scope_notes": "虚构的演示项目：未列入保留项目目录，已撤销。",
    },
)


@dataclass(frozen=True)
class DemoAppraisalsResult:
    loaded: bool
    appraisals: int


@transaction.atomic
def demo_appraisals_load(*, actor: Any) -> DemoAppraisalsResult:
    """Register the demo appraisals, grant awards to the first published demo brands and record the demo
    enterprise's displayed awards, unless demo appraisals exist already."""
    if not can_demo_load(actor):
        raise PermissionDenied
    existing = Appraisal.objects.filter(is_demo=True).count()
    if existing:
        return DemoAppraisalsResult(False, existing)
    registered = [appraisal_register(actor=actor, is_demo=True, **row) for row in APPRAISALS]
    china, _national, chongqing, invented = registered
    appraisal_revoke(
        actor=actor,
        appraisal=invented,
        reason="未列入评比达标表彰保留项目，违规向企业收费（演示）",
        on=D(2019, 6, 30),
    )
    published = list(
        Brand.objects.filter(owner__organisation__is_demo=True, status="published").order_by("pk")[:2]
    )
    for brand, (appraisal, year, title, edition) in zip(
        published,
        (
            (chongqing, 2021, "重庆市市长质量管理奖提名奖", "第七届"),
            (china, 2021, "中国质量奖提名奖", "第四届"),
        ),
        strict=False,
    ):
        appraisal_award_grant(
            actor=actor, appraisal=appraisal, brand=brand, year=year, granted_on=D(year, 12, 20), title=title,
            edition=edition,
        )  # fmt: skip
    membership = (
        Membership.objects.filter(user__username=DEMO_ENTERPRISE_USER, role="enterprise_user")
        .select_related("user")
        .first()
    )
    claimed = (
        Brand.objects.filter(owner__organisation_id=membership.organisation_id).order_by("pk").first()
        if membership is not None
        else None
    )
    if membership is not None and claimed is not None:
        claimant = membership.user
        award_claim_record(
            actor=claimant, brand=claimed, claimed_title="重庆市市长质量管理奖", claimed_organiser="重庆市质量技术监督局",
            year=2021, evidence_note="企业官网“荣誉资质”栏目",
        )  # fmt: skip
        award_claim_record(
            actor=claimant, brand=claimed, claimed_title="亚洲品牌500强·金奖", claimed_organiser="亚洲品牌联盟（演示）",
            year=2023, evidence_note="产品包装正面（演示）",
        )  # fmt: skip
        award_claim_record(
            actor=claimant, brand=claimed, claimed_title="重庆市十佳诚信品牌（演示）",
            claimed_organiser="重庆市品牌推广联合会（演示）", year=2020, evidence_note="宣传册（演示）",
        )  # fmt: skip
    return DemoAppraisalsResult(True, len(registered))
