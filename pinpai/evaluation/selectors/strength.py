"""Brand strength reads: the indicator systems in the active language, and the strength calculator.

Like valuation, computing an index stores nothing; a self-assessment is stored by its service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from engines import strength
from engines.strength.model import Indicator, IndicatorSystem, Node
from pinpai.evaluation.exceptions import EvaluationInputsInvalid, StrengthSystemNotFound
from pinpai.evaluation.selectors.engine_errors import engine_input_errors
from pinpai.evaluation.selectors.localise import chinese_active, pick

INPUT_KEYS = ("values", "peers", "missing")
HUNDRED = Decimal(100)
# Systems offered to an enterprise assessing itself: the GB/T 29186 five-element family (no peer groups).
SELF_ASSESSMENT_FAMILY = "gbt29186"


@dataclass(frozen=True)
class StrengthEntry:
    """A node (an element, a dimension) or an indicator of a system, in depth-first order."""

    code: str
    name: str
    description: str
    path: tuple[str, ...]  # ancestor node codes, outermost first
    depth: int
    weight: Decimal  # among siblings
    effective_weight: Decimal  # share of the index
    is_indicator: bool
    unit: str = ""
    evidence: str = ""
    rule: Mapping[str, object] | None = None  # the rule as JSON (kind and parameters)
    rule_kind: str = ""
    rule_text: str = ""
    minimum: Decimal | None = None  # the raw value's allowed range (a direct score: within 0–100)
    maximum: Decimal | None = None


@dataclass(frozen=True)
class StrengthSystem:
    code: str
    version: str
    name: str
    description: str
    pillars: tuple[str, ...]
    industries: tuple[str, ...]
    sources: tuple[str, ...]
    entries: tuple[StrengthEntry, ...]
    engine_version: str

    @property
    def nodes(self) -> tuple[StrengthEntry, ...]:
        return tuple(e for e in self.entries if not e.is_indicator)

    @property
    def indicators(self) -> tuple[StrengthEntry, ...]:
        return tuple(e for e in self.entries if e.is_indicator)


@dataclass(frozen=True)
class StrengthIndicatorResult:
    code: str
    name: str
    path: tuple[str, ...]
    unit: str
    value: Decimal | bool | None
    missing: bool
    weight: Decimal
    effective_weight: Decimal
    score: Decimal
    contribution: Decimal
    score_unrounded: Decimal
    contribution_unrounded: Decimal


@dataclass(frozen=True)
class StrengthNodeResult:
    code: str
    name: str
    path: tuple[str, ...]
    weight: Decimal
    effective_weight: Decimal
    score: Decimal
    contribution: Decimal
    score_unrounded: Decimal
    contribution_unrounded: Decimal


@dataclass(frozen=True)
class StrengthStep:
    code: str
    label: str
    formula: str
    value: Decimal  # unrounded


@dataclass(frozen=True)
class StrengthComputation:
    system_code: str
    system_version: str
    system_name: str
    index: Decimal  # 0–100, rounded half-up to 0.01
    score_1000: Decimal  # 0–1000, from the unrounded index
    index_unrounded: Decimal
    indicators: tuple[StrengthIndicatorResult, ...]
    nodes: tuple[StrengthNodeResult, ...]
    steps: tuple[StrengthStep, ...]
    missing: tuple[str, ...]
    engine_version: str


def _entries(
    items: tuple[Node | Indicator, ...], path: tuple[str, ...], weight: Decimal
) -> list[StrengthEntry]:
    out: list[StrengthEntry] = []
    for item in items:
        effective = (weight * item.weight).normalize()  # 0.20 × 0.40 → 0.08, not 0.0800
        if isinstance(item, Indicator):
            low, high = item.minimum, item.maximum
            if isinstance(item.rule, strength.Direct):
                low = Decimal(0) if low is None else max(low, Decimal(0))
                high = HUNDRED if high is None else min(high, HUNDRED)
            rule = strength.to_jsonable(item.rule)
            out.append(
                StrengthEntry(
                    code=item.code,
                    name=pick(item.name_zh, item.name_en),
                    description=pick(item.description_zh, item.description_en),
                    path=path,
                    depth=len(path),
                    weight=item.weight,
                    effective_weight=effective,
                    is_indicator=True,
                    unit=item.unit,
                    evidence=pick(item.evidence_zh, item.evidence_en),
                    rule=rule if isinstance(rule, dict) else {},
                    rule_kind=item.rule.kind,
                    rule_text=item.rule.describe_zh() if chinese_active() else item.rule.describe_en(),
                    minimum=low,
                    maximum=high,
                )
            )
        else:
            out.append(
                StrengthEntry(
                    code=item.code,
                    name=pick(item.name_zh, item.name_en),
                    description=pick(item.description_zh, item.description_en),
                    path=path,
                    depth=len(path),
                    weight=item.weight,
                    effective_weight=effective,
                    is_indicator=False,
                )
            )
            out += _entries(item.children, (*path, item.code), effective)
    return out


def _system(system: IndicatorSystem) -> StrengthSystem:
    return StrengthSystem(
        code=system.code,
        version=system.version,
        name=pick(system.name_zh, system.name_en),
        description=pick(system.description_zh, system.description_en),
        pillars=system.pillars,
        industries=system.industries,
        sources=system.sources,
        entries=tuple(_entries(system.nodes, (), Decimal(1))),
        engine_version=strength.ENGINE_VERSION,
    )


def strength_system_list() -> list[StrengthSystem]:
    """The latest version of every default indicator system, in the active language."""
    return [_system(s) for s in strength.system_list()]


def strength_system_get(*, code: str, version: str | None = None) -> StrengthSystem:
    """One default system (the latest version unless `version` is given)."""
    try:
        system = strength.system_get(code, version)
    except strength.InputErrors as exc:
        wanted = code if version is None else f"{code} {version}"
        raise StrengthSystemNotFound(f"No indicator system {wanted!r}.") from exc
    return _system(system)


def strength_system_list_for_self_assessment() -> list[StrengthSystem]:
    """The systems an enterprise may score itself on: the GB/T 29186 five-element family."""
    return [
        s
        for s in strength_system_list()
        if (s.code == SELF_ASSESSMENT_FAMILY or s.code.startswith(SELF_ASSESSMENT_FAMILY + "-"))
        and all(e.rule_kind != "percentile" for e in s.indicators)
    ]


def strength_compute(*, system: object, inputs: object, version: object = None) -> StrengthComputation:
    """The strength index of `inputs` (`values`, optional `peers` and `missing`) on `system` (a default system's
    code, or an inline system), with each indicator's and element's contribution and every step."""
    if not isinstance(inputs, Mapping):
        raise EvaluationInputsInvalid([("inputs", "not_an_object")])
    unknown = [key for key in inputs if key not in INPUT_KEYS]
    if unknown:
        raise EvaluationInputsInvalid([(f"inputs.{key}", "unknown_field") for key in unknown])
    request: dict[str, object] = {"system": system, **{k: v for k, v in inputs.items() if k in INPUT_KEYS}}
    if version is not None:
        request["version"] = version
    with engine_input_errors(rename={"inputs.system": "system", "inputs.version": "version"}):
        result = strength.compute(request)
    return StrengthComputation(
        system_code=result.system_code,
        system_version=result.system_version,
        system_name=_system_name(system, result.system_code, result.system_version),
        index=result.index,
        score_1000=result.score_1000,
        index_unrounded=result.index_unrounded,
        indicators=tuple(
            StrengthIndicatorResult(
                code=leaf.code,
                name=pick(leaf.name_zh, leaf.name_en),
                path=leaf.path,
                unit=leaf.unit,
                value=leaf.value,
                missing=leaf.missing,
                weight=leaf.weight,
                effective_weight=leaf.effective_weight,
                score=leaf.score,
                contribution=leaf.contribution,
                score_unrounded=leaf.score_unrounded,
                contribution_unrounded=leaf.contribution_unrounded,
            )
            for leaf in result.leaves
        ),
        nodes=tuple(
            StrengthNodeResult(
                code=node.code,
                name=pick(node.name_zh, node.name_en),
                path=node.path,
                weight=node.weight,
                effective_weight=node.effective_weight,
                score=node.score,
                contribution=node.contribution,
                score_unrounded=node.score_unrounded,
                contribution_unrounded=node.contribution_unrounded,
            )
            for node in result.nodes
        ),
        steps=tuple(
            StrengthStep(code=t.code, label=pick(t.label_zh, t.label_en), formula=t.formula, value=t.value)
            for t in result.trace
        ),
        missing=result.missing,
        engine_version=result.engine_version,
    )


def _system_name(system: object, code: str, version: str) -> str:
    if isinstance(system, Mapping):
        zh, en = system.get("name_zh"), system.get("name_en")
        return pick(zh if isinstance(zh, str) else code, en if isinstance(en, str) else code)
    return strength_system_get(code=code, version=version).name
