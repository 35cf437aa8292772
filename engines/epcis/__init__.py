"""EPCIS 2.0 traceability core (追溯): GS1 identifiers, the CBV vocabulary and the EPCIS event hash ID.

    canonical_id(value)               → the canonical GS1 Digital Link of an EPC URN or Digital Link
    epc_to_digital_link / digital_link_to_epc  → conversions both ways (the latter needs the company prefix length)
    gs1_check_digit, gtin_normalise, gln_check, sscc_check
    cbv_normalise(kind, value)        → the bare CBV word of a bare word, CBV URN or GS1 Web URI; cbv_label_zh
    event_hash_id(event)              → "ni:///sha-256;…?ver=CBV2.0"; event_pre_hash_string(event) for debugging
    parse_json_document(body) / parse_xml_document(body) → an EPCISDocument in the JSON binding's form
    capture_document(document)        → tuple[CapturedEvent, …] (all validated and normalised) or DocumentError
    capture_event(event)              → CapturedEvent of a bare event
    render_event(event, epc_format=…) → identifiers as Digital Links or EPC URNs (GS1-EPC-Format)

Pure Python: no Django, no I/O beyond this package's data, no clock. See docs/engines/epcis.md.
"""

from engines.epcis.document import (
    EVENT_TYPES,
    ROLES,
    CapturedEvent,
    DocumentError,
    IdentifierRow,
    Problem,
    capture_document,
    capture_event,
    parse_json_document,
)
from engines.epcis.errors import PROBLEM_RULES, InputError
from engines.epcis.event_hash import CBV_VERSION, event_hash_id, event_pre_hash_string, normalise_time
from engines.epcis.identifiers import (
    DL_BASE,
    ENGINE_VERSION,
    Gs1Identifier,
    PrefixLookup,
    canonical_id,
    digital_link_parse,
    digital_link_to_epc,
    epc_parse,
    epc_to_digital_link,
    gln_check,
    gs1_check_digit,
    gtin_normalise,
    sscc_check,
)
from engines.epcis.render import EPC_FORMATS, render_event
from engines.epcis.vocabulary import (
    BIZSTEP_ZH,
    DISPOSITION_ZH,
    cbv_codes,
    cbv_label_zh,
    cbv_normalise,
    cbv_urn,
    cbv_web_uri,
)
from engines.epcis.xml_binding import parse_xml_document

__all__ = [
    "BIZSTEP_ZH",
    "CBV_VERSION",
    "DISPOSITION_ZH",
    "DL_BASE",
    "ENGINE_VERSION",
    "EPC_FORMATS",
    "EVENT_TYPES",
    "PROBLEM_RULES",
    "ROLES",
    "CapturedEvent",
    "DocumentError",
    "Gs1Identifier",
    "IdentifierRow",
    "InputError",
    "PrefixLookup",
    "Problem",
    "canonical_id",
    "capture_document",
    "capture_event",
    "cbv_codes",
    "cbv_label_zh",
    "cbv_normalise",
    "cbv_urn",
    "cbv_web_uri",
    "digital_link_parse",
    "digital_link_to_epc",
    "epc_parse",
    "epc_to_digital_link",
    "event_hash_id",
    "event_pre_hash_string",
    "gln_check",
    "gs1_check_digit",
    "gtin_normalise",
    "normalise_time",
    "parse_json_document",
    "parse_xml_document",
    "render_event",
    "sscc_check",
]
