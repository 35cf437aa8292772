import pytest

from engines.epcis import InputError, cbv_codes, cbv_label_zh, cbv_normalise, cbv_urn, cbv_web_uri


@pytest.mark.parametrize(
    ("kind", "value", "word"),
    [
        ("bizstep", "shipping", "shipping"),
        ("bizstep", "urn:epcglobal:cbv:bizstep:shipping", "shipping"),
        ("bizstep", "https://ref.gs1.org/cbv/BizStep-shipping", "shipping"),
        ("disposition", "urn:epcglobal:cbv:disp:in_transit", "in_transit"),
        ("disposition", "https://ref.gs1.org/cbv/Disp-recalled", "recalled"),
        ("btt", "urn:epcglobal:cbv:btt:po", "po"),
        ("sdt", "https://ref.gs1.org/cbv/SDT-owning_party", "owning_party"),
    ],
)
def test_three_forms_normalise_to_the_bare_word(kind: str, value: str, word: str) -> None:
    assert cbv_normalise(kind, value) == word


def test_other_forms() -> None:
    assert cbv_web_uri("disposition", "in_transit") == "https://ref.gs1.org/cbv/Disp-in_transit"
    assert (
        cbv_urn("bizstep", "https://ref.gs1.org/cbv/BizStep-receiving")
        == "urn:epcglobal:cbv:bizstep:receiving"
    )


def test_code_list_sizes_are_cbv_2_0() -> None:
    assert [len(cbv_codes(k)) for k in ("bizstep", "disposition", "btt", "sdt", "er", "comp")] == [
        41,
        33,
        13,
        3,
        2,
        14,
    ]


def test_chinese_labels_cover_every_bizstep_and_disposition() -> None:
    assert all(cbv_label_zh("bizstep", w) for w in cbv_codes("bizstep"))
    assert all(cbv_label_zh("disposition", w) for w in cbv_codes("disposition"))
    assert cbv_label_zh("bizstep", "urn:epcglobal:cbv:bizstep:commissioning") == "赋码"
    assert cbv_label_zh("bizstep", "shipping") == "发货"
    assert cbv_label_zh("disposition", "recalled") == "已召回"


@pytest.mark.parametrize(
    ("kind", "value", "rule"),
    [
        ("bizstep", "teleporting", "unknown_vocabulary"),
        ("bizstep", "urn:epcglobal:cbv:disp:in_transit", "unknown_scheme"),
        ("colour", "red", "unknown_vocabulary"),
    ],
)
def test_vocabulary_errors(kind: str, value: str, rule: str) -> None:
    with pytest.raises(InputError) as caught:
        cbv_normalise(kind, value)
    assert caught.value.rule == rule
