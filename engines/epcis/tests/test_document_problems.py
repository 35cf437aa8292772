"""capture_document / capture_event / parse_json_document: each problem's pointer, rule and message."""

import pickle
from typing import Any

import pytest

from engines.epcis import DocumentError, capture_document, capture_event, parse_json_document
from engines.epcis.tests import builders as build

# --- problems ------------------------------------------------------------------------------------------------------


def test_bad_gtin_check_digit_points_at_the_value() -> None:
    event = build.event(
        epcList=["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073465/21/2018"]
    )
    assert build.problems(build.document(event)) == [
        (
            "/epcisBody/eventList/0/epcList/1",
            "bad_check_digit",
            "epcList 'https://id.gs1.org/01/10614141073465/21/2018': the GTIN check digit is 5, expected 4",
        )
    ]


def test_unknown_bare_biz_step_is_unknown_vocabulary() -> None:
    assert build.problems(build.document(build.event(), build.event(bizStep="shipingg"))) == [
        (
            "/epcisBody/eventList/1/bizStep",
            "unknown_vocabulary",
            "bizStep 'shipingg' is not a CBV 2.0 business step (did you mean 'shipping'?); use a CBV word or a URI",
        )
    ]


def test_cbv_web_uri_with_an_unknown_word_is_unknown_vocabulary() -> None:
    assert build.problems(build.document(build.event(disposition="https://ref.gs1.org/cbv/Disp-lost"))) == [
        (
            "/epcisBody/eventList/0/disposition",
            "unknown_vocabulary",
            "disposition 'https://ref.gs1.org/cbv/Disp-lost' names 'lost', which is not a CBV 2.0 disposition",
        )
    ]


def test_cbv_urn_in_json_is_a_schema_problem_naming_the_bare_word() -> None:
    assert build.problems(build.document(build.event(bizStep="urn:epcglobal:cbv:bizstep:shipping"))) == [
        (
            "/epcisBody/eventList/0/bizStep",
            "schema",
            "bizStep 'urn:epcglobal:cbv:bizstep:shipping' is a CBV URN, which the JSON binding does not allow; "
            "write the bare word 'shipping' or the GS1 Web URI",
        )
    ]


def test_malformed_epc_urn_is_an_identifier_problem() -> None:
    assert build.problems(build.document(build.event(readPoint={"id": "urn:epc:id:sgln:0614141.07346"}))) == [
        (
            "/epcisBody/eventList/0/readPoint/id",
            "identifier",
            "readPoint.id 'urn:epc:id:sgln:0614141.07346' is not a valid GS1 key: urn:epc:id:sgln needs 3 "
            "dot-separated parts",
        )
    ]


def test_all_problems_come_back_in_document_order_and_nothing_is_captured() -> None:
    document = build.document(
        build.event(action="CREATE"),
        build.event(),
        build.event(epcList=["https://id.gs1.org/01/10614141073465"], eventTime="2016-12-31T23:59:60Z"),
        build.event(type="https://example.com/MyEvent"),
    )
    document["example:note"] = "x"
    document["_comment"] = "y"
    assert build.problems(document) == [
        ("/epcisBody/eventList/0/action", "schema", 'action "CREATE" must be one of OBSERVE, ADD, DELETE'),
        (
            "/epcisBody/eventList/2/eventTime",
            "invalid_time",
            "eventTime '2016-12-31T23:59:60Z' is not a real instant",
        ),
        (
            "/epcisBody/eventList/2/epcList/0",
            "bad_check_digit",
            "epcList 'https://id.gs1.org/01/10614141073465': the GTIN check digit is 5, expected 4",
        ),
        (
            "/epcisBody/eventList/3/type",
            "unknown_event_type",
            "event type 'https://example.com/MyEvent' is not one of ObjectEvent, AggregationEvent, TransactionEvent, "
            "TransformationEvent, AssociationEvent; user-defined event types are not captured",
        ),
        (
            "/_comment",
            "schema",
            "'_comment' is not a standard EPCIS field here; extension fields must be URIs or CURIEs with a namespace "
            "prefix defined in @context (e.g. 'example:myField')",
        ),
    ]


def test_document_error_survives_pickling() -> None:
    with pytest.raises(DocumentError) as caught:
        capture_document(build.document(build.event(bizStep="nope")))
    copied = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 -- our own bytes, just written
    assert copied.problems == caught.value.problems
    assert str(copied) == str(caught.value)


def test_problems_are_capped_at_100() -> None:
    events = [build.event(bizStep="nope") for _ in range(150)]
    with pytest.raises(DocumentError) as caught:
        capture_document(build.document(*events))
    assert len(caught.value.problems) == 100
    assert caught.value.problems[-1].pointer == "/epcisBody/eventList/99/bizStep"
    assert caught.value.rules == ("unknown_vocabulary",)


def test_too_many_events() -> None:
    with pytest.raises(DocumentError) as caught:
        capture_document(build.document(build.event(), build.event(), build.event()), max_events=2)
    assert [(p.pointer, p.rule, p.message) for p in caught.value.problems] == [
        (
            "/epcisBody/eventList",
            "too_many_events",
            "the eventList has 3 events; at most 2 are accepted in one capture",
        )
    ]
    assert len(capture_document(build.document(build.event(), build.event()), max_events=2)) == 2


@pytest.mark.parametrize(
    ("document", "pointer", "message"),
    [
        (
            {"type": "EPCISQueryDocument"},
            "/type",
            "an EPCISQueryDocument is a query result; capture accepts an EPCISDocument",
        ),
        (
            build.event(),
            "/type",
            "this is a bare ObjectEvent; capture it as one event (POST /events) or wrap it in an EPCISDocument",
        ),
        (
            {"queryName": "SimpleEventQuery"},
            "",
            'the document has no \'type\'; a capture document is {"type": "EPCISDocument", …}',
        ),
    ],
)
def test_not_a_document(document: dict[str, Any], pointer: str, message: str) -> None:
    assert build.problems(document) == [(pointer, "not_a_document", message)]


def test_empty_event_list_captures_nothing() -> None:
    assert capture_document(build.document()) == ()


# --- bare events ---------------------------------------------------------------------------------------------------


def test_capture_event_pointers_are_relative_to_the_event() -> None:
    event = {"@context": [build.CONTEXT], **build.event(bizStep="transforming")}
    with pytest.raises(DocumentError) as caught:
        capture_event(event)
    assert [(p.pointer, p.rule) for p in caught.value.problems] == [("/bizStep", "unknown_vocabulary")]
    captured = capture_event({"@context": [build.CONTEXT], **build.event()})
    assert captured.biz_step == "shipping"


def test_capture_event_needs_its_context_and_an_event_type() -> None:
    with pytest.raises(DocumentError) as caught:
        capture_event(build.event())
    assert [(p.pointer, p.rule, p.message) for p in caught.value.problems] == [
        ("", "schema", "'@context' is required in the document")
    ]
    with pytest.raises(DocumentError) as caught:
        capture_event(build.document())
    assert [(p.pointer, p.rule) for p in caught.value.problems] == [("/type", "not_an_event")]


# --- parse_json_document ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"type": "EPCISDocument",\n "x": }', "not valid JSON at line 2, column 7: Expecting value"),
        (b"[1, 2]", "the body is a JSON list, not an object"),
        (b'{"a": "\xff"}', "the body is not UTF-8 text (byte 7, line 1)"),
        (b'{"a": NaN}', "not valid JSON: NaN is not a JSON number"),
        (b"[" * 100_000, "not valid JSON: nested too deeply"),
    ],
)
def test_malformed_json(body: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_json_document(body)
    assert [(p.pointer, p.rule, p.message) for p in caught.value.problems] == [
        ("", "malformed_json", message)
    ]


def test_parse_json_document_accepts_a_bom() -> None:
    assert parse_json_document(b'\xef\xbb\xbf{"type": "EPCISDocument"}') == {"type": "EPCISDocument"}
