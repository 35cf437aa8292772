import pytest
from hypothesis import given
from hypothesis import strategies as st

from engines.epcis import (
    InputError,
    canonical_id,
    digital_link_to_epc,
    epc_to_digital_link,
    gln_check,
    gs1_check_digit,
    gtin_normalise,
    sscc_check,
)


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("401234500000", "9"),  # GTIN-13 4012345000009
        ("0061414112345", "2"),  # GTIN-14 00614141123452
        ("9638507", "4"),  # GTIN-8 96385074
        ("03600029145", "2"),  # GTIN-12 036000291452
        ("10614141123456789", "7"),  # SSCC 106141411234567897 (General Specifications example)
        ("061414112345", "2"),  # GLN 0614141123452
    ],
)
def test_gs1_check_digit_known_values(digits: str, check: str) -> None:
    assert gs1_check_digit(digits) == check


def test_gtin_normalise_pads_every_length_to_14() -> None:
    assert gtin_normalise("96385074") == "00000096385074"
    assert gtin_normalise("036000291452") == "00036000291452"
    assert gtin_normalise("4012345000009") == "04012345000009"
    assert gtin_normalise("10614141073464") == "10614141073464"


def test_gtin_off_by_one_names_the_expected_digit() -> None:
    with pytest.raises(InputError) as caught:
        gtin_normalise("4012345000008")
    assert caught.value == InputError("gtin", "bad_check_digit", "the GTIN check digit is 8, expected 9")


def test_gln_and_sscc_checks() -> None:
    assert gln_check("0614141123452") == "0614141123452"
    assert sscc_check("106141411234567897") == "106141411234567897"
    with pytest.raises(InputError) as caught:
        gln_check("0614141123453")
    assert (caught.value.rule, caught.value.message) == (
        "bad_check_digit",
        "the GLN check digit is 3, expected 2",
    )
    with pytest.raises(InputError) as caught:
        sscc_check("106141411234567890")
    assert caught.value.message == "the SSCC check digit is 0, expected 7"


@pytest.mark.parametrize("value", ["", "12a4", "1234567", "123456789012345"])
def test_gtin_malformed(value: str) -> None:
    with pytest.raises(InputError) as caught:
        gtin_normalise(value)
    assert caught.value.rule == "malformed"


PAIRS = [
    ("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017", 7),
    ("urn:epc:id:sgtin:4012345.011122.A%2FB", "https://id.gs1.org/01/04012345111224/21/A%2FB", 7),
    ("urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877", 7),
    ("urn:epc:idpat:sgtin:4012345.066666.*", "https://id.gs1.org/01/04012345666663", 7),
    ("urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338", 7),
    ("urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234", 7),
    ("urn:epc:id:sgln:4012345.00011.0", "https://id.gs1.org/414/4012345000115", 7),
    ("urn:epc:id:pgln:4012345.00225", "https://id.gs1.org/417/4012345002256", 7),
    ("urn:epc:id:grai:4012345.00077.18765", "https://id.gs1.org/8003/0401234500077118765", 7),
    ("urn:epc:id:giai:4000001.111", "https://id.gs1.org/8004/4000001111", 7),
    ("urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657", 7),
    ("urn:epc:id:gdti:0614141.00001.1618034", "https://id.gs1.org/253/06141410000121618034", 7),
    ("urn:epc:id:sgcn:4012345.67890.04711", "https://id.gs1.org/255/401234567890104711", 7),
    ("urn:epc:id:cpi:0614141.123ABC.123456789", "https://id.gs1.org/8010/0614141123ABC/8011/123456789", 7),
    ("urn:epc:id:sgtin:061414112.0345.7", "https://id.gs1.org/01/00614141123452/21/7", 9),
]


@pytest.mark.parametrize(("urn", "link", "prefix_length"), PAIRS)
def test_every_scheme_round_trips(urn: str, link: str, prefix_length: int) -> None:
    assert epc_to_digital_link(urn) == link
    assert digital_link_to_epc(link, prefix_length=prefix_length) == urn
    assert canonical_id(urn) == canonical_id(link) == link


def test_prefix_length_from_a_callable_or_a_prefix_table() -> None:
    link = "https://id.gs1.org/01/10614141073464/21/2017"
    assert digital_link_to_epc(link, prefix_length=lambda key: 7) == "urn:epc:id:sgtin:0614141.107346.2017"
    assert (
        digital_link_to_epc(link, prefixes=("4012345", "061414", "0614141"))
        == "urn:epc:id:sgtin:0614141.107346.2017"
    )


def test_prefix_length_unknown() -> None:
    with pytest.raises(InputError) as caught:
        digital_link_to_epc("https://id.gs1.org/01/10614141073464/21/2017", prefixes=("4012345",))
    assert (caught.value.field, caught.value.rule) == ("id", "prefix_length_unknown")


def test_digital_link_variants_share_one_canonical_form() -> None:
    canonical = "https://id.gs1.org/01/10614141073464/21/2017"
    assert (
        canonical_id("https://example.com/shop/01/10614141073464/10/LOT1/21/2017?linkType=all") == canonical
    )
    assert canonical_id("https://id.gs1.org/01/614141073467") == "https://id.gs1.org/01/00614141073467"
    assert canonical_id("  urn:epc:id:sgtin:0614141.107346.2017 ") == canonical


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("urn:epc:id:usdod:CAGE.1", "unknown_scheme"),
        ("geo:47.5,11.1", "unknown_scheme"),
        ("https://example.com/po/123", "unknown_scheme"),
        ("urn:epc:id:sgtin:0614141.107346", "malformed"),
        ("urn:epc:id:sgtin:0614141.10734.1", "malformed"),
        ("https://id.gs1.org/01/10614141073465/21/1", "bad_check_digit"),
        ("https://id.gs1.org/00/040123450000003339", "bad_check_digit"),
        ("https://id.gs1.org/01/10614141073464/21", "malformed"),
    ],
)
def test_error_rules(value: str, rule: str) -> None:
    with pytest.raises(InputError) as caught:
        canonical_id(value)
    assert caught.value.rule == rule


def test_bad_check_digit_in_a_link_names_the_digit() -> None:
    with pytest.raises(InputError) as caught:
        canonical_id("https://id.gs1.org/01/10614141073465/21/1")
    assert caught.value == InputError("id", "bad_check_digit", "the GTIN check digit is 5, expected 4")


_serial = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="."),
    min_size=1,
    max_size=20,
)


@given(
    cp_len=st.integers(6, 12),
    digits=st.text(alphabet="0123456789", min_size=13, max_size=13),
    serial=_serial,
)
def test_sgtin_and_lgtin_round_trip_any_prefix_length(cp_len: int, digits: str, serial: str) -> None:
    cp, ref = digits[:cp_len], digits[cp_len:]
    for kind in ("id:sgtin", "class:lgtin"):
        urn = f"urn:epc:{kind}:{cp}.{ref}.{_urn_escape(serial)}"
        link = epc_to_digital_link(urn)
        assert digital_link_to_epc(link, prefix_length=cp_len) == urn
        assert canonical_id(link) == link


@given(cp_len=st.integers(6, 12), digits=st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_sscc_round_trip(cp_len: int, digits: str) -> None:
    urn = f"urn:epc:id:sscc:{digits[1 : 1 + cp_len]}.{digits[0]}{digits[1 + cp_len :]}"
    assert digital_link_to_epc(epc_to_digital_link(urn), prefix_length=cp_len) == urn


@given(
    cp_len=st.integers(6, 12), digits=st.text(alphabet="0123456789", min_size=12, max_size=12), ext=_serial
)
def test_sgln_round_trip(cp_len: int, digits: str, ext: str) -> None:
    urn = f"urn:epc:id:sgln:{digits[:cp_len]}.{digits[cp_len:]}.{_urn_escape(ext)}"
    assert digital_link_to_epc(epc_to_digital_link(urn), prefix_length=cp_len) == urn


def _urn_escape(value: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in '"%&/<>?#' else c for c in value)
