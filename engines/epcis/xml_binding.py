"""The EPCIS 2.0 XML binding → the JSON binding's dict, so XML and JSON captures share one path.

    parse_xml_document(body) → {"@context": […], "type": "EPCISDocument", "schemaVersion": …, "epcisBody": {…}}

Then `capture_document(parse_xml_document(body))` gives the same events as the equivalent JSON document. The mapping
follows the GS1 and OpenEPCIS pairs of equivalent XML and JSON examples:

* CBV URNs (`urn:epcglobal:cbv:bizstep:shipping`) become bare words (`shipping`) for bizStep, disposition,
  persistentDisposition, business transaction, source/destination types, error reason and sensor component;
  other URIs and `cbv:` CURIEs stay as written. A sensorReport `type` of `gs1:Temperature` becomes `Temperature`.
* Lists (`epcList/epc`, `quantityList/quantityElement`, `bizTransactionList`, …) become JSON arrays; quantities and
  sensor values numbers (integral values as integers), `booleanValue` a boolean; readPoint/bizLocation `{"id": …}`.
* Extension elements (namespaced; also the children of `extension`/`baseExtension` wrappers) become `prefix:name`
  keys, repeated elements an array, nested elements an object, leaves their trimmed text (`xsi:type` is ignored).
  Their namespaces go into the document's @context under the XML prefix; the standard ones (cbvmda, gs1, cbv,
  epcis, …) are written with their standard prefix and need no entry. A prefix bound to two namespaces is renamed.
* The SBDH sender, receiver and instance identifier become `sender`, `receiver`, `instanceIdentifier`; master data
  in the header becomes `epcisHeader.epcisMasterData.vocabularyList`.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from engines.epcis.capture_model import DocumentError, Problem
from engines.epcis.json_schema import measurement_types
from engines.epcis.vocabulary import KINDS, cbv_codes
from engines.epcis.xml_schema import parse, xsd_problems

EPCIS_NS = "urn:epcglobal:epcis:xsd:2"
SBDH_NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CONTEXT_URL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# namespaces of the standard EPCIS 2.0 JSON-LD context (XML writes cbvmda without the trailing colon)
STANDARD_PREFIXES = {
    "https://ref.gs1.org/epcis/": "epcis",
    "https://ref.gs1.org/cbv/": "cbv",
    "urn:epcglobal:cbv:mda": "cbvmda",
    "urn:epcglobal:cbv:mda:": "cbvmda",
    "https://gs1.org/voc/": "gs1",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/2002/07/owl#": "owl",
    "http://www.w3.org/2001/XMLSchema#": "xsd",
    "http://purl.org/dc/terms/": "dcterms",
}
_RESERVED = frozenset(STANDARD_PREFIXES.values()) | {"urn", "http", "https"}
EVENT_ELEMENTS = (
    "ObjectEvent",
    "AggregationEvent",
    "TransactionEvent",
    "TransformationEvent",
    "AssociationEvent",
)

_TEXT = frozenset(
    {"eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "certificationInfo", "parentID", "action",
     "transformationID"}
)  # fmt: skip
_EPC_LISTS = frozenset({"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
_QUANTITY_LISTS = frozenset({"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"})
_WRAPPERS = frozenset({"extension", "baseExtension"})
_REPORT_NUMBERS = frozenset({"value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"})
_NOT_DOCUMENTS = {
    "EPCISQueryDocument": "an EPCISQueryDocument is a query result; capture accepts an EPCISDocument",
    "EPCISMasterDataDocument": "an EPCISMasterDataDocument carries master data only; capture accepts an EPCISDocument",
    "EPCISCaptureJob": "an EPCISCaptureJob is a capture job status; capture accepts an EPCISDocument",
}


def _local(element: etree._Element) -> str:
    """The local name of an element ("{ns}name" → "name")."""
    tag = str(element.tag)
    return tag[tag.index("}") + 1 :] if tag.startswith("{") else tag


def _qualified(element: etree._Element) -> bool:
    """Whether an element is in a namespace (extensions are; EPCIS's own event fields are not)."""
    return str(element.tag).startswith("{")


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _number(text: str) -> int | float | str:
    """An xsd:decimal/double as a JSON number (integral values as int); text that is not finite stays text."""
    try:
        number = float(text)
    except ValueError:
        return text
    if number != number or number in (float("inf"), float("-inf")):
        return text
    return int(number) if number.is_integer() and "e" not in text.lower() else number


def _cbv(kind: str, value: str) -> str:
    """A CBV URN as its bare word; anything else as written."""
    urn = f"urn:epcglobal:cbv:{KINDS[kind][0]}:"
    if value.startswith(urn) and value[len(urn) :] in cbv_codes(kind):
        return value[len(urn) :]
    return value


def _measurement(value: str) -> str:
    for prefix in ("gs1:", "https://gs1.org/voc/", "http://gs1.org/voc/"):
        if value.startswith(prefix) and value[len(prefix) :] in measurement_types():
            return value[len(prefix) :]
    return value


def _alert(value: str) -> str:
    for prefix in ("https://gs1.org/voc/SensorAlertType-", "gs1:SensorAlertType-"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


class _Converter:
    """Walks one XML EPCISDocument; collects the namespaces its extension names use."""

    def __init__(self) -> None:
        self.context: dict[str, str] = {}  # prefix → namespace, for the document's @context
        self.prefixes: dict[str, str] = {}  # namespace → prefix in use

    def key(self, qualified: str, hint: str | None) -> str:
        """`prefix:local` for a namespaced XML name ({ns}local), the bare local name otherwise."""
        name = etree.QName(qualified)
        if name.namespace is None:
            return name.localname
        return f"{self._prefix(name.namespace, hint)}:{name.localname}"

    def _prefix(self, namespace: str, hint: str | None) -> str:
        if namespace in STANDARD_PREFIXES:
            return STANDARD_PREFIXES[namespace]
        known = self.prefixes.get(namespace)
        if known is not None:
            return known
        base = hint if hint and hint not in _RESERVED else "ns"
        prefix, n = base, 1
        while prefix in self.context or prefix in _RESERVED:
            n += 1
            prefix = f"{base}{n}"
        self.context[prefix] = namespace
        self.prefixes[namespace] = prefix
        return prefix

    # --- extensions -------------------------------------------------------------------------------------------

    def attributes(self, element: etree._Element, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in element.attrib.items():
            qualified = etree.QName(name)
            if qualified.namespace == XSI_NS or (qualified.namespace is None and qualified.localname in skip):
                continue
            hint = _prefix_of(element, qualified.namespace)
            out[self.key(str(name), hint)] = value
        return out

    def extension_value(self, element: etree._Element, skip: frozenset[str] = frozenset()) -> Any:
        children = [c for c in element if isinstance(c.tag, str)]
        attributes = self.attributes(element, skip)
        if not children:
            text = _text(element)
            if not attributes:
                return text
            return {**attributes, "#text": text} if text else attributes
        value: dict[str, Any] = dict(attributes)
        self.add_extensions(value, children)
        return value

    def add_extensions(self, target: dict[str, Any], elements: list[etree._Element]) -> None:
        for element in elements:
            if not isinstance(element.tag, str):
                continue
            if not _qualified(element) and _local(element) in _WRAPPERS:
                self.add_extensions(target, list(element))  # EPCIS 1.x-style <extension> wrapper
                continue
            key = self.key(element.tag, element.prefix)
            value = self.extension_value(element)
            if key in target:
                existing = target[key]
                target[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
            else:
                target[key] = value

    # --- standard fields --------------------------------------------------------------------------------------

    def event(self, element: etree._Element) -> dict[str, Any]:
        event: dict[str, Any] = {"type": _local(element)}
        extensions: list[etree._Element] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = _local(child)
            if _qualified(child) or name in _WRAPPERS:
                extensions.append(child)
            elif name in _TEXT:
                event[name] = _text(child)
            elif name in ("bizStep", "disposition"):
                event[name] = _cbv("bizstep" if name == "bizStep" else "disposition", _text(child))
            elif name in _EPC_LISTS:
                event[name] = [_text(epc) for epc in child if isinstance(epc.tag, str)]
            elif name in _QUANTITY_LISTS:
                event[name] = [_quantity(q) for q in child if isinstance(q.tag, str)]
            elif name in ("readPoint", "bizLocation"):
                event[name] = self.location(child)
            elif name == "bizTransactionList":
                event[name] = [_typed(t, "bizTransaction", "btt") for t in child if isinstance(t.tag, str)]
            elif name in ("sourceList", "destinationList"):
                event[name] = [_typed(t, _local(t), "sdt") for t in child if isinstance(t.tag, str)]
            elif name == "sensorElementList":
                event[name] = [self.sensor_element(s) for s in child if _local(s) == "sensorElement"]
            elif name == "persistentDisposition":
                event[name] = _persistent(child)
            elif name == "errorDeclaration":
                event[name] = self.error_declaration(child)
            elif name == "ilmd":
                ilmd: dict[str, Any] = {}
                self.add_extensions(ilmd, list(child))
                event[name] = ilmd
            else:  # pragma: no cover - the XSD allows no other unqualified element here
                event[name] = self.extension_value(child)
        self.add_extensions(event, extensions)
        return event

    def location(self, element: etree._Element) -> dict[str, Any]:
        location: dict[str, Any] = {"id": _text(element.find("id"))}
        self.add_extensions(location, [c for c in element if isinstance(c.tag, str) and _local(c) != "id"])
        return location

    def sensor_element(self, element: etree._Element) -> dict[str, Any]:
        out: dict[str, Any] = {}
        reports = []
        extensions = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = _local(child)
            if name == "sensorMetadata" and not _qualified(child):
                out["sensorMetadata"] = self.attributes(child)
            elif name == "sensorReport" and not _qualified(child):
                reports.append(self.sensor_report(child))
            else:
                extensions.append(child)
        out["sensorReport"] = reports
        self.add_extensions(out, extensions)
        return out

    def sensor_report(self, element: etree._Element) -> dict[str, Any]:
        report = self.attributes(element)
        for name, value in list(report.items()):
            if name in _REPORT_NUMBERS:
                report[name] = _number(value)
            elif name == "booleanValue":
                report[name] = value.strip() in ("true", "1")
            elif name == "type":
                report[name] = _measurement(value)
            elif name == "exception":
                report[name] = _alert(value)
            elif name == "component":
                report[name] = _cbv("comp", value)
        return report

    def error_declaration(self, element: etree._Element) -> dict[str, Any]:
        out: dict[str, Any] = {}
        extensions = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = _local(child)
            if _qualified(child) or name in _WRAPPERS:
                extensions.append(child)
            elif name == "declarationTime":
                out[name] = _text(child)
            elif name == "reason":
                out[name] = _cbv("er", _text(child))
            elif name == "correctiveEventIDs":
                out[name] = [_text(c) for c in child if isinstance(c.tag, str)]
        self.add_extensions(out, extensions)
        return out

    def master_data(self, element: etree._Element) -> dict[str, Any]:
        vocabularies = []
        for vocabulary in element.iterfind("VocabularyList/Vocabulary"):
            elements = []
            for item in vocabulary.iterfind("VocabularyElementList/VocabularyElement"):
                entry: dict[str, Any] = {"id": item.get("id", "")}
                attributes = [
                    {"id": a.get("id", ""), "attribute": self.extension_value(a, frozenset({"id"}))}
                    for a in item.iterfind("attribute")
                ]
                if attributes:
                    entry["attributes"] = attributes
                children = item.find("children")
                if children is not None:
                    entry["children"] = [_text(c) for c in children.iterfind("id")]
                elements.append(entry)
            vocabularies.append({"type": vocabulary.get("type", ""), "vocabularyElementList": elements})
        return {"vocabularyList": vocabularies}


def _prefix_of(element: etree._Element, namespace: str | None) -> str | None:
    if namespace is None:
        return None
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix:
            return str(prefix)
    return None


def _quantity(element: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {"epcClass": _text(element.find("epcClass"))}
    quantity = element.find("quantity")
    if quantity is not None and _text(quantity):
        out["quantity"] = _number(_text(quantity))
    uom = element.find("uom")
    if uom is not None:
        out["uom"] = _text(uom)
    return out


def _typed(element: etree._Element, name: str, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if element.get("type") is not None:
        out["type"] = _cbv(kind, element.get("type", "").strip())
    out[name] = _text(element)
    return out


def _persistent(element: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in element:
        if isinstance(child.tag, str) and _local(child) in ("set", "unset"):
            out.setdefault(_local(child), []).append(_cbv("disposition", _text(child)))
    return out


def _sbdh(header: etree._Element, document: dict[str, Any]) -> None:
    ns = {"sbdh": SBDH_NS}
    for field, path in (
        ("sender", "sbdh:StandardBusinessDocumentHeader/sbdh:Sender/sbdh:Identifier"),
        ("receiver", "sbdh:StandardBusinessDocumentHeader/sbdh:Receiver/sbdh:Identifier"),
        (
            "instanceIdentifier",
            "sbdh:StandardBusinessDocumentHeader/sbdh:DocumentIdentification/sbdh:InstanceIdentifier",
        ),
    ):
        found = header.find(path, ns)
        if found is not None and _text(found):
            document[field] = _text(found)


def parse_xml_document(body: bytes) -> dict[str, Any]:
    """An XML EPCISDocument, XSD-validated, as the JSON binding's dict; DocumentError ("malformed_xml",
    "not_a_document", "xsd") otherwise. Pass the result to `capture_document`."""
    tree = parse(body)
    root = tree.getroot()
    name = etree.QName(root)
    if name.namespace != EPCIS_NS or name.localname != "EPCISDocument":
        local = name.localname
        message = _NOT_DOCUMENTS.get(local) or (
            f"a bare {local}; XML capture accepts an EPCISDocument"
            if local in EVENT_ELEMENTS
            else f"the root element is {local}, not an EPCIS 2.0 EPCISDocument ({{{EPCIS_NS}}})"
        )
        raise DocumentError([Problem("", "not_a_document", message)])
    events = [e for e in root.iterfind("EPCISBody/EventList/*") if isinstance(e.tag, str)]
    problems = xsd_problems(tree, [e.sourceline or 0 for e in events])
    if problems:
        raise DocumentError(problems)
    converter = _Converter()
    document: dict[str, Any] = {"@context": [CONTEXT_URL], "type": "EPCISDocument"}
    document["schemaVersion"] = root.get("schemaVersion", "")
    document["creationDate"] = root.get("creationDate", "")
    header = root.find("EPCISHeader")
    if header is not None:
        _sbdh(header, document)
        master = header.find("extension/EPCISMasterData")
        if master is not None:
            document["epcisHeader"] = {"epcisMasterData": converter.master_data(master)}
    event_list = []
    for element in events:
        if _local(element) == "extension":  # user-defined event types: their own namespaced elements
            for custom in element:
                if isinstance(custom.tag, str):
                    converted = converter.event(custom)
                    converted["type"] = converter.key(custom.tag, custom.prefix)
                    event_list.append(converted)
        else:
            event_list.append(converter.event(element))
    document["epcisBody"] = {"eventList": event_list}
    if converter.context:
        document["@context"].append(dict(converter.context))
    return document
