"""GET /epcis/events and /epcis/events/{eventID}: the EPCIS query over events captured through POST /capture."""

from urllib.parse import quote, unquote

import pytest
from django.test import Client

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import TEST_PASSWORD, enterprise_create, user_with_role
from pinpai.traceability.tests.factories_events import (
    DL_DOCUMENT,
    OTHER_STORE,
    URN_DOCUMENT,
    bearer_client,
    events_record,
    example_bytes,
    object_event,
)

pytestmark = pytest.mark.django_db

EVENT_A = "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0"  # 2017+2018 shipping
EVENT_B = "ni:///sha-256;00e1e6eba3a7cc6125be4793a631f0af50f8322e0ab5f2c0bab994a11cec1d79?ver=CBV2.0"  # 2018 receiving
DL_EVENT_A = "ni:///sha-256;9fa42e8bf64e1cfe152d582a248646ce0ad2b0c6826c7e8ed95442a7a1545f33?ver=CBV2.0"
DL_EVENT_B = "ni:///sha-256;4217c6a122625b7b9d8ae4f9b89890df35ffa0c501471a096cbfdeebd7207e45?ver=CBV2.0"


@pytest.fixture
def client(enterprise_user):
    return bearer_client(enterprise_user)


@pytest.fixture
def captured(client, django_capture_on_commit_callbacks):
    """The GS1 example 9.6.1 twice: with EPC URNs, and with Digital Links (other GTIN, other event IDs)."""
    for name in (URN_DOCUMENT, DL_DOCUMENT):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/epcis/capture", example_bytes(name), content_type="application/ld+json")
        assert response.status_code == 202


def event_ids(response):
    assert response.status_code == 200, response.content
    return [e["eventID"] for e in response.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]]


def test_query_document_envelope(client, captured):
    response = client.get("/epcis/events", {"EQ_eventID": EVENT_B})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["GS1-EPCIS-Version"] == "2.0.0"
    assert response["GS1-CBV-Version"] == "2.0.0"
    assert "Link" not in response
    body = response.json()
    assert set(body) == {"@context", "type", "schemaVersion", "creationDate", "epcisBody"}
    assert (body["type"], body["schemaVersion"]) == ("EPCISQueryDocument", "2.0")
    assert body["@context"] == ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]
    (event,) = body["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert body["epcisBody"]["queryResults"]["queryName"] == "SimpleEventQuery"
    assert event["eventID"] == EVENT_B
    assert event["epcList"] == ["urn:epc:id:sgtin:0614141.107346.2018"]  # as captured (No_Preference)
    assert event["example:myField"] == "Example of a vendor/user extension"
    assert event["recordTime"].endswith("Z")


def test_a_digital_link_finds_events_captured_with_urns(client, captured):
    assert event_ids(
        client.get("/epcis/events", {"MATCH_epc": "https://id.gs1.org/01/10614141073464/21/2018"})
    ) == [
        EVENT_A,
        EVENT_B,
    ]
    assert event_ids(
        client.get("/epcis/events", {"MATCH_epc": "https://id.gs1.org/01/10614141073464/21/2017"})
    ) == [EVENT_A]


def test_a_urn_finds_events_captured_with_digital_links(client, captured):
    assert event_ids(client.get("/epcis/events", {"MATCH_epc": "urn:epc:id:sgtin:0614141.712345.2018"})) == [
        DL_EVENT_A,
        DL_EVENT_B,
    ]


def test_an_epc_pattern_finds_every_serial_of_the_gtin(client, captured):
    response = client.get("/epcis/events", {"MATCH_epc": "urn:epc:idpat:sgtin:0614141.712345.*"})
    assert event_ids(response) == [DL_EVENT_A, DL_EVENT_B]
    both = client.get(
        "/epcis/events",
        {"MATCH_anyEPC": "urn:epc:idpat:sgtin:0614141.712345.*|urn:epc:idpat:sgtin:0614141.107346.*"},
    )
    assert event_ids(both) == [EVENT_A, EVENT_B, DL_EVENT_A, DL_EVENT_B]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"EQ_bizStep": "receiving"}, [EVENT_B, DL_EVENT_B]),
        ({"EQ_bizStep": "urn:epcglobal:cbv:bizstep:shipping"}, [EVENT_A, DL_EVENT_A]),
        # an EQ_ on an eventTime-indexed column without a recordTime bound: in eventTime order
        ({"EQ_bizStep": "https://ref.gs1.org/cbv/BizStep-shipping|receiving"}, [EVENT_A, DL_EVENT_A, EVENT_B, DL_EVENT_B]),
        ({"EQ_bizStep": "shipping|receiving", "GE_recordTime": "2000-01-01T00:00:00Z"}, [EVENT_A, EVENT_B, DL_EVENT_A, DL_EVENT_B]),
        ({"EQ_disposition": "in_progress"}, [EVENT_B, DL_EVENT_B]),
        ({"EQ_action": "ADD"}, []),
        ({"eventType": "ObjectEvent"}, [EVENT_A, EVENT_B, DL_EVENT_A, DL_EVENT_B]),
        ({"eventType": "AggregationEvent|TransformationEvent"}, []),
        ({"EQ_readPoint": "urn:epc:id:sgln:0614141.07346.1234"}, [EVENT_A, DL_EVENT_A]),
        ({"EQ_bizLocation": "https://id.gs1.org/414/0012345111112"}, [EVENT_B, DL_EVENT_B]),
        ({"WD_bizLocation": "urn:epc:id:sgln:0012345.11111.0"}, [EVENT_B, DL_EVENT_B]),
        ({"EXISTS_bizLocation": ""}, [EVENT_B, DL_EVENT_B]),
        ({"EXISTS_bizTransactionList": ""}, [EVENT_A, EVENT_B, DL_EVENT_A, DL_EVENT_B]),
        ({"EXISTS_ilmd": ""}, []),
        ({"EXISTS_errorDeclaration": "true"}, []),
        ({"EXISTS_errorDeclaration": "false"}, [EVENT_A, EVENT_B, DL_EVENT_A, DL_EVENT_B]),
        ({"EQ_eventID": f"{EVENT_B}|{DL_EVENT_A}"}, [EVENT_B, DL_EVENT_A]),
        ({"GE_eventTime": "2005-04-04T12:00:00Z"}, [EVENT_B, DL_EVENT_B]),
        ({"LT_eventTime": "2005-04-04T02:33:31.117Z"}, [EVENT_A, DL_EVENT_A]),  # 2005-04-03T20:33:31.116-06:00 + 1 ms
        ({"GE_recordTime": "2000-01-01T00:00:00+08:00", "LT_recordTime": "2000-01-02T00:00:00+08:00"}, []),
        ({"MATCH_parentID": "urn:epc:id:sscc:0614141.1234567890"}, []),
        ({"MATCH_epcClass": "urn:epc:idpat:sgtin:0614141.107346.*"}, []),
    ],
)  # fmt: skip
def test_filters(client, captured, params, expected):
    assert event_ids(client.get("/epcis/events", params)) == expected


def test_order_by_event_time_descending_with_a_count_limit(client, captured):
    params = {"orderBy": "eventTime", "eventCountLimit": "3", "perPage": "2"}
    first = client.get("/epcis/events", params)
    assert event_ids(first) == [DL_EVENT_B, EVENT_B]  # the same eventTime: the later stored first
    second = client.get(first["Link"][1 : first["Link"].index(">")])
    assert event_ids(second) == [DL_EVENT_A]  # the third and last of eventCountLimit=3
    assert "Link" not in second


def test_error_declarations_and_reasons(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/epcis/capture",
            example_bytes(
                "gs1/json/WithErrorDeclaration/Example_9.6.1-ObjectEvent-with-error-declaration.jsonld"
            ),
            content_type="application/json",
        )
    declared = "ni:///sha-256;aa49daa1fe0b773e0437e546078dc87de9c864d5b9babe84488f31478887fdf3?ver=CBV2.0"
    assert event_ids(client.get("/epcis/events", {"EXISTS_errorDeclaration": ""})) == [declared]
    assert event_ids(
        client.get("/epcis/events", {"EQ_errorReason": "urn:epcglobal:cbv:er:incorrect_data"})
    ) == [declared]
    assert event_ids(client.get("/epcis/events", {"EQ_errorReason": "did_not_occur"})) == []
    corrective = "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    assert event_ids(client.get("/epcis/events", {"EQ_correctiveEventID": corrective})) == [declared]


def test_persistent_disposition(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/epcis/capture",
            example_bytes("gs1/json/PersistentDisposition-example.jsonld"),
            content_type="application/json",
        )
    first = "ni:///sha-256;56ba4f355c57456b41c3fb60b22d8342e759de503e3e618940ca3b6ad1bf9b00?ver=CBV2.0"
    second = "ni:///sha-256;dae7b481207bb87f1d981c5f169b8138368ae152a41b002eaf36eca1f67d56f5?ver=CBV2.0"
    web_uri = "https://ref.gs1.org/cbv/Disp-completeness_inferred"
    assert event_ids(client.get("/epcis/events", {"EQ_persistentDisposition_set": web_uri})) == [first]
    assert event_ids(
        client.get("/epcis/events", {"EQ_persistentDisposition_unset": "completeness_inferred"})
    ) == [second]


def test_classes_and_quantities(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for name in (
            "gs1/json/Example_9.6.3-AggregationEvent.jsonld",
            "gs1/json/Example_9.6.4-TransformationEvent.jsonld",
        ):
            assert (
                client.post(
                    "/epcis/capture", example_bytes(name), content_type="application/json"
                ).status_code
                == 202
            )
    aggregation = "ni:///sha-256;87b5f18a69993f0052046d4687dfacdf48f7c988cfabda2819688c86b4066a49?ver=CBV2.0"
    transformation = (
        "ni:///sha-256;e65c3a997e77f34b58306da7a82ab0fc91c7820013287700f0b50345e5795b97?ver=CBV2.0"
    )
    lot = "https://id.gs1.org/01/04012345123456/10/998877"
    assert event_ids(client.get("/epcis/events", {"MATCH_epcClass": lot})) == [aggregation]
    assert event_ids(
        client.get("/epcis/events", {"MATCH_epcClass": "urn:epc:idpat:sgtin:4012345.012345.*"})
    ) == [aggregation]
    assert event_ids(
        client.get("/epcis/events", {"MATCH_inputEPCClass": "urn:epc:class:lgtin:4012345.011111.4444"})
    ) == [transformation]
    assert event_ids(
        client.get("/epcis/events", {"MATCH_anyEPCClass": "urn:epc:idpat:sgtin:4012345.066666.*"})
    ) == [transformation]
    assert event_ids(
        client.get("/epcis/events", {"MATCH_outputEPC": "urn:epc:id:sgtin:4012345.077889.27"})
    ) == [transformation]
    assert event_ids(
        client.get("/epcis/events", {"MATCH_parentID": "urn:epc:id:sscc:0614141.1234567890"})
    ) == [aggregation]
    assert event_ids(client.get("/epcis/events", {"MATCH_epc": "urn:epc:id:sgtin:0614141.107346.2017"})) == [
        aggregation
    ]
    assert event_ids(client.get("/epcis/events", {"GE_quantity": "200.5"})) == [aggregation, transformation]
    assert event_ids(client.get("/epcis/events", {"GT_quantity": "200.5"})) == [transformation]
    assert event_ids(client.get("/epcis/events", {"EQ_quantity": "10|30"})) == [aggregation, transformation]
    assert event_ids(client.get("/epcis/events", {"EQ_transformationID": "urn:uuid:none"})) == []
    assert event_ids(client.get("/epcis/events", {"EXISTS_ilmd": ""})) == [transformation]


def test_pages_follow_the_link_header_to_the_end(client, enterprise_user):
    stored = events_record(enterprise_user, [object_event(i) for i in range(5)])
    url, seen, pages = "/epcis/events?perPage=2&EQ_bizStep=shipping", [], 0
    while url:
        response = client.get(url)
        seen += event_ids(response)
        pages += 1
        link = response.get("Link")
        if link:
            assert link.endswith('>; rel="next"')
            url = link[1 : link.index(">")]
            assert url.startswith("/epcis/events?perPage=2&EQ_bizStep=shipping&nextPageToken=")
        else:
            url = None
    assert pages == 3
    assert seen == [e.event_id for e in stored]


def test_a_token_cannot_be_replayed_with_other_filters(client, enterprise_user):
    events_record(enterprise_user, [object_event(i) for i in range(3)])
    link = client.get("/epcis/events", {"perPage": 1, "EQ_bizStep": "shipping"})["Link"]
    token = link[link.index("nextPageToken=") + len("nextPageToken=") : link.index(">")]
    response = client.get(
        "/epcis/events", {"perPage": 1, "EQ_bizStep": "receiving", "nextPageToken": unquote(token)}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "epcisException:QueryParameterException"
    assert response.json()["errors"][0]["parameter"] == "nextPageToken"
    forged = client.get("/epcis/events", {"nextPageToken": "eyJzIjoieCJ9"})
    assert forged.status_code == 400
    assert forged.json()["code"] == "epcis_query_parameter"


def test_queries_per_page_do_not_grow_with_the_page(client, enterprise_user, django_assert_num_queries):
    events_record(enterprise_user, [object_event(i) for i in range(12)])
    client.get("/epcis/events")  # warm the content-type cache and the like
    pattern = "urn:epc:idpat:sgtin:6901234.000001.*"
    for per_page in (2, 10):
        # the token (with its user), the caller's memberships (actor scope), the page
        with django_assert_num_queries(3):
            assert len(event_ids(client.get("/epcis/events", {"perPage": per_page}))) == per_page
        # … plus one index probe per identifier filter
        with django_assert_num_queries(4):
            assert (
                len(event_ids(client.get("/epcis/events", {"perPage": per_page, "MATCH_epc": pattern})))
                == per_page
            )
    with django_assert_num_queries(3):  # the probe finds nothing: no page query
        assert (
            event_ids(client.get("/epcis/events", {"MATCH_epc": "urn:epc:idpat:sgtin:6901234.000002.*"}))
            == []
        )


def test_an_identifier_filter_naming_many_events_is_a_subquery(client, enterprise_user, monkeypatch):
    stored = events_record(enterprise_user, [object_event(i) for i in range(4)])
    monkeypatch.setattr("pinpai.traceability.selectors.events.PROBE_LIMIT", 2)
    response = client.get(
        "/epcis/events", {"MATCH_anyEPC": "urn:epc:idpat:sgtin:6901234.000001.*", "perPage": 3}
    )
    assert event_ids(response) == [e.event_id for e in stored[:3]]
    assert event_ids(client.get(response["Link"][1 : response["Link"].index(">")])) == [stored[3].event_id]


def test_the_store_scopes_what_an_enterprise_sees(client, enterprise_user, department_user, reference):
    mine = events_record(enterprise_user, [object_event(1)])
    other = user_with_role(Role.ENTERPRISE_USER, enterprise_create(name="重庆某粮油有限公司"), username="oil")
    theirs = events_record(other, [object_event(2, biz_location=OTHER_STORE)])
    assert event_ids(client.get("/epcis/events")) == [mine[0].event_id]
    assert event_ids(bearer_client(other).get("/epcis/events")) == [theirs[0].event_id]
    assert event_ids(bearer_client(department_user).get("/epcis/events")) == [
        mine[0].event_id,
        theirs[0].event_id,
    ]
    hidden = client.get("/epcis/events/" + quote(theirs[0].event_id, safe=""))
    assert hidden.status_code == 404


def test_one_event_by_its_id(client, captured):
    response = client.get("/epcis/events/" + quote(EVENT_A, safe=""))
    assert event_ids(response) == [EVENT_A]
    missing = client.get("/epcis/events/" + quote("urn:uuid:00000000-0000-0000-0000-000000000000", safe=""))
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["type"] == "epcisException:NoSuchResourceException"
    assert missing.json()["code"] == "epcis_no_such_resource"


def test_gs1_epc_format(client, captured):
    as_dl = client.get(
        "/epcis/events/" + quote(EVENT_B, safe=""), HTTP_GS1_EPC_FORMAT="Always_GS1_Digital_Link"
    )
    (event,) = as_dl.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert event["epcList"] == ["https://id.gs1.org/01/10614141073464/21/2018"]
    assert event["bizLocation"] == {"id": "https://id.gs1.org/414/0012345111112"}
    never = client.get("/epcis/events/" + quote(EVENT_B, safe=""), HTTP_GS1_EPC_FORMAT="Never_Translates")
    assert never.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"][0]["epcList"] == [
        "urn:epc:id:sgtin:0614141.107346.2018"
    ]
    bad = client.get("/epcis/events", HTTP_GS1_EPC_FORMAT="Sometimes")
    assert bad.status_code == 406
    assert bad.json()["type"] == "epcisException:NotAcceptableException"


def test_bad_query_parameter_is_a_400_problem(client):
    response = client.get(
        "/epcis/events", {"MATCH_epc": "https://id.gs1.org/01/10614141073465/21/1"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response["GS1-EPCIS-Version"] == "2.0.0"
    assert response.json() == {
        "type": "epcisException:QueryParameterException",
        "title": "Invalid query parameter",
        "status": 400,
        "detail": "Query parameter MATCH_epc: 'https://id.gs1.org/01/10614141073465/21/1' is not a valid identifier: "
        "the GTIN check digit is 5, expected 4",
        "code": "epcis_query_parameter",
        "instance": "/epcis/events",
        "errors": [
            {
                "parameter": "MATCH_epc",
                "message": "'https://id.gs1.org/01/10614141073465/21/1' is not a valid identifier: "
                "the GTIN check digit is 5, expected 4",
            }
        ],
    }
    assert client.get("/epcis/events", {"perPage": "0"}).json()["errors"][0]["parameter"] == "perPage"


def test_max_event_count(client, enterprise_user):
    events_record(enterprise_user, [object_event(i) for i in range(3)])
    assert len(event_ids(client.get("/epcis/events", {"maxEventCount": 3}))) == 3
    too_many = client.get("/epcis/events", {"maxEventCount": 2})
    assert too_many.status_code == 413
    assert too_many.json()["type"] == "epcisException:QueryTooLargeException"


def test_authentication(enterprise_user, captured):
    anonymous = Client().get("/epcis/events")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == 'Bearer realm="pinpai"'
    assert anonymous["GS1-EPCIS-Version"] == "2.0.0"
    assert anonymous.json()["type"] == "epcisException:SecurityException"
    assert anonymous.json()["code"] == "authentication_required"
    assert Client(HTTP_AUTHORIZATION="Bearer pp_wrong").get("/epcis/events").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Basic abc").get("/epcis/events").status_code == 401
    session = Client()
    assert session.login(username="zhacai", password=TEST_PASSWORD)
    assert len(event_ids(session.get("/epcis/events"))) == 4


def test_content_negotiation(client, captured):
    assert (
        client.get("/epcis/events", HTTP_ACCEPT="application/ld+json")["Content-Type"]
        == "application/ld+json"
    )
    assert client.get("/epcis/events", HTTP_ACCEPT="*/*")["Content-Type"] == "application/json"
    refused = client.get("/epcis/events", HTTP_ACCEPT="application/xml")
    assert refused.status_code == 406
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["type"] == "epcisException:NotAcceptableException"
    too_old = client.get("/epcis/events", HTTP_GS1_EPCIS_MAX="1.2.0")
    assert too_old.status_code == 406
    assert too_old.json()["code"] == "epcis_version_not_supported"
