"""Foundation benchmarks. Each figure is reported as a ratio to a baseline measured in the same run.

    python bench/run.py [--database-url URL] [--events N]

Without --database-url a throwaway SQLite file is used. The database is migrated and loaded here,
so point it at an empty, throwaway database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of `repeat` runs, in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--events", type=int, default=2000, help="audit events per measurement")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="pinpai-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from pinpai.accounts.models import Organisation
    from pinpai.accounts.services import system_user_ensure
    from pinpai.audit.choices import AuditAction
    from pinpai.audit.models import AuditEvent
    from pinpai.audit.selectors import audit_chain_verify
    from pinpai.audit.services import audit_record
    from pinpai.demo.services import demo_load

    call_command("migrate", verbosity=0)
    actor = system_user_ensure()
    demo_load(actor=actor, scale=10, seed=1)
    target = Organisation.objects.filter(kind="enterprise").first()
    assert target is not None
    vendor = connection.vendor
    n = args.events
    print(f"pinpai foundation benchmarks on {vendor}; {Organisation.objects.count()} organisations")

    # 1. audit_record (hash chain, head lock) vs a plain INSERT of the same columns.
    def chained() -> None:
        with transaction.atomic():
            for i in range(n):
                audit_record(
                    actor=actor,
                    action=AuditAction.ORGANISATION_UPDATED,
                    target=target,
                    changes={"i": [i, i + 1]},
                )

    seq = [10_000_000]

    def plain() -> None:
        with transaction.atomic(), connection.cursor() as cur:
            for i in range(n):
                seq[0] += 1
                cur.execute(
                    "INSERT INTO audit_auditevent (sequence, occurred_at, actor_id, actor_username, action, target_type,"
                    " target_id, target_repr, changes, request_id, client_ip, previous_hash, hash)"
                    " VALUES (%s, CURRENT_TIMESTAMP, %s, %s, %s, %s, %s, %s, %s, '', NULL, %s, %s)",
                    [seq[0], actor.pk, "system", "bench", "accounts.organisation", str(target.pk), "x",
                     f'{{"i": [{i}, {i + 1}]}}', "0" * 64, f"{seq[0]:064d}"],
                )  # fmt: skip

    t_chain, t_plain = timed(chained, 3), timed(plain, 3)
    print(
        f"audit_record: {n / t_chain:,.0f} events/s; plain INSERT baseline {n / t_plain:,.0f} rows/s; "
        f"ratio {t_chain / t_plain:.1f}x"
    )

    # 2. audit_verify vs iterating the same rows without hashing.
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE action = 'bench'")
    total = AuditEvent.objects.count()
    t_verify = timed(lambda: audit_chain_verify(), 3)
    t_scan = timed(
        lambda: sum(1 for _ in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)), 3
    )
    print(
        f"audit_verify: {total / t_verify:,.0f} events/s over {total:,} events; ORM scan baseline "
        f"{total / t_scan:,.0f} rows/s; ratio {t_verify / t_scan:.1f}x"
    )

    # 3. GET /api/v1/organisations (a 50-row page, filtered) vs the bare selector query.
    client = Client(HTTP_HOST="127.0.0.1")
    url = "/api/v1/organisations?kind=enterprise&limit=50"
    assert client.get(url).status_code == 200
    t_api = timed(lambda: client.get(url), 30)
    t_orm = timed(
        lambda: list(
            Organisation.objects.filter(kind="enterprise").select_related("district").order_by("name")[:50]
        ),
        30,
    )
    print(
        f"GET {url}: {t_api * 1000:.1f} ms median; ORM query baseline {t_orm * 1000:.2f} ms; ratio {t_api / t_orm:.1f}x"
    )


if __name__ == "__main__":
    main()
