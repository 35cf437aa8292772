"""Normalise and check official codes at the edge (统一社会信用代码 …).

The USCC's own check digit (GB 32100) is python-stdnum's; stdnum does not check the organisation
code embedded in characters 9–17 (GB 11714), so that check digit is computed here.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _
from stdnum import ean as stdnum_ean
from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import uscc as stdnum_uscc

_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


class IdentifierError(ValueError):
    """A code that is malformed or whose check digit is wrong; the message says which."""


def organisation_code_check_digit(body: str) -> str:
    """GB 11714 check character for the first 8 characters of an organisation code."""
    total = 0
    for char, weight in zip(body, _ORG_CODE_WEIGHTS, strict=True):
        value = int(char) if char.isdigit() else ord(char) - 55  # A=10 … Z=35
        total += value * weight
    digit = 11 - total % 11
    return {10: "X", 11: "0"}.get(digit, str(digit))


def uscc_normalise(value: str) -> str:
    """NFKC (full-width → ASCII), strip spaces and hyphens, upper case."""
    return str(stdnum_uscc.compact(unicodedata.normalize("NFKC", value).upper()))


def uscc_with_check_digit(first17: str) -> str:
    """Complete 17 characters into a USCC (used by factories and demo data)."""
    return first17 + str(stdnum_uscc.calc_check_digit(first17))


def uscc_validate(value: str) -> str:
    """Return the normalised 统一社会信用代码 or raise IdentifierError explaining what is wrong."""
    code = uscc_normalise(value)
    if len(code) != 18:
        raise IdentifierError(
            _("A unified social credit code has 18 characters; this one has %(n)d.") % {"n": len(code)}
        )
    try:
        stdnum_uscc.validate(code)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise IdentifierError(
            _("The check digit (18th character) of unified social credit code %(code)s is wrong.")
            % {"code": code}
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise IdentifierError(
            _(
                "%(code)s is not a unified social credit code: characters 1–8 must be digits and the rest "
                "digits or capital letters other than I, O, S, V and Z."
            )
            % {"code": code}
        ) from exc
    org_code = code[8:17]
    if org_code[-1] != organisation_code_check_digit(org_code[:8]):
        raise IdentifierError(
            _(
                "The organisation code %(org)s inside unified social credit code %(code)s has a wrong check digit."
            )
            % {"org": org_code, "code": code}
        )
    return code


def gtin_validate(value: str) -> str:
    """Return the GTIN as 14 digits (GTIN-8/12/13 zero-padded) or raise IdentifierError saying why."""
    code = unicodedata.normalize("NFKC", value).strip().replace(" ", "").replace("-", "")
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        raise IdentifierError(
            _("A GTIN has 8, 12, 13 or 14 digits; %(code)s does not.") % {"code": code or _("(empty)")}
        )
    try:
        stdnum_ean.validate(code)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise IdentifierError(
            _("The check digit of GTIN %(code)s is wrong: it should be %(digit)s.")
            % {"code": code, "digit": stdnum_ean.calc_check_digit(code[:-1])}
        ) from exc
    return code.zfill(14)
