import random

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pinpai.common.identifiers import (
    IdentifierError,
    gtin_validate,
    organisation_code_check_digit,
    uscc_normalise,
    uscc_validate,
)
from pinpai.demo.plan import demo_uscc


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",  # a real enterprise code: both check digits valid
        "91110000802100433B",
    ],
)
def test_uscc_validate_accepts_real_codes(code):
    assert uscc_validate(code) == code


def test_uscc_validate_normalises_full_width_spaces_and_case():
    assert uscc_normalise("９１１１ ００００-８０２１００４３３ｂ") == "91110000802100433B"
    assert uscc_validate(" 91110000802100433b ") == "91110000802100433B"


def _message(code: str) -> str:
    with pytest.raises(IdentifierError) as exc:
        uscc_validate(code)
    return str(exc.value)


def test_uscc_validate_rejects_wrong_check_digit():
    assert _message("91110000802100433C") == "统一社会信用代码 91110000802100433C 的校验码（第 18 位）错误。"


def test_uscc_errors_speak_english_on_request():
    with translation.override("en"):
        assert _message("91110000802100433C") == (
            "The check digit (18th character) of unified social credit code 91110000802100433C is wrong."
        )


def test_uscc_validate_rejects_wrong_length():
    assert _message("91110000802100433") == "统一社会信用代码应为 18 位，当前为 17 位。"


def test_uscc_validate_rejects_forbidden_letters():
    assert _message("91110000802100I33B") == (
        "91110000802100I33B 不是有效的统一社会信用代码：第 1–8 位须为数字，其余各位须为数字或除 I、O、S、V、Z 以外的大写字母。"
    )


def test_uscc_validate_rejects_wrong_embedded_organisation_code():
    # The organisation code 80210043X is wrong (its check digit is 3); recompute the USCC check digit
    # so that only the embedded one fails.
    from stdnum.cn import uscc

    first17 = "91110000" + "80210043X"[:-1] + "X"
    code = first17 + uscc.calc_check_digit(first17)
    assert _message(code) == f"统一社会信用代码 {code} 中的组织机构代码 80210043X 校验码错误。"


@pytest.mark.parametrize(
    ("body", "digit"),
    [
        ("80210043", "3"),
        ("19220382", "1"),
        ("MA000000", "7"),  # M=22, A=10: 22×3 + 10×7 = 136; 11 − 136 mod 11 = 7
        ("40000000", "X"),  # 4×3 = 12; 11 − 1 = 10 → X
        ("00000000", "0"),  # 11 − 0 = 11 → 0
    ],
)
def test_organisation_code_check_digit_table(body, digit):
    assert organisation_code_check_digit(body) == digit


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["500102", "500236", "500103"]))
def test_demo_uscc_always_validates(seed, district):
    code = demo_uscc(random.Random(seed), district)
    assert uscc_validate(code) == code
    assert code[2:8] == district


@pytest.mark.parametrize(
    ("code", "normalised"),
    [
        ("6901234567892", "06901234567892"),  # EAN-13
        ("96385074", "00000096385074"),  # EAN-8
        ("036000291452", "00036000291452"),  # UPC-A
        ("10614141000415", "10614141000415"),  # GTIN-14
        ("６９０１２３４５６７８９２", "06901234567892"),  # full-width digits
    ],
)
def test_gtin_validate_accepts_and_pads(code, normalised):
    assert gtin_validate(code) == normalised


def test_gtin_validate_names_the_right_check_digit():
    with pytest.raises(IdentifierError) as exc, translation.override("en"):
        gtin_validate("6901234567891")
    assert str(exc.value) == "The check digit of GTIN 6901234567891 is wrong: it should be 2."


def test_gtin_validate_rejects_wrong_lengths():
    with pytest.raises(IdentifierError) as exc, translation.override("en"):
        gtin_validate("69012345")
    assert "check digit" in str(exc.value)
    with pytest.raises(IdentifierError) as exc2, translation.override("en"):
        gtin_validate("690123456")
    assert str(exc2.value) == "A GTIN has 8, 12, 13 or 14 digits; 690123456 does not."
