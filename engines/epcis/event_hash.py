"""The EPCIS event hash ID (GS1 CBV 2.0 §8.9): a syntax-independent fingerprint of one EPCIS 2.0 event.

    event_pre_hash_string(event)   → the canonical pre-hash string (for debugging and for comparing implementations)
    event_hash_id(event)           → "ni:///sha-256;<hex>?ver=CBV2.0" (RFC 6920 named information URI)

`event` is one JSON-LD event as in an EPCIS 2.0 document's `eventList` (a mapping). Extension keys may be CURIEs
(`example:myField`, resolved through `context` and the event's own `@context`), `{namespace}local` names, or full IRIs.

The pre-hash string (CBV 2.0 §8.9; reference implementation github.com/RalphTro/epcis-event-hash-generator):
  * fields in the canonical property order below, concatenated without separators, each value as `key=value`;
    a list's name appears once, its children follow, each child string sorted by code point; a child with several
    fields is one string (`quantityElementepcClass=…quantity=…uom=…`), the value before its `type`;
  * values trimmed; numbers without trailing zeros (`200.0` → `200`); booleans `true`/`false`;
  * timestamps in UTC with `Z` and exactly milliseconds (`2005-04-04T20:33:31.116-06:00` → `2005-04-05T02:33:31.116Z`),
    a fourth and further fractional digit rounded half up;
  * CBV values in their GS1 Web URI (`shipping`, `urn:epcglobal:cbv:bizstep:shipping` → `https://ref.gs1.org/cbv/BizStep-shipping`);
    CURIEs expanded (`gs1:Temperature` → `https://gs1.org/voc/Temperature`);
  * EPC URNs and GS1 Digital Links as the constrained canonical Digital Link on https://id.gs1.org (see identifiers.py);
  * ILMD and user extensions as `{namespace}local=value`, nested ones as `{ns}parent{ns}child=value`, sorted; extensions
    inside readPoint, bizLocation, sensorElement, sensorMetadata and sensorReport follow that element's own fields.
Left out: `eventID`, `recordTime`, `errorDeclaration`, `certificationInfo` and JSON-LD keywords (`@context`, `@xmlns:*`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from engines.epcis.errors import InputError
from engines.epcis.identifiers import canonical_id

CBV_VERSION = "CBV2.0"
CBV_WEB = "https://ref.gs1.org/cbv/"

# The prefixes of the standard EPCIS 2.0 JSON-LD context that values and keys may use.
STANDARD_CONTEXT: Mapping[str, str] = {
    "epcis": "https://ref.gs1.org/epcis/",
    "cbv": "https://ref.gs1.org/cbv/",
    "cbvmda": "urn:epcglobal:cbv:mda:",
    "gs1": "https://gs1.org/voc/",
}

EVENT_TYPES = frozenset(
    {"ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"}
)

# urn:epcglobal:cbv:<x>:<word> → Web URI term prefix
_CBV_URN = {
    "bizstep": "BizStep-",
    "disp": "Disp-",
    "btt": "BTT-",
    "sdt": "SDT-",
    "er": "ER-",
    "comp": "Comp-",
}

_EXCLUDED = frozenset(
    {"type", "eventID", "recordTime", "errorDeclaration", "certificationInfo", "@context", "@type", "@id"}
)

_METADATA_FIELDS = (
    "time",
    "startTime",
    "endTime",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "bizRules",
)
_REPORT_FIELDS = (
    "type",
    "exception",
    "deviceID",
    "deviceMetadata",
    "rawData",
    "dataProcessingMethod",
    "time",
    "microorganism",
    "chemicalSubstance",
    "value",
    "component",
    "stringValue",
    "booleanValue",
    "hexBinaryValue",
    "uriValue",
    "minValue",
    "maxValue",
    "meanValue",
    "sDev",
    "percRank",
    "percValue",
    "uom",
    "coordinateReferenceSystem",
)
_TIME_FIELDS = frozenset({"time", "startTime", "endTime"})
_NUMBER_FIELDS = frozenset(
    {"quantity", "value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"}
)
# bare words of these fields expand to a Web URI term with this prefix
_REPORT_VOCAB = {"type": "https://gs1.org/voc/", "exception": "https://gs1.org/voc/SensorAlertType-"}

_TIME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|z|[+-]\d\d:\d\d)")
_MS = Decimal("0.001")


class _Ctx:
    def __init__(self, context: Mapping[str, str]) -> None:
        self.prefixes = context

    def key(self, raw: str) -> str:
        """An extension key as `{namespace}local`."""
        if raw.startswith("{"):
            return raw
        prefix, sep, local = raw.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return "{" + self.prefixes[prefix] + "}" + local
        for sep_char in ("#", "/"):
            if "://" in raw and sep_char in raw:
                ns, _, local = raw.rpartition(sep_char)
                return "{" + ns + sep_char + "}" + local
        return raw

    def value(self, raw: object, field: str) -> str:
        """Any scalar value in its normalised text form."""
        if isinstance(raw, bool):
            return "true" if raw else "false"
        if isinstance(raw, int | float | Decimal):
            return _number(raw, field)
        if not isinstance(raw, str):
            raise InputError(field, "not_a_string", "expected a text, number or boolean value")
        text = raw.strip()
        lower = text.lower()
        if lower.startswith("urn:epcglobal:cbv:"):
            parts = text.split(":")
            if len(parts) == 5 and parts[3] in _CBV_URN:
                return CBV_WEB + _CBV_URN[parts[3]] + parts[4]
            return text
        if lower.startswith(("urn:epc:", "http://", "https://")):
            try:
                return canonical_id(text, field=field)
            except InputError:
                return text
        prefix, sep, local = text.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return text


def _number(raw: object, field: str) -> str:
    try:
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw).strip())
    except InvalidOperation:
        return str(raw).strip()
    if not number.is_finite():
        return str(raw).strip()
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def normalise_time(raw: object, field: str = "eventTime") -> str:
    """An ISO 8601 timestamp with offset → UTC, millisecond precision (half-up), `Z` suffix."""
    if not isinstance(raw, str):
        raise InputError(field, "invalid_time", "a timestamp is an ISO 8601 string with an offset")
    match = _TIME.fullmatch(raw.strip())
    if match is None:
        raise InputError(field, "invalid_time", "a timestamp needs date, time and offset (Z or ±hh:mm)")
    base, fraction, offset = match.groups()
    try:
        moment = datetime.fromisoformat(base + ("+00:00" if offset in ("Z", "z") else offset))
    except ValueError as error:
        raise InputError(field, "invalid_time", f"not a valid date or time ({error})") from None
    millis = (Decimal("0." + fraction) if fraction else Decimal(0)).quantize(_MS, ROUND_HALF_UP)
    moment = moment.astimezone(UTC) + timedelta(milliseconds=int(millis * 1000))
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _vocab(raw: object, term_prefix: str, ctx: _Ctx, field: str) -> str:
    if isinstance(raw, str) and raw.strip() and ":" not in raw:
        return term_prefix + raw.strip()
    return ctx.value(raw, field)


def _as_list(raw: object, field: str) -> Sequence[object]:
    if not isinstance(raw, list | tuple):
        raise InputError(field, "not_a_list", "expected a list")
    return raw


def _as_map(raw: object, field: str) -> Mapping[str, object]:
    if not isinstance(raw, Mapping):
        raise InputError(field, "not_an_object", "expected an object")
    return raw


def _extension(name: str, raw: object, ctx: _Ctx, field: str) -> list[str]:
    """The sorted pre-hash parts of one extension element (several when it repeats)."""
    if isinstance(raw, list | tuple):
        return sorted(
            part for i, item in enumerate(raw) for part in _extension(name, item, ctx, f"{field}[{i}]")
        )
    if isinstance(raw, Mapping):
        text = raw.get("#text", raw.get("@value"))
        children = _extensions(raw, ctx, field, skip=frozenset({"#text", "@value"}))
        if text is not None:
            return [f"{name}={ctx.value(text, field)}" + "".join(children)]
        return [name + "".join(children)]
    if raw is None:
        return [name]
    return [f"{name}={ctx.value(raw, field)}"]


def _extensions(
    obj: Mapping[str, object], ctx: _Ctx, field: str, skip: frozenset[str] = frozenset()
) -> list[str]:
    parts: list[str] = []
    for raw_key, raw in obj.items():
        if raw_key in skip or raw_key.startswith("@"):
            continue
        parts.extend(_extension(ctx.key(raw_key), raw, ctx, f"{field}.{raw_key}"))
    return sorted(parts)


def _fields(
    obj: Mapping[str, object],
    names: Sequence[str],
    ctx: _Ctx,
    field: str,
    convert: Callable[[str, object, str], str],
) -> tuple[str, list[str]]:
    """Own fields of a standard element in canonical order, and its extension parts (sorted)."""
    own = "".join(f"{n}={convert(n, obj[n], f'{field}.{n}')}" for n in names if obj.get(n) is not None)
    extra = {k: v for k, v in obj.items() if k not in names}
    return own, _extensions(extra, ctx, field)


def _epcs(name: str, raw: object, ctx: _Ctx) -> str:
    items = _as_list(raw, name)
    return name + "".join(sorted(f"epc={ctx.value(v, f'{name}[{i}]')}" for i, v in enumerate(items)))


def _quantities(name: str, raw: object, ctx: _Ctx) -> str:
    elements = []
    for i, item in enumerate(_as_list(raw, name)):
        element = _as_map(item, f"{name}[{i}]")
        own, extra = _fields(
            element, ("epcClass", "quantity", "uom"), ctx, f"{name}[{i}]", lambda _n, v, f: ctx.value(v, f)
        )
        elements.append("quantityElement" + own + "".join(extra))
    return name + "".join(sorted(elements))


def _typed(name: str, child: str, term_prefix: str, raw: object, ctx: _Ctx) -> str:
    elements = []
    for i, item in enumerate(_as_list(raw, name)):
        element = _as_map(item, f"{name}[{i}]")
        text = f"{child}={ctx.value(element.get(child), f'{name}[{i}].{child}')}"
        if element.get("type") is not None:
            text += "type=" + _vocab(element["type"], term_prefix, ctx, f"{name}[{i}].type")
        elements.append(text)
    return name + "".join(sorted(elements))


def _location(name: str, raw: object, ctx: _Ctx) -> str:
    own, extra = _fields(_as_map(raw, name), ("id",), ctx, name, lambda _n, v, f: ctx.value(v, f))
    return name + own + "".join(extra)


def _persistent(raw: object, ctx: _Ctx) -> str:
    obj = _as_map(raw, "persistentDisposition")
    text = "persistentDisposition"
    for part in ("set", "unset"):
        if obj.get(part) is not None:
            values = _as_list(obj[part], f"persistentDisposition.{part}")
            field = f"persistentDisposition.{part}"
            text += "".join(sorted(f"{part}={_vocab(v, CBV_WEB + 'Disp-', ctx, field)}" for v in values))
    return text


def _sensor_value(ctx: _Ctx) -> Callable[[str, object, str], str]:
    def convert(name: str, raw: object, field: str) -> str:
        if name in _TIME_FIELDS:
            return normalise_time(raw, field)
        if name in _NUMBER_FIELDS:
            return _number(raw, field)
        if name == "component":
            return _vocab(raw, CBV_WEB + "Comp-", ctx, field)
        if name in _REPORT_VOCAB:
            return _vocab(raw, _REPORT_VOCAB[name], ctx, field)
        return ctx.value(raw, field)

    return convert


def _sensors(raw: object, ctx: _Ctx) -> str:
    convert = _sensor_value(ctx)
    elements = []
    for i, item in enumerate(_as_list(raw, "sensorElementList")):
        field = f"sensorElementList[{i}]"
        element = _as_map(item, field)
        text = "sensorElement"
        if element.get("sensorMetadata") is not None:
            meta = _as_map(element["sensorMetadata"], f"{field}.sensorMetadata")
            own, extra = _fields(meta, _METADATA_FIELDS, ctx, f"{field}.sensorMetadata", convert)
            text += "sensorMetadata" + own + "".join(extra)
        reports = []
        for j, report_raw in enumerate(_as_list(element.get("sensorReport", []), f"{field}.sensorReport")):
            report = _as_map(report_raw, f"{field}.sensorReport[{j}]")
            own, extra = _fields(report, _REPORT_FIELDS, ctx, f"{field}.sensorReport[{j}]", convert)
            reports.append("sensorReport" + own + "".join(extra))
        text += "".join(sorted(reports))
        rest = {k: v for k, v in element.items() if k not in ("sensorMetadata", "sensorReport")}
        text += "".join(_extensions(rest, ctx, field))
        elements.append(text)
    return "sensorElementList" + "".join(sorted(elements))


_EPC_LISTS = ("epcList", "inputEPCList", "childEPCs", "outputEPCList")
_QUANTITY_LISTS = ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList")
_ORDER = (
    "eventTime",
    "eventTimeZoneOffset",
    "epcList",
    "parentID",
    "inputEPCList",
    "childEPCs",
    "quantityList",
    "childQuantityList",
    "inputQuantityList",
    "outputEPCList",
    "outputQuantityList",
    "action",
    "transformationID",
    "bizStep",
    "disposition",
    "persistentDisposition",
    "readPoint",
    "bizLocation",
    "bizTransactionList",
    "sourceList",
    "destinationList",
    "sensorElementList",
    "ilmd",
)


def _context_of(event: Mapping[str, object], context: Mapping[str, str] | None) -> _Ctx:
    prefixes = dict(STANDARD_CONTEXT)
    own = event.get("@context")
    for entry in own if isinstance(own, list) else [own]:
        if isinstance(entry, Mapping):
            prefixes.update({k: v for k, v in entry.items() if isinstance(v, str)})
    prefixes.update(context or {})
    return _Ctx(prefixes)


def _part(name: str, raw: object, ctx: _Ctx) -> str:
    if name == "eventTime":
        return f"eventTime={normalise_time(raw, name)}"
    if name in _EPC_LISTS:
        return _epcs(name, raw, ctx)
    if name in _QUANTITY_LISTS:
        return _quantities(name, raw, ctx)
    if name == "bizStep":
        return f"bizStep={_vocab(raw, CBV_WEB + 'BizStep-', ctx, name)}"
    if name == "disposition":
        return f"disposition={_vocab(raw, CBV_WEB + 'Disp-', ctx, name)}"
    if name == "persistentDisposition":
        return _persistent(raw, ctx)
    if name in ("readPoint", "bizLocation"):
        return _location(name, raw, ctx)
    if name == "bizTransactionList":
        return _typed(name, "bizTransaction", CBV_WEB + "BTT-", raw, ctx)
    if name == "sourceList":
        return _typed(name, "source", CBV_WEB + "SDT-", raw, ctx)
    if name == "destinationList":
        return _typed(name, "destination", CBV_WEB + "SDT-", raw, ctx)
    if name == "sensorElementList":
        return _sensors(raw, ctx)
    if name == "ilmd":
        return "ilmd" + "".join(_extensions(_as_map(raw, name), ctx, name))
    return f"{name}={ctx.value(raw, name)}"


def event_pre_hash_string(event: Mapping[str, object], *, context: Mapping[str, str] | None = None) -> str:
    """The canonical pre-hash string of one EPCIS 2.0 JSON event (CBV 2.0 §8.9).

    `context` maps extra CURIE prefixes to namespaces (the document's `@context` objects); the standard EPCIS context
    prefixes (epcis, cbv, cbvmda, gs1) and the event's own `@context` objects are always known.
    """
    if not isinstance(event, Mapping):
        raise InputError("event", "not_an_object", "an EPCIS event is a JSON object")
    event_type = event.get("type", event.get("isA"))
    if not isinstance(event_type, str) or event_type not in EVENT_TYPES:
        raise InputError(
            "type", "required", "the event type must be one of " + ", ".join(sorted(EVENT_TYPES))
        )
    if event.get("eventTime") is None:
        raise InputError("eventTime", "required", "an EPCIS event needs its eventTime")
    ctx = _context_of(event, context)
    parts = [f"eventType={event_type}"]
    parts.extend(_part(name, event[name], ctx) for name in _ORDER if event.get(name) is not None)
    rest = {k: v for k, v in event.items() if k not in _ORDER and k not in _EXCLUDED and k != "isA"}
    parts.extend(_extensions(rest, ctx, "event"))
    return "".join(parts)


def event_hash_id(event: Mapping[str, object], *, context: Mapping[str, str] | None = None) -> str:
    """The EPCIS event hash ID: `ni:///sha-256;<hex digest of the UTF-8 pre-hash string>?ver=CBV2.0`."""
    digest = hashlib.sha256(event_pre_hash_string(event, context=context).encode("utf-8")).hexdigest()
    return f"ni:///sha-256;{digest}?ver={CBV_VERSION}"
