"""parse_xml_document: safe parsing, XSD validation with line numbers, and the XML → JSON-binding mapping, checked
against pairs of equivalent OpenEPCIS XML/JSON documents and the GS1 WithEventHashID documents."""

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from engines.epcis import DocumentError, capture_document, parse_json_document, parse_xml_document
from engines.epcis.xml_schema import _PackageResolver, schema

EXAMPLES = Path(__file__).resolve().parents[3] / "tests" / "conformance" / "epcis" / "examples"
OPENEPCIS = EXAMPLES / "openepcis-test-resources"
HASH_ID_DOCS = EXAMPLES / "gs1" / "xml" / "WithEventHashID"
# the hash the JSON document 7 gives too (test_event_hash.WITH_EVENT_HASH_ID, pinned for epcis-2026.1)
WITH_EVENT_HASH_ID = (
    "ni:///sha-256;4063768ccaf3fe5f18def4c7df1846e74b8464362c524a20b150786cd4e3c800?ver=CBV2.0"
)


def _xml(name: str) -> bytes:
    return (OPENEPCIS / "XML" / "Capture" / "Documents" / f"{name}.xml").read_bytes()


def _json(name: str) -> bytes:
    return (OPENEPCIS / "JSON" / "Capture" / "Documents" / f"{name}.json").read_bytes()


def _rejection(body: bytes) -> list[tuple[str, str, str]]:
    with pytest.raises(DocumentError) as caught:
        parse_xml_document(body)
    return [(p.pointer, p.rule, p.message) for p in caught.value.problems]


# --- equivalent XML and JSON documents -------------------------------------------------------------------------------

IDENTICAL_PAIRS = [
    "AggregationEvent",
    "AggregationEvent_with_digitalLink",
    "AggregationEvent_with_userExtensions",
    "ObjectEvent_with_custom_bizStep_uri",
    "ObjectEvent_with_digitalLink",
    "ObjectEvent_with_userExtensions",
    "TransformationEvent",
]
# pairs whose JSON twin writes the same values differently (times with/without ".000", CBV Web URIs as bare words,
# URN vs Digital Link, gs1:Angle vs Angle): every captured field but the document form agrees
SAME_BUT_DOCUMENT = [
    "AggregationEvent_all_possible_fields",
    "AggregationEvent_with_sensorData",
    "AssociationEvent",
    "AssociationEvent_2",
    "AssociationEvent_all_possible_fields",
    "AssociationEvent_with_sensorData",
    "AssociationEvent_with_userExtensions",
    "CurieString_document",
    "Namespaces_at_different_level",
    "ObjectEvent",
    "ObjectEvent_all_possible_fields",
    "ObjectEvent_with_error_declaration",
    "ObjectEvent_with_sensorData",
    "SensorData_and_extension",
    "TransactionEvent",
    "TransactionEvent_all_possible_fields",
    "TransactionEvent_with_sensorData",
    "TransformationEvent_all_possible_fields",
    "TransformationEvent_with_sensorData",
    "TransformationEvent_with_userExtensions",
]


@pytest.mark.parametrize("name", IDENTICAL_PAIRS)
def test_xml_and_json_twins_capture_identically(name: str) -> None:
    from_xml = capture_document(parse_xml_document(_xml(name)))
    from_json = capture_document(parse_json_document(_json(name)))
    assert from_xml == from_json
    assert len(from_xml) >= 1


@pytest.mark.parametrize("name", SAME_BUT_DOCUMENT)
def test_xml_and_json_twins_agree_on_every_captured_field(name: str) -> None:
    from_xml = capture_document(parse_xml_document(_xml(name)))
    from_json = capture_document(parse_json_document(_json(name)))
    assert [dataclasses.replace(e, document={}) for e in from_xml] == [
        dataclasses.replace(e, document={}) for e in from_json
    ]


def test_with_event_hash_id_documents_hash_like_the_json_one() -> None:
    """Documents 1 and 3-6 differ in EPC order, quantity order, namespace prefix and xsi:type; 2 in the time zone."""
    hashes = {
        i: capture_document(
            parse_xml_document((HASH_ID_DOCS / f"event_with_identical_hash_id_{i}.xml").read_bytes())
        )[0].hash_id
        for i in range(1, 7)
    }
    assert {hashes[i] for i in (1, 3, 4, 5, 6)} == {WITH_EVENT_HASH_ID}
    assert hashes[2] != WITH_EVENT_HASH_ID


# --- the mapping ---------------------------------------------------------------------------------------------------

MAPPING = b"""<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:cbvmda="urn:epcglobal:cbv:mda"
    xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:ext="https://ns.example.cn/a/"
    schemaVersion="2.0" creationDate="2026-03-01T10:00:00+08:00">
  <EPCISHeader>
    <sbdh:StandardBusinessDocumentHeader>
      <sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>
      <sbdh:Sender><sbdh:Identifier Authority="SGLN">urn:epc:id:sgln:0353579.00001.0</sbdh:Identifier></sbdh:Sender>
      <sbdh:Receiver><sbdh:Identifier Authority="SGLN">urn:epc:id:sgln:5012345.00001.0</sbdh:Identifier></sbdh:Receiver>
      <sbdh:DocumentIdentification>
        <sbdh:Standard>EPCglobal</sbdh:Standard><sbdh:TypeVersion>2.0</sbdh:TypeVersion>
        <sbdh:InstanceIdentifier>1234567890</sbdh:InstanceIdentifier><sbdh:Type>Events</sbdh:Type>
        <sbdh:CreationDateAndTime>2026-03-01T10:00:00+08:00</sbdh:CreationDateAndTime>
      </sbdh:DocumentIdentification>
    </sbdh:StandardBusinessDocumentHeader>
  </EPCISHeader>
  <EPCISBody>
    <EventList>
      <ObjectEvent xmlns:ext2="https://ns.example.cn/b/">
        <eventTime>2026-03-01T09:30:00.000+08:00</eventTime>
        <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
        <errorDeclaration>
          <declarationTime>2026-03-02T00:00:00Z</declarationTime>
          <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
          <correctiveEventIDs><correctiveEventID>urn:uuid:00000000-0000-4000-8000-000000000001</correctiveEventID></correctiveEventIDs>
        </errorDeclaration>
        <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc><epc>urn:epc:id:sgtin:0614141.107346.2018</epc></epcList>
        <action>ADD</action>
        <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
        <disposition>https://example.com/disp/quarantined</disposition>
        <readPoint><id>urn:epc:id:sgln:0614141.07346.1234</id><ext:dock>7</ext:dock></readPoint>
        <bizTransactionList>
          <bizTransaction type="urn:epcglobal:cbv:btt:po">http://po.example.com/1</bizTransaction>
          <bizTransaction>http://po.example.com/2</bizTransaction>
        </bizTransactionList>
        <quantityList>
          <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200.0</quantity><uom>KGM</uom></quantityElement>
          <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998878</epcClass><quantity>2.5</quantity></quantityElement>
        </quantityList>
        <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00225</source></sourceList>
        <sensorElementList>
          <sensorElement>
            <sensorMetadata time="2026-03-01T09:00:00Z" ext:batch="B1"/>
            <sensorReport type="gs1:Temperature" value="26.0" minValue="25.5" uom="CEL" booleanValue="true"
                          component="urn:epcglobal:cbv:comp:x" exception="gs1:ALARM_CONDITION"/>
            <ext2:probe>north</ext2:probe>
          </sensorElement>
        </sensorElementList>
        <persistentDisposition><unset>urn:epcglobal:cbv:disp:completeness_inferred</unset><set>urn:epcglobal:cbv:disp:completeness_verified</set></persistentDisposition>
        <ilmd><cbvmda:lotNumber>LOT-1</cbvmda:lotNumber><ext:grade xsi:type="xsd:string">A</ext:grade></ilmd>
        <extension><ext:future><part>1</part></ext:future></extension>
        <ext:tag>a</ext:tag>
        <ext:tag>b</ext:tag>
        <ext2:nested><ext2:inner>x</ext2:inner><plain>y</plain></ext2:nested>
      </ObjectEvent>
      <AggregationEvent xmlns:ext="https://ns.example.cn/other/">
        <eventTime>2026-03-01T10:00:00Z</eventTime>
        <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
        <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
        <childEPCs><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></childEPCs>
        <action>ADD</action>
        <bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>
        <ext:note>same prefix, other namespace</ext:note>
      </AggregationEvent>
    </EventList>
  </EPCISBody>
</epcis:EPCISDocument>
"""


def test_mapping_to_the_json_binding() -> None:
    assert parse_xml_document(MAPPING) == {
        "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {
                "ext": "https://ns.example.cn/a/",
                "ext2": "https://ns.example.cn/b/",
                "ext3": "https://ns.example.cn/other/",
            },
        ],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-03-01T10:00:00+08:00",
        "sender": "urn:epc:id:sgln:0353579.00001.0",
        "receiver": "urn:epc:id:sgln:5012345.00001.0",
        "instanceIdentifier": "1234567890",
        "epcisBody": {
            "eventList": [
                {
                    "type": "ObjectEvent",
                    "eventTime": "2026-03-01T09:30:00.000+08:00",
                    "eventTimeZoneOffset": "+08:00",
                    "errorDeclaration": {
                        "declarationTime": "2026-03-02T00:00:00Z",
                        "reason": "incorrect_data",
                        "correctiveEventIDs": ["urn:uuid:00000000-0000-4000-8000-000000000001"],
                    },
                    "epcList": [
                        "urn:epc:id:sgtin:0614141.107346.2017",
                        "urn:epc:id:sgtin:0614141.107346.2018",
                    ],
                    "action": "ADD",
                    "bizStep": "commissioning",
                    "disposition": "https://example.com/disp/quarantined",
                    "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234", "ext:dock": "7"},
                    "bizTransactionList": [
                        {"type": "po", "bizTransaction": "http://po.example.com/1"},
                        {"bizTransaction": "http://po.example.com/2"},
                    ],
                    "quantityList": [
                        {
                            "epcClass": "urn:epc:class:lgtin:4012345.012345.998877",
                            "quantity": 200,
                            "uom": "KGM",
                        },
                        {"epcClass": "urn:epc:class:lgtin:4012345.012345.998878", "quantity": 2.5},
                    ],
                    "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4012345.00225"}],
                    "sensorElementList": [
                        {
                            "sensorMetadata": {"time": "2026-03-01T09:00:00Z", "ext:batch": "B1"},
                            "sensorReport": [
                                {
                                    "type": "Temperature",
                                    "value": 26,
                                    "minValue": 25.5,
                                    "uom": "CEL",
                                    "booleanValue": True,
                                    "component": "x",
                                    "exception": "gs1:ALARM_CONDITION",
                                }
                            ],
                            "ext2:probe": "north",
                        }
                    ],
                    "persistentDisposition": {
                        "unset": ["completeness_inferred"],
                        "set": ["completeness_verified"],
                    },
                    "ilmd": {"cbvmda:lotNumber": "LOT-1", "ext:grade": "A"},
                    "ext:future": {"part": "1"},
                    "ext:tag": ["a", "b"],
                    "ext2:nested": {"ext2:inner": "x", "plain": "y"},
                },
                {
                    "type": "AggregationEvent",
                    "eventTime": "2026-03-01T10:00:00Z",
                    "eventTimeZoneOffset": "+08:00",
                    "parentID": "urn:epc:id:sscc:0614141.1234567890",
                    "childEPCs": ["urn:epc:id:sgtin:0614141.107346.2017"],
                    "action": "ADD",
                    "bizStep": "packing",
                    "ext3:note": "same prefix, other namespace",
                },
            ]
        },
    }
    first, second = capture_document(parse_xml_document(MAPPING))
    assert first.persistent_dispositions == ("completeness_verified", "completeness_inferred")
    assert second.identifiers[0].value == "https://id.gs1.org/00/106141412345678908"


def test_master_data_in_the_header() -> None:
    body = (EXAMPLES / "gs1/xml/WithFullCombinationOfFields/masterdata_all_possible_fields.xml").read_bytes()
    document = parse_xml_document(body)
    vocabularies = document["epcisHeader"]["epcisMasterData"]["vocabularyList"]
    assert [v["type"] for v in vocabularies] == [
        "urn:epcglobal:epcis:vtype:BusinessLocation",
        "urn:epcglobal:epcis:vtype:ReadPoint",
    ]
    element = vocabularies[0]["vocabularyElementList"][0]
    assert element["id"] == "urn:epc:id:sgln:0037000.00729.0"
    assert element["children"] == ["urn:epc:id:sgln:0037000.00729.8201"]
    assert element["attributes"][:3] == [
        {"id": "http://example.com/ext1#string", "attribute": "stringValue"},
        {"id": "http://example.com/ext1#array", "attribute": "string1InArray"},
        {"id": "http://example.com/ext1#array", "attribute": "string2InArray"},
    ]
    assert capture_document(document) == ()


# --- rejections ----------------------------------------------------------------------------------------------------


def test_xsd_violation_names_the_line_and_the_event() -> None:
    body = (OPENEPCIS / "XML/Capture/Invalid/ObjectEvent_with_invalid_action.xml").read_bytes()
    assert _rejection(body) == [
        (
            "/epcisBody/eventList/0",
            "xsd",
            "line 12: Element 'action': [facet 'enumeration'] The value 'CREATE' is not an element of the set "
            "{'ADD', 'OBSERVE', 'DELETE'}.",
        )
    ]


def test_malformed_xml_names_the_line() -> None:
    assert _rejection(
        b"<epcis:EPCISDocument xmlns:epcis='urn:epcglobal:epcis:xsd:2'>\n<EPCISBody></Body>"
    ) == [
        ("", "malformed_xml", "line 2, column 19: Opening and ending tag mismatch: EPCISBody line 2 and Body")
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-03-01T10:00:00Z">
<EPCISBody><EventList><ObjectEvent><eventTime>2026-03-01T10:00:00Z</eventTime>
<eventTimeZoneOffset>+08:00</eventTimeZoneOffset><epcList><epc>&lol9;</epc></epcList><action>OBSERVE</action>
</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>
"""


@pytest.mark.parametrize(
    "body",
    [
        BILLION_LAUGHS,
        BILLION_LAUGHS.replace(b'<!ENTITY lol "lol">', b'<!ENTITY lol SYSTEM "file:///etc/passwd">'),
        BILLION_LAUGHS.split(b"<!ENTITY lol1")[0].replace(
            b'<!ENTITY lol "lol">', b'<!ENTITY % x SYSTEM "http://a.example/x.dtd"> %x;'
        )
        + b"]>"
        + BILLION_LAUGHS.split(b"]>")[1].replace(b"&lol9;", b"urn:epc:id:sgtin:0614141.107346.2017"),
    ],
)
def test_entity_declarations_are_rejected(body: bytes) -> None:
    assert _rejection(body) == [
        (
            "",
            "malformed_xml",
            "the DOCTYPE declares entities (<!ENTITY …>), which EPCIS documents may not use",
        )
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("openepcis-test-resources/XML/Query/queryDocument.xml", "an EPCISQueryDocument is a query result; capture accepts an EPCISDocument"),
        ("openepcis-test-resources/XML/Capture/Events/ObjectEvent.xml", "a bare ObjectEvent; XML capture accepts an EPCISDocument"),
        ("gs1/xml/CaptureJob/Example-CaptureJobSuccess.xml", "an EPCISCaptureJob is a capture job status; capture accepts an EPCISDocument"),
    ],
)  # fmt: skip
def test_other_documents_are_not_documents(path: str, message: str) -> None:
    assert _rejection((EXAMPLES / path).read_bytes()) == [("", "not_a_document", message)]


def test_xsd_imports_resolve_from_the_package_only() -> None:
    assert isinstance(schema(), etree.XMLSchema)
    with pytest.raises(etree.XMLSchemaParseError):
        _PackageResolver().resolve("https://attacker.example/evil.xsd", None, None)
    with pytest.raises(etree.XMLSchemaParseError):
        _PackageResolver().resolve("file:///etc/passwd", None, None)
