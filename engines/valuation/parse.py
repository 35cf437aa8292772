"""JSON-ish inputs → typed inputs, driven by the registry: types, bounds and defaults come from METHODS.

Numbers may be strings ("10000.5"), ints or floats (converted through `Decimal(str(x))`, so 0.1 is 0.1).
Every bad field is collected and raised together as `InputErrors`; field paths start with `inputs.`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from engines.valuation.errors import ErrorCollector, InputErrors
from engines.valuation.inputs import MethodInputs
from engines.valuation.registry import METHODS
from engines.valuation.specs import MAX_ABS, FieldSpec, MethodSpec

MAX_NUMBER_TEXT = 64
MAX_TEXT = 200
MISSING = object()


def to_decimal(raw: object, path: str, errors: ErrorCollector) -> Decimal | None:
    """A finite Decimal from an int, float, numeric string or Decimal; None (and an error) otherwise."""
    value: Decimal | None = None
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(str(raw)) if math.isfinite(raw) else None
    elif isinstance(raw, str) and len(raw) <= MAX_NUMBER_TEXT:
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:
            value = None
    if value is None or not value.is_finite():
        errors.add(path, "not_a_number", f"expected a finite decimal number, got {_show(raw)}")
        return None
    if abs(value) > MAX_ABS:
        errors.add(path, "out_of_range", f"{value} is beyond the largest accepted magnitude (10^15)")
        return None
    return value


def to_integer(raw: object, path: str, errors: ErrorCollector) -> int | None:
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int):
        value = raw
    else:
        local = ErrorCollector()
        number = to_decimal(raw, path, local)
        value = int(number) if number is not None and number == number.to_integral_value() else None
    if value is None:
        errors.add(path, "not_an_integer", f"expected a whole number, got {_show(raw)}")
    return value


def check_bounds(spec: FieldSpec, value: Decimal, path: str, errors: ErrorCollector) -> bool:
    lo, hi = spec.minimum, spec.maximum
    below = lo is not None and (value <= lo if spec.minimum_exclusive else value < lo)
    above = hi is not None and (value >= hi if spec.maximum_exclusive else value > hi)
    if below and lo == 0 and not spec.minimum_exclusive:
        errors.add(path, "negative", f"must not be negative, got {value}")
        return False
    if below or above:
        errors.add(path, "out_of_range", f"must be within {spec.bounds_text()}, got {value}")
        return False
    return True


def convert_field(spec: FieldSpec, raw: object, path: str, errors: ErrorCollector) -> object:
    """Convert and check one present, non-null value; returns MISSING when it is bad (the error is recorded)."""
    if spec.kind == "decimal":
        number = to_decimal(raw, path, errors)
        return number if number is not None and check_bounds(spec, number, path, errors) else MISSING
    if spec.kind == "integer":
        whole = to_integer(raw, path, errors)
        if whole is None or not check_bounds(spec, Decimal(whole), path, errors):
            return MISSING
        return whole
    if spec.kind == "boolean":
        if isinstance(raw, bool):
            return raw
        if raw in ("true", "false"):
            return raw == "true"
        errors.add(path, "unknown_choice", f"must be true or false, got {_show(raw)}")
        return MISSING
    if spec.kind in ("text", "choice"):
        if not isinstance(raw, str) or len(raw) > MAX_TEXT:
            errors.add(
                path, "not_a_string", f"expected text of at most {MAX_TEXT} characters, got {_show(raw)}"
            )
            return MISSING
        if spec.kind == "choice" and raw not in spec.choices:
            errors.add(path, "unknown_choice", f"must be one of {', '.join(spec.choices)}, got {raw!r}")
            return MISSING
        return raw
    if spec.kind == "object":
        return _convert_object(spec, raw, path, errors)
    # decimal_list, object_list
    if isinstance(raw, str | bytes | Mapping) or not isinstance(raw, Sequence):
        errors.add(path, "not_a_list", f"expected a list, got {_show(raw)}")
        return MISSING
    if len(raw) < spec.min_items:
        rule = "empty" if not raw else "out_of_range"
        errors.add(path, rule, f"needs at least {spec.min_items} item(s), got {len(raw)}")
        return MISSING
    if spec.max_items is not None and len(raw) > spec.max_items:
        errors.add(path, "too_many", f"at most {spec.max_items} items, got {len(raw)}")
        return MISSING
    before = len(errors.errors)
    if spec.kind == "decimal_list":
        items: list[object] = []
        for n, item in enumerate(raw):
            number = to_decimal(item, f"{path}[{n}]", errors)
            if number is not None and check_bounds(spec, number, f"{path}[{n}]", errors):
                items.append(number)
    else:
        items = [_convert_object(spec, item, f"{path}[{n}]", errors) for n, item in enumerate(raw)]
    return tuple(items) if len(errors.errors) == before else MISSING


def _convert_object(spec: FieldSpec, raw: object, path: str, errors: ErrorCollector) -> object:
    if dataclasses.is_dataclass(raw) and not isinstance(raw, type):
        raw = {f.name: getattr(raw, f.name) for f in dataclasses.fields(raw)}
    if not isinstance(raw, Mapping):
        errors.add(path, "not_an_object", f"expected an object, got {_show(raw)}")
        return MISSING
    values = convert_fields(spec.fields, raw, path, errors)
    if values is None or spec.item_class is None:
        return MISSING
    return spec.item_class(**values)


def convert_fields(
    specs: tuple[FieldSpec, ...], raw: Mapping[object, object], path: str, errors: ErrorCollector
) -> dict[str, object] | None:
    """All fields of one object: unknown keys, missing required ones, defaults; None if any was bad."""
    before = len(errors.errors)
    known = {s.name for s in specs}
    for key in raw:
        if key not in known:
            errors.add(f"{path}.{key}", "unknown_field", f"{key!r} is not an input of this method")
    values: dict[str, object] = {}
    for spec in specs:
        item = raw.get(spec.name)
        if item is None:
            if spec.required:
                errors.add(f"{path}.{spec.name}", "required", f"{spec.label_en} is required")
            elif spec.default is not None:
                values[spec.name] = spec.default
            continue
        converted = convert_field(spec, item, f"{path}.{spec.name}", errors)
        if converted is not MISSING:
            values[spec.name] = converted
    return values if len(errors.errors) == before else None


def method_spec(method: object, path: str = "method") -> MethodSpec:
    if not isinstance(method, str) or method not in METHODS:
        errors = ErrorCollector()
        errors.add(path, "unknown_method", f"unknown method {_show(method)}; one of {', '.join(METHODS)}")
        errors.raise_if_any()
    return METHODS[str(method)]


def parse_inputs(method: object, raw: object, path: str = "inputs") -> MethodInputs:
    """Validate JSON-ish `raw` for `method` and build its frozen input dataclass (cross-field rules included)."""
    from engines.valuation.methods.checks import check  # imports this module: imported here

    spec = method_spec(method)
    errors = ErrorCollector()
    if not isinstance(raw, Mapping):
        errors.add(path, "not_an_object", f"expected an object of inputs, got {_show(raw)}")
        raise InputErrors(errors.errors)
    values = convert_fields(spec.fields, raw, path, errors)
    errors.raise_if_any()
    inputs: MethodInputs = spec.inputs_class(**(values or {}))
    check(inputs)
    return inputs


def validate(inputs: MethodInputs) -> None:
    """For typed callers: the same field rules as `parse_inputs`, applied to an input dataclass."""
    spec = METHODS[inputs.method]
    errors = ErrorCollector()
    raw: dict[object, object] = {f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}
    convert_fields(spec.fields, raw, "inputs", errors)
    errors.raise_if_any()


def _show(raw: object) -> str:
    text = repr(raw)
    return text if len(text) <= 40 else text[:37] + "..."
