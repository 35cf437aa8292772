"""GET /api/v1/trace/backward, /forward and /recall-impact over a chain captured as real EPCIS events."""

from __future__ import annotations

import pytest

from pinpai.accounts.choices import Role
from pinpai.accounts.tests.factories import user_with_role
from pinpai.audit.models import AuditEvent
from pinpai.traceability.tests.scan_world import (
    FARM_GLN,
    PLANT_GLN,
    STORE_GLN,
    A,
    B,
    chain_build,
    place,
)

pytestmark = pytest.mark.django_db

BACKWARD = "/api/v1/trace/backward"
FORWARD = "/api/v1/trace/forward"
IMPACT = "/api/v1/trace/recall-impact"


@pytest.fixture
def chain(reference):
    return chain_build()


def _district(code, name):
    return {"code": code, "name": name}


def _enterprises(chain):
    return [
        {"id": e.pk, "name": e.organisation.name, "uscc": e.organisation.uscc, "district": _district(*d)}
        for e, d in (
            (chain.farm, ("500102", "涪陵区")),
            (chain.plant, ("500102", "涪陵区")),
            (chain.store, ("500103", "渝中区")),
        )
    ]


def _locations(chain):
    rows = []
    for key, gln, kind, lat, lon, first, last in (
        ("farm", FARM_GLN, "farm", "29.730000", "107.390000", "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z"),
        (
            "plant",
            PLANT_GLN,
            "processor",
            "29.700000",
            "107.350000",
            "2026-03-02T00:00:00Z",
            "2026-03-03T00:00:00Z",
        ),
        (
            "store",
            STORE_GLN,
            "store",
            "29.560000",
            "106.570000",
            "2026-03-04T00:00:00Z",
            "2026-03-08T00:00:00Z",
        ),
    ):
        location = chain.locations[key]
        enterprise = location.enterprise
        rows.append(
            {
                "identifier": place(gln),
                "name": location.name,
                "kind": kind,
                "enterprise": {"id": enterprise.pk, "name": enterprise.organisation.name},
                "district": _district(location.district.code, location.district.name),
                "latitude": lat,
                "longitude": lon,
                "first_seen": first,
                "last_seen": last,
            }
        )
    return rows


def test_backward_trace_of_the_retail_lot_returns_the_whole_chain(chain, department_user, client):
    client.force_login(department_user)
    audit_before = AuditEvent.objects.count()

    response = client.get(BACKWARD, {"id": "urn:epc:class:lgtin:6901234.000002.PACK01"})

    assert response.status_code == 200
    body = response.json()
    assert body["root"] == B
    assert body["lots"] == [
        {"identifier": B, "depth": 0, "quantity": "800", "uom": ""},
        {"identifier": A, "depth": 1, "quantity": "1000", "uom": "KGM"},
    ]
    assert [
        (e["type"], e["action"], e["event_time"], e["biz_step"], e["biz_step_zh"], e["disposition"],
         e["disposition_zh"], e["biz_location"])
        for e in body["events"]
    ] == [
        ("ObjectEvent", "ADD", "2026-03-01T00:00:00Z", "commissioning", "赋码", "active", "已激活", place(FARM_GLN)),
        ("TransformationEvent", "", "2026-03-02T00:00:00Z", "creating_class_instance", "批次实例化", "active",
         "已激活", place(PLANT_GLN)),
        ("ObjectEvent", "OBSERVE", "2026-03-03T00:00:00Z", "shipping", "发货", "in_transit", "运输中", place(PLANT_GLN)),
        ("ObjectEvent", "OBSERVE", "2026-03-04T00:00:00Z", "receiving", "收货", "in_progress", "处理中",
         place(STORE_GLN)),
        ("ObjectEvent", "OBSERVE", "2026-03-08T00:00:00Z", "retail_selling", "零售", "retail_sold", "已零售",
         place(STORE_GLN)),
    ]  # fmt: skip
    transformation = body["events"][1]
    assert transformation["event_id"] == chain.events[1].event_id
    assert transformation["read_point"] == place(PLANT_GLN)
    assert transformation["identifiers"] == [
        {"role": "input_class", "value": A, "quantity": "500", "uom": "KGM"},
        {"role": "output_class", "value": B, "quantity": "800", "uom": ""},
    ]
    assert body["locations"] == _locations(chain)
    assert body["enterprises"] == _enterprises(chain)
    assert body["truncated"] is False
    assert AuditEvent.objects.count() == audit_before  # a read of trace data is not audited


def test_forward_trace_of_the_farm_lot_reaches_the_store(chain, admin_user, client):
    client.force_login(admin_user)

    response = client.get(FORWARD, {"id": A})

    assert response.status_code == 200
    body = response.json()
    assert (body["root"], body["truncated"]) == (A, False)
    assert [(lot["identifier"], lot["depth"]) for lot in body["lots"]] == [(A, 0), (B, 1)]
    assert [e["biz_step"] for e in body["events"]] == [
        "commissioning",
        "creating_class_instance",
        "shipping",
        "receiving",
        "retail_selling",
    ]
    assert [loc["identifier"] for loc in body["locations"]] == [
        place(FARM_GLN),
        place(PLANT_GLN),
        place(STORE_GLN),
    ]


def test_an_enterprise_traces_through_the_events_it_captured_only(chain, client):
    plant_user = user_with_role(Role.ENTERPRISE_USER, chain.plant.organisation, username="plant")
    client.force_login(plant_user)

    body = client.get(BACKWARD, {"id": B}).json()

    assert [e["biz_step"] for e in body["events"]] == ["creating_class_instance", "shipping"]
    assert [lot["identifier"] for lot in body["lots"]] == [B, A]
    assert [loc["identifier"] for loc in body["locations"]] == [place(PLANT_GLN)]


def test_a_wrong_check_digit_is_a_422_naming_id_and_why(chain, department_user, client):
    client.force_login(department_user)

    response = client.get(BACKWARD, {"id": "https://id.gs1.org/01/06901234000024/10/PACK01"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:pinpai:problem:trace_identifier_invalid",
        "title": "Invalid input",
        "status": 422,
        "detail": "the GTIN check digit is 4, expected 3",
        "code": "trace_identifier_invalid",
        "errors": {"id": ["the GTIN check digit is 4, expected 3"]},
        "instance": BACKWARD,
    }


def test_an_identifier_no_event_names_is_a_404(chain, department_user, client):
    client.force_login(department_user)

    response = client.get(FORWARD, {"id": "https://id.gs1.org/01/06901234000023/10/NONE"})

    assert response.status_code == 404
    assert response.json()["code"] == "trace_target_not_found"


def test_a_missing_id_is_a_422_validation_problem(chain, department_user, client):
    client.force_login(department_user)

    response = client.get(BACKWARD)

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], [e["field"] for e in body["errors"]]) == ("validation_error", ["id"])


def test_the_trace_api_needs_a_signed_in_caller(chain, client):
    response = client.get(BACKWARD, {"id": B})

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_required"


def test_recall_impact_lists_every_downstream_lot_place_and_enterprise(chain, department_user, client):
    client.force_login(department_user)

    response = client.get(IMPACT, {"id": ["urn:epc:class:lgtin:6901234.000001.FARM01"]})

    assert response.status_code == 200
    assert response.json() == {
        "lots": [
            {"identifier": A, "quantity": "1000", "uom": "KGM"},
            {"identifier": B, "quantity": "800", "uom": ""},
        ],
        "locations": _locations(chain),
        "enterprises": _enterprises(chain),
    }


def test_an_enterprise_may_ask_the_recall_impact_of_its_own_lots_only(chain, client):
    plant_user = user_with_role(Role.ENTERPRISE_USER, chain.plant.organisation, username="plant")
    client.force_login(plant_user)

    own = client.get(IMPACT, {"id": [B]})
    farms = client.get(IMPACT, {"id": [B, A]})

    assert own.status_code == 200
    assert [lot["identifier"] for lot in own.json()["lots"]] == [B]
    assert farms.status_code == 403
    assert farms.json()["code"] == "permission_denied"


def test_recall_impact_checks_every_identifier(chain, department_user, client):
    client.force_login(department_user)

    response = client.get(IMPACT, {"id": [A, "urn:epc:class:lgtin:6901234.000001"]})

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], list(body["errors"])) == ("trace_identifier_invalid", ["id"])


@pytest.mark.parametrize("hops", [0, 3])
def test_the_trace_api_costs_the_same_queries_whatever_the_journey(reference, department_user, client, hops,
                                                                    django_assert_num_queries):  # fmt: skip
    chain_build(hops=hops)
    client.force_login(department_user)
    client.get(BACKWARD, {"id": B})  # warm the session and the actor's scope

    with django_assert_num_queries(12):
        response = client.get(BACKWARD, {"id": B})

    assert len(response.json()["events"]) == 5 + 2 * hops
