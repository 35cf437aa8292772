"""demo_load(): write the demo plan through the real services (so it is audited like real data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pinpai.accounts.models import Organisation, User
from pinpai.accounts.services import membership_grant, organisation_create, user_create
from pinpai.common.models import District
from pinpai.common.services import reference_load
from pinpai.demo.permissions import can_demo_load
from pinpai.demo.plan import DEMO_PASSWORD, DemoPlan, build_plan


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    organisations: int
    users: tuple[tuple[str, str, str], ...]  # username, role, organisation name
    password: str


@transaction.atomic
def demo_load(*, actor: Any, scale: int = 1, seed: int = 2016) -> DemoResult:
    """Load demo organisations and one user per role, once. A second call changes nothing."""
    if not can_demo_load(actor):
        raise PermissionDenied
    reference_load(actor=actor)
    districts = {d.code: d for d in District.objects.all()}
    plan: DemoPlan = build_plan(
        scale=scale, seed=seed, district_names={c: d.name for c, d in districts.items()}
    )
    users = tuple((u.username, u.role, u.organisation) for u in plan.users)
    if Organisation.objects.filter(is_demo=True).exists():
        return DemoResult(False, Organisation.objects.filter(is_demo=True).count(), users, DEMO_PASSWORD)
    by_name: dict[str, Organisation] = {}
    for row in plan.organisations:
        by_name[row.name] = organisation_create(
            actor=actor,
            kind=row.kind,
            name=row.name,
            uscc=row.uscc,
            district=districts[row.district_code] if row.district_code else None,
            is_demo=True,
        )
    for u in plan.users:
        org = by_name.get(u.organisation) or Organisation.objects.get(reference_key=u.organisation)
        user = User.objects.filter(username=u.username).first() or user_create(
            actor=actor, username=u.username, password=DEMO_PASSWORD, full_name=u.full_name
        )
        membership_grant(actor=actor, user=user, organisation=org, role=u.role)
    labelled = tuple(
        (
            u.username,
            u.role,
            (by_name.get(u.organisation) or Organisation.objects.get(reference_key=u.organisation)).name,
        )
        for u in plan.users
    )
    return DemoResult(True, len(plan.organisations), labelled, DEMO_PASSWORD)
