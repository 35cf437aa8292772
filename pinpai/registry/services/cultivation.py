"""Yearly cultivation lists (培育名单) per pillar and district."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.models import District, Pillar
from pinpai.common.validation import full_clean_or_raise
from pinpai.registry.choices import BrandStatus, CultivationListStatus
from pinpai.registry.exceptions import CultivationListInvalid
from pinpai.registry.models import Brand, CultivationList, CultivationListEntry
from pinpai.registry.permissions import (
    can_cultivation_list_add_brand,
    can_cultivation_list_create,
    can_cultivation_list_publish,
)


@transaction.atomic
def cultivation_list_create(
    *, actor: Any, year: int, pillar: Pillar, district: District | None, title: str = ""
) -> CultivationList:
    if not can_cultivation_list_create(actor, pillar=pillar, district_id=district.pk if district else None):
        raise PermissionDenied
    where = district.name if district else "全市"
    cl = CultivationList(
        year=year,
        pillar=pillar,
        district=district,
        title=title.strip() or f"{year}年{where}{pillar.name}培育名单",
    )
    full_clean_or_raise(cl, CultivationListInvalid, validate_constraints=False)
    clash = CultivationList.objects.filter(year=year, pillar=pillar, district=district)
    if clash.exists():
        raise CultivationListInvalid(
            _("There is already a %(year)s list for %(pillar)s in %(where)s.")
            % {"year": year, "pillar": pillar.name, "where": where}
        )
    cl.save()
    audit_record(
        actor=actor,
        action=AuditAction.CULTIVATION_LIST_CREATED,
        target=cl,
        changes=model_changes(
            None, {"year": year, "pillar": pillar.pk, "district": district.pk if district else None}
        ),
    )
    return cl


@transaction.atomic
def cultivation_list_add_brand(
    *, actor: Any, cultivation_list: CultivationList, brand: Brand, rank: int | None = None, note: str = ""
) -> CultivationListEntry:
    cl = CultivationList.objects.select_for_update().get(pk=cultivation_list.pk)
    if not can_cultivation_list_add_brand(actor, cultivation_list=cl):
        raise PermissionDenied
    errors = []
    if cl.status != CultivationListStatus.DRAFT:
        errors.append(_("the list is already published"))
    if brand.pillar_id != cl.pillar_id:
        errors.append(
            _("%(brand)s is not in pillar %(pillar)s") % {"brand": brand.name, "pillar": cl.pillar.name}
        )
    if brand.status in (BrandStatus.WITHDRAWN, BrandStatus.SUSPENDED):
        errors.append(
            _("%(brand)s is %(status)s") % {"brand": brand.name, "status": brand.get_status_display()}
        )
    if cl.district_id and not brand.districts.filter(pk=cl.district_id).exists():
        errors.append(
            _("%(brand)s is not a brand of %(district)s") % {"brand": brand.name, "district": cl.district}
        )
    if CultivationListEntry.objects.filter(cultivation_list=cl, brand=brand).exists():
        errors.append(_("%(brand)s is already on the list") % {"brand": brand.name})
    if errors:
        raise CultivationListInvalid("; ".join(errors), extra={"errors": {"brand": errors}})
    entry = CultivationListEntry.objects.create(
        cultivation_list=cl, brand=brand, rank=rank, note=note.strip()
    )
    audit_record(
        actor=actor,
        action=AuditAction.CULTIVATION_LIST_BRAND_ADDED,
        target=cl,
        changes={"brand": [None, brand.pk], "rank": [None, rank]},
    )
    return entry


@transaction.atomic
def cultivation_list_publish(*, actor: Any, cultivation_list: CultivationList) -> CultivationList:
    cl = CultivationList.objects.select_for_update().get(pk=cultivation_list.pk)
    if not can_cultivation_list_publish(actor, cultivation_list=cl):
        raise PermissionDenied
    if cl.status == CultivationListStatus.PUBLISHED:
        return cl
    if not cl.entries.exists():
        raise CultivationListInvalid(_("An empty list cannot be published."))
    cl.status = CultivationListStatus.PUBLISHED
    cl.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CULTIVATION_LIST_PUBLISHED,
        target=cl,
        changes={"status": ["draft", "published"]},
    )
    return cl
