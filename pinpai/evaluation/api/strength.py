"""Brand strength: the indicator systems and the strength calculator. Public; a calculation stores nothing."""

from typing import Any

from django.http import HttpRequest
from ninja import Query

from pinpai.api.auth import optional_bearer
from pinpai.evaluation import selectors
from pinpai.evaluation.api.base import router
from pinpai.evaluation.schemas import (
    StrengthComputeIn,
    StrengthComputeOut,
    StrengthSystemGetIn,
    StrengthSystemGetOut,
    StrengthSystemListOut,
)

TAGS = ["strength"]


@router.get(
    "/strength/systems",
    response=list[StrengthSystemListOut],
    operation_id="strength_system_list",
    auth=optional_bearer,
    tags=TAGS,
)
def strength_system_list(request: HttpRequest) -> Any:
    """The default indicator systems (latest versions), named in the request's language."""
    return selectors.strength_system_list()


@router.get(
    "/strength/systems/{code}",
    response=StrengthSystemGetOut,
    operation_id="strength_system_get",
    auth=optional_bearer,
    tags=TAGS,
)
def strength_system_get(request: HttpRequest, code: str, filters: Query[StrengthSystemGetIn]) -> Any:
    """One system: its elements and indicators with weights, effective weights, units and scoring rules."""
    return selectors.strength_system_get(code=code, version=filters.version)


@router.post(
    "/strength/compute",
    response=StrengthComputeOut,
    operation_id="strength_compute",
    auth=optional_bearer,
    tags=TAGS,
)
def strength_compute(request: HttpRequest, payload: StrengthComputeIn) -> Any:
    """The brand strength index (0–100) and score (0–1000), each indicator's and element's contribution, and
    every step. Bad inputs are a 422 `evaluation_inputs_invalid` naming each field and rule
    (`inputs.values.quality.pass_rate`, `unknown_indicator`, `weights_do_not_sum_to_one` …)."""
    return selectors.strength_compute(system=payload.system, version=payload.version, inputs=payload.inputs)
