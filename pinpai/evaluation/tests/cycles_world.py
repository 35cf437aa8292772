"""The people and records an evaluation cycle needs, built through the services: an agricultural cycle managed by
市农委, a published brand with a valid certificate, an intermediary with an evaluator, four experts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from pinpai.accounts.choices import OrganisationKind, Role
from pinpai.accounts.models import Organisation, User
from pinpai.accounts.services import organisation_create, system_user_ensure
from pinpai.accounts.tests.factories import user_with_role, valid_uscc
from pinpai.common.models import District, Pillar, Tier
from pinpai.evaluation.models import EvaluationApplication, EvaluationCycle
from pinpai.evaluation.services.cycle_applications import (
    application_assign,
    application_create,
    application_financials_set,
    application_submit,
    application_verify,
)
from pinpai.evaluation.services.cycles import cycle_create, cycle_open, panel_member_add
from pinpai.registry.models import Brand
from pinpai.registry.tests.factories import make_brand, make_certificate, make_enterprise, publish

SYSTEM = "gbt29186-agri-regional"
PARAMETERS = {
    "royalty_rate_low": "0.01",
    "royalty_rate_high": "0.05",
    "tax_rate": "0.25",
    "discount_rate": "0.11",
    "terminal_growth": "0.025",
}
# The indicators measured from data (the panel scores service.customer_satisfaction and intangible.heritage).
DATA_VALUES: dict[str, Any] = {
    "tangible.output_value": "1200000000",
    "tangible.authorised_users": 45,
    "tangible.standardised_base_share": "60",
    "quality.pass_rate": "98.5",
    "quality.traceability_coverage": "80",
    "quality.certified_share": "50",
    "innovation.standards": 3,
    "innovation.new_varieties": 2,
    "service.complaint_resolution_rate": "97",
    "intangible.gi": True,
    "intangible.brand_awareness": "45",
}
# Three experts' scores: customer satisfaction 80/85/90 → 85; heritage 60/70/75 → 70 (trim 1 at each end).
EXPERT_SCORES = [
    {"service.customer_satisfaction": "80", "intangible.heritage": "70"},
    {"service.customer_satisfaction": "85", "intangible.heritage": "60"},
    {"service.customer_satisfaction": "90", "intangible.heritage": "75"},
]


def financials(year: int) -> list[dict[str, Any]]:
    """Three consecutive years ending the year before the cycle."""
    return [
        {"year": year - 3, "revenue_yuan": "100000000.00", "operating_profit_yuan": "12000000.00",
         "brand_revenue_yuan": "80000000.00"},
        {"year": year - 2, "revenue_yuan": "108000000.00", "operating_profit_yuan": "13000000.00",
         "brand_revenue_yuan": "86000000.00"},
        {"year": year - 1, "revenue_yuan": "115000000.00", "operating_profit_yuan": "14500000.00",
         "brand_revenue_yuan": "92000000.00"},
    ]  # fmt: skip


@dataclass
class World:
    manager: User  # 市农委 staff: 市农委 cooperates on the agricultural pillars
    other_manager: User  # 市商务委 staff: no agricultural pillar
    owner: User
    brand: Brand
    intermediary: Organisation
    evaluator: User
    experts: list[User]
    year: int


def _organisation(kind: str, name: str) -> Organisation:
    return organisation_create(
        actor=system_user_ensure(),
        kind=kind,
        name=name,
        uscc=valid_uscc("500103"),
        district=District.objects.get(code="500103"),
    )


def world_build() -> World:
    from conftest import department  # noqa: PLC0415 - the shared test helpers

    enterprise = make_enterprise()
    brand = publish(make_brand(enterprise))
    make_certificate(enterprise, brand=brand, valid_to=datetime.date(2099, 12, 31))
    intermediary = _organisation(OrganisationKind.INTERMEDIARY, "重庆测试品牌评价事务所有限公司")
    pool = _organisation(OrganisationKind.EXPERT_POOL, "重庆市品牌评价专家库（测试）")
    return World(
        manager=user_with_role(Role.DEPARTMENT_STAFF, department("市农委"), username="agri"),
        other_manager=user_with_role(Role.DEPARTMENT_STAFF, department("市商务委"), username="commerce"),
        owner=user_with_role(Role.ENTERPRISE_USER, enterprise.organisation, username="owner"),
        brand=brand,
        intermediary=intermediary,
        evaluator=user_with_role(Role.INTERMEDIARY_EVALUATOR, intermediary, username="evaluator"),
        experts=[user_with_role(Role.EXPERT, pool, username=f"expert{n}") for n in range(1, 5)],
        year=timezone.localdate().year,
    )


def cycle_draft(world: World, **overrides: Any) -> EvaluationCycle:
    today = timezone.localdate()
    arguments: dict[str, Any] = {
        "year": world.year,
        "pillar": Pillar.objects.get(code="agri-processed"),
        "tier": Tier.objects.get(code="regional"),
        "title": f"{world.year}年度加工农产品区域性品牌评价",
        "call_text": "申报须知……",
        "system_code": SYSTEM,
        "valuation_method": "royalty_relief",
        "valuation_parameters": PARAMETERS,
        "applications_open_on": today - datetime.timedelta(days=1),
        "applications_close_on": today + datetime.timedelta(days=30),
        "reference_date": today,
        **overrides,
    }
    return cycle_create(actor=world.manager, **arguments)


def cycle_opened_with_panel(world: World) -> EvaluationCycle:
    cycle = cycle_open(actor=world.manager, cycle=cycle_draft(world))
    for expert in world.experts:
        panel_member_add(actor=world.manager, cycle=cycle, expert=expert)
    return cycle


def application_verified(world: World, cycle: EvaluationCycle) -> EvaluationApplication:
    application = application_create(actor=world.owner, cycle=cycle, brand=world.brand)
    application_financials_set(actor=world.owner, application=application, years=financials(world.year))
    application = application_submit(actor=world.owner, application=application)
    application_assign(actor=world.manager, application=application, intermediary=world.intermediary)
    return application_verify(
        actor=world.evaluator, application=application, indicator_values=DATA_VALUES, notes="核验无误"
    )
