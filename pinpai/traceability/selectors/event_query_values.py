"""Values of EPCIS query parameters: the two ways they arrive (query string, a named query's JSON) and how one value
is read (times, identifiers, CBV words, numbers). Every bad value is a QueryParameterException naming the parameter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from engines.epcis import InputError, canonical_id, cbv_normalise, cbv_urn, cbv_web_uri
from pinpai.traceability.exceptions import EpcisQueryParameterError


def query_parameter_error(name: str, message: str) -> EpcisQueryParameterError:
    return EpcisQueryParameterError(
        _("Query parameter %(name)s: %(message)s") % {"name": name, "message": message},
        problems=[{"parameter": name, "message": message}],
    )


def query_values_from_querystring(items: Iterable[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """`GET /events?EQ_bizStep=a|b&EQ_bizStep=c` → {"EQ_bizStep": ["a", "b", "c"]} (`|` separates alternatives)."""
    values: dict[str, list[str]] = {}
    for name, raws in items:
        for raw in raws:
            parts = raw.split("|") if not name.startswith(("GE_", "LT_", "GT_", "LE_")) else [raw]
            values.setdefault(name, []).extend(parts)
    return values


def query_values_from_json(query: object) -> dict[str, list[str]]:
    """A named query's `query` object (EPCIS query schema: arrays, strings, numbers, booleans) → name → values."""
    if not isinstance(query, Mapping):
        raise query_parameter_error("query", _("must be a JSON object of query parameters"))
    values: dict[str, list[str]] = {}
    for name, raw in query.items():
        if name == "@context":
            continue
        items = raw if isinstance(raw, list) else [raw]
        values[name] = []
        for item in items:
            if isinstance(item, bool):
                values[name].append("true" if item else "false")
            elif item is None:
                values[name].append("")
            elif isinstance(item, str | int | float):
                values[name].append(str(item))
            else:
                raise query_parameter_error(name, _("values must be strings, numbers or booleans"))
    return values


def time_parse(name: str, raw: str) -> datetime:
    text = re.sub(r" (\d\d:?\d\d)$", r"+\1", raw.strip())  # an unencoded "+08:00" arrives as " 08:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise query_parameter_error(
            name, _("%(value)r is not an ISO 8601 date and time") % {"value": raw}
        ) from None
    if moment.tzinfo is None:
        raise query_parameter_error(
            name, _("%(value)r has no time zone (add Z or an offset such as +08:00)") % {"value": raw}
        )
    return moment


def identifier_normalise(name: str, raw: str) -> tuple[str, bool]:
    """(canonical value, is a pattern): an EPC URN, EPC pure-identity pattern or GS1 Digital Link → its canonical
    Digital Link; a pattern (`urn:epc:idpat:sgtin:0614141.107346.*`) matches every instance of its class."""
    text = raw.strip()
    try:
        value = canonical_id(text, field=name)
    except InputError as error:
        if error.rule == "unknown_scheme" and ":" in text and not text.lower().startswith("urn:epc:idpat:"):
            return text, False  # any other URI (or EPC scheme the engine does not convert): as captured
        raise query_parameter_error(
            name,
            _("%(value)r is not a valid identifier: %(reason)s") % {"value": raw, "reason": error.message},
        ) from None
    return value, text.lower().startswith("urn:epc:idpat:")


def cbv_forms(kind: str, name: str, raw: str) -> list[str]:
    """A CBV value as stored in the columns (bare word), plus its URN and Web URI (as a document may hold it)."""
    text = raw.strip()
    try:
        word = cbv_normalise(kind, text, field=name)
    except InputError as error:
        if error.rule == "unknown_scheme":
            return [text]  # a user vocabulary URI, stored as given
        raise query_parameter_error(
            name, _("%(value)r is not a CBV 2.0 value: %(reason)s") % {"value": raw, "reason": error.message}
        ) from None
    return [word, cbv_urn(kind, word), cbv_web_uri(kind, word)]


def positive_int_parse(name: str, raw: str) -> int:
    if not raw.strip().isdigit() or int(raw) < 1:
        raise query_parameter_error(name, _("%(value)r is not a positive whole number") % {"value": raw})
    return int(raw)


def decimal_parse(name: str, raw: str) -> Decimal:
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        raise query_parameter_error(name, _("%(value)r is not a number") % {"value": raw}) from None
    if not number.is_finite():
        raise query_parameter_error(name, _("%(value)r is not a number") % {"value": raw})
    return number


def single_value(name: str, values: list[str]) -> str:
    if len(values) != 1:
        raise query_parameter_error(name, _("takes exactly one value"))
    return values[0]


def choice_parse(name: str, values: list[str], allowed: Iterable[str]) -> list[str]:
    allowed = list(allowed)
    for value in values:
        if value not in allowed:
            raise query_parameter_error(
                name,
                _("%(value)r is not one of %(allowed)s") % {"value": value, "allowed": ", ".join(allowed)},
            )
    return sorted(set(values))
