"""reference_load(): bring districts, departments, district governments, pillars and product lines
in line with the committed reference files. Idempotent: a second run changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Organisation
from pinpai.accounts.services import organisation_create, organisation_update
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.common import reference_files as files
from pinpai.common.models import (
    Category,
    District,
    IndustryClass,
    Pillar,
    PillarDepartment,
    ProductLine,
    ReferenceDataset,
    Tier,
)
from pinpai.common.permissions import can_reference_load


@dataclass
class ReferenceLoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], key: str) -> None:
        bucket[key] = bucket.get(key, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(
    model: Any, lookup: dict[str, Any], values: dict[str, Any], result: ReferenceLoadResult, label: str
) -> Any:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.count(result.created, label)
        return obj
    dirty = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if dirty:
        for k, v in dirty.items():
            setattr(obj, k, v)
        obj.full_clean()
        obj.save()
        result.count(result.updated, label)
    return obj


def _dataset(actor: Any, key: str, sha: str, rows: int) -> None:
    ds = ReferenceDataset.objects.filter(key=key).first()
    if ds is not None and ds.sha256 == sha and ds.rows == rows:
        return
    before = {"sha256": ds.sha256, "rows": ds.rows} if ds else None
    if ds is None:
        ds = ReferenceDataset(key=key)
    ds.sha256, ds.rows = sha, rows
    ds.save()
    audit_record(
        actor=actor,
        action=AuditAction.REFERENCE_LOADED,
        target=ds,
        changes={"sha256": [before and before["sha256"], sha], "rows": [before and before["rows"], rows]},
    )


@transaction.atomic
def reference_load(*, actor: Any) -> ReferenceLoadResult:
    if not can_reference_load(actor):
        raise PermissionDenied
    result = ReferenceLoadResult()

    district_rows = files.read_districts()
    districts: dict[str, District] = {}
    for d in district_rows:
        districts[d.code] = _upsert(
            District,
            {"code": d.code},
            {"name": d.name, "kind": d.kind, "zone": d.zone, "functional_zone": d.functional_zone},
            result,
            "districts",
        )
    _dataset(actor, "chongqing-districts", files.file_sha256(files.DISTRICTS_FILE), len(district_rows))

    department_rows = files.read_departments()
    for dept in department_rows:
        _organisation_upsert(
            actor,
            result,
            key=f"department:{dept.short_name}",
            kind=OrganisationKind.DEPARTMENT,
            name=dept.name,
            short_name=dept.short_name,
            name_en=dept.name_en,
            district=None,
        )
    for d in district_rows:
        _organisation_upsert(
            actor,
            result,
            key=f"district:{d.code}",
            kind=OrganisationKind.DISTRICT,
            name=f"{d.name}人民政府",
            short_name=d.name,
            name_en="",
            district=districts[d.code],
        )

    pillar_rows = files.read_pillars()
    for p in pillar_rows:
        pillar = _upsert(
            Pillar,
            {"code": p.code},
            {"sector": p.sector, "name": p.name, "name_en": p.name_en, "position": p.position},
            result,
            "pillars",
        )
        for position, (name, task_id) in enumerate(p.product_lines, start=1):
            _upsert(
                ProductLine,
                {"pillar": pillar, "name": name},
                {"plan_task": task_id, "position": position},
                result,
                "product_lines",
            )
    _dataset(actor, "plan-2016-204", files.file_sha256(files.PLAN_FILE), len(pillar_rows))
    _dataset(actor, "departments", files.file_sha256(files.DEPARTMENTS_FILE), len(department_rows))

    pillars = {p.code: p for p in Pillar.objects.all()}
    for pillar_code, short_name, role in files.read_pillar_departments():
        unit = Organisation.objects.get(reference_key=f"department:{short_name}")
        _upsert(
            PillarDepartment,
            {"pillar": pillars[pillar_code], "department": unit},
            {"role": role},
            result,
            "pillar_departments",
        )

    industry_rows = files.read_industries()
    sections: dict[str, IndustryClass] = {}
    for row in industry_rows:
        obj = _upsert(
            IndustryClass,
            {"code": row.code},
            {
                "parent": sections.get(row.parent),
                "level": row.level,
                "name": row.name,
                "name_en": row.name_en,
            },
            result,
            "industry_classes",
        )
        if row.level == "section":
            sections[row.code] = obj
    _dataset(actor, "gbt4754-2017", files.file_sha256(files.INDUSTRY_FILE), len(industry_rows))

    taxonomy = files.read_taxonomy()
    for pillar_code, categories in taxonomy["categories"].items():
        for position, cat in enumerate(categories, start=1):
            _upsert(
                Category,
                {"pillar": pillars[pillar_code], "code": cat["code"]},
                {"name": cat["name"], "name_en": cat.get("en", ""), "position": position},
                result,
                "categories",
            )
    for tier in taxonomy["tiers"]:
        _upsert(
            Tier,
            {"code": tier["code"]},
            {
                "scheme": tier["scheme"],
                "level": tier["level"],
                "name": tier["name"],
                "name_en": tier.get("en", ""),
            },
            result,
            "tiers",
        )
    _dataset(actor, "taxonomy", files.file_sha256(files.TAXONOMY_FILE), len(taxonomy["tiers"]))
    return result


def _organisation_upsert(
    actor: Any,
    result: ReferenceLoadResult,
    *,
    key: str,
    kind: str,
    name: str,
    short_name: str,
    name_en: str,
    district: District | None,
) -> None:
    org = Organisation.objects.filter(reference_key=key).first()
    label = "departments" if kind == OrganisationKind.DEPARTMENT else "district_governments"
    if org is None:
        organisation_create(
            actor=actor,
            kind=kind,
            name=name,
            short_name=short_name,
            name_en=name_en,
            district=district,
            reference_key=key,
        )
        result.count(result.created, label)
        return
    wanted = {"name": name, "short_name": short_name, "name_en": name_en, "district": district}
    if any(getattr(org, k) != v for k, v in wanted.items()):
        organisation_update(actor=actor, organisation=org, **wanted)
        result.count(result.updated, label)
