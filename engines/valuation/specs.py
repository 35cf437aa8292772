"""The shape of the method registry: what a method and each of its input fields are, as data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

KINDS = ("decimal", "decimal_list", "integer", "boolean", "choice", "text", "object", "object_list")
MAX_YEARS = 50  # explicit forecast period cap
MAX_ITEMS = 200  # comparables, cost items, contributory assets
MAX_ABS = Decimal(10) ** 15  # no single figure is larger (in any unit): guards against absurd input


@dataclass(frozen=True)
class FieldSpec:
    """One input field: the parser reads its type and bounds from here, the docs print it."""

    name: str
    label_zh: str
    label_en: str
    kind: str  # one of KINDS
    unit: str  # "money", "fraction", "index 0–100", "years", "multiple", "volume", "money per unit", "text"
    required: bool = True
    default: object = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    minimum_exclusive: bool = False
    maximum_exclusive: bool = False
    choices: tuple[str, ...] = ()
    min_items: int = 1
    max_items: int | None = None
    fields: tuple[FieldSpec, ...] = ()  # of an object, or of each item of an object_list
    item_class: type | None = None  # the dataclass an object (or each list item) becomes
    per_year: bool = False  # a list over the explicit period: must match the other per-year lists

    def bounds_text(self) -> str:
        lo = "" if self.minimum is None else f"{'(' if self.minimum_exclusive else '['}{self.minimum}"
        hi = "" if self.maximum is None else f"{self.maximum}{')' if self.maximum_exclusive else ']'}"
        if not lo and not hi:
            return ""
        return f"{lo or '(-∞'}, {hi or '∞)'}"


@dataclass(frozen=True)
class MethodSpec:
    code: str
    approach: str  # "income", "market", "cost", "regional"
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    formulas: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    inputs_class: type
    standards: tuple[str, ...] = ()

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def discounted(self) -> bool:
        return any(f.name == "discount_rate" for f in self.fields)


def decimal(
    name: str,
    zh: str,
    en: str,
    unit: str,
    *,
    required: bool = True,
    default: Decimal | None = None,
    minimum: str | None = None,
    maximum: str | None = None,
    minimum_exclusive: bool = False,
    maximum_exclusive: bool = False,
) -> FieldSpec:
    return FieldSpec(
        name,
        zh,
        en,
        "decimal",
        unit,
        required=required,
        default=default,
        minimum=None if minimum is None else Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
        minimum_exclusive=minimum_exclusive,
        maximum_exclusive=maximum_exclusive,
    )


def decimal_list(
    name: str,
    zh: str,
    en: str,
    unit: str,
    *,
    required: bool = True,
    minimum: str | None = "0",
    maximum: str | None = None,
    min_items: int = 1,
    per_year: bool = True,
) -> FieldSpec:
    return FieldSpec(
        name,
        zh,
        en,
        "decimal_list",
        unit,
        required=required,
        minimum=None if minimum is None else Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
        min_items=min_items,
        max_items=MAX_YEARS,
        per_year=per_year,
    )


def fraction(
    name: str, zh: str, en: str, *, required: bool = True, default: Decimal | None = None
) -> FieldSpec:
    """A share or rate between 0 and 1 inclusive."""
    return decimal(name, zh, en, "fraction", required=required, default=default, minimum="0", maximum="1")


def text(name: str, zh: str, en: str, *, default: str | None = None) -> FieldSpec:
    return FieldSpec(name, zh, en, "text", "text", required=default is None, default=default)


def choice(name: str, zh: str, en: str, choices: tuple[str, ...], default: str) -> FieldSpec:
    return FieldSpec(name, zh, en, "choice", "text", required=False, default=default, choices=choices)
