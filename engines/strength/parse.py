"""The JSON edge of the engine: `compute(inputs)` parses, validates and evaluates; `to_jsonable` renders.

Input format (all Decimals may be given as strings, which is what `to_jsonable` produces):

    {"system": "gbt29186", "version": "2026.1",        # a default system; "version" optional (latest)
     "values": {"quality.pass_rate": "98.5", "quality.qms_certified": true, ...},
     "peers": {"financial.revenue": ["1200000", "5400000"]},   # percentile indicators only
     "missing": "error"}                                 # or "zero"

or with an inline system instead of a code: "system": {"code": ..., "nodes": [...]} in the format
`to_jsonable(IndicatorSystem)` writes (nodes have "children", indicators have "rule").
Field paths in errors start at `inputs`: `inputs.values.quality.pass_rate`, `inputs.system.nodes[2].weight`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import cast

from engines.strength.decimals import HUNDRED, ZERO, decimal_from, plain
from engines.strength.errors import InputError, InputErrors, raise_if_any
from engines.strength.evaluate import MISSING_POLICIES, Missing, StrengthResult, evaluate
from engines.strength.model import Indicator, IndicatorSystem, Node
from engines.strength.rules import RULE_KINDS, Banded, Direct, Linear, Percentile, Rule, YesNo
from engines.strength.systems import SYSTEMS, system_get

INPUT_KEYS = frozenset({"system", "version", "values", "peers", "missing"})
SYSTEM_KEYS = frozenset(
    {
        "code",
        "version",
        "name_zh",
        "name_en",
        "nodes",
        "pillars",
        "industries",
        "description_zh",
        "description_en",
        "sources",
    }
)
NODE_KEYS = frozenset(
    {"code", "name_zh", "name_en", "weight", "children", "description_zh", "description_en"}
)
INDICATOR_KEYS = frozenset(
    {"code", "name_zh", "name_en", "weight", "rule", "unit", "description_zh", "description_en"}
    | {"evidence_zh", "evidence_en", "minimum", "maximum"}
)
RULE_KEYS = {
    "linear": frozenset({"kind", "lower", "upper", "higher_is_better"}),
    "banded": frozenset({"kind", "bands", "below"}),
    "yes_no": frozenset({"kind", "yes_score", "no_score"}),
    "percentile": frozenset({"kind", "higher_is_better"}),
    "direct": frozenset({"kind"}),
}


def compute(inputs: Mapping[str, object]) -> StrengthResult:
    """Parse, validate and evaluate a JSON-ish request; raises `InputErrors` listing every problem."""
    if not isinstance(inputs, Mapping):
        raise InputErrors([InputError("inputs", "not_an_object", "expected an object")])
    errors = _unknown_keys(inputs, INPUT_KEYS, "inputs")
    system: IndicatorSystem | None = None
    raw_system, version = inputs.get("system"), inputs.get("version")
    if version is not None and not isinstance(version, str):
        errors.append(InputError("inputs.version", "not_a_string", "a version is a string such as '2026.1'"))
    if raw_system is None:
        errors.append(InputError("inputs.system", "required", "give a system code or an inline system"))
    elif isinstance(raw_system, str):
        try:
            system = system_get(
                raw_system, version if isinstance(version, str) else None, field="inputs.system"
            )
        except InputErrors as problems:
            errors += problems.errors
    elif isinstance(raw_system, Mapping):
        if version is not None:
            message = "an inline system carries its own version"
            errors.append(InputError("inputs.version", "unknown_field", message))
        try:
            system = system_parse(raw_system, field="inputs.system")
        except InputErrors as problems:
            errors += problems.errors
        if system is not None and any(s.code == system.code for s in SYSTEMS):
            message = f"{system.code!r} is a default system's code; give an inline system its own code"
            errors.append(InputError("inputs.system.code", "duplicate_code", message))
    else:
        errors.append(
            InputError("inputs.system", "not_an_object", "expected a system code or an inline system")
        )
    values, peers, missing = inputs.get("values"), inputs.get("peers"), inputs.get("missing", "error")
    if values is None:
        errors.append(InputError("inputs.values", "required", "give the indicator values"))
    elif not isinstance(values, Mapping):
        errors.append(InputError("inputs.values", "not_an_object", "values map indicator codes to values"))
    if peers is not None and not isinstance(peers, Mapping):
        errors.append(
            InputError("inputs.peers", "not_an_object", "peers map indicator codes to lists of values")
        )
    if missing not in MISSING_POLICIES:
        errors.append(InputError("inputs.missing", "invalid_option", 'missing must be "error" or "zero"'))
    raise_if_any(errors)
    if system is None or not isinstance(values, Mapping):  # unreachable: the checks above raised
        raise AssertionError("unreachable")
    return evaluate(
        system, values, cast(Mapping[str, list[object]] | None, peers), missing=cast(Missing, missing)
    )


def system_parse(data: Mapping[str, object], *, field: str = "system") -> IndicatorSystem:
    """Build an `IndicatorSystem` from its JSON form; raises `InputErrors` with paths under `field`."""
    errors = _unknown_keys(data, SYSTEM_KEYS, field)
    code = _text(data, "code", field, errors, required=True)
    nodes = _items(data.get("nodes"), f"{field}.nodes", errors)
    texts = {
        k: _text(data, k, field, errors) for k in ("name_zh", "name_en", "description_zh", "description_en")
    }
    lists = {k: _strings(data.get(k), f"{field}.{k}", errors) for k in ("pillars", "industries", "sources")}
    version = _text(data, "version", field, errors) or "custom"
    raise_if_any(errors)
    try:
        return IndicatorSystem(
            code=code,
            version=version,
            name_zh=texts["name_zh"] or code,
            name_en=texts["name_en"] or code,
            nodes=nodes,
            pillars=lists["pillars"],
            industries=lists["industries"],
            description_zh=texts["description_zh"],
            description_en=texts["description_en"],
            sources=lists["sources"],
        )
    except InputErrors as problems:
        raise InputErrors(
            InputError(field + e.field[len("system") :], e.rule, e.message) for e in problems.errors
        ) from None


def _items(raw: object, field: str, errors: list[InputError]) -> tuple[Node | Indicator, ...]:
    if raw is None:
        errors.append(InputError(field, "required", "a system or node needs children"))
        return ()
    if not isinstance(raw, list | tuple):
        errors.append(InputError(field, "not_a_list", "expected a list of nodes and indicators"))
        return ()
    items: list[Node | Indicator] = []
    for i, entry in enumerate(raw):
        here = f"{field}[{i}]"
        if not isinstance(entry, Mapping):
            errors.append(InputError(here, "not_an_object", "expected a node or an indicator"))
            continue
        item = _item(entry, here, errors)
        if item is not None:
            items.append(item)
    return tuple(items)


def _item(data: Mapping[str, object], field: str, errors: list[InputError]) -> Node | Indicator | None:
    before = len(errors)
    is_leaf = "rule" in data
    if is_leaf and "children" in data:
        errors.append(InputError(field, "unknown_field", "an entry has either children (a node) or a rule"))
        return None
    errors += _unknown_keys(data, INDICATOR_KEYS if is_leaf else NODE_KEYS, field)
    code = _text(data, "code", field, errors, required=True)
    names = (_text(data, "name_zh", field, errors) or code, _text(data, "name_en", field, errors) or code)
    descriptions = (
        _text(data, "description_zh", field, errors),
        _text(data, "description_en", field, errors),
    )
    weight = _number(data.get("weight"), f"{field}.weight", errors, required=True)
    if not is_leaf:
        children = _items(data.get("children"), f"{field}.children", errors)
        if len(errors) > before or weight is None:
            return None
        return Node(code, *names, weight, children, *descriptions)
    rule = _rule(data.get("rule"), f"{field}.rule", errors)
    minimum = _number(data.get("minimum"), f"{field}.minimum", errors)
    maximum = _number(data.get("maximum"), f"{field}.maximum", errors)
    evidence = (_text(data, "evidence_zh", field, errors), _text(data, "evidence_en", field, errors))
    unit = _text(data, "unit", field, errors)
    if len(errors) > before or weight is None or rule is None:
        return None
    return Indicator(code, *names, weight, rule, unit, *descriptions, *evidence, minimum, maximum)


def _rule(raw: object, field: str, errors: list[InputError]) -> Rule | None:
    if not isinstance(raw, Mapping):
        errors.append(InputError(field, "not_an_object", "a rule is an object with a 'kind'"))
        return None
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in RULE_KINDS:
        known = ", ".join(RULE_KINDS)
        errors.append(InputError(f"{field}.kind", "unknown_rule", f"rule kind must be one of {known}"))
        return None
    before = len(errors)
    errors += _unknown_keys(raw, RULE_KEYS[kind], field)

    def number(key: str, required: bool = False) -> Decimal | None:
        return _number(raw.get(key), f"{field}.{key}", errors, required=required)

    def flag(key: str) -> bool:
        value = raw.get(key, True)
        if not isinstance(value, bool):
            errors.append(InputError(f"{field}.{key}", "not_a_boolean", "expected true or false"))
            return True
        return value

    rule: Rule | None = None
    if kind == "linear":
        lower, upper, better = number("lower", True), number("upper", True), flag("higher_is_better")
        rule = Linear(lower, upper, better) if lower is not None and upper is not None else None
    elif kind == "banded":
        bands = _bands(raw.get("bands"), f"{field}.bands", errors)
        below = number("below")
        rule = Banded(bands) if below is None else Banded(bands, below)
    elif kind == "yes_no":
        yes, no = number("yes_score"), number("no_score")
        rule = YesNo(HUNDRED if yes is None else yes, ZERO if no is None else no)
    elif kind == "percentile":
        rule = Percentile(flag("higher_is_better"))
    else:
        rule = Direct()
    return rule if len(errors) == before else None


def _bands(raw: object, field: str, errors: list[InputError]) -> tuple[tuple[Decimal, Decimal], ...]:
    if not isinstance(raw, list | tuple):
        errors.append(
            InputError(field, "not_a_list" if raw is not None else "required", "bands is a list of pairs")
        )
        return ()
    bands: list[tuple[Decimal, Decimal]] = []
    for i, pair in enumerate(raw):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            errors.append(InputError(f"{field}[{i}]", "not_a_list", "a band is a [threshold, score] pair"))
            continue
        threshold = _number(pair[0], f"{field}[{i}][0]", errors, required=True)
        score = _number(pair[1], f"{field}[{i}][1]", errors, required=True)
        if threshold is not None and score is not None:
            bands.append((threshold, score))
    return tuple(bands)


def _number(raw: object, field: str, errors: list[InputError], *, required: bool = False) -> Decimal | None:
    if raw is None:
        if required:
            errors.append(InputError(field, "required", "a number is required"))
        return None
    try:
        return decimal_from(raw, field)
    except InputError as error:
        errors.append(error)
        return None


def _text(
    data: Mapping[str, object], key: str, field: str, errors: list[InputError], *, required: bool = False
) -> str:
    raw = data.get(key)
    if raw is None:
        if required:
            errors.append(InputError(f"{field}.{key}", "required", f"{key} is required"))
        return ""
    if not isinstance(raw, str):
        errors.append(InputError(f"{field}.{key}", "not_a_string", "expected a string"))
        return ""
    return raw


def _strings(raw: object, field: str, errors: list[InputError]) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple) or not all(isinstance(s, str) for s in raw):
        errors.append(InputError(field, "not_a_list", "expected a list of strings"))
        return ()
    return tuple(cast(list[str], raw))


def _unknown_keys(data: Mapping[str, object], allowed: frozenset[str], field: str) -> list[InputError]:
    return [
        InputError(f"{field}.{key}", "unknown_field", "not part of the format")
        for key in data
        if key not in allowed
    ]


def to_jsonable(value: object) -> object:
    """Render a result, a system or any engine dataclass as JSON-ready data: Decimals as plain strings,
    tuples as lists, rules with their "kind" first."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {}
        if isinstance(value, Linear | Banded | YesNo | Percentile | Direct):
            out["kind"] = value.kind
        out.update({f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)})
        return out
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


def system_describe(system: IndicatorSystem) -> dict[str, object]:
    """A system for a methodology page: its JSON form plus each entry's effective weight and rule in zh/en.

    This is the same data `evaluate` computes with, so the page cannot drift from the computation.
    """
    described = cast(dict[str, object], to_jsonable(system))
    described["identifier"] = f"{system.code} {system.version}"

    def walk(items: tuple[Node | Indicator, ...], rendered: object, weight: Decimal) -> None:
        for item, out in zip(items, cast(list[dict[str, object]], rendered), strict=True):
            effective = weight * item.weight
            out["effective_weight"] = plain(effective)
            if isinstance(item, Indicator):
                out["rule_zh"], out["rule_en"] = item.rule.describe_zh(), item.rule.describe_en()
            else:
                walk(item.children, out["children"], effective)

    walk(system.nodes, described["nodes"], Decimal(1))
    return described
