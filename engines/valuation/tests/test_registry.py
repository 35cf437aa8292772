from __future__ import annotations

import dataclasses

import pytest

from engines.valuation import METHODS
from engines.valuation.errors import RULES
from engines.valuation.methods import FUNCTIONS
from engines.valuation.specs import KINDS


def test_every_method_has_a_function_and_docs():
    assert list(METHODS) == [
        "royalty_relief",
        "excess_earnings",
        "price_premium",
        "volume_premium",
        "income_split",
        "market_multiples",
        "cost",
        "regional_public_brand",
    ]
    assert set(FUNCTIONS) == set(METHODS)
    for spec in METHODS.values():
        assert all((spec.name_zh, spec.name_en, spec.description_zh, spec.description_en))
        assert spec.formulas
        assert spec.inputs_class.method == spec.code


@pytest.mark.parametrize("code", list(METHODS))
def test_registry_fields_are_the_dataclass_fields(code):
    spec = METHODS[code]
    fields = {f.name: f for f in dataclasses.fields(spec.inputs_class)}

    assert sorted(fields) == sorted(f.name for f in spec.fields)
    for field in spec.fields:
        assert field.kind in KINDS
        assert all((field.label_zh, field.label_en))
        declared = fields[field.name]
        has_default = declared.default is not dataclasses.MISSING
        assert has_default != field.required, field.name
        if field.default is not None:
            assert declared.default == field.default, field.name


def test_every_nested_object_matches_its_dataclass():
    for spec in METHODS.values():
        for field in spec.fields:
            if field.kind in ("object", "object_list"):
                assert field.item_class is not None
                names = sorted(f.name for f in dataclasses.fields(field.item_class))
                assert names == sorted(f.name for f in field.fields)


def test_rules_are_snake_case_and_unique():
    assert len(set(RULES)) == len(RULES)
    assert all(rule.replace("_", "").isalpha() and rule.islower() for rule in RULES)
