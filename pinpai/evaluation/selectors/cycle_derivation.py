"""How a published evaluation result was reached, step by step, from what is stored: the experts' scores →
trimmed means with their spread → each indicator's score and contribution → the strength index → every step of
the valuation. Then the engines are run again on the stored inputs and the numbers compared (`reproduced`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from engines import strength, valuation
from pinpai.evaluation.exceptions import EvaluationApplicationNotFound
from pinpai.evaluation.models import EvaluationApplication, EvaluationResult
from pinpai.evaluation.permissions_cycles import can_cycle_manage
from pinpai.evaluation.selectors.cycles import application_get
from pinpai.evaluation.selectors.localise import pick

EXPERT_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class PanelLine:
    code: str
    name: str
    scores: tuple[tuple[str, Decimal], ...]  # (expert, score): experts named only for the cycle's managers
    kept: tuple[Decimal, ...]
    dropped: tuple[Decimal, ...]
    mean: Decimal
    mean_unrounded: Decimal
    minimum: Decimal
    maximum: Decimal
    std_dev: Decimal
    formula: str


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    source: str  # "panel" (the trimmed mean) or "data" (verified by the intermediary)
    value: object
    effective_weight: Decimal
    score: Decimal
    contribution: Decimal


@dataclass(frozen=True)
class StepLine:
    code: str
    label: str
    formula: str
    value: Decimal


@dataclass(frozen=True)
class ResultDerivation:
    application_id: int
    brand_name: str
    enterprise_name: str
    cycle_title: str
    status: str
    rank: int | None
    system_code: str
    system_version: str
    panel: tuple[PanelLine, ...]
    indicators: tuple[IndicatorLine, ...]
    strength_steps: tuple[StepLine, ...]
    strength_index: Decimal
    strength_score_1000: Decimal
    strength_index_unrounded: Decimal
    strength_engine_version: str
    valuation_method: str
    valuation_inputs: Mapping[str, Any]
    valuation_steps: tuple[StepLine, ...]
    value_yuan: Decimal
    value_unrounded: Decimal
    valuation_engine_version: str
    # the recompute check: the engines as installed, run on the stored inputs
    reproduced: bool
    recomputed_strength_index: Decimal | None
    recomputed_value_yuan: Decimal | None
    current_engine_versions: tuple[str, str]
    mismatches: tuple[str, ...]


def _d(value: object) -> Decimal:
    return Decimal(str(value))


def _recompute(result: EvaluationResult) -> tuple[Decimal | None, Decimal | None, list[str]]:
    mismatches: list[str] = []
    index = value = None
    for line in result.panel:
        scores = [entry["score"] for entry in line.get("scores", [])]
        try:
            again = strength.trimmed_mean(scores, trim=int(line.get("trim", 1)))
        except strength.InputErrors:
            mismatches.append(f"panel.{line.get('code')}")
            continue
        if format(again.mean_unrounded, "f") != line.get("mean_unrounded"):
            mismatches.append(f"panel.{line.get('code')}")
    try:
        system = strength.system_get(result.system_code, result.system_version)
        evaluated = strength.evaluate(system, result.indicator_values)
        index = evaluated.index
        if (evaluated.index, evaluated.score_1000) != (result.strength_index, result.strength_score_1000):
            mismatches.append("strength_index")
    except strength.InputErrors:
        mismatches.append("strength_index")
    try:
        valued = valuation.compute(result.valuation_method, result.valuation_inputs)
        value = valued.value
        if valued.value != result.value_yuan or format(valued.value_unrounded, "f") != result.value_unrounded:
            mismatches.append("value_yuan")
    except valuation.InputErrors:
        mismatches.append("value_yuan")
    return index, value, mismatches


def result_derivation(*, actor: Any, application: EvaluationApplication | int) -> ResultDerivation:
    """The stored derivation of an application's result and the recompute check. The public sees published
    results; experts appear as A, B, C … except to those who manage the cycle."""
    pk = application if isinstance(application, int) else application.pk
    a = application_get(actor=actor, pk=pk)
    result = EvaluationResult.objects.filter(application=a).first()
    if result is None:
        raise EvaluationApplicationNotFound(f"Application {pk} has no result yet.")
    named = can_cycle_manage(actor, cycle=a.cycle)
    names = {
        leaf.get("code"): pick(str(leaf.get("name_zh")), str(leaf.get("name_en")))
        for leaf in result.contributions
    }
    panel_codes = set()
    panel = []
    for line in result.panel:
        code = str(line["code"])
        panel_codes.add(code)
        scores = tuple(
            (str(entry["expert"]) if named else EXPERT_LABELS[n % 26], _d(entry["score"]))
            for n, entry in enumerate(line["scores"])
        )
        panel.append(
            PanelLine(
                code=code,
                name=names.get(code, code),
                scores=scores,
                kept=tuple(_d(x) for x in line["kept"]),
                dropped=tuple(_d(x) for x in line["dropped"]),
                mean=_d(line["mean"]),
                mean_unrounded=_d(line["mean_unrounded"]),
                minimum=_d(line["minimum"]),
                maximum=_d(line["maximum"]),
                std_dev=_d(line["std_dev"]),
                formula=str(line["formula"]),
            )  # fmt: skip
        )
    indicators = tuple(
        IndicatorLine(
            code=str(leaf["code"]),
            name=names.get(leaf["code"], str(leaf["code"])),
            source="panel" if leaf["code"] in panel_codes else "data",
            value=leaf.get("value"),
            effective_weight=_d(leaf["effective_weight"]),
            score=_d(leaf["score"]),
            contribution=_d(leaf["contribution"]),
        )  # fmt: skip
        for leaf in result.contributions
    )
    index, value, mismatches = _recompute(result)
    return ResultDerivation(
        application_id=a.pk,
        brand_name=a.brand.name,
        enterprise_name=a.applicant.organisation.name,
        cycle_title=a.cycle.title,
        status=a.status,
        rank=result.rank,
        system_code=result.system_code,
        system_version=result.system_version,
        panel=tuple(panel),
        indicators=indicators,
        strength_steps=tuple(
            StepLine(
                str(s["code"]),
                pick(str(s["label_zh"]), str(s["label_en"])),
                str(s["formula"]),
                _d(s["value"]),
            )
            for s in result.strength_trace
        ),
        strength_index=result.strength_index,
        strength_score_1000=result.strength_score_1000,
        strength_index_unrounded=_d(result.strength_index_unrounded),
        strength_engine_version=result.strength_engine_version,
        valuation_method=result.valuation_method,
        valuation_inputs=result.valuation_inputs,
        valuation_steps=tuple(
            StepLine(
                str(s["code"]),
                pick(str(s["label_zh"]), str(s["label_en"])),
                str(s["formula"]),
                _d(s["value"]),
            )
            for s in result.valuation_steps
        ),
        value_yuan=result.value_yuan,
        value_unrounded=_d(result.value_unrounded),
        valuation_engine_version=result.valuation_engine_version,
        reproduced=not mismatches,
        recomputed_strength_index=index,
        recomputed_value_yuan=value,
        current_engine_versions=(strength.ENGINE_VERSION, valuation.ENGINE_VERSION),
        mismatches=tuple(mismatches),
    )
