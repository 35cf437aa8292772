import datetime
import json
import random
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from engines.epcis import canonical_id, gln_check, gtin_normalise, sscc_check
from engines.epcis.document import capture_document
from pinpai.accounts.choices import Role
from pinpai.accounts.models import ApiToken
from pinpai.accounts.tests.factories import enterprise_create, user_with_role
from pinpai.audit.choices import AuditAction
from pinpai.audit.models import AuditEvent
from pinpai.demo.services import demo_load
from pinpai.demo.traceability import (
    PARTNERS,
    demo_traceability_load,
    size_of,
    trace_plan,
)
from pinpai.demo.traceability_capture import Submission, trace_jobs_wait
from pinpai.demo.traceability_chains import SEASONS, build_chains, chain_documents, documents
from pinpai.demo.traceability_master import CHAIN_KINDS, synthetic_master
from pinpai.registry.models import Brand, Enterprise, Product
from pinpai.traceability.choices import CaptureStatus
from pinpai.traceability.models import CaptureJob, Event, EventIdentifier, Location, Lot

BASE = datetime.date(2026, 3, 1)


def _chains(seed: int, count: int = 60) -> list[Any]:
    return list(build_chains(random.Random(seed), count=count, base_date=BASE, master=synthetic_master()))


# ---------------------------------------------------------------- the builder (no database)


def test_the_builder_is_deterministic_for_a_seed():
    master = synthetic_master()
    a = list(chain_documents(random.Random(7), chains=30, base_date=BASE, master=master))
    b = list(chain_documents(random.Random(7), chains=30, base_date=BASE, master=master))
    c = list(chain_documents(random.Random(8), chains=30, base_date=BASE, master=master))
    assert json.dumps(a) == json.dumps(b)
    assert json.dumps(a) != json.dumps(c)


def test_every_generated_document_passes_capture_with_both_identifier_forms():
    chains = _chains(2016, count=120)
    docs = list(documents(chains, created=BASE))
    captured = [event for doc in docs for event in capture_document(doc)]
    assert len(captured) == sum(len(c.events) for c in chains)
    assert Counter(c.kind for c in chains) == dict.fromkeys(CHAIN_KINDS, 20)
    urn = [json.dumps(c.events) for c in chains if c.urn]
    links = [json.dumps(c.events) for c in chains if not c.urn]
    assert len(urn) == 19  # about one chain in seven is written with EPC URNs
    assert all("urn:epc:class:lgtin:" in text and "urn:epc:id:sgln:" in text for text in urn)
    assert all("urn:epc:" not in text for text in links)
    assert any("urn:epc:id:sscc:" in text for text in urn)
    assert any("https://id.gs1.org/00/" in text for text in links)
    types = Counter(e.event_type for e in captured)
    assert set(types) == {"ObjectEvent", "TransformationEvent", "AggregationEvent"}
    steps = {e.biz_step for e in captured}
    assert steps == {
        "commissioning",
        "inspecting",
        "shipping",
        "receiving",
        "packing",
        "unpacking",
        "retail_selling",
    }
    uoms = {i.uom for e in captured for i in e.identifiers if i.uom}
    assert uoms == {"KGM", "LTR", "H87"}
    assert all(e.event_time_zone_offset == "+08:00" for e in captured)


def test_documents_hold_whole_chains_and_at_most_max_events():
    chains = _chains(3, count=40)
    docs = list(documents(chains, created=BASE, max_events=50))
    sizes = [len(d["epcisBody"]["eventList"]) for d in docs]
    assert all(s <= 50 for s in sizes)
    assert sum(sizes) == sum(len(c.events) for c in chains)
    assert [e for d in docs for e in d["epcisBody"]["eventList"]] == [e for c in chains for e in c.events]
    assert docs[0]["type"] == "EPCISDocument"
    assert docs[0]["schemaVersion"] == "2.0"
    assert docs[0]["creationDate"] == "2026-03-01T08:00:00+08:00"


def test_chains_run_in_time_order_from_an_in_season_harvest_to_before_the_base_date():
    for chain in _chains(11, count=120):
        times = [e["eventTime"] for e in chain.events]
        assert times == sorted(times)
        assert times[-1] < BASE.isoformat()
        assert 8 <= len(chain.events) <= 13
        first = chain.events[0]
        assert (first["bizStep"], first["action"]) == ("commissioning", "ADD")
        assert chain.events[-1]["bizStep"] == "retail_selling"
        month, day, length = SEASONS[chain.kind]
        harvested = datetime.date.fromisoformat(times[0][:10])
        start = datetime.date(harvested.year, month, day)
        if start > harvested:
            start = datetime.date(harvested.year - 1, month, day)
        assert (harvested - start).days < length, (chain.kind, harvested)


def test_gs1_keys_have_valid_check_digits():
    master = synthetic_master()
    for producer in master.producers:
        assert all(gln_check(s.gln) == s.gln for s in producer.sites.values())
        assert all(gtin_normalise(i.gtin) == i.gtin for i in producer.items.values())
    pallets = [e["parentID"] for c in _chains(5) for e in c.events if e["type"] == "AggregationEvent"]
    assert pallets
    for pallet in pallets:
        code = canonical_id(pallet).rsplit("/", 1)[1]
        assert sscc_check(code) == code


def _backward(captured: list[Any], lot: str) -> set[str]:
    """Every lot `lot` was made from, through the TransformationEvents' output → input classes."""
    made_from = {}
    for event in captured:
        if event.event_type == "TransformationEvent":
            inputs = {i.value for i in event.identifiers if i.role == "input_class"}
            for i in event.identifiers:
                if i.role == "output_class":
                    made_from[i.value] = inputs
    reached, todo = set(), [lot]
    while todo:
        for source in made_from.get(todo.pop(), set()):
            if source not in reached:
                reached.add(source)
                todo.append(source)
    return reached


def test_a_retail_lot_traces_back_to_its_farm_lot_in_either_identifier_form():
    chains = _chains(13, count=36)
    captured = [event for doc in documents(chains, created=BASE) for event in capture_document(doc)]
    for chain in chains:
        assert chain.farm_lot in _backward(captured, chain.retail_lot), chain.kind
        sold = [
            e
            for e in captured
            if e.biz_step == "retail_selling" and e.identifiers[0].value == chain.retail_lot
        ]
        assert sold


def test_a_chain_needs_complete_master_data():
    master = synthetic_master()
    broken = type(master)(master.producers, markets=(), stores=master.stores, cold_stores=master.cold_stores)
    with pytest.raises(ValueError, match="at least one market"):
        list(build_chains(random.Random(1), count=1, base_date=BASE, master=broken))


def test_sizes_are_read_from_specifications():
    assert [size_of(s) for s in ("80克/袋", "5千克/箱", "5升/桶", "200毫升/瓶", "台")] == [
        0.08,
        5.0,
        5.0,
        0.2,
        1.0,
    ]


class _FakeClient:
    """Answers GET /epcis/capture/{id}: running for the first `polls` calls of each job."""

    def __init__(self, polls: int) -> None:
        self.calls: Counter[str] = Counter()
        self.polls = polls

    def post(self, body: bytes) -> tuple[int, Any]:  # pragma: no cover - not used here
        raise AssertionError

    def get(self, capture_id: str) -> tuple[int, Any]:
        self.calls[capture_id] += 1
        return 200, {
            "captureID": capture_id,
            "running": self.calls[capture_id] <= self.polls,
            "success": True,
        }


def test_waiting_polls_each_job_until_it_is_no_longer_running():
    client = _FakeClient(polls=2)
    submissions = [Submission(202, "a", 10, {}), Submission(202, "b", 10, {})]
    jobs = trace_jobs_wait(client=client, submissions=submissions, interval=0)
    assert client.calls == {"a": 3, "b": 3}
    assert jobs == {c: {"captureID": c, "running": False, "success": True} for c in ("a", "b")}


# ---------------------------------------------------------------- the loader (database, capture endpoint)


@pytest.fixture
def capturer(reference: None) -> Any:
    enterprise = enterprise_create(name="重庆市测试追溯食品有限公司")
    return user_with_role(Role.ENTERPRISE_USER, enterprise, username="enterprise")


def _stored_backward(lot: str) -> set[str]:
    """The lots a stored lot was made from, walking EventIdentifier rows of TransformationEvents."""
    reached, todo = set(), [lot]
    while todo:
        current = todo.pop()
        events = EventIdentifier.objects.filter(role="output_class", value=current).values("event_id")
        sources = EventIdentifier.objects.filter(event_id__in=events, role="input_class")
        for source in sources.values_list("value", flat=True):
            if source not in reached:
                reached.add(source)
                todo.append(source)
    return reached


@pytest.mark.django_db
def test_demo_trace_captures_through_the_endpoint_in_process(capturer, django_capture_on_commit_callbacks):
    before = trace_plan(seed=7)
    kinds = [p.kind for p in before.master.producers]
    assert kinds == ["vegetables", "grain", "oil"]  # no registry demo here: only the partners' chains
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_trace", "--chains", "9", "--seed", "7", "--base-date", "2026-03-01", stdout=out)
    chains = list(build_chains(random.Random("trace:7"), count=9, base_date=BASE, master=before.master))
    expected = sum(len(c.events) for c in chains)
    assert Event.objects.count() == expected
    assert Event.objects.filter(owner=capturer.memberships.get().organisation).count() == expected
    job = CaptureJob.objects.get()
    assert (job.status, job.event_count, job.stored_count) == (CaptureStatus.SUCCESS, expected, expected)
    assert job.created_by == capturer
    # the partners are registered, marked demo, with their locations and the lots of their products
    names = {p.name for p in PARTNERS.values()}
    demo = Enterprise.objects.filter(organisation__is_demo=True)
    assert set(demo.values_list("organisation__name", flat=True)) == names
    assert Location.objects.count() == sum(len(p.sites) for p in PARTNERS.values())
    assert set(Brand.objects.values_list("name", "status")) == {
        ("菜都鲜蔬", "published"),
        ("涪江粮油", "published"),
    }
    assert Product.objects.count() == 3
    assert Lot.objects.count() == len({(r.gtin, r.lot) for c in chains for r in c.lots}) == 9
    assert ApiToken.objects.filter(user=capturer, name="demo traceability").count() == 1
    audited = Counter(
        AuditEvent.objects.filter(action__startswith="traceability.").values_list("action", flat=True)
    )
    assert audited == {
        AuditAction.TRACE_LOCATION_REGISTERED: 11, AuditAction.TRACE_LOT_REGISTERED: 9,
        AuditAction.TRACE_CAPTURE_JOB_SUBMITTED: 1, AuditAction.TRACE_CAPTURE_JOB_FINISHED: 1,
    }  # fmt: skip
    # a retail lot in the store connects back to its farm lot through the stored identifiers
    for chain in chains:
        assert chain.farm_lot in _stored_backward(chain.retail_lot)
    assert "9 chains (grain 3, oil 3, vegetables 3)" in out.getvalue()
    # the job ran when the test's transaction "committed", after the command had looked at it
    assert out.getvalue().endswith(
        "capture jobs submitted: 1\ncapture jobs running: 1 (the worker, manage.py db_worker, stores them)\n"
    )
    # the plan reads the same master data back; the same chains are not captured twice
    assert trace_plan(seed=7).master == before.master
    assert trace_plan(seed=7).partners == ()
    with pytest.raises(CommandError, match="captured already"):
        call_command("demo_trace", "--chains", "9", "--seed", "7", "--base-date", "2026-03-01", stdout=out)


@pytest.mark.django_db
def test_demo_trace_dry_run_writes_nothing(capturer):
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("demo_trace", "--chains", "6", "--dry-run", "--max-events", "20", stdout=out)
    text = out.getvalue()
    assert text.startswith("6 chains (grain 2, oil 2, vegetables 2), ")
    assert "  document 1: " in text
    assert (Location.objects.count(), Event.objects.count(), Lot.objects.count()) == (0, 0, 0)
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_demo_trace_needs_a_token_for_a_url(reference):
    with pytest.raises(CommandError, match="--url needs --token"):
        call_command("demo_trace", "--url", "http://127.0.0.1:8000")
    with pytest.raises(CommandError, match="no active user 'nobody'"):
        call_command("demo_trace", "--username", "nobody")


@pytest.mark.django_db
def test_only_administrators_load_the_demo_chains(capturer):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        demo_traceability_load(actor=capturer, seed=1)
    assert (Location.objects.count(), Event.objects.count(), AuditEvent.objects.count()) == (0, 0, events)


@pytest.mark.django_db
def test_the_demo_load_captures_its_chains_once(system_user, django_capture_on_commit_callbacks):
    demo_load(actor=system_user, seed=5)
    with django_capture_on_commit_callbacks(execute=True):
        result = demo_traceability_load(actor=system_user, seed=5)
    assert result.loaded
    assert result.chains == 12
    assert Event.objects.count() == result.events
    assert CaptureJob.objects.get().status == CaptureStatus.SUCCESS
    sites = set(Location.objects.values_list("kind", flat=True))
    assert sites == {"farm", "cooperative", "processor", "wholesale_market", "warehouse", "store"}
    # two chains of each kind, one lot of a registered product each; the registry demo's zhacai, navel-orange
    # and pig producers play theirs, the zhacai one in 涪陵
    assert Lot.objects.count() == result.lots == 12
    producers = Counter(
        lot.producer.organisation.name.removeprefix("重庆市")[2:] for lot in Lot.objects.select_related("producer__organisation")
    )  # fmt: skip
    assert producers == {
        "演示蔬菜专业合作社": 2, "演示粮油有限公司": 4, **{n: 2 for n in producers if n.endswith(("榨菜食品有限公司", "果业有限公司", "生猪养殖有限公司"))},
    }  # fmt: skip
    assert len(producers) == 5
    zhacai = Lot.objects.filter(product__brand__product_lines__name="榨菜").select_related(
        "producer__organisation__district"
    )
    assert {lot.producer.organisation.district.code for lot in zhacai} == {"500102"}
    audit = AuditEvent.objects.count()
    again = demo_traceability_load(actor=system_user, seed=5)
    assert not again.loaded
    assert AuditEvent.objects.count() == audit
