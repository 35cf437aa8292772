"""检验检测: government inspectors record the sampling and laboratory result of a lot, item by item. A failed
inspection opens a recall of the lot in the same transaction (services.recalls.recall_open)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.common.validation import full_clean_or_raise
from pinpai.traceability.choices_quality import InspectionResult
from pinpai.traceability.exceptions_quality import InspectionDuplicate, InspectionInvalid
from pinpai.traceability.models import Inspection, InspectionItem, Location, Lot
from pinpai.traceability.permissions import can_inspection_record
from pinpai.traceability.services.recalls import recall_open

MAX_ITEMS = 200


@dataclass(frozen=True)
class InspectionItemInput:
    """One tested item as reported. `result` None: derived from the value and the limit (no limit: must not be
    detected; no value: not detected)."""

    name: str
    result: str | None = None
    method_standard: str = ""
    measured_value: Decimal | None = None
    unit: str = ""
    limit: Decimal | None = None


def _invalid(field: str, message: str) -> InspectionInvalid:
    return InspectionInvalid(f"{field}: {message}", extra={"errors": {field: [message]}})


def _exceeds(item: InspectionItemInput) -> bool:
    if item.measured_value is None:
        return False
    return item.limit is None or item.measured_value > item.limit


def _item_result(index: int, item: InspectionItemInput) -> str:
    field = f"items.{index}"
    if not item.name.strip():
        raise _invalid(f"{field}.name", _("Name the tested item."))
    for name, value in (("measured_value", item.measured_value), ("limit", item.limit)):
        if value is not None and value < 0:
            raise _invalid(f"{field}.{name}", _("A value cannot be negative."))
    if item.result is None:
        return InspectionResult.FAIL if _exceeds(item) else InspectionResult.PASS
    if item.result not in InspectionResult.values:
        raise _invalid(f"{field}.result", _("The result is pass or fail."))
    if item.result == InspectionResult.PASS and _exceeds(item):
        raise _invalid(
            f"{field}.result",
            _("%(item)s: %(value)s exceeds the limit %(limit)s, so the item fails.")
            % {
                "item": item.name.strip(),
                "value": item.measured_value,
                "limit": item.limit if item.limit is not None else _("not detectable"),
            },
        )
    return item.result


@transaction.atomic
def inspection_record(
    *,
    actor: Any,
    lot: Lot,
    sampled_at: datetime.datetime,
    tested_at: datetime.datetime,
    laboratory: str,
    report_number: str,
    items: Sequence[InspectionItemInput],
    result: str | None = None,
    sampling_location: Location | None = None,
    note: str = "",
) -> Inspection:
    """Record an inspection and its items; the overall result fails when any item fails, and a failure opens a
    recall of the lot (hold, EPCIS event, downstream notices) in this transaction."""
    lot = (
        Lot.objects.select_for_update(of=("self",))
        .select_related("product", "producer__organisation")
        .get(pk=lot.pk)
    )
    if not can_inspection_record(actor, lot=lot):
        raise PermissionDenied
    if not items:
        raise _invalid("items", _("Record at least one tested item."))
    if len(items) > MAX_ITEMS:
        raise _invalid("items", _("At most %(n)d items per inspection.") % {"n": MAX_ITEMS})
    item_results = [_item_result(i, item) for i, item in enumerate(items)]
    any_failed = InspectionResult.FAIL in item_results
    if result is None:
        result = InspectionResult.FAIL if any_failed else InspectionResult.PASS
    elif result not in InspectionResult.values:
        raise _invalid("result", _("The result is pass or fail."))
    elif result == InspectionResult.PASS and any_failed:
        raise _invalid("result", _("An item failed, so the inspection fails."))
    if sampled_at > timezone.now():
        raise _invalid("sampled_at", _("The sample cannot be taken in the future."))
    if tested_at < sampled_at:
        raise _invalid("tested_at", _("Testing cannot come before sampling."))
    laboratory, report_number = laboratory.strip(), report_number.strip()
    if Inspection.objects.filter(laboratory=laboratory, report_number=report_number).exists():
        raise InspectionDuplicate(
            _("Report %(number)s of %(lab)s is already recorded.")
            % {"number": report_number, "lab": laboratory},
            extra={"errors": {"report_number": [_("already recorded")]}},
        )
    inspection = Inspection(
        lot=lot,
        sampled_at=sampled_at,
        sampling_location=sampling_location,
        laboratory=laboratory,
        report_number=report_number,
        tested_at=tested_at,
        result=result,
        note=note.strip(),
        recorded_by=actor,
    )
    full_clean_or_raise(inspection, InspectionInvalid, validate_unique=False, validate_constraints=False)
    inspection.save(force_insert=True)
    rows = [
        InspectionItem(
            inspection=inspection,
            position=i,
            name=item.name.strip(),
            method_standard=item.method_standard.strip(),
            measured_value=item.measured_value,
            unit=item.unit.strip(),
            limit=item.limit,
            result=item_result,
        )
        for i, (item, item_result) in enumerate(zip(items, item_results, strict=True))
    ]
    for row in rows:
        full_clean_or_raise(row, InspectionInvalid, exclude=["inspection"])
    InspectionItem.objects.bulk_create(rows)
    failed = [row.name for row in rows if row.result == InspectionResult.FAIL]
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_INSPECTION_RECORDED,
        target=inspection,
        changes={
            "lot": lot.identifier,
            "report": f"{laboratory} {report_number}",
            "result": result,
            "items": len(rows),
            "failed_items": failed,
        },
    )
    if result == InspectionResult.FAIL:
        reason = _("Inspection report %(number)s of %(lab)s failed: %(items)s.") % {
            "number": report_number,
            "lab": laboratory,
            "items": "、".join(failed) or _("see the report"),
        }
        recall_open(actor=actor, lots=[lot], reason=reason, inspection=inspection)
    return inspection
