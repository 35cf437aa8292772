"""What the evaluation schemas share: numbers leave the API as decimal strings, so they stay exact."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _plain_or_bool(value: Any) -> Any:
    return value if isinstance(value, bool) else _plain(value)


# A Decimal written in plain notation ("3855.18", "0.9009009009…"), never a float and never "1E+3".
DecimalStr = Annotated[str, BeforeValidator(_plain)]
# An indicator's raw value: a decimal string, or true/false for a yes/no indicator.
RawValue = Annotated[bool | str | None, BeforeValidator(_plain_or_bool)]

NUMBERS = (
    'Numbers in responses are decimal strings (`"3855.18"`), so they stay exact; numbers in requests may be '
    "strings, integers or floats (a float is read through its shortest form: 0.1 is exactly 0.1)."
)
