"""Per-brand awareness and recognition indices from survey responses, with sample sizes and intervals.

    survey_indices(SurveyInputs) → SurveyResult

For each brand under study, over the respondents who answered about it (its *base*):

    aided awareness        share who have at least heard of it (level heard, familiar or used)   听说过
    familiarity            share who know it (familiar or used);  usage: share who have used it
    first mention          share whose open answer names it first                              第一提及
    unaided awareness      share whose open answer names it at all                             未提示知名度
    each rating measure    Likert 1–5 mean with its interval, and the top-2-box share (4 or 5)
    recommendation         net promoter score from 0–10 answers

Shares carry Wilson score intervals, means and NPS normal-approximation intervals (formulas in
`engines.surveys.stats`), all at the caller's z (1.96 ≈ 95 % by default). With population shares per
weighting group (post-stratification) every respondent of group h weighs w_h = P_h × n / n_h and every
interval uses Kish's effective sample size instead of n.

The awareness-recognition index (知名度认可度指数) on 0–100:

    index = 100 × (w_A·A + w_U·U + w_R·R) / (w_A + w_U + w_R over the components available)
    A = aided awareness share, U = unaided awareness share, R = (favourability mean − 1) / 4
    default weights w_A = 0.4, w_U = 0.2, w_R = 0.4 (platform defaults, not from a standard)

A component whose question the survey did not ask (or that no respondent answered for the brand) is left
out and the remaining weights are rescaled; `BrandResult.index_components` lists those used. Reported
figures are rounded half-up to 0.01 once, each from its own unrounded value (shares as per cent).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import partial

from engines.surveys.decimals import FOUR, HUNDRED, ONE, ZERO, context, exact, plain, report
from engines.surveys.mentions import mentions, name_index
from engines.surveys.model import (
    LEVELS,
    LIKERT,
    MEASURES,
    TOP_BOX,
    BrandResult,
    IndexWeights,
    Mean,
    NetPromoter,
    Respondent,
    Share,
    SurveyInputs,
    SurveyResult,
    TraceStep,
)
from engines.surveys.stats import effective_n, net_promoter, weighted_mean, weighted_share, wilson
from engines.surveys.validate import validated

# ---------------------------------------------------------------- computation


def survey_indices(inputs: SurveyInputs) -> SurveyResult:
    """Every brand's awareness, recognition and recommendation estimates with n and intervals, the
    awareness-recognition index and a trace. Raises `InputErrors` listing every problem at once."""
    validated(inputs)
    with decimal.localcontext(context()):
        return _compute(inputs)


def _compute(inputs: SurveyInputs) -> SurveyResult:
    trace: list[TraceStep] = []
    z = inputs.z
    n = len(inputs.respondents)
    weights_by_group = _stratum_weights(inputs, trace)
    weights = [weights_by_group.get(r.stratum, ONE) if inputs.strata else ONE for r in inputs.respondents]
    n_eff = effective_n(weights)
    trace.append(
        TraceStep(
            "n_eff",
            "有效样本量",
            "effective sample size",
            f"n_eff = (Σw)² / Σw² over {n} respondents" if inputs.strata else f"n_eff = n = {n} (unweighted)",
            n_eff,
        )
    )
    names = name_index({b.key: b.names for b in inputs.brands})
    found = [None if r.unaided is None else mentions(r.unaided, names) for r in inputs.respondents]
    results = tuple(_brand(inputs, spec.key, weights, found, trace) for spec in inputs.brands)
    return SurveyResult(
        brands=results,
        respondents=n,
        n_eff=report(n_eff),
        z=z,
        weighted=bool(inputs.strata),
        weights=tuple(weights_by_group.items()),
        index_weights=inputs.index_weights,
        trace=tuple(trace),
    )


def _stratum_weights(inputs: SurveyInputs, trace: list[TraceStep]) -> dict[str, Decimal]:
    n = Decimal(len(inputs.respondents))
    counts: dict[str, int] = {}
    for respondent in inputs.respondents:
        counts[respondent.stratum] = counts.get(respondent.stratum, 0) + 1
    weights: dict[str, Decimal] = {}
    for code, share in inputs.strata:
        weight = exact(share * n / counts[code])
        weights[code] = weight
        trace.append(
            TraceStep(
                f"weights.{code}",
                f"{code}组权重",
                f"weight of group {code}",
                f"w = P × n / n_h = {plain(share)} × {plain(n)} / {counts[code]}",
                weight,
            )
        )
    return weights


def _share(flags: Sequence[bool], weights: Sequence[Decimal], z: Decimal) -> Share:
    share = weighted_share(flags, weights)
    n_eff = effective_n(weights)
    interval = wilson(share, n_eff, z)
    return Share(
        n=len(flags),
        n_eff=report(n_eff),
        percent=report(share * HUNDRED),
        lower=report(interval.lower * HUNDRED),
        upper=report(interval.upper * HUNDRED),
        share_unrounded=interval.estimate,
        lower_unrounded=interval.lower,
        upper_unrounded=interval.upper,
    )


def _share_step(trace: list[TraceStep], code: str, zh: str, en: str, share: Share, z: Decimal) -> None:
    trace.append(
        TraceStep(
            code,
            zh,
            en,
            f"p̂ = Σw·y / Σw over n = {share.n} (n_eff = {plain(share.n_eff)}); "
            f"Wilson z = {plain(z)}: [{plain(share.lower_unrounded)}, {plain(share.upper_unrounded)}]",
            share.share_unrounded,
        )
    )


def _base(
    respondents: Sequence[Respondent], weights: Sequence[Decimal], pick: Callable[[Respondent], object | None]
) -> tuple[list[object], list[Decimal]]:
    answers: list[object] = []
    base_weights: list[Decimal] = []
    for respondent, weight in zip(respondents, weights, strict=True):
        answer = pick(respondent)
        if answer is not None:
            answers.append(answer)
            base_weights.append(weight)
    return answers, base_weights


def _brand(
    inputs: SurveyInputs,
    key: str,
    weights: Sequence[Decimal],
    found: Sequence[tuple[str, ...] | None],
    trace: list[TraceStep],
) -> BrandResult:
    z = inputs.z
    people = inputs.respondents
    answered = sum(1 for r in people if _mentions_brand(r, key))

    levels, level_weights = _base(people, weights, lambda r: dict(r.aided).get(key))
    aided = familiar = used = None
    if levels:
        rank = [LEVELS.index(str(level)) for level in levels]
        aided = _share([r >= 1 for r in rank], level_weights, z)
        familiar = _share([r >= 2 for r in rank], level_weights, z)
        used = _share([r >= 3 for r in rank], level_weights, z)
        _share_step(trace, f"{key}.aided", "提示知名度", "aided awareness", aided, z)
        _share_step(trace, f"{key}.familiar", "熟悉度", "familiarity", familiar, z)
        _share_step(trace, f"{key}.used", "使用率", "usage", used, z)

    first_mention = unaided = None
    unaided_weights = [w for w, f in zip(weights, found, strict=True) if f is not None]
    named = [f for f in found if f is not None]
    if named:
        first_mention = _share([bool(f) and f[0] == key for f in named], unaided_weights, z)
        unaided = _share([key in f for f in named], unaided_weights, z)
        _share_step(trace, f"{key}.first_mention", "第一提及率", "first mention", first_mention, z)
        _share_step(trace, f"{key}.unaided", "未提示知名度", "unaided awareness", unaided, z)

    ratings: list[Mean] = []
    for measure in MEASURES:
        values, rating_weights = _base(people, weights, partial(_rating, key=key, measure=measure))
        if values:
            ratings.append(_mean(key, measure, [int(str(v)) for v in values], rating_weights, z, trace))

    recommend = None
    scores, recommend_weights = _base(people, weights, lambda r: dict(r.recommend).get(key))
    if scores:
        recommend = _nps(key, [int(str(v)) for v in scores], recommend_weights, z, trace)

    favourability = next((m for m in ratings if m.measure == "favourability"), None)
    index, used_components = _index(key, inputs.index_weights, aided, unaided, favourability, trace)
    return BrandResult(
        key=key,
        n=answered,
        aided=aided,
        familiar=familiar,
        used=used,
        first_mention=first_mention,
        unaided=unaided,
        ratings=tuple(ratings),
        recommend=recommend,
        index=None if index is None else report(index),
        index_unrounded=index,
        index_components=used_components,
    )


def _rating(respondent: Respondent, *, key: str, measure: str) -> int | None:
    return next((x.value for x in respondent.ratings if x.brand == key and x.measure == measure), None)


def _mentions_brand(respondent: Respondent, key: str) -> bool:
    return (
        any(b == key for b, _ in respondent.aided)
        or any(r.brand == key for r in respondent.ratings)
        or any(b == key for b, _ in respondent.recommend)
    )


def _mean(
    key: str, measure: str, values: list[int], weights: list[Decimal], z: Decimal, trace: list[TraceStep]
) -> Mean:
    estimate = weighted_mean(values, weights, z, *LIKERT)
    n_eff = effective_n(weights)
    top2 = _share([v >= TOP_BOX for v in values], weights, z)
    interval = (
        "no interval for one answer"
        if estimate.lower is None or estimate.upper is None
        else f"m ± z·s/√n_eff = [{plain(estimate.lower)}, {plain(estimate.upper)}]"
    )
    trace.append(
        TraceStep(
            f"{key}.{measure}.mean",
            f"{measure}均值",
            f"{measure} mean",
            f"m = Σw·x / Σw over n = {len(values)} (n_eff = {plain(n_eff)}); {interval}",
            estimate.mean,
        )
    )
    _share_step(trace, f"{key}.{measure}.top2", f"{measure}前两项占比", f"{measure} top-2-box", top2, z)
    return Mean(
        measure=measure,
        n=len(values),
        n_eff=report(n_eff),
        mean=report(estimate.mean),
        lower=None if estimate.lower is None else report(estimate.lower),
        upper=None if estimate.upper is None else report(estimate.upper),
        std_dev=None if estimate.std_dev is None else report(estimate.std_dev),
        top2=top2,
        mean_unrounded=estimate.mean,
        lower_unrounded=estimate.lower,
        upper_unrounded=estimate.upper,
    )


def _nps(
    key: str, values: list[int], weights: list[Decimal], z: Decimal, trace: list[TraceStep]
) -> NetPromoter:
    estimate = net_promoter(values, weights, z)
    n_eff = effective_n(weights)
    trace.append(
        TraceStep(
            f"{key}.recommend",
            "净推荐值",
            "net promoter score",
            f"NPS = 100 × ({plain(estimate.promoters)} − {plain(estimate.detractors)}) over n = {len(values)}; "
            f"[{plain(estimate.lower)}, {plain(estimate.upper)}]",
            estimate.score,
        )
    )
    return NetPromoter(
        n=len(values),
        n_eff=report(n_eff),
        score=report(estimate.score),
        lower=report(estimate.lower),
        upper=report(estimate.upper),
        promoters=report(estimate.promoters * HUNDRED),
        detractors=report(estimate.detractors * HUNDRED),
        score_unrounded=estimate.score,
    )


def _index(
    key: str,
    weights: IndexWeights,
    aided: Share | None,
    unaided: Share | None,
    favourability: Mean | None,
    trace: list[TraceStep],
) -> tuple[Decimal | None, tuple[str, ...]]:
    parts: list[tuple[str, Decimal, Decimal]] = []  # component, weight, value 0–1
    if aided is not None and weights.aided:
        parts.append(("aided", weights.aided, aided.share_unrounded))
    if unaided is not None and weights.unaided:
        parts.append(("unaided", weights.unaided, unaided.share_unrounded))
    if favourability is not None and weights.favourability:
        parts.append(("favourability", weights.favourability, (favourability.mean_unrounded - ONE) / FOUR))
    if not parts:
        return None, ()
    total = sum((w for _, w, _ in parts), ZERO)
    index = exact(HUNDRED * sum((w * v for _, w, v in parts), ZERO) / total)
    terms = " + ".join(f"{plain(w)} × {plain(exact(v))}" for _, w, v in parts)
    trace.append(
        TraceStep(
            f"{key}.index",
            "知名度认可度指数",
            "awareness-recognition index",
            f"index = 100 × ({terms}) / {plain(total)}",
            index,
        )
    )
    return index, tuple(c for c, _, _ in parts)
