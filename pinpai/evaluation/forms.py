"""Evaluation forms, generated from the engines' own descriptions (via the selectors): the valuation calculator
and the self-assessment. They check shape only and turn the text typed into the engines' JSON-ish inputs;
the engines validate, and their errors are put back next to the field they name.

Rates and shares are typed in per cent (11 for 11 %) and sent to the engine as fractions (0.11)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pinpai.evaluation.selectors import StrengthSystem, ValuationField, ValuationMethod

LIST_SEPARATORS = re.compile(r"[\s,，;；、]+")
ITEM_SEPARATORS = re.compile(r"\s*[,，;；\t]\s*")
PATH = re.compile(r"^inputs\.(?P<name>[a-z_]+)(?:\[(?P<item>\d+)\])?(?:\.(?P<sub>[a-z_]+))?")
PERCENT_UNIT = "fraction"
MAX_LIST_TEXT = 2000

CHOICE_LABELS = {
    "end_year": _("end of year"),
    "mid_year": _("middle of the year"),
    "median": _("median"),
    "mean": _("mean"),
    "historical": _("historical cost"),
    "replacement": _("replacement cost"),
    "population": _("population (divide by n)"),
    "sample": _("sample (divide by n − 1)"),
}

# The worked example of the issue (docs/engines/valuation.md): 3,855.18 万元.
ROYALTY_RELIEF_EXAMPLE = {
    "revenues": "10000 10800 11500 12100 12600",
    "royalty_rate_low": "1",
    "royalty_rate_high": "5",
    "strength_index": "72.5",
    "tax_rate": "25",
    "discount_rate": "11",
    "terminal_growth": "2.5",
    "unit": "万元",
}
EXAMPLES = {"royalty_relief": ROYALTY_RELIEF_EXAMPLE}


def percent_to_fraction(text: str) -> str:
    """ "11" → "0.11" exactly; text that is not a number is passed on for the engine to name the rule."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return format(number.scaleb(-2), "f") if number.is_finite() else text


def fraction_to_percent(value: object) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format(number.scaleb(2).normalize(), "f") if number.is_finite() else str(value)


def _is_percent(spec: ValuationField) -> bool:
    return spec.unit == PERCENT_UNIT and spec.kind in ("decimal", "decimal_list")


def _bounds_text(spec: ValuationField) -> str:
    if not spec.bounds:
        return ""
    if not _is_percent(spec):
        return spec.bounds
    low = "" if spec.minimum is None else fraction_to_percent(spec.minimum)
    high = "" if spec.maximum is None else fraction_to_percent(spec.maximum)
    opening = "(" if spec.minimum_exclusive or spec.minimum is None else "["
    closing = ")" if spec.maximum_exclusive or spec.maximum is None else "]"
    return f"{opening}{low or '-∞'}, {high or '∞'}{closing}"


def _help(spec: ValuationField) -> str:
    parts = [str(_("per cent")) if _is_percent(spec) else ("" if spec.unit == "text" else spec.unit_label)]
    default = _initial(spec)
    if default is not None and spec.kind != "choice":
        parts.append(str(_("default %(value)s")) % {"value": default})
    bounds = _bounds_text(spec)
    if bounds:
        parts.append(str(_("allowed %(bounds)s")) % {"bounds": bounds})
    if spec.kind == "decimal_list":
        parts.append(str(_("one number per year, separated by spaces or commas")))
    if spec.kind == "object_list":
        names = "、".join(f.label for f in spec.fields if f.kind in ("decimal", "text", "integer", "choice"))
        parts.append(str(_("one item per line: %(fields)s, separated by commas")) % {"fields": names})
    return "; ".join(p for p in parts if p)


def _number_attrs(spec: ValuationField) -> dict[str, str]:
    attrs = {"step": "1" if spec.kind == "integer" else "any", "inputmode": "decimal"}
    scale = fraction_to_percent if _is_percent(spec) else (lambda v: format(v, "f"))
    if spec.minimum is not None:
        attrs["min"] = scale(spec.minimum)
    if spec.maximum is not None:
        attrs["max"] = scale(spec.maximum)
    return attrs


def _initial(spec: ValuationField) -> object:
    default = spec.default
    if default is None or default == [] or default is False:
        return None
    return fraction_to_percent(default) if _is_percent(spec) else default


class ValuationForm(forms.Form):
    """The inputs of one valuation method, one form field per input (an object's fields each get one)."""

    def __init__(self, method: ValuationMethod, *args: Any, example: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.method = method
        self.groups: list[tuple[str, list[str]]] = [("", [])]  # (legend, field names) for fieldsets
        for spec in method.fields:
            if spec.kind == "object":
                names = []
                for sub in spec.fields:
                    name = f"{spec.name}__{sub.name}"
                    self.fields[name] = self._field(sub, prefill=False)  # blank: the object is left out
                    names.append(name)
                self.groups.append((spec.label, names))
            else:
                self.fields[spec.name] = self._field(spec)
                self.groups[0][1].append(spec.name)
        if example:
            self.initial.update(EXAMPLES.get(method.code, {}))

    def _field(self, spec: ValuationField, *, prefill: bool = True) -> forms.Field:
        label = spec.label + ("" if not spec.required else " *")
        common: dict[str, Any] = {
            "label": label,
            "required": False,
            "help_text": _help(spec),
            "initial": _initial(spec) if prefill else None,
        }
        if spec.kind in ("decimal", "integer"):
            return forms.CharField(
                max_length=64, widget=forms.NumberInput(attrs=_number_attrs(spec)), **common
            )
        if spec.kind == "decimal_list":
            return forms.CharField(max_length=MAX_LIST_TEXT, **common)
        if spec.kind == "choice":
            choices = [(c, CHOICE_LABELS.get(c, c)) for c in spec.choices]
            return forms.ChoiceField(choices=choices, **common)
        if spec.kind == "boolean":
            return forms.BooleanField(**common)
        if spec.kind == "object_list":
            return forms.CharField(
                max_length=MAX_LIST_TEXT * 5, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        return forms.CharField(max_length=200, **common)

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.groups if names]

    # ---------------------------------------------------------------- form text → engine inputs

    def inputs(self) -> dict[str, object]:
        """The engine's JSON-ish inputs from the cleaned data: blank fields are left out (defaults apply)."""
        data = self.cleaned_data
        out: dict[str, object] = {}
        for spec in self.method.fields:
            if spec.kind == "object":
                sub = {s.name: self._value(s, data.get(f"{spec.name}__{s.name}")) for s in spec.fields}
                sub = {k: v for k, v in sub.items() if v is not None}
                if sub:
                    out[spec.name] = sub
                continue
            value = self._value(spec, data.get(spec.name))
            if value is not None:
                out[spec.name] = value
        return out

    def _value(self, spec: ValuationField, raw: object) -> object:
        if spec.kind == "boolean":
            return bool(raw)
        text = str(raw or "").strip()
        if not text:
            return None
        if spec.kind == "decimal_list":
            items = [t for t in LIST_SEPARATORS.split(text) if t]
            return [percent_to_fraction(t) for t in items] if _is_percent(spec) else items
        if spec.kind == "object_list":
            return [self._item(spec, line) for line in text.splitlines() if line.strip()]
        if _is_percent(spec):
            return percent_to_fraction(text)
        return text

    def _item(self, spec: ValuationField, line: str) -> dict[str, object]:
        scalars = [f for f in spec.fields if f.kind in ("decimal", "text", "integer", "choice")]
        parts = ITEM_SEPARATORS.split(line.strip())
        item: dict[str, object] = {}
        for sub, part in zip(scalars, parts, strict=False):
            value = self._value(sub, part)
            if value is not None:
                item[sub.name] = value
        return item

    # ---------------------------------------------------------------- engine errors → form errors

    def add_engine_errors(self, errors: list[dict[str, str]]) -> None:
        """Put each engine error next to the field it names (`inputs.revenues[2]` → revenues, item 3)."""
        for error in errors:
            name, prefix = self._locate(error["field"])
            message = f"{prefix}{error['message']}"
            self.add_error(name if name in self.fields else None, message)

    def _locate(self, path: str) -> tuple[str | None, str]:
        match = PATH.match(path)
        spec = self.method.field(match["name"]) if match else None
        if match is None or spec is None:
            return None, f"{path}: "
        item, sub = match["item"], match["sub"]
        if spec.kind == "object":
            names = [f"{spec.name}__{f.name}" for f in spec.fields]
            wanted = f"{spec.name}__{sub}"
            return (wanted if wanted in names else names[0]), ""
        if item is None:
            return spec.name, ""
        if spec.kind == "object_list":
            return spec.name, str(_("line %(n)s: ")) % {"n": int(item) + 1}
        return spec.name, str(_("item %(n)s: ")) % {"n": int(item) + 1}


# ---------------------------------------------------------------- self-assessment


class SelfAssessmentForm(forms.Form):
    """One field per indicator of the system (a checkbox for yes/no indicators)."""

    def __init__(self, system: StrengthSystem, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.system = system
        self.codes: dict[str, str] = {}  # form field name → indicator code
        self.groups: list[tuple[str, list[str]]] = []
        for entry in system.entries:
            if not entry.is_indicator:
                if entry.depth == 0:
                    self.groups.append((entry.name, []))
                continue
            name = "v_" + re.sub(r"[^a-z0-9_]", "_", entry.code)
            self.codes[name] = entry.code
            help_text = "; ".join(p for p in (entry.rule_text, entry.evidence) if p)
            label = f"{entry.name}（{entry.unit}）" if entry.unit else entry.name
            if entry.rule_kind == "yes_no":
                field: forms.Field = forms.BooleanField(label=label, required=False, help_text=help_text)
            else:
                attrs = {"step": "any", "inputmode": "decimal"}
                if entry.minimum is not None:
                    attrs["min"] = format(entry.minimum, "f")
                if entry.maximum is not None:
                    attrs["max"] = format(entry.maximum, "f")
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=64,
                    help_text=help_text,
                    widget=forms.NumberInput(attrs=attrs),
                )
            self.fields[name] = field
            if not self.groups:
                self.groups.append(("", []))
            self.groups[-1][1].append(name)

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.groups if names]

    def values(self) -> dict[str, object]:
        """Indicator code → raw value (text for numbers, true/false for yes/no; blank → missing)."""
        out: dict[str, object] = {}
        for name, code in self.codes.items():
            raw = self.cleaned_data.get(name)
            if isinstance(raw, bool):
                out[code] = raw
            elif str(raw or "").strip():
                out[code] = str(raw).strip()
        return out

    def add_engine_errors(self, errors: list[dict[str, str]]) -> None:
        by_code = {code: name for name, code in self.codes.items()}
        for error in errors:
            field = error["field"]
            code = field.removeprefix("inputs.values.")
            name = by_code.get(code)
            self.add_error(name, error["message"] if name else f"{field}: {error['message']}")
