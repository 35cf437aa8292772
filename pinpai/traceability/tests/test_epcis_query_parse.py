"""The EPCIS query parameter parser: normalisation (one fingerprint per meaning) and QueryParameterException."""

import pytest
from django.utils import translation

from pinpai.traceability.exceptions import EpcisQueryParameterError
from pinpai.traceability.selectors.event_query import event_query_parse
from pinpai.traceability.selectors.event_query_values import (
    identifier_normalise,
    query_values_from_json,
    query_values_from_querystring,
)
from pinpai.traceability.selectors.paging import per_page_parse

SGTIN_URN = "urn:epc:id:sgtin:0614141.712345.2017"
SGTIN_DL = "https://id.gs1.org/01/70614141123451/21/2017"


def parse(**params):
    return event_query_parse(query_values_from_querystring((k, [v]) for k, v in params.items()))


def test_urn_and_digital_link_are_one_query():
    by_urn = parse(MATCH_epc=SGTIN_URN)
    by_dl = parse(MATCH_epc="https://example.com/gs1/01/70614141123451/21/2017?linkType=all")
    assert by_urn.normalised == by_dl.normalised == (("MATCH_epc", (SGTIN_DL,)),)
    assert by_urn.fingerprint == by_dl.fingerprint


def test_cbv_values_in_any_form_are_one_query():
    forms = ["shipping", "urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping"]
    assert {parse(EQ_bizStep=f).normalised for f in forms} == {(("EQ_bizStep", ("shipping",)),)}


def test_pipe_separates_alternatives_and_repeats_add_up():
    values = query_values_from_querystring([("EQ_bizStep", ["shipping|receiving", "packing"])])
    assert values == {"EQ_bizStep": ["shipping", "receiving", "packing"]}
    assert event_query_parse(values).normalised == (("EQ_bizStep", ("packing", "receiving", "shipping")),)


def test_an_epc_pattern_matches_the_whole_class():
    assert identifier_normalise("MATCH_epc", "urn:epc:idpat:sgtin:0614141.712345.*") == (
        "https://id.gs1.org/01/70614141123451",
        True,
    )
    assert parse(MATCH_epc="urn:epc:idpat:sgtin:0614141.712345.*").normalised == (
        ("MATCH_epc", ("https://id.gs1.org/01/70614141123451/*",)),
    )


def test_other_uris_are_kept_as_given():
    assert identifier_normalise("MATCH_epc", "urn:uuid:4c0de3c2-7e2c-4a36-8a2a-1b3f26f1b5a0") == (
        "urn:uuid:4c0de3c2-7e2c-4a36-8a2a-1b3f26f1b5a0",
        False,
    )


def test_times_need_a_zone_and_an_unencoded_plus_is_repaired():
    query = parse(GE_eventTime="2025-03-01T08:00:00 08:00", LT_eventTime="2025-03-02T00:00:00Z")
    assert query.normalised == (
        ("GE_eventTime", ("2025-03-01T08:00:00+08:00",)),
        ("LT_eventTime", ("2025-03-02T00:00:00+00:00",)),
    )


def test_order_defaults():
    assert (parse().order_field, parse().descending) == ("record_time", False)
    assert parse(MATCH_epc=SGTIN_URN).order_field == "record_time"
    # an EQ_ on a column indexed with eventTime: its index serves the order, unless recordTime is bounded
    assert (parse(EQ_bizStep="shipping").order_field, parse(EQ_bizStep="shipping").descending) == (
        "event_time",
        False,
    )
    assert parse(EQ_bizLocation=SGTIN_DL).order_field == "event_time"
    assert parse(EQ_bizStep="shipping", GE_recordTime="2025-01-01T00:00:00Z").order_field == "record_time"
    by_event_time = parse(orderBy="eventTime")
    assert (by_event_time.order_field, by_event_time.descending) == ("event_time", True)
    ascending = parse(orderBy="eventTime", orderDirection="ASC")
    assert ascending.descending is False


def test_a_named_query_body_parses_like_the_query_string():
    body = {
        "eventType": ["ObjectEvent"],
        "EQ_bizStep": ["shipping", "receiving"],
        "EXISTS_errorDeclaration": None,
    }
    from_json = event_query_parse(query_values_from_json(body))
    from_string = parse(eventType="ObjectEvent", EQ_bizStep="receiving|shipping", EXISTS_errorDeclaration="")
    assert from_json.fingerprint == from_string.fingerprint


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"EQ_bizstep": "shipping"}, "EQ_bizstep", "unknown query parameter"),
        ({"perpage": "3"}, "perpage", "unknown query parameter"),
        ({"EQ_deviceID": "urn:x:1"}, "EQ_deviceID", "this repository does not support this query parameter"),
        ({"EQ_bizTransaction_po": "urn:x:1"}, "EQ_bizTransaction_po", "this repository does not support this query parameter"),
        ({"GE_eventTime": "yesterday"}, "GE_eventTime", "'yesterday' is not an ISO 8601 date and time"),
        ({"GE_eventTime": "2025-03-01T08:00:00"}, "GE_eventTime",
         "'2025-03-01T08:00:00' has no time zone (add Z or an offset such as +08:00)"),
        ({"EQ_action": "ADDED"}, "EQ_action", "'ADDED' is not one of ADD, OBSERVE, DELETE"),
        ({"eventType": "QuantityEvent"}, "eventType",
         "'QuantityEvent' is not one of ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent"),
        ({"EQ_bizStep": "shiping"}, "EQ_bizStep", "'shiping' is not a CBV 2.0 value: 'shiping' is not a CBV 2.0 bizstep value"),
        ({"MATCH_epc": "https://id.gs1.org/01/70614141123452/21/2017"}, "MATCH_epc",
         "'https://id.gs1.org/01/70614141123452/21/2017' is not a valid identifier: the GTIN check digit is 2, expected 1"),
        ({"MATCH_epc": "urn:epc:id:sgtin:0614141.712345"}, "MATCH_epc",
         "'urn:epc:id:sgtin:0614141.712345' is not a valid identifier: urn:epc:id:sgtin needs 3 dot-separated parts"),
        ({"MATCH_epc": "0614141712345"}, "MATCH_epc",
         "'0614141712345' is not a valid identifier: not an EPC URN or GS1 Digital Link URI"),
        ({"EQ_bizLocation": ""}, "EQ_bizLocation", "needs a value"),
        ({"orderBy": "bizStep"}, "orderBy", "this repository orders by eventTime or recordTime, not 'bizStep'"),
        ({"eventCountLimit": "3"}, "eventCountLimit", "needs orderBy"),
        ({"orderBy": "eventTime", "eventCountLimit": "0"}, "eventCountLimit", "'0' is not a positive whole number"),
        ({"GT_quantity": "a lot"}, "GT_quantity", "'a lot' is not a number"),
    ],
)  # fmt: skip
def test_bad_parameters_are_query_parameter_exceptions(params, parameter, message):
    with translation.override("en"), pytest.raises(EpcisQueryParameterError) as raised:
        parse(**params)
    assert raised.value.exception == "QueryParameterException"
    assert raised.value.status == 400
    assert raised.value.problems == [{"parameter": parameter, "message": message}]
    assert raised.value.detail == f"Query parameter {parameter}: {message}"


@pytest.mark.parametrize(("raw", "expected"), [(None, 30), ("1", 1), ("1000", 1000), ("5000", 1000)])
def test_per_page_defaults_and_is_capped(raw, expected):
    assert per_page_parse(raw) == expected


@pytest.mark.parametrize("raw", ["0", "-1", "ten", "2.5", ""])
def test_per_page_must_be_a_positive_whole_number(raw):
    with pytest.raises(EpcisQueryParameterError) as raised:
        per_page_parse(raw)
    assert raised.value.problems[0]["parameter"] == "perPage"
