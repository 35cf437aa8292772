"""Capture demo traceability chains (vegetables, grain, edible oil, navel oranges, pork, zhacai) at any scale.

The documents go through the real capture endpoint, POST /epcis/capture: in process by default (as the demo
enterprise user, with an API token issued for the run), or over HTTP to a running server with --url and --token,
where each capture job is then polled until it has finished. Master data (locations, lots) is registered first.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pinpai.accounts.models import User
from pinpai.accounts.services import system_user_ensure
from pinpai.demo.traceability import (
    CAPTURE_USERNAME,
    trace_chains_captured,
    trace_lots_register,
    trace_master_ensure,
    trace_plan,
)
from pinpai.demo.traceability_capture import (
    CaptureClient,
    HttpClient,
    InProcessClient,
    capture_token_issue,
    trace_documents_send,
    trace_jobs_wait,
)
from pinpai.demo.traceability_chains import MAX_DOCUMENT_EVENTS, build_chains, documents


class Command(BaseCommand):
    help = (
        "Capture demo traceability chains through POST /epcis/capture (in process, or over HTTP with --url)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chains", type=int, default=20, help="how many chains (each 8–13 events)")
        parser.add_argument("--seed", type=int, default=2016, help="same seed and day, same chains")
        parser.add_argument("--url", default="", help="root of a running server, e.g. http://127.0.0.1:8000")
        parser.add_argument("--token", default="", help="API token for --url (Authorization: Bearer)")
        parser.add_argument(
            "--username", default=CAPTURE_USERNAME, help="in process: the enterprise user who captures"
        )
        parser.add_argument("--max-events", type=int, default=MAX_DOCUMENT_EVENTS, help="events per document")
        parser.add_argument("--base-date", default="", help="chains end before this day (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="print the documents' event counts only")

    def handle(self, *args: Any, **options: Any) -> None:
        chains, seed = options["chains"], options["seed"]
        if chains < 1:
            raise CommandError("--chains must be at least 1")
        if options["url"] and not options["token"]:
            raise CommandError("--url needs --token (issue one with: manage.py api_token USERNAME)")
        base = (
            datetime.date.fromisoformat(options["base_date"])
            if options["base_date"]
            else timezone.localdate()
        )
        plan = trace_plan(seed=seed)
        started = time.perf_counter()
        rng = random.Random(f"trace:{seed}")  # noqa: S311 - demo data must be reproducible, not secret
        built = list(build_chains(rng, count=chains, base_date=base, master=plan.master))
        docs = list(documents(built, created=base, max_events=options["max_events"]))
        elapsed = time.perf_counter() - started
        events = sum(len(c.events) for c in built)
        kinds = Counter(c.kind for c in built)
        self.stdout.write(
            f"{chains} chains ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), {events} events "
            f"in {len(docs)} documents; generated in {elapsed:.2f} s ({events / max(elapsed, 1e-9):,.0f} events/s)"
        )
        if options["dry_run"]:
            for i, doc in enumerate(docs, start=1):
                self.stdout.write(f"  document {i}: {len(doc['epcisBody']['eventList'])} events")
            return
        if trace_chains_captured(chains=built):
            raise CommandError(
                "these chains were captured already (same --seed and --base-date); pick another --seed"
            )
        actor = system_user_ensure()
        client: CaptureClient
        if options["url"]:
            client = HttpClient(options["url"], options["token"])
        else:
            if not User.objects.filter(username=options["username"], is_active=True).exists():
                raise CommandError(f"no active user {options['username']!r}: run manage.py demo first")
            client = InProcessClient(capture_token_issue(actor=actor, username=options["username"]))
        locations = trace_master_ensure(actor=actor, plan=plan, seed=seed)
        lots = trace_lots_register(actor=actor, chains=built)
        self.stdout.write(f"master data: {locations} locations and {lots} lots registered")
        submissions = trace_documents_send(client=client, documents=docs)
        refused = [s for s in submissions if s.status != 202]
        if refused:
            raise CommandError(f"POST /epcis/capture answered {refused[0].status}: {refused[0].body}")
        self.stdout.write(f"capture jobs submitted: {len(submissions)}")
        jobs = trace_jobs_wait(client=client, submissions=submissions, timeout=3600 if options["url"] else 0)
        running = [i for i, j in jobs.items() if isinstance(j, dict) and j.get("running")]
        failed = [(i, j) for i, j in jobs.items() if not isinstance(j, dict) or not j.get("success", False)]
        for capture_id, job in failed:
            self.stdout.write(
                f"  capture job {capture_id} failed: {job.get('errors') if isinstance(job, dict) else job}"
            )
        if failed:
            raise CommandError(f"capture jobs failed: {len(failed)}")
        if running:
            self.stdout.write(
                f"capture jobs running: {len(running)} (the worker, manage.py db_worker, stores them)"
            )
        else:
            self.stdout.write(f"capture jobs finished: {len(jobs)}; events stored: {events}")
