"""demo_load(): write the demo plan through the real services (so it is audited like real data)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Organisation, User
from pinpai.accounts.services import membership_grant, organisation_create, user_create
from pinpai.common.models import Category, District, IndustryClass, Pillar, ProductLine, Tier
from pinpai.common.services import reference_load
from pinpai.demo.permissions import can_demo_load
from pinpai.demo.plan import DEMO_PASSWORD, DemoPlan, OrgRow, build_plan
from pinpai.demo.registry_plan import EnterpriseProfile, RegistryPlan, build_registry_plan
from pinpai.registry.choices import BrandStatus
from pinpai.registry.models import Brand, Enterprise
from pinpai.registry.services.brands import (
    brand_create,
    brand_department_approve,
    brand_district_approve,
    brand_district_return,
    brand_publish,
    brand_submit,
    brand_suspend,
    brand_withdraw,
)
from pinpai.registry.services.cultivation import (
    cultivation_list_add_brand,
    cultivation_list_create,
    cultivation_list_publish,
)
from pinpai.registry.services.enterprises import enterprise_register
from pinpai.registry.services.rights import (
    certificate_register,
    gi_authorise,
    gi_register,
    product_register,
    trademark_register,
)


@dataclass(frozen=True)
class DemoResult:
    loaded: bool
    organisations: int
    users: tuple[tuple[str, str, str], ...]  # username, role, organisation name
    password: str
    brands: int = 0


Step = Callable[..., Brand]
_REVIEW = (brand_submit, brand_district_approve, brand_department_approve)
# The workflow steps that take a brand from draft to where the registry plan leaves it.
WORKFLOW: dict[str, tuple[Step, ...]] = {
    BrandStatus.DRAFT: (),
    BrandStatus.SUBMITTED: (brand_submit,),
    BrandStatus.DISTRICT_APPROVED: _REVIEW[:2],
    BrandStatus.APPROVED: _REVIEW,
    BrandStatus.PUBLISHED: (*_REVIEW, brand_publish),
    BrandStatus.RETURNED: (brand_submit, brand_district_return),
    BrandStatus.SUSPENDED: (*_REVIEW, brand_publish, brand_suspend),
    BrandStatus.WITHDRAWN: (brand_withdraw,),
}
NEEDS_REASON = frozenset({brand_district_return, brand_suspend, brand_withdraw})


@transaction.atomic
def demo_load(*, actor: Any, scale: int = 1, seed: int = 2016) -> DemoResult:
    """Load demo organisations, one user per role and the registry, once. A second call changes nothing."""
    if not can_demo_load(actor):
        raise PermissionDenied
    reference_load(actor=actor)
    districts = {d.code: d for d in District.objects.all()}
    names = {c: d.name for c, d in districts.items()}
    plan: DemoPlan = build_plan(scale=scale, seed=seed, district_names=names)
    users = tuple((u.username, u.role, u.organisation) for u in plan.users)
    if Organisation.objects.filter(is_demo=True).exists():
        return DemoResult(
            False,
            Organisation.objects.filter(is_demo=True).count(),
            users,
            DEMO_PASSWORD,
            Brand.objects.filter(owner__organisation__is_demo=True).count(),
        )
    registry = build_registry_plan(plan=plan, seed=seed, as_of=timezone.localdate(), district_names=names)
    profiles = {p.name: p for p in registry.enterprises}
    industries = {c.code: c for c in IndustryClass.objects.filter(level="division")}
    owners: dict[str, Enterprise] = {}

    def register(row: OrgRow, kind: str, profile: EnterpriseProfile) -> None:
        assert row.uscc is not None  # noqa: S101 - set for every enterprise and association in the plans
        assert row.district_code is not None  # noqa: S101 - likewise
        owners[row.name] = enterprise_register(
            actor=actor, kind=kind, name=row.name, uscc=row.uscc, district=districts[row.district_code],
            legal_representative=profile.legal_representative,
            registered_capital_yuan=profile.registered_capital_yuan, founded_on=profile.founded_on,
            industry=industries[profile.industry_code], address=profile.address,
            contact_name=profile.contact_name, is_demo=True,
        )  # fmt: skip

    by_name: dict[str, Organisation] = {}
    for row in plan.organisations:
        if row.kind == OrganisationKind.ENTERPRISE:
            register(row, OrganisationKind.ENTERPRISE, profiles[row.name])
            by_name[row.name] = owners[row.name].organisation
            continue
        by_name[row.name] = organisation_create(
            actor=actor,
            kind=row.kind,
            name=row.name,
            uscc=row.uscc,
            district=districts[row.district_code] if row.district_code else None,
            is_demo=True,
        )
    for row in registry.extra_enterprises:
        register(row, OrganisationKind.ENTERPRISE, profiles[row.name])
    for assoc in registry.associations:
        org_row = OrgRow(OrganisationKind.ASSOCIATION, assoc.name, assoc.uscc, assoc.district_code)
        register(org_row, OrganisationKind.ASSOCIATION, assoc.profile)
    for u in plan.users:
        org = by_name.get(u.organisation) or Organisation.objects.get(reference_key=u.organisation)
        user = User.objects.filter(username=u.username).first() or user_create(
            actor=actor, username=u.username, password=DEMO_PASSWORD, full_name=u.full_name
        )
        membership_grant(actor=actor, user=user, organisation=org, role=u.role)
    brands = _registry_load(actor=actor, registry=registry, owners=owners, districts=districts)
    labelled = tuple(
        (
            u.username,
            u.role,
            (by_name.get(u.organisation) or Organisation.objects.get(reference_key=u.organisation)).name,
        )
        for u in plan.users
    )
    organisations = len(plan.organisations) + len(registry.extra_enterprises) + len(registry.associations)
    return DemoResult(True, organisations, labelled, DEMO_PASSWORD, brands)


def _registry_load(
    *, actor: Any, registry: RegistryPlan, owners: dict[str, Enterprise], districts: dict[str, District]
) -> int:
    """Brands with their rights and products, GIs, the review workflow, then the cultivation lists."""
    pillars = {p.code: p for p in Pillar.objects.all()}
    categories = {(c.pillar.code, c.code): c for c in Category.objects.select_related("pillar")}
    lines = {(pl.pillar.code, pl.name): pl for pl in ProductLine.objects.select_related("pillar")}
    tiers = {t.code: t for t in Tier.objects.all()}
    brands: dict[str, Brand] = {}
    for row in registry.brands:
        brands[row.name] = brand_create(
            actor=actor, owner=owners[row.owner], name=row.name, kind=row.kind, pillar=pillars[row.pillar_code],
            districts=[districts[c] for c in row.district_codes],
            categories=[categories[(row.pillar_code, c)] for c in row.category_codes],
            product_lines=[lines[(row.pillar_code, n)] for n in row.product_lines],
            tier=tiers[row.tier_code] if row.tier_code else None, name_en=row.name_en, story=row.story,
            founded_year=row.founded_year,
        )  # fmt: skip
    for tm in registry.trademarks:
        trademark_register(
            actor=actor, registrant=owners[tm.registrant], registration_number=tm.registration_number,
            nice_class=tm.nice_class, valid_from=tm.valid_from, valid_to=tm.valid_to, mark_text=tm.mark_text,
            goods_services=tm.goods_services, brand=brands[tm.brand],
        )  # fmt: skip
    for cert in registry.certificates:
        certificate_register(
            actor=actor, holder=owners[cert.holder], kind=cert.kind, number=cert.number, issuer=cert.issuer,
            valid_from=cert.valid_from, valid_to=cert.valid_to, scope=cert.scope, brand=brands[cert.brand],
        )  # fmt: skip
    for p in registry.products:
        brand = brands[p.brand]
        product_register(
            actor=actor, enterprise=owners[p.enterprise], brand=brand, gtin=p.gtin, name=p.name,
            category=categories[(brand.pillar.code, p.category_code)], specification=p.specification,
        )  # fmt: skip
    gis = {
        gi.name: gi_register(
            actor=actor,
            name=gi.name,
            kind=gi.kind,
            protected_districts=[districts[c] for c in gi.district_codes],
            registration_number=gi.registration_number,
            standard=gi.standard,
            holder=owners[gi.holder].organisation,
            brand=brands[gi.brand],
        )  # fmt: skip
        for gi in registry.gis
    }
    for auth in registry.gi_authorisations:
        gi_authorise(
            actor=actor, gi=gis[auth.gi], enterprise=owners[auth.enterprise], valid_from=auth.valid_from,
            valid_to=auth.valid_to, number=auth.number,
        )  # fmt: skip
    for row in registry.brands:
        for step in WORKFLOW[row.status]:
            walk = partial(step, reason=row.status_reason) if step in NEEDS_REASON else step
            brands[row.name] = walk(actor=actor, brand=brands[row.name])
    for cl_row in registry.cultivation_lists:
        cl = cultivation_list_create(
            actor=actor, year=cl_row.year, pillar=pillars[cl_row.pillar_code], district=None
        )
        for rank, name in enumerate(cl_row.brands, start=1):
            cultivation_list_add_brand(actor=actor, cultivation_list=cl, brand=brands[name], rank=rank)
        if cl_row.publish:
            cultivation_list_publish(actor=actor, cultivation_list=cl)
    return len(brands)
