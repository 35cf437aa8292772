"""Benchmarking (标杆对比): an evaluated brand against its peers of the same cycle (same pillar, level and year,
same indicator system): per indicator the brand's percentile among the peers, the peers' top-decile score and
the gap to it; improvement actions ranked by weighted gap (index points the brand would gain). Computed by
`engines.strength.benchmark` from the scores stored in each `EvaluationResult`; peers stay anonymous (only
their distribution is shown)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from engines import strength
from pinpai.evaluation.exceptions import EvaluationApplicationNotFound
from pinpai.evaluation.models import EvaluationApplication, EvaluationResult
from pinpai.evaluation.selectors.cycles import application_get
from pinpai.evaluation.selectors.engine_errors import engine_input_errors
from pinpai.evaluation.selectors.localise import pick


@dataclass(frozen=True)
class BenchmarkLine:
    code: str
    name: str
    effective_weight: Decimal
    score: Decimal
    peer_count: int
    percentile: Decimal | None
    top_decile: Decimal | None
    gap: Decimal | None
    weighted_gap: Decimal | None


@dataclass(frozen=True)
class BenchmarkAction:
    rank: int
    code: str
    name: str
    score: Decimal
    target: Decimal
    weighted_gap: Decimal


@dataclass(frozen=True)
class ApplicationBenchmark:
    application_id: int
    brand: str
    cycle: str
    system_code: str
    system_version: str
    strength_index: Decimal
    peer_count: int
    lines: tuple[BenchmarkLine, ...]
    actions: tuple[BenchmarkAction, ...]
    engine_version: str


def _scores(result: EvaluationResult) -> dict[str, Any]:
    """Each indicator's 0–100 score as the strength engine computed it (unrounded, as stored)."""
    return {str(leaf["code"]): leaf["score_unrounded"] for leaf in result.contributions}


def application_benchmark(*, actor: Any, application: EvaluationApplication | int) -> ApplicationBenchmark:
    """The brand's evaluated indicator scores against the other results of its cycle (whoever may see the
    application's result may see this: the peers appear only as percentiles and a top decile)."""
    pk = application if isinstance(application, int) else application.pk
    a = application_get(actor=actor, pk=pk)
    result = EvaluationResult.objects.filter(application=a).first()
    if result is None:
        raise EvaluationApplicationNotFound(f"Application {pk} has no result yet.")
    peers = (
        EvaluationResult.objects.filter(
            application__cycle_id=a.cycle_id,
            system_code=result.system_code,
            system_version=result.system_version,
        )
        .exclude(pk=result.pk)
        .order_by("pk")
    )
    peer_scores = [_scores(peer) for peer in peers]
    with engine_input_errors():  # stored scores the engine no longer accepts: a 422 naming them
        system = strength.system_get(result.system_code, result.system_version)
        outcome = strength.benchmark(system, _scores(result), peer_scores)
    lines = tuple(
        BenchmarkLine(
            code=row.code, name=pick(row.name_zh, row.name_en), effective_weight=row.effective_weight,
            score=row.score, peer_count=row.peer_count, percentile=row.percentile, top_decile=row.top_decile,
            gap=row.gap, weighted_gap=row.weighted_gap,
        )
        for row in outcome.rows
    )  # fmt: skip
    actions = tuple(
        BenchmarkAction(
            rank=act.rank, code=act.code, name=pick(act.name_zh, act.name_en), score=act.score,
            target=act.target, weighted_gap=act.weighted_gap,
        )
        for act in outcome.actions
    )  # fmt: skip
    return ApplicationBenchmark(
        application_id=a.pk,
        brand=a.brand.name,
        cycle=str(a.cycle),
        system_code=result.system_code,
        system_version=result.system_version,
        strength_index=result.strength_index,
        peer_count=len(peer_scores),
        lines=lines,
        actions=actions,
        engine_version=outcome.engine_version,
    )
