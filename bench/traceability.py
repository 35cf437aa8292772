"""EPCIS repository at scale on PostgreSQL: bulk capture, lot genealogy and event queries over 10 million events.

    python bench/traceability.py [--database-url URL] [--chains N] [--capture-events N] [--samples N] [--keep]

Targets (issue 5): bulk capture with validation at ≥ 5,000 events/s on 2 cores, reported with the ratio to a plain
`COPY` of the same rows measured in the same run; with 10 million stored events, a backward trace from a retail lot
p95 ≤ 50 ms and a selective `GET /epcis/events` p95 ≤ 30 ms.

The stored events are a fixture, not business data: `--chains` supply chains of ten events each (farm
commissioning and storage, a transformation at a processor, packing onto a pallet (SSCC), shipping, receiving,
unpacking, storage, retail selling, an inspection read) generated in SQL straight into the tables, with every
identifier a canonical GS1 Digital Link with valid check digits. Indexes are dropped for the load and rebuilt.
Capture is measured through the real services (`capture_job_submit` validates; `capture_job_run` validates again
and stores, as the worker does) with documents of 5,000 events of the same shape.

Without --database-url a throwaway database `pinpai_bench_trace` is created on the local PostgreSQL (--admin-url)
and dropped at the end (or kept with --keep, and reused by the next --keep run).
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from trace_fixture import (  # bench/trace_fixture.py: the chains, as SQL and as documents
    BASE,
    EVENTS_PER_CHAIN,
    PREFIX,
    STORES,
    build_fixture,
    capture_document,
    gln,
    lot_packed,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DB_NAME = "pinpai_bench_trace"


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], samples: int) -> list[float]:
    fn()
    fn()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def psql(admin_url: str, sql: str, *, capture: bool = False) -> str:
    exe = shutil.which("psql")
    if exe is None:
        raise SystemExit("psql not found: install postgresql-client, or pass --database-url")
    env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    out = subprocess.run(
        [exe, "-Atq", admin_url, "-c", sql], check=True, env=env, capture_output=capture, text=True
    )
    return (out.stdout or "").strip()


def measure_capture(user: Any, total: int, start_chain: int) -> None:
    from django.db import connection, transaction

    from pinpai.traceability.models import CaptureJob, Event, EventIdentifier
    from pinpai.traceability.services.capture import (
        _captured,
        _document_parse,
        _prepare,
        _rows,
        capture_job_run,
        capture_job_submit,
    )

    rng = random.Random(2016)
    per_document = 5000
    documents = [
        capture_document(
            start_chain + n * per_document // EVENTS_PER_CHAIN, per_document // EVENTS_PER_CHAIN, rng
        )
        for n in range(max(1, total // per_document))
    ]
    events = len(documents) * per_document
    # Baseline: COPY the same rows (as the service would store them) into the tables, rolled back.
    job_owner = user.memberships.get().organisation
    rows = []
    for body in documents:
        rows.append(_rows(_prepare(_captured(_document_parse(body=body, content_type="application/json")), None),
                          owner=job_owner, job=None, record_time=datetime.datetime.now(datetime.UTC)))  # fmt: skip
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        next_id = 10**12
        for event_rows, identifier_rows in rows:
            with cur.copy(
                "COPY traceability_event (id, event_id, hash_id, event_type, action, event_time, event_time_zone_offset, "
                "record_time, biz_step, disposition, read_point, biz_location, error_declared, document, owner_id) FROM STDIN"
            ) as copy:
                for n, e in enumerate(event_rows):
                    copy.write_row((next_id + n, e.event_id, e.hash_id, e.event_type, e.action, e.event_time,
                                    e.event_time_zone_offset, e.record_time, e.biz_step, e.disposition, e.read_point,
                                    e.biz_location, e.error_declared, json.dumps(e.document), e.owner_id))  # fmt: skip
            with cur.copy(
                "COPY traceability_eventidentifier (event_id, role, value, quantity, uom) FROM STDIN"
            ) as copy:
                for n, idents in enumerate(identifier_rows):
                    for r in idents:
                        copy.write_row((next_id + n, r.role, r.value, r.quantity, r.uom))
            next_id += len(event_rows)
        transaction.set_rollback(True)
    copy_s = time.perf_counter() - start

    before = Event.objects.count()
    start = time.perf_counter()
    submit_s = 0.0
    for body in documents:
        t = time.perf_counter()
        with transaction.atomic():
            job = capture_job_submit(actor=user, body=body, content_type="application/json")
        submit_s += time.perf_counter() - t
        job = capture_job_run(actor=user, job=CaptureJob.objects.get(pk=job.pk))
        if job.status != "success":
            raise SystemExit(f"capture failed: {job.errors[:3]}")
    total_s = time.perf_counter() - start
    stored = Event.objects.count() - before
    assert stored == events, (stored, events)
    identifiers = EventIdentifier.objects.filter(event__capture_job__isnull=False).count()
    print(
        f"capture: {events:,} events in {len(documents)} documents of {per_document:,} ({identifiers:,} identifier rows)"
    )
    print(
        f"  services (submit validates and keeps the normalised events, the job stores them): {total_s:.1f} s = "
        f"{events / total_s:,.0f} events/s (submit {submit_s:.1f} s, store {total_s - submit_s:.1f} s)"
    )
    print(
        f"  baseline COPY of the same rows: {copy_s:.2f} s = {events / copy_s:,.0f} events/s; "
        f"capture / COPY time = {total_s / copy_s:.1f}×"
    )
    print(f"  one process: target ≥ 5,000 events/s {'met' if events / total_s >= 5000 else 'NOT met'}")

    # Deployed, submissions (web workers) and storage (the task worker) run in separate processes: two processes
    # each submitting and storing their own documents use the machine's two cores.
    from django.db import connections

    later = start_chain + 2 * events // EVENTS_PER_CHAIN
    halves = [
        [capture_document(later + (2 * n + k) * per_document // EVENTS_PER_CHAIN, per_document // EVENTS_PER_CHAIN, rng)
         for n in range(len(documents) // 2)]
        for k in range(2)
    ]  # fmt: skip
    connections.close_all()
    before = Event.objects.count()
    connections.close_all()
    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with context.Pool(2) as pool:
        pool.starmap(_capture_all, [(user.pk, half) for half in halves])
    both_s = time.perf_counter() - start
    both = sum(len(h) for h in halves) * per_document
    assert Event.objects.count() - before == both
    print(f"  two processes: {both:,} events in {both_s:.1f} s = {both / both_s:,.0f} events/s "
          f"({both_s / (copy_s * both / events):.1f}× the COPY time); "
          f"target ≥ 5,000 events/s {'met' if both / both_s >= 5000 else 'NOT met'}")  # fmt: skip


def _capture_all(user_pk: int, documents: list[bytes]) -> None:
    """One process's share: submit (validate) and store each document, as a web worker and the task worker do."""
    from django.db import transaction

    from pinpai.accounts.models import User
    from pinpai.traceability.models import CaptureJob
    from pinpai.traceability.services.capture import capture_job_run, capture_job_submit

    user = User.objects.get(pk=user_pk)
    for body in documents:
        with transaction.atomic():
            job = capture_job_submit(actor=user, body=body, content_type="application/json")
        job = capture_job_run(actor=user, job=CaptureJob.objects.get(pk=job.pk))
        if job.status != "success":
            raise SystemExit(f"capture failed: {job.errors[:3]}")


# ---------------------------------------------------------------- queries at scale


def measure_queries(user: Any, chains: int, samples: int) -> None:
    from django.db import connection
    from django.test import Client

    from pinpai.accounts.services import api_token_issue, system_user_ensure
    from pinpai.traceability.selectors.genealogy import trace_backward

    rng = random.Random(7)
    picks = [rng.randint(1, chains) for _ in range(samples + 2)]

    def baseline() -> None:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT event_id FROM traceability_eventidentifier WHERE value = %s", [lot_packed(picks[0])]
            )
            cur.fetchall()

    b50, b95 = percentiles(timed(baseline, samples))
    print(f"baseline (one indexed identifier lookup): p50 {b50:.2f} ms, p95 {b95:.2f} ms")

    it = iter(picks * 3)
    t = timed(lambda: trace_backward(actor=user, identifier=lot_packed(next(it))), samples)
    p50, p95 = percentiles(t)
    trace = trace_backward(actor=user, identifier=lot_packed(picks[0]))
    print(
        f"trace_backward(retail lot) → {len(trace.lots)} identifiers, {len(trace.events)} events, "
        f"{len(trace.places)} places: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({p95 / b95:.0f}× baseline) "
        f"target ≤ 50 ms: {'met' if p95 <= 50 else 'NOT met'}"
    )

    token = api_token_issue(actor=system_user_ensure(), user=user, name="bench").secret
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    cases: list[tuple[str, Callable[[int], str]]] = [
        ("GET /api/v1/trace/backward?id=<retail lot>", lambda i: "/api/v1/trace/backward?" + urlencode({"id": lot_packed(i)})),
        ("GET /epcis/events?MATCH_epc=<pallet URN>", lambda i: "/epcis/events?" + urlencode(
            {"MATCH_epc": f"urn:epc:id:sscc:{PREFIX}.0{i:09d}"})),
        ("GET /epcis/events?MATCH_epcClass=<lot>", lambda i: "/epcis/events?" + urlencode({"MATCH_epcClass": lot_packed(i)})),
        ("GET /epcis/events?EQ_bizLocation=<store>&1 h window", lambda i: "/epcis/events?" + urlencode({
            "EQ_bizLocation": gln(3, i % STORES),
            "GE_eventTime": (BASE + datetime.timedelta(days=8, seconds=i * 30 - 1800)).isoformat(),
            "LT_eventTime": (BASE + datetime.timedelta(days=8, seconds=i * 30 + 1800)).isoformat()})),
        ("GET /epcis/events?EQ_bizStep=shipping&perPage=30", lambda i: "/epcis/events?EQ_bizStep=shipping&perPage=30"),
    ]  # fmt: skip
    for label, url in cases:
        it = iter(picks * 3)
        status: list[int] = []

        found: list[int] = []

        def call(
            url: Callable[[int], str] = url,
            status: list[int] = status,
            it: Any = it,
            found: list[int] = found,
        ) -> None:
            response = client.get(url(next(it)))
            status.append(response.status_code)
            if response.status_code == 200:
                body = response.json()
                found.append(len(body.get("events") or _event_list(body)))

        p50, p95 = percentiles(timed(call, samples))
        codes = sorted(set(status))
        target = 50 if "trace" in label else 30
        rows = f"{min(found)}–{max(found)}" if found else "-"
        print(f"{label:<55} p50 {p50:6.1f} ms, p95 {p95:6.1f} ms ({p95 / b95:4.0f}×) {rows:>5} rows, status {codes} "
              f"target ≤ {target} ms: {'met' if p95 <= target and codes == [200] else 'NOT met'}")  # fmt: skip


def _event_list(body: dict[str, Any]) -> list[Any]:
    """Events of an EPCISQueryDocument (or the lots of a trace answer)."""
    if "lots" in body:
        return list(body["events"])
    results = body.get("epcisBody", {}).get("queryResults", {}).get("resultsBody", {})
    return list(results.get("eventList", []))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="an empty throwaway PostgreSQL database")
    parser.add_argument("--admin-url", default=ADMIN_URL, help=f"used to create and drop {DB_NAME}")
    parser.add_argument(
        "--chains", type=int, default=1_000_000, help="fixture chains of ten events (10 M events)"
    )
    parser.add_argument(
        "--capture-events", type=int, default=50_000, help="events captured through the services"
    )
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help=f"keep {DB_NAME} and reuse it next time")
    args = parser.parse_args()
    created = not args.database_url
    if created:
        args.database_url = args.admin_url.rsplit("/", 1)[0] + f"/{DB_NAME}"
        exists = (
            psql(args.admin_url, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'", capture=True)
            == "1"
        )
        if exists and not args.keep:
            psql(args.admin_url, f"DROP DATABASE {DB_NAME} WITH (FORCE)")
        if not exists or not args.keep:
            psql(args.admin_url, f"CREATE DATABASE {DB_NAME}")
    try:
        run(args)
    finally:
        if created and not args.keep:
            from django.db import connections

            connections.close_all()
            psql(args.admin_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def run(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from pinpai.accounts.choices import Role
    from pinpai.accounts.models import User
    from pinpai.accounts.services import system_user_ensure
    from pinpai.common.services import reference_load
    from pinpai.traceability.models import Event

    if connection.vendor != "postgresql":
        raise SystemExit("this benchmark is for PostgreSQL; pass a postgres:// --database-url")
    from django.test.utils import override_settings

    # Jobs are run by hand below (as the worker would), so submission and storage are timed apart.
    override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}).enable()
    call_command("migrate", verbosity=0, skip_checks=True)
    user = User.objects.filter(username="bench-trace").first()
    if user is None:
        from pinpai.accounts.tests.factories import user_with_role
        from pinpai.registry.tests.factories import make_enterprise

        reference_load(actor=system_user_ensure())
        enterprise = make_enterprise("重庆市涪陵区测试榨菜有限公司")
        user = user_with_role(Role.ENTERPRISE_USER, enterprise.organisation, username="bench-trace")
    owner_id = user.memberships.get().organisation_id
    fixture_events = Event.objects.filter(capture_job__isnull=True).count()
    if fixture_events < args.chains * EVENTS_PER_CHAIN:
        print(f"building {args.chains * EVENTS_PER_CHAIN:,} events ({args.chains:,} chains) in SQL")
        with connection.cursor() as cur:
            cur.execute("TRUNCATE traceability_eventidentifier, traceability_event CASCADE")
        build_fixture(args.chains, owner_id)
    else:
        print(f"reusing {fixture_events:,} fixture events")
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM traceability_eventidentifier")
        (identifiers,) = cur.fetchone() or (0,)
    print(f"stored: {Event.objects.count():,} events, {identifiers:,} identifier rows\n")
    measure_queries(user, args.chains, args.samples)
    print()
    # Each run uses chains [start, start + 3 × captured/10); start past everything earlier runs stored (twice that).
    start_chain = (
        args.chains + 1 + 2 * Event.objects.filter(capture_job__isnull=False).count() // EVENTS_PER_CHAIN
    )
    if args.capture_events:
        measure_capture(user, args.capture_events, start_chain)


if __name__ == "__main__":
    main()
