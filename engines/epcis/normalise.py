"""One schema-checked event → `CapturedEvent`: identifiers to their canonical form, CBV values to bare words, the
checks the JSON Schema cannot make (check digits, EPC URN syntax, CBV words inside GS1 Web URIs, real instants), and
the event hash ID. Problems are collected, not raised: the caller rejects the whole document if there is any.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from engines.epcis.capture_model import EVENT_TYPES, CapturedEvent, IdentifierRow, Problem
from engines.epcis.errors import InputError
from engines.epcis.event_hash import event_hash_id
from engines.epcis.identifiers import canonical_id
from engines.epcis.vocabulary import CBV_WEB, KINDS, cbv_codes

_EPC_LISTS = (
    ("epcList", "epc"),
    ("childEPCs", "child"),
    ("inputEPCList", "input"),
    ("outputEPCList", "output"),
)
_QUANTITY_LISTS = (
    ("quantityList", "epc_class"),
    ("childQuantityList", "child_class"),
    ("inputQuantityList", "input_class"),
    ("outputQuantityList", "output_class"),
)
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|z|[+-]\d\d:\d\d)")
_TIME_FIELDS = ("eventTime", "recordTime")
_LABELS = {"bizstep": "business step", "disposition": "disposition", "btt": "business transaction type",
           "sdt": "source/destination type", "er": "error reason", "comp": "sensor component"}  # fmt: skip


class Findings:
    """Problems found so far in one document, at most one per pointer (the first one found wins)."""

    def __init__(self, problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = list(problems or [])
        self.pointers = {p.pointer for p in self.problems}

    def add(self, pointer: str, rule: str, message: str) -> None:
        if pointer not in self.pointers:
            self.pointers.add(pointer)
            self.problems.append(Problem(pointer, rule, message))


class Identifiers:
    """canonical_id with a per-document memo (read points, locations and classes repeat across events)."""

    def __init__(self) -> None:
        self._memo: dict[str, str | InputError] = {}

    def canonical(self, value: object, pointer: str, findings: Findings) -> str:
        """The canonical Digital Link of a GS1 key; any other URI as given; a bad GS1 key becomes a problem."""
        if not isinstance(value, str):
            return ""  # the schema has reported it
        known = self._memo.get(value)
        if known is None:
            try:
                known = canonical_id(value)
            except InputError as error:
                known = error
            self._memo[value] = known
        if isinstance(known, str):
            return known
        if known.rule == "bad_check_digit":
            findings.add(pointer, "bad_check_digit", f"{_name(pointer)} '{value}': {known.message}")
        elif known.rule == "malformed":
            findings.add(
                pointer, "identifier", f"{_name(pointer)} '{value}' is not a valid GS1 key: {known.message}"
            )
        return value  # unknown_scheme: not an EPC URN or GS1 Digital Link, kept as given


def _name(pointer: str) -> str:
    parts = [p for p in pointer.split("/") if p and not p.isdigit()]
    return (
        ".".join(parts[-2:])
        if parts and parts[-1] in ("id", "epcClass", "source", "destination")
        else parts[-1]
    )


def cbv_value(kind: str, value: object, pointer: str, findings: Findings) -> str:
    """The bare word of a CBV value in any form; any other URI as given. A CBV Web URI or `cbv:` CURIE naming a word
    that is not in the list is a problem (bare words and CBV URNs are the schema's to reject)."""
    if not isinstance(value, str):
        return ""
    segment, term = KINDS[kind]
    codes = cbv_codes(kind)
    word = None
    for prefix in (CBV_WEB + term, "cbv:" + term, f"urn:epcglobal:cbv:{segment}:"):
        if value.startswith(prefix):
            word = value[len(prefix) :]
            break
    else:
        return value.strip() if ":" not in value and value.strip() in codes else value
    if word in codes:
        return word
    if not value.startswith("urn:"):
        label = _LABELS[kind]
        findings.add(
            pointer,
            "unknown_vocabulary",
            f"{_name(pointer)} '{value}' names '{word}', which is not a CBV 2.0 {label}",
        )
    return value


def parse_time(raw: object) -> datetime | None:
    """A timezone-aware datetime keeping its offset, or None if it is not a real instant in the EPCIS format."""
    if not isinstance(raw, str) or _TIME.fullmatch(raw) is None:
        return None
    text = raw[:-1] + "+00:00" if raw[-1] in "Zz" else raw
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _quantity(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:  # pragma: no cover - str() of an int or float is always a decimal
        return None


def _list(raw: object) -> list[Any]:
    return raw if isinstance(raw, list) else []


def _identifiers(
    event: Mapping[str, Any], pointer: str, ids: Identifiers, findings: Findings
) -> list[IdentifierRow]:
    rows = []
    if "parentID" in event:
        rows.append(
            IdentifierRow("parent", ids.canonical(event["parentID"], f"{pointer}/parentID", findings))
        )
    for name, role in _EPC_LISTS:
        for i, value in enumerate(_list(event.get(name))):
            rows.append(IdentifierRow(role, ids.canonical(value, f"{pointer}/{name}/{i}", findings)))
    for name, role in _QUANTITY_LISTS:
        for i, element in enumerate(_list(event.get(name))):
            if not isinstance(element, Mapping):
                continue
            value = ids.canonical(element.get("epcClass"), f"{pointer}/{name}/{i}/epcClass", findings)
            uom = element.get("uom")
            rows.append(
                IdentifierRow(
                    role, value, _quantity(element.get("quantity")), uom if isinstance(uom, str) else ""
                )
            )
    return rows


def _typed(
    event: Mapping[str, Any],
    name: str,
    child: str,
    kind: str,
    pointer: str,
    ids: Identifiers | None,
    findings: Findings,
) -> list[tuple[str, str]]:
    pairs = []
    for i, element in enumerate(_list(event.get(name))):
        if not isinstance(element, Mapping):
            continue
        here = f"{pointer}/{name}/{i}"
        kind_value = cbv_value(kind, element["type"], f"{here}/type", findings) if "type" in element else ""
        raw = element.get(child)
        value = (
            ids.canonical(raw, f"{here}/{child}", findings) if ids else raw if isinstance(raw, str) else ""
        )
        pairs.append((kind_value, value))
    return pairs


def _location(event: Mapping[str, Any], name: str, pointer: str, ids: Identifiers, findings: Findings) -> str:
    location = event.get(name)
    if not isinstance(location, Mapping) or "id" not in location:
        return ""
    return ids.canonical(location["id"], f"{pointer}/{name}/id", findings)


def _sensor_components(event: Mapping[str, Any], pointer: str, findings: Findings) -> None:
    for i, element in enumerate(_list(event.get("sensorElementList"))):
        reports = element.get("sensorReport") if isinstance(element, Mapping) else None
        for j, report in enumerate(_list(reports)):
            if isinstance(report, Mapping) and "component" in report:
                here = f"{pointer}/sensorElementList/{i}/sensorReport/{j}/component"
                cbv_value("comp", report["component"], here, findings)


def normalise_event(
    event: Mapping[str, Any], pointer: str, context: Mapping[str, str], ids: Identifiers, findings: Findings
) -> CapturedEvent | None:
    """The captured form of one event; None when this or an earlier event has problems (then nothing is hashed)."""
    event_type = event.get("type")
    if isinstance(event_type, str) and event_type not in EVENT_TYPES:
        findings.add(
            f"{pointer}/type",
            "unknown_event_type",
            f"event type '{event_type}' is not one of {', '.join(EVENT_TYPES)}; user-defined event types are not captured",
        )
    for name in _TIME_FIELDS:
        raw = event.get(name)
        if isinstance(raw, str) and parse_time(raw) is None:
            shape = (
                "is not a real instant"
                if _TIME.fullmatch(raw)
                else ("must be written YYYY-MM-DDThh:mm:ss[.fraction] with Z or ±hh:mm")
            )
            findings.add(f"{pointer}/{name}", "invalid_time", f"{name} '{raw}' {shape}")
    event_time = parse_time(event.get("eventTime"))
    biz_step = cbv_value("bizstep", event.get("bizStep", ""), f"{pointer}/bizStep", findings)
    disposition = cbv_value("disposition", event.get("disposition", ""), f"{pointer}/disposition", findings)
    persistent = []
    raw_persistent = event.get("persistentDisposition")
    if isinstance(raw_persistent, Mapping):
        for part in ("set", "unset"):
            for i, value in enumerate(_list(raw_persistent.get(part))):
                here = f"{pointer}/persistentDisposition/{part}/{i}"
                persistent.append(cbv_value("disposition", value, here, findings))
    declaration = event.get("errorDeclaration")
    if isinstance(declaration, Mapping) and "reason" in declaration:
        cbv_value("er", declaration["reason"], f"{pointer}/errorDeclaration/reason", findings)
    _sensor_components(event, pointer, findings)
    rows = _identifiers(event, pointer, ids, findings)
    read_point = _location(event, "readPoint", pointer, ids, findings)
    biz_location = _location(event, "bizLocation", pointer, ids, findings)
    transactions = _typed(event, "bizTransactionList", "bizTransaction", "btt", pointer, None, findings)
    sources = _typed(event, "sourceList", "source", "sdt", pointer, ids, findings)
    destinations = _typed(event, "destinationList", "destination", "sdt", pointer, ids, findings)
    if findings.problems or event_time is None:
        return None
    try:
        hash_id = event_hash_id(event, context=context)
    except InputError as error:
        where = pointer + "/" + re.sub(r"\[(\d+)\]", r"/\1", error.field).replace(".", "/")
        rule = "invalid_time" if error.rule == "invalid_time" else "schema"
        findings.add(where, rule, f"{error.field}: {error.message}")
        return None
    document = dict(event)
    event_id = event.get("eventID")
    if not isinstance(event_id, str):
        event_id = document["eventID"] = hash_id
    certification = event.get("certificationInfo")
    return CapturedEvent(
        event_id=event_id,
        hash_id=hash_id,
        event_type=str(event_type),
        action=str(event.get("action", "")),
        event_time=event_time,
        event_time_zone_offset=str(event.get("eventTimeZoneOffset", "")),
        biz_step=biz_step,
        disposition=disposition,
        persistent_dispositions=tuple(persistent),
        read_point=read_point,
        biz_location=biz_location,
        identifiers=tuple(rows),
        biz_transactions=tuple(transactions),
        sources=tuple(sources),
        destinations=tuple(destinations),
        error_declaration="errorDeclaration" in event,
        certification_info=tuple(certification)
        if isinstance(certification, list)
        else ((certification,) if isinstance(certification, str) else ()),
        document=document,
    )
