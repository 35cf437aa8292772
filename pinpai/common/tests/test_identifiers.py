import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinpai.common.identifiers import (
    IdentifierError,
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


def test_uscc_validate_rejects_wrong_check_digit():
    with pytest.raises(
        IdentifierError,
        match=r"check digit \(18th character\) of unified social credit code 91110000802100433C",
    ):
        uscc_validate("91110000802100433C")


def test_uscc_validate_rejects_wrong_length():
    with pytest.raises(IdentifierError, match="has 18 characters; this one has 17"):
        uscc_validate("91110000802100433")


def test_uscc_validate_rejects_forbidden_letters():
    with pytest.raises(IdentifierError, match="not a unified social credit code"):
        uscc_validate("91110000802100I33B")


def test_uscc_validate_rejects_wrong_embedded_organisation_code():
    # The organisation code 80210043X is wrong (its check digit is 3); recompute the USCC check digit
    # so that only the embedded one fails.
    from stdnum.cn import uscc

    first17 = "91110000" + "80210043X"[:-1] + "X"
    code = first17 + uscc.calc_check_digit(first17)
    with pytest.raises(IdentifierError, match="organisation code 80210043X inside"):
        uscc_validate(code)


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
