"""Indicator systems as data: a versioned tree of weighted nodes whose leaves are scored indicators.

An `IndicatorSystem` validates itself when built (weights, codes, rule parameters), so a system that exists
is one the engine can evaluate. Field paths in errors follow the JSON format of `parse.system_parse`:
`system.nodes[2].children[0].weight`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from engines.strength.decimals import ONE, ZERO, exact
from engines.strength.errors import InputError, InputErrors
from engines.strength.rules import Rule

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(?:[.\-][a-z0-9_]+)*$")


@dataclass(frozen=True)
class Indicator:
    """A leaf: a raw value scored by `rule`, weighted among its siblings."""

    code: str  # unique within the system; the key of its value in `values` (e.g. "quality.pass_rate")
    name_zh: str
    name_en: str
    weight: Decimal  # among siblings; siblings sum to exactly 1
    rule: Rule
    unit: str = ""  # of the raw value: "%", "元", "件", "" for yes/no and scores
    description_zh: str = ""
    description_en: str = ""
    evidence_zh: str = ""  # what the evaluator asks for as proof
    evidence_en: str = ""
    minimum: Decimal | None = None  # the raw value's allowed range (inclusive); a Direct score is also 0–100
    maximum: Decimal | None = None


@dataclass(frozen=True)
class Node:
    """An inner node: a weighted group of nodes or indicators (an element, a dimension)."""

    code: str
    name_zh: str
    name_en: str
    weight: Decimal
    children: tuple[Node | Indicator, ...]
    description_zh: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Leaf:
    """An indicator with its place in the tree: ancestor codes and the product of weights down the path."""

    indicator: Indicator
    path: tuple[str, ...]  # codes of the ancestor nodes, outermost first
    effective_weight: Decimal


@dataclass(frozen=True)
class IndicatorSystem:
    """A versioned indicator system; `code` + `version` + ENGINE_VERSION identify a computation."""

    code: str  # "gbt29186", "iso20671", "gbt29186-agri-regional"
    version: str  # "2026.1"; bump with any change to weights, indicators or rules
    name_zh: str
    name_en: str
    nodes: tuple[Node | Indicator, ...]  # the top level; the root itself has weight 1
    pillars: tuple[str, ...] = ()  # pillar codes it is meant for ("agri-original"); () = any
    industries: tuple[str, ...] = ()  # GB/T 4754-2017 sections or divisions ("A", "13"); () = any
    description_zh: str = ""
    description_en: str = ""
    sources: tuple[str, ...] = ()  # the standards and documents the system follows

    def __post_init__(self) -> None:
        errors = system_problems(self)
        if errors:
            raise InputErrors(errors)

    def leaves(self) -> tuple[Leaf, ...]:
        """Every indicator, depth first in the order of the data, with its effective weight."""
        return tuple(_leaves(self.nodes, (), ONE))

    def indicator(self, code: str) -> Indicator | None:
        return next((leaf.indicator for leaf in self.leaves() if leaf.indicator.code == code), None)

    def applies_to(self, *, pillar: str | None = None, industry: str | None = None) -> bool:
        """Whether the system is meant for a pillar / an industry code (a division matches its section's list)."""
        if pillar is not None and self.pillars and pillar not in self.pillars:
            return False
        return not (
            industry is not None
            and self.industries
            and not any(industry.startswith(i) for i in self.industries)
        )


def _leaves(items: tuple[Node | Indicator, ...], path: tuple[str, ...], weight: Decimal) -> Iterator[Leaf]:
    for item in items:
        if isinstance(item, Indicator):
            yield Leaf(item, path, exact(weight * item.weight))
        else:
            yield from _leaves(item.children, (*path, item.code), weight * item.weight)


def system_problems(system: IndicatorSystem, root: str = "system") -> list[InputError]:
    """Every structural problem of a system, with dotted field paths under `root`."""
    errors: list[InputError] = []
    if not CODE_RE.match(system.code):
        errors.append(
            InputError(f"{root}.code", "invalid_code", f"{system.code!r} is not a valid system code")
        )
    if not system.version.strip():
        errors.append(InputError(f"{root}.version", "required", "a system needs a version"))
    for name in ("name_zh", "name_en"):
        if not str(getattr(system, name)).strip():
            errors.append(InputError(f"{root}.{name}", "required", "a system needs a name"))
    seen: set[str] = set()
    errors += _group_problems(system.nodes, f"{root}.nodes", seen)
    return errors


def _group_problems(items: tuple[Node | Indicator, ...], field: str, seen: set[str]) -> list[InputError]:
    if not items:
        return [InputError(field, "empty", "a system or node needs at least one child")]
    errors: list[InputError] = []
    weights_ok = True
    for i, item in enumerate(items):
        here = f"{field}[{i}]"
        if not CODE_RE.match(item.code):
            errors.append(InputError(f"{here}.code", "invalid_code", f"{item.code!r} is not a valid code"))
        elif item.code in seen:
            errors.append(InputError(f"{here}.code", "duplicate_code", f"code {item.code!r} is used twice"))
        seen.add(item.code)
        if not item.weight.is_finite():
            weights_ok = False
            errors.append(InputError(f"{here}.weight", "not_finite", "a weight must be finite"))
        elif not ZERO < item.weight <= ONE:
            errors.append(
                InputError(f"{here}.weight", "out_of_range", "a weight must be above 0 and at most 1")
            )
        if isinstance(item, Indicator):
            errors += _indicator_problems(item, here)
        else:
            errors += _group_problems(item.children, f"{here}.children", seen)
    if weights_ok and sum((item.weight for item in items), ZERO) != ONE:
        total = sum((item.weight for item in items), ZERO)
        errors.append(
            InputError(field, "weights_do_not_sum_to_one", f"sibling weights sum to {total:f}, not exactly 1")
        )
    return errors


def _indicator_problems(indicator: Indicator, field: str) -> list[InputError]:
    errors = indicator.rule.problems(f"{field}.rule")
    bounds = (indicator.minimum, indicator.maximum)
    for name, bound in zip(("minimum", "maximum"), bounds, strict=True):
        if bound is not None and not bound.is_finite():
            errors.append(InputError(f"{field}.{name}", "not_finite", "a bound must be finite"))
    low, high = bounds
    if low is not None and high is not None and low.is_finite() and high.is_finite() and low >= high:
        errors.append(
            InputError(f"{field}.maximum", "bounds_not_increasing", "maximum must be above minimum")
        )
    return errors
