"""Who may change which registry record. Pure predicates over the actor's scope (accounts.querysets)."""

from __future__ import annotations

from typing import Any

from pinpai.accounts.querysets import actor_scope
from pinpai.common.models import Pillar, PillarDepartment
from pinpai.registry.choices import BrandStatus
from pinpai.registry.models import (
    Brand,
    CultivationList,
    Enterprise,
    GeographicalIndication,
    ImportJob,
    Trademark,
)

OWNER_EDITABLE = frozenset({BrandStatus.DRAFT, BrandStatus.RETURNED})


def _district_covers(actor: Any, district_ids: set[int]) -> bool:
    return bool(actor_scope(actor).district_ids & district_ids)


def _department_covers_pillar(actor: Any, pillar: Pillar | int) -> bool:
    departments = actor_scope(actor).department_ids
    if not departments:
        return False
    pillar_id = pillar if isinstance(pillar, int) else pillar.pk
    return PillarDepartment.objects.filter(pillar_id=pillar_id, department_id__in=departments).exists()


def _brand_districts(brand: Brand) -> set[int]:
    ids = set(brand.districts.values_list("pk", flat=True))
    if brand.owner.organisation.district_id:
        ids.add(brand.owner.organisation.district_id)
    return ids


def _is_enterprise_user_of(actor: Any, enterprise: Enterprise) -> bool:
    return enterprise.pk in actor_scope(actor).enterprise_ids


def is_registry_staff(actor: Any) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids) or bool(scope.district_ids)


# ---------------------------------------------------------------- enterprises


def can_enterprise_register(actor: Any, *, district_id: int | None) -> bool:
    scope = actor_scope(actor)
    if scope.is_admin or scope.department_ids:
        return True
    return district_id is not None and district_id in scope.district_ids


def can_enterprise_update(actor: Any, *, enterprise: Enterprise) -> bool:
    if can_enterprise_status_change(actor, enterprise=enterprise):
        return True
    return _is_enterprise_user_of(actor, enterprise)


def can_enterprise_status_change(actor: Any, *, enterprise: Enterprise) -> bool:
    scope = actor_scope(actor)
    if scope.is_admin or scope.department_ids:
        return True
    return enterprise.organisation.district_id in scope.district_ids


# ---------------------------------------------------------------- brands


def can_brand_create(actor: Any, *, owner: Enterprise) -> bool:
    return can_enterprise_update(actor, enterprise=owner)


def can_brand_update(actor: Any, *, brand: Brand) -> bool:
    if brand.status == BrandStatus.WITHDRAWN:
        return False
    scope = actor_scope(actor)
    if scope.is_admin or _department_covers_pillar(actor, brand.pillar_id):
        return True
    if _district_covers(actor, _brand_districts(brand)):
        return True
    return _is_enterprise_user_of(actor, brand.owner) and brand.status in OWNER_EDITABLE


def can_brand_submit(actor: Any, *, brand: Brand) -> bool:
    if actor_scope(actor).is_admin:
        return True
    return _is_enterprise_user_of(actor, brand.owner) or _district_covers(actor, _brand_districts(brand))


def can_brand_district_approve(actor: Any, *, brand: Brand) -> bool:
    return actor_scope(actor).is_admin or _district_covers(actor, _brand_districts(brand))


def can_brand_district_return(actor: Any, *, brand: Brand) -> bool:
    return can_brand_district_approve(actor, brand=brand)


def can_brand_department_approve(actor: Any, *, brand: Brand) -> bool:
    return actor_scope(actor).is_admin or _department_covers_pillar(actor, brand.pillar_id)


def can_brand_department_return(actor: Any, *, brand: Brand) -> bool:
    return can_brand_department_approve(actor, brand=brand)


def can_brand_publish(actor: Any, *, brand: Brand) -> bool:
    return can_brand_department_approve(actor, brand=brand)


def can_brand_suspend(actor: Any, *, brand: Brand) -> bool:
    return can_brand_department_approve(actor, brand=brand)


def can_brand_reinstate(actor: Any, *, brand: Brand) -> bool:
    return can_brand_department_approve(actor, brand=brand)


def can_brand_withdraw(actor: Any, *, brand: Brand) -> bool:
    return _is_enterprise_user_of(actor, brand.owner) or can_brand_department_approve(actor, brand=brand)


# ---------------------------------------------------------------- trademarks, certificates, products


def can_trademark_register(actor: Any, *, registrant: Enterprise) -> bool:
    return can_enterprise_update(actor, enterprise=registrant)


def can_trademark_update(actor: Any, *, trademark: Trademark) -> bool:
    return can_enterprise_update(actor, enterprise=trademark.registrant)


def can_trademark_expiry_remind(actor: Any) -> bool:
    """Reminders are sent by the platform (the system actor, from a scheduled command) or an admin."""
    return actor_scope(actor).is_admin


def can_trademark_licence_record(actor: Any, *, trademark: Trademark) -> bool:
    return can_enterprise_update(actor, enterprise=trademark.registrant)


def can_certificate_register(actor: Any, *, holder: Enterprise) -> bool:
    return can_enterprise_update(actor, enterprise=holder)


def can_certificate_revoke(actor: Any, *, holder: Enterprise) -> bool:
    return can_enterprise_status_change(actor, enterprise=holder)


def can_product_register(actor: Any, *, enterprise: Enterprise) -> bool:
    return can_enterprise_update(actor, enterprise=enterprise)


# ---------------------------------------------------------------- geographical indications


def can_gi_register(actor: Any) -> bool:
    scope = actor_scope(actor)
    return scope.is_admin or bool(scope.department_ids)


def can_gi_authorise(actor: Any, *, gi: GeographicalIndication) -> bool:
    if can_gi_register(actor):
        return True
    return _district_covers(actor, set(gi.protected_districts.values_list("pk", flat=True)))


def can_gi_authorisation_revoke(actor: Any, *, gi: GeographicalIndication) -> bool:
    return can_gi_authorise(actor, gi=gi)


# ---------------------------------------------------------------- cultivation lists


def can_cultivation_list_create(actor: Any, *, pillar: Pillar, district_id: int | None) -> bool:
    scope = actor_scope(actor)
    if scope.is_admin or _department_covers_pillar(actor, pillar):
        return True
    return district_id is not None and district_id in scope.district_ids


def can_cultivation_list_add_brand(actor: Any, *, cultivation_list: CultivationList) -> bool:
    return can_cultivation_list_create(
        actor, pillar=cultivation_list.pillar, district_id=cultivation_list.district_id
    )


def can_cultivation_list_publish(actor: Any, *, cultivation_list: CultivationList) -> bool:
    return can_cultivation_list_add_brand(actor, cultivation_list=cultivation_list)


# ---------------------------------------------------------------- imports


def can_import_job_create(actor: Any, *, kind: str) -> bool:
    return is_registry_staff(actor)


def can_import_job_validate(actor: Any, *, job: ImportJob) -> bool:
    return actor_scope(actor).is_admin or job.created_by_id == getattr(actor, "pk", None)


def can_import_job_commit(actor: Any, *, job: ImportJob) -> bool:
    return can_import_job_validate(actor, job=job)
