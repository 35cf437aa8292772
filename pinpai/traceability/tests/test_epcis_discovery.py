"""GET /epcis/, OPTIONS, the discovery resources and their per-value event lists, the OpenAPI document."""

import json
from urllib.parse import quote

import pytest
from django.test import Client

from pinpai.traceability.tests.factories_events import (
    DL_DOCUMENT,
    URN_DOCUMENT,
    bearer_client,
    example_bytes,
)

pytestmark = pytest.mark.django_db
COLLECTION = {
    "@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
    "type": "Collection",
}


@pytest.fixture
def client(enterprise_user):
    return bearer_client(enterprise_user)


@pytest.fixture
def captured(client, django_capture_on_commit_callbacks):
    for name in (URN_DOCUMENT, DL_DOCUMENT):
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                client.post(
                    "/epcis/capture", example_bytes(name), content_type="application/json"
                ).status_code
                == 202
            )


def members(response):
    assert response.status_code == 200, response.content
    body = response.json()
    assert {k: body[k] for k in ("@context", "type")} == COLLECTION
    return body["member"]


def test_top_level_resources(client):
    assert members(client.get("/epcis/")) == [
        "queries", "capture", "events", "eventTypes", "epcs", "readPoints", "bizLocations", "dispositions", "bizSteps",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/epcis/", "OPTIONS, GET, HEAD"),
        ("/epcis/events", "OPTIONS, GET, HEAD, POST"),
        ("/epcis/events/urn%3Auuid%3A1", "OPTIONS, GET, HEAD"),
        ("/epcis/queries", "OPTIONS, GET, HEAD, POST"),
        ("/epcis/queries/mine", "OPTIONS, GET, HEAD, DELETE"),
        ("/epcis/epcs", "OPTIONS, GET, HEAD"),
        ("/epcis/bizSteps/shipping/events", "OPTIONS, GET, HEAD"),
    ],
)
def test_options_on_every_resource(path, allow):
    response = Client().options(path)
    assert response.status_code == 204
    assert response["Allow"] == allow
    assert response["GS1-EPCIS-Version"] == response["GS1-CBV-Version"] == "2.0.0"
    assert response["GS1-EPC-Format"] == "No_Preference"


def test_a_wrong_method_is_405_and_an_unknown_path_404(client):
    response = client.delete("/epcis/events")
    assert response.status_code == 405
    assert response["Allow"] == "OPTIONS, GET, HEAD, POST"
    assert response.json()["code"] == "method_not_allowed"
    unknown = client.get("/epcis/masterData")
    assert unknown.status_code == 404
    assert unknown["Content-Type"] == "application/problem+json"
    assert unknown.json()["type"] == "epcisException:NoSuchResourceException"


def test_value_lists(client, captured):
    assert members(client.get("/epcis/eventTypes")) == [
        "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent",
    ]  # fmt: skip
    assert members(client.get("/epcis/bizSteps")) == ["receiving", "shipping"]
    assert members(client.get("/epcis/dispositions")) == ["in_progress", "in_transit"]
    assert members(client.get("/epcis/bizLocations")) == ["https://id.gs1.org/414/0012345111112"]
    assert members(client.get("/epcis/readPoints")) == [
        "https://id.gs1.org/414/0012345111112/254/400",
        "https://id.gs1.org/414/0614141073467/254/1234",
    ]
    assert members(client.get("/epcis/epcs")) == [
        "https://id.gs1.org/01/10614141073464/21/2017",
        "https://id.gs1.org/01/10614141073464/21/2018",
        "https://id.gs1.org/01/70614141123451/21/2017",
        "https://id.gs1.org/01/70614141123451/21/2018",
    ]


def test_value_lists_are_paged(client, captured):
    first = client.get("/epcis/epcs", {"perPage": 3})
    assert len(members(first)) == 3
    second = client.get(first["Link"][1 : first["Link"].index(">")])
    assert members(second) == ["https://id.gs1.org/01/70614141123451/21/2018"]
    assert "Link" not in second


def test_value_lists_show_only_visible_events(captured, department_user, reference):
    from pinpai.accounts.choices import Role
    from pinpai.accounts.tests.factories import enterprise_create, user_with_role

    stranger = user_with_role(
        Role.ENTERPRISE_USER, enterprise_create(name="重庆某粮油有限公司"), username="oil"
    )
    assert members(bearer_client(stranger).get("/epcis/epcs")) == []
    assert members(bearer_client(stranger).get("/epcis/bizSteps")) == []
    assert len(members(bearer_client(department_user).get("/epcis/epcs"))) == 4


def test_a_value_names_its_events(client, captured):
    epc = quote("urn:epc:id:sgtin:0614141.107346.2017", safe="")
    assert members(client.get(f"/epcis/epcs/{epc}")) == ["events"]
    events = client.get(f"/epcis/epcs/{epc}/events").json()["epcisBody"]["queryResults"]["resultsBody"][
        "eventList"
    ]
    assert [e["eventID"] for e in events] == [
        "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0"
    ]
    dl = quote("https://id.gs1.org/01/10614141073464/21/2017", safe="")
    by_dl = client.get(f"/epcis/epcs/{dl}/events").json()["epcisBody"]["queryResults"]["resultsBody"][
        "eventList"
    ]
    assert by_dl == events
    unknown = client.get("/epcis/epcs/" + quote("urn:epc:id:sgtin:0614141.107346.1", safe=""))
    assert unknown.status_code == 404
    bad = client.get("/epcis/epcs/" + quote("urn:epc:id:sgtin:0614141", safe="") + "/events")
    assert bad.status_code == 400
    assert bad.json()["type"] == "epcisException:QueryParameterException"


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/epcis/bizSteps/receiving/events", 2),
        ("/epcis/bizSteps/urn:epcglobal:cbv:bizstep:shipping/events", 2),
        ("/epcis/dispositions/in_transit/events?EQ_bizStep=receiving", 0),
        ("/epcis/eventTypes/ObjectEvent/events?perPage=3", 3),
        ("/epcis/bizLocations/urn:epc:id:sgln:0012345.11111.0/events", 2),
        (
            "/epcis/readPoints/"
            + quote("https://id.gs1.org/414/0614141073467/254/1234", safe="")
            + "/events",
            2,
        ),
    ],
)
def test_per_value_event_lists(client, captured, path, count):
    response = client.get(path)
    assert response.status_code == 200, response.content
    assert len(response.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]) == count


def test_event_type_sub_resources(client):
    assert members(client.get("/epcis/eventTypes/ObjectEvent")) == ["events"]
    assert client.get("/epcis/eventTypes/QuantityEvent").status_code == 404


def test_subscriptions_are_not_implemented(client):
    response = client.post("/epcis/queries/mine/subscriptions", "{}", content_type="application/json")
    assert response.status_code == 501
    assert response.json()["type"] == "epcisException:ImplementationException"
    assert response.json()["code"] == "epcis_subscriptions_not_implemented"


def test_gs1_openapi_is_served_as_published():
    response = Client().get("/epcis/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    served = json.loads(b"".join(response.streaming_content))
    assert served["info"] == {
        "version": "2.0.0",
        "title": "EPCIS 2.0 REST Bindings",
        "license": {"name": "Apache2"},
    }
    assert "/queries/{queryName}/events" in served["paths"]
