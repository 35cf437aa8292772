"""capture_document: the normalised CapturedEvent (problems are in test_document_problems.py)."""

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from engines.epcis import (
    EVENT_TYPES,
    PROBLEM_RULES,
    ROLES,
    CapturedEvent,
    IdentifierRow,
    Problem,
    capture_document,
    event_hash_id,
)
from engines.epcis.tests import builders as build

EXAMPLES = Path(__file__).resolve().parents[3] / "tests" / "conformance" / "epcis" / "examples"


# --- the 9.6.1 example, field by field ------------------------------------------------------------------------------


def test_example_9_6_1_is_normalised_field_by_field() -> None:
    document = json.loads((EXAMPLES / "gs1/json/Example_9.6.1-ObjectEvent.jsonld").read_bytes())
    first, second = capture_document(document)
    assert first == CapturedEvent(
        event_id="ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0",
        hash_id="ni:///sha-256;7673fbad0a5776a30eb8a1681c88ff06d5303e18e56e67999dcb5da8eeb18e14?ver=CBV2.0",
        event_type="ObjectEvent",
        action="OBSERVE",
        event_time=datetime(2005, 4, 3, 20, 33, 31, 116000, tzinfo=timezone(timedelta(hours=-6))),
        event_time_zone_offset="-06:00",
        biz_step="shipping",
        disposition="in_transit",
        persistent_dispositions=(),
        read_point="https://id.gs1.org/414/0614141073467/254/1234",
        biz_location="",
        identifiers=(
            IdentifierRow("epc", "https://id.gs1.org/01/10614141073464/21/2017", None, ""),
            IdentifierRow("epc", "https://id.gs1.org/01/10614141073464/21/2018", None, ""),
        ),
        biz_transactions=(("po", "http://transaction.acme.com/po/12345678"),),
        sources=(),
        destinations=(),
        error_declaration=False,
        certification_info=(),
        document=document["epcisBody"]["eventList"][0],
    )
    assert second.read_point == "https://id.gs1.org/414/0012345111112/254/400"
    assert second.biz_location == "https://id.gs1.org/414/0012345111112"
    assert second.biz_transactions == (
        ("po", "http://transaction.acme.com/po/12345678"),
        ("desadv", "urn:epcglobal:cbv:bt:0614141073467:1152"),
    )
    # the document-level @context defines "example:", which the hash expands
    context = {"example": "http://ns.example.com/epcis/"}
    assert second.hash_id == event_hash_id(document["epcisBody"]["eventList"][1], context=context)


def test_constants() -> None:
    assert EVENT_TYPES == (
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    )
    assert ROLES == (
        "epc", "parent", "child", "input", "output", "epc_class", "child_class", "input_class", "output_class"
    )  # fmt: skip
    with pytest.raises(AssertionError):
        Problem("", "no_such_rule", "x")
    assert "unknown_vocabulary" in PROBLEM_RULES


def test_urn_and_digital_link_forms_give_the_same_identifier_rows() -> None:
    urn = build.event(
        epcList=["urn:epc:id:sgtin:0614141.107346.2017"],
        quantityList=[
            {"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 200, "uom": "KGM"}
        ],
        readPoint={"id": "urn:epc:id:sgln:0614141.07346.1234"},
        bizLocation={"id": "urn:epc:id:sgln:0614141.07346.0"},
        sourceList=[{"type": "owning_party", "source": "urn:epc:id:pgln:4012345.00225"}],
    )
    dl = build.event(
        epcList=["https://brand.example.cn/01/10614141073464/21/2017?linkType=all"],
        quantityList=[
            {"epcClass": "https://id.gs1.org/01/04012345123456/10/998877", "quantity": 200.0, "uom": "KGM"}
        ],
        readPoint={"id": "https://id.gs1.org/414/0614141073467/254/1234"},
        bizLocation={"id": "https://id.gs1.org/414/0614141073467"},
        sourceList=[
            {
                "type": "https://ref.gs1.org/cbv/SDT-owning_party",
                "source": "https://id.gs1.org/417/4012345002256",
            }
        ],
    )
    (a,) = capture_document(build.document(urn))
    (b,) = capture_document(build.document(dl))
    assert (
        a.identifiers
        == b.identifiers
        == (
            IdentifierRow("epc", "https://id.gs1.org/01/10614141073464/21/2017", None, ""),
            IdentifierRow("epc_class", "https://id.gs1.org/01/04012345123456/10/998877", Decimal(200), "KGM"),
        )
    )
    assert (
        (a.read_point, a.biz_location, a.sources)
        == (b.read_point, b.biz_location, b.sources)
        == (
            "https://id.gs1.org/414/0614141073467/254/1234",
            "https://id.gs1.org/414/0614141073467",
            (("owning_party", "https://id.gs1.org/417/4012345002256"),),
        )
    )
    assert a.hash_id == b.hash_id


def test_roles_of_every_event_type() -> None:
    aggregation = build.event(
        type="AggregationEvent",
        epcList=None,
        action="ADD",
        parentID="urn:epc:id:sscc:0614141.1234567890",
        childEPCs=["urn:epc:id:sgtin:0614141.107346.2017"],
        childQuantityList=[{"epcClass": "urn:epc:idpat:sgtin:4012345.098765.*", "quantity": 10}],
    )
    transformation = build.event(
        type="TransformationEvent",
        epcList=None,
        action=None,
        inputEPCList=["urn:epc:id:sgtin:4012345.011122.25"],
        inputQuantityList=[
            {"epcClass": "urn:epc:class:lgtin:4012345.011111.4444", "quantity": 10, "uom": "KGM"}
        ],
        outputEPCList=["urn:uuid:8a3b6b2e-3b1c-4f58-9d2c-000000000001"],
        outputQuantityList=[{"epcClass": "urn:epc:class:lgtin:4012345.011111.5555"}],
        bizStep="commissioning",
    )
    association = build.event(
        type="AssociationEvent",
        epcList=None,
        action="ADD",
        bizStep="assembling",
        parentID="urn:epc:id:grai:4000001.00012.147",
        childEPCs=["urn:epc:id:giai:4000001.12345"],
    )
    transaction = build.event(
        type="TransactionEvent",
        parentID="urn:epc:id:sscc:0614141.1234567890",
        bizTransactionList=[{"bizTransaction": "urn:epcglobal:cbv:bt:0614141073467:1152"}],
    )
    captured = capture_document(build.document(aggregation, transformation, association, transaction))
    assert [[(r.role, r.value, r.quantity, r.uom) for r in e.identifiers] for e in captured] == [
        [
            ("parent", "https://id.gs1.org/00/106141412345678908", None, ""),
            ("child", "https://id.gs1.org/01/10614141073464/21/2017", None, ""),
            ("child_class", "https://id.gs1.org/01/04012345987652", Decimal(10), ""),
        ],
        [
            ("input", "https://id.gs1.org/01/04012345111224/21/25", None, ""),
            ("output", "urn:uuid:8a3b6b2e-3b1c-4f58-9d2c-000000000001", None, ""),
            ("input_class", "https://id.gs1.org/01/04012345111118/10/4444", Decimal(10), "KGM"),
            ("output_class", "https://id.gs1.org/01/04012345111118/10/5555", None, ""),
        ],
        [
            ("parent", "https://id.gs1.org/8003/04000001000128147", None, ""),
            ("child", "https://id.gs1.org/8004/400000112345", None, ""),
        ],
        [
            ("parent", "https://id.gs1.org/00/106141412345678908", None, ""),
            ("epc", "https://id.gs1.org/01/10614141073464/21/2017", None, ""),
        ],
    ]
    assert [e.action for e in captured] == ["ADD", "", "ADD", "OBSERVE"]
    assert captured[3].biz_transactions == (("", "urn:epcglobal:cbv:bt:0614141073467:1152"),)


def test_cbv_values_in_any_form_become_bare_words_and_other_uris_stay() -> None:
    event = build.event(
        bizStep="https://ref.gs1.org/cbv/BizStep-receiving",
        disposition="https://example.com/disp/quarantined",
        persistentDisposition={
            "set": ["completeness_verified"],
            "unset": ["https://ref.gs1.org/cbv/Disp-in_transit"],
        },
        bizTransactionList=[{"type": "cbv:BTT-po", "bizTransaction": "http://po.example.com/1"}],
        destinationList=[{"type": "location", "destination": "https://example.com/warehouse/7"}],
        certificationInfo=["https://cert.example.org/A", "https://cert.example.org/B"],
        errorDeclaration={"declarationTime": "2026-03-02T00:00:00Z", "reason": "incorrect_data"},
    )
    (captured,) = capture_document(build.document(event))
    assert captured.biz_step == "receiving"
    assert captured.disposition == "https://example.com/disp/quarantined"
    assert captured.persistent_dispositions == ("completeness_verified", "in_transit")
    assert captured.biz_transactions == (("po", "http://po.example.com/1"),)
    assert captured.destinations == (("location", "https://example.com/warehouse/7"),)
    assert captured.certification_info == ("https://cert.example.org/A", "https://cert.example.org/B")
    assert captured.error_declaration is True


def test_missing_event_id_gets_the_hash_and_nothing_else_changes() -> None:
    event = build.event()
    document = build.document(event)
    before = copy.deepcopy(document)
    (captured,) = capture_document(document)
    assert captured.event_id == captured.hash_id == event_hash_id(event)
    assert captured.document == {**event, "eventID": captured.hash_id}
    assert document == before  # the input is not touched


def test_given_event_id_is_kept() -> None:
    (captured,) = capture_document(
        build.document(build.event(eventID="urn:uuid:6d3c0b3e-0000-4000-8000-000000000001"))
    )
    assert captured.event_id == "urn:uuid:6d3c0b3e-0000-4000-8000-000000000001"
    assert captured.hash_id.startswith("ni:///sha-256;")


def test_event_time_keeps_its_offset() -> None:
    (captured,) = capture_document(build.document(build.event(eventTime="2026-03-01T01:30:00.1234567Z")))
    assert captured.event_time == datetime(2026, 3, 1, 1, 30, 0, 123456, tzinfo=UTC)
    assert captured.event_time_zone_offset == "+08:00"


def test_timestamps_the_schema_lets_through_but_are_not_instants() -> None:
    assert build.problems(
        build.document(build.event(eventTime="2026-03-01t09:30:00Z", recordTime="2026-02-30T00:00:00Z"))
    ) == [
        (
            "/epcisBody/eventList/0/eventTime",
            "invalid_time",
            "eventTime '2026-03-01t09:30:00Z' must be written YYYY-MM-DDThh:mm:ss[.fraction] with Z or ±hh:mm",
        ),
        (
            "/epcisBody/eventList/0/recordTime",
            "schema",
            'recordTime "2026-02-30T00:00:00Z" is not an RFC 3339 '
            "date-time with an offset (e.g. 2026-07-22T06:45:00+02:00)",
        ),
    ]


def test_non_gs1_identifiers_are_kept_exactly() -> None:
    values = [
        "urn:epc:id:imovn:9176187",
        "urn:uuid:8a3b6b2e-3b1c-4f58-9d2c-000000000001",
        "https://example.com/x/1",
    ]
    (captured,) = capture_document(build.document(build.event(epcList=values)))
    assert [row.value for row in captured.identifiers] == values
