"""Named queries: POST/GET /epcis/queries, GET/DELETE /epcis/queries/{name}, GET /epcis/queries/{name}/events."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import enterprise_create, user_with_role
from pinpai.audit.choices import AuditAction
from pinpai.audit.models import AuditEvent
from pinpai.traceability.exceptions import EpcisQueryParameterError
from pinpai.traceability.models import NamedQuery
from pinpai.traceability.services.queries import named_query_create, named_query_delete
from pinpai.traceability.tests.factories_events import bearer_client, events_record, object_event

pytestmark = pytest.mark.django_db
SHIPPED = {"eventType": ["ObjectEvent"], "EQ_bizStep": ["shipping", "urn:epcglobal:cbv:bizstep:receiving"]}


@pytest.fixture
def client(enterprise_user):
    return bearer_client(enterprise_user)


def post(client, body):
    return client.post("/epcis/queries", json.dumps(body), content_type="application/json")


def test_create_a_named_query(client, enterprise_user):
    before = AuditEvent.objects.count()
    response = post(client, {"name": "shipped", "query": SHIPPED})
    assert response.status_code == 201
    assert response["Location"] == "/epcis/queries/shipped"
    assert response.json() == {"name": "shipped", "query": SHIPPED}
    named = NamedQuery.objects.get()
    assert (named.name, named.parameters, named.created_by) == ("shipped", SHIPPED, enterprise_user)
    audit = AuditEvent.objects.order_by("sequence")[before:]
    assert [(a.action, a.target_id, a.changes) for a in audit] == [
        (AuditAction.TRACE_NAMED_QUERY_CREATED, str(named.pk), {"name": "shipped", "query": SHIPPED})
    ]
    assert client.get("/epcis/queries/shipped").json() == {"name": "shipped", "query": SHIPPED}
    assert client.get("/epcis/queries").json() == [{"name": "shipped", "query": SHIPPED}]


def test_a_name_is_taken_once(client):
    assert post(client, {"name": "shipped", "query": SHIPPED}).status_code == 201
    before = AuditEvent.objects.count()
    again = post(client, {"name": "shipped", "query": {}})
    assert again.status_code == 409
    assert again.json()["type"] == "epcisException:ResourceAlreadyExistsException"
    assert again.json()["code"] == "epcis_named_query_exists"
    assert NamedQuery.objects.count() == 1
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("body", "status", "exception"),
    [
        ({"name": "bad name", "query": {}}, 400, "ValidationException"),
        ({"name": "x", "query": {"EQ_bizStep": ["shiping"]}}, 400, "QueryParameterException"),
        (
            {"name": "x", "query": {"MATCH_epc": ["urn:epc:id:sgtin:0614141.107346"]}},
            400,
            "QueryParameterException",
        ),
        ({"name": "x", "query": {"perPage": 3}}, 400, "QueryParameterException"),
        ({"name": "x", "query": ["EQ_bizStep"]}, 400, "QueryParameterException"),
        ({"name": "x"}, 400, "ValidationException"),
    ],
)
def test_invalid_queries_are_refused(client, body, status, exception):
    before = AuditEvent.objects.count()
    response = post(client, body)
    assert response.status_code == status
    assert response.json()["type"] == f"epcisException:{exception}"
    assert NamedQuery.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_named_query_body_must_be_json(client):
    response = client.post("/epcis/queries", "name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    broken = client.post("/epcis/queries", "{", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["errors"][0]["rule"] == "malformed_json"


def test_the_results_of_a_named_query(client, enterprise_user):
    events_record(enterprise_user, [object_event(1), object_event(2, biz_step="packing"), object_event(3)])
    post(client, {"name": "shipped", "query": SHIPPED})
    first = client.get("/epcis/queries/shipped/events", {"perPage": 1})
    assert first.status_code == 200
    results = first.json()["epcisBody"]["queryResults"]
    assert results["queryName"] == "shipped"
    assert [e["epcList"][0][-1] for e in results["resultsBody"]["eventList"]] == ["1"]
    second = client.get(first["Link"][1 : first["Link"].index(">")])
    assert [
        e["epcList"][0][-1] for e in second.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    ] == ["3"]
    assert "Link" not in second
    stream = client.get("/epcis/queries/shipped/events", {"stream": "true"})
    assert stream.status_code == 501


def test_named_queries_belong_to_their_creator(client, enterprise_user, admin_user, reference):
    post(client, {"name": "shipped", "query": SHIPPED})
    stranger = bearer_client(
        user_with_role(Role.ENTERPRISE_USER, enterprise_create(name="重庆某粮油有限公司"), username="oil")
    )
    assert stranger.get("/epcis/queries").json() == []
    assert stranger.get("/epcis/queries/shipped").status_code == 404
    assert stranger.delete("/epcis/queries/shipped").status_code == 404
    assert stranger.get("/epcis/queries/shipped/events").status_code == 404
    assert bearer_client(admin_user).get("/epcis/queries/shipped").status_code == 200


def test_delete_a_named_query(client):
    post(client, {"name": "shipped", "query": SHIPPED})
    named = NamedQuery.objects.get()
    before = AuditEvent.objects.count()
    response = client.delete("/epcis/queries/shipped")
    assert response.status_code == 204
    assert NamedQuery.objects.count() == 0
    audit = AuditEvent.objects.order_by("sequence")[before:]
    assert [(a.action, a.target_id, a.changes) for a in audit] == [
        (AuditAction.TRACE_NAMED_QUERY_DELETED, str(named.pk), {"name": "shipped", "query": SHIPPED})
    ]
    assert client.delete("/epcis/queries/shipped").status_code == 404


def test_services_check_permission(enterprise_user, admin_user):
    with pytest.raises(PermissionDenied):
        named_query_create(actor=None, name="x", query={})
    named_query_create(actor=enterprise_user, name="mine", query={})
    with pytest.raises(EpcisQueryParameterError):
        named_query_create(actor=enterprise_user, name="y", query={"EQ_action": ["MOVE"]})
    named_query_delete(actor=admin_user, name="mine")
    assert NamedQuery.objects.count() == 0
