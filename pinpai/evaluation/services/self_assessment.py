"""Evaluation writes: recording an enterprise's self-assessment of a brand."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.common.validation import full_clean_or_raise
from pinpai.evaluation.exceptions import EvaluationInputsInvalid, SelfAssessmentInvalid
from pinpai.evaluation.models import SelfAssessment
from pinpai.evaluation.permissions import can_self_assessment_create
from pinpai.evaluation.selectors import strength_compute, strength_system_list_for_self_assessment
from pinpai.registry.models import Brand

SELF_ASSESSMENT_KEYS = ("system", "version", "values")


def _plain(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) and not isinstance(value, bool) else value


@transaction.atomic
def self_assessment_create(*, actor: Any, brand: Brand, inputs: Mapping[str, object]) -> SelfAssessment:
    """Score `brand` on a GB/T 29186 system from `inputs` (`system`, optional `version`, `values`) and record
    the values, the index, each indicator's contribution and the engine version."""
    if not can_self_assessment_create(actor, brand=brand):
        raise PermissionDenied
    unknown = [key for key in inputs if key not in SELF_ASSESSMENT_KEYS]
    if unknown:
        raise EvaluationInputsInvalid([(f"inputs.{key}", "unknown_field") for key in unknown])
    system = inputs.get("system")
    offered = {s.code for s in strength_system_list_for_self_assessment()}
    if not isinstance(system, str) or system not in offered:
        raise EvaluationInputsInvalid([("inputs.system", "unknown_system")])
    result = strength_compute(
        system=system, version=inputs.get("version"), inputs={"values": inputs.get("values")}
    )
    assessment = SelfAssessment(
        brand=brand,
        system_code=result.system_code,
        system_version=result.system_version,
        values={i.code: _plain(i.value) for i in result.indicators},
        index=result.index,
        score_1000=result.score_1000,
        contributions=[
            {
                "code": i.code,
                "effective_weight": _plain(i.effective_weight),
                "score": _plain(i.score),
                "contribution": _plain(i.contribution),
            }
            for i in result.indicators
        ],
        engine_version=result.engine_version,
        created_by=actor,
    )
    full_clean_or_raise(assessment, SelfAssessmentInvalid)
    assessment.save()
    audit_record(
        actor=actor,
        action=AuditAction.EVALUATION_SELF_ASSESSMENT_CREATED,
        target=assessment,
        changes={
            "brand": [None, brand.pk],
            "system": [None, f"{result.system_code} {result.system_version}"],
            "index": [None, _plain(result.index)],
            "engine_version": [None, result.engine_version],
        },
    )
    return assessment
