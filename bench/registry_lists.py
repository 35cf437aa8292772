"""Registry staff list pages at scale: 100,000 enterprises and 300,000 brands on PostgreSQL.

    python bench/registry_lists.py [--database-url URL] [--enterprises N] [--brands N] [--samples N]

Target: the first page (50 rows) of every filtered brand and enterprise list answers in under 150 ms at
the 95th percentile, with the same number of queries whatever the page size. Each list is measured
through its selector (rows + the total count, as both the pages and the API paginate) and, when they
exist, through GET /api/v1/brands|enterprises and /registry/brands|enterprises/, as department staff
(市农委), district staff (涪陵区) and the public. Every figure is also reported as a ratio to a baseline
measured in the same run: a plain indexed `SELECT id, name FROM registry_brand ORDER BY name LIMIT 50`.

Without --database-url a throwaway database `pinpai_bench_lists` is created on the local PostgreSQL
(--admin-url) and dropped at the end. With --database-url, point it at an empty, throwaway database.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DB_NAME = "pinpai_bench_lists"
TARGET_P95_MS = 150.0
PAGE = 50
BASELINE_SQL = "SELECT id, name FROM registry_brand ORDER BY name LIMIT 50"

# Brand-list filters: (label, selector kwargs, API query, page query).
BRAND_FILTERS: tuple[tuple[str, dict[str, str], dict[str, str], dict[str, str]], ...] = (
    ("none", {}, {}, {}),
    ("pillar", {"pillar_code": "agri-original"}, {"pillar": "agri-original"}, {"pillar": "agri-original"}),
    ("tier", {"tier_code": "national"}, {"tier": "national"}, {"tier": "national"}),
    ("district", {"district_code": "500102"}, {"district": "500102"}, {"district": "500102"}),
    ("status", {"status": "submitted"}, {"status": "submitted"}, {"status": "submitted"}),
    ("text", {"text": "鑫源"}, {"q": "鑫源"}, {"q": "鑫源"}),
    ("text-rare", {"text": "翠微远洋"}, {"q": "翠微远洋"}, {"q": "翠微远洋"}),
    ("certificate", {"certificate_kind": "green_food"}, {"certificate_kind": "green_food"},
     {"certificate": "green_food"}),
    ("pillar+tier+status", {"pillar_code": "mfg-international", "tier_code": "national", "status": "published"},
     {"pillar": "mfg-international", "tier": "national", "status": "published"},
     {"pillar": "mfg-international", "tier": "national", "status": "published"}),
    ("district+certificate", {"district_code": "500102", "certificate_kind": "green_food"},
     {"district": "500102", "certificate_kind": "green_food"}, {"district": "500102", "certificate": "green_food"}),
)  # fmt: skip
ENTERPRISE_FILTERS: tuple[tuple[str, dict[str, str], dict[str, str], dict[str, str]], ...] = (
    ("none", {}, {}, {}),
    ("district", {"district_code": "500102"}, {"district": "500102"}, {"district": "500102"}),
    ("industry", {"industry_code": "14"}, {"industry": "14"}, {"industry": "14"}),
    ("status", {"status": "revoked"}, {"status": "revoked"}, {"status": "revoked"}),
    ("text", {"text": "鑫源"}, {"q": "鑫源"}, {"q": "鑫源"}),
)


@dataclass(frozen=True)
class Timing:
    p50: float  # ms
    p95: float

    def __str__(self) -> str:
        return f"{self.p50:>7.1f}/{self.p95:>7.1f}"


@dataclass(frozen=True)
class Sample:
    page: Timing  # what a caller waits for: the rows (and, for a selector, the count)
    queries: int = 0
    note: str = ""  # why it was not measured
    rows: Timing | None = None  # selector only: the first page of rows, then the total count
    count: Timing | None = None
    matched: int = 0


def percentiles(times: list[float]) -> Timing:
    ordered = sorted(times)
    return Timing(
        statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    )


def timed(fn: Callable[[], object], samples: int) -> list[float]:
    """Wall times of `samples` runs in ms, after two warm-up runs."""
    fn()
    fn()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


# ---------------------------------------------------------------- database


def psql(admin_url: str, sql: str) -> None:
    exe = shutil.which("psql")
    if exe is None:
        raise SystemExit("psql not found: install postgresql-client, or pass --database-url")
    env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
    subprocess.run([exe, "-q", admin_url, "-c", sql], check=True, env=env)


def _database_exists(admin_url: str) -> bool:
    exe = shutil.which("psql") or "psql"
    sql = "SELECT 1 FROM pg_database WHERE datname = 'pinpai_bench_lists'"
    out = subprocess.run([exe, "-Atq", admin_url, "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip() == "1"


def build_fixture(n_enterprises: int, n_brands: int, seed: int) -> None:
    """Benchmark fixture, not business data: rows go in with bulk_create, bypassing the services (and
    the audit trail) so 100k enterprises and 300k brands load in a minute or two. The shapes follow the
    demo (districts per industry, one or two districts per brand, most brands published)."""
    from django.db import connection, transaction

    from pinpai.accounts.models import Organisation
    from pinpai.common.identifiers import organisation_code_check_digit, uscc_with_check_digit
    from pinpai.common.models import Category, District, IndustryClass, ProductLine, Tier
    from pinpai.demo.plan import INDUSTRIES, TRADE_NAMES
    from pinpai.demo.registry_plan import LINES, place_name
    from pinpai.registry.models import Brand, Certificate, Enterprise

    rng = random.Random(seed)
    districts = {d.code: d for d in District.objects.all()}
    industries = {c.code: c.pk for c in IndustryClass.objects.filter(level="division")}
    categories = {(c.pillar.code, c.code): c.pk for c in Category.objects.select_related("pillar")}
    lines = {(p.pillar.code, p.name): p.pk for p in ProductLine.objects.select_related("pillar")}
    pillar_ids = {c.pillar.code: c.pillar_id for c in Category.objects.select_related("pillar")}
    tiers = [t.pk for t in Tier.objects.all()] + [None]
    statuses = ["published"] * 16 + ["submitted", "district_approved", "approved", "draft", "returned",
                                      "suspended", "withdrawn"]  # fmt: skip
    cert_kinds = ["green_food", "organic", "iso_9001", "iso_22000", "haccp", "famous_product", "gi_product"]
    code_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    today = datetime.date(2026, 3, 1)
    batch = 5000

    def org_code(i: int) -> str:
        digits = ""
        for _ in range(6):
            i, r = divmod(i, len(code_chars))
            digits = code_chars[r] + digits
        body = "MA" + digits
        return body + organisation_code_check_digit(body)

    start = time.perf_counter()
    owners: list[tuple[int, str, str]] = []  # (enterprise id, district code, industry)
    for offset in range(0, n_enterprises, batch):
        orgs, rows = [], []
        for i in range(offset, min(offset + batch, n_enterprises)):
            product, codes, suffix = rng.choice(INDUSTRIES)
            code = rng.choice(codes) if rng.random() < 0.7 else rng.choice(list(districts))
            place = place_name(districts[code].name)
            orgs.append(Organisation(
                kind="enterprise", name=f"重庆市{place}{rng.choice(TRADE_NAMES)}{rng.choice(TRADE_NAMES)}{suffix}",
                uscc=uscc_with_check_digit(f"91{code}{org_code(i)}"), district=districts[code], is_demo=True,
            ))  # fmt: skip
            rows.append((code, product))
        with transaction.atomic():
            Organisation.objects.bulk_create(orgs, batch_size=batch)
            Enterprise.objects.bulk_create(
                [
                    Enterprise(
                        organisation_id=o.pk, legal_representative="张明",
                        registered_capital_yuan=Decimal(rng.randint(10, 50000) * 10000),
                        founded_on=datetime.date(rng.randint(1990, 2024), rng.randint(1, 12), 1),
                        industry_id=industries[LINES[product].division],
                        status=rng.choices(["active", "deregistered", "revoked"], [95, 3, 2])[0],
                    )
                    for o, (code, product) in zip(orgs, rows, strict=True)
                ],
                batch_size=batch,
            )  # fmt: skip
        owners.extend((o.pk, code, product) for o, (code, product) in zip(orgs, rows, strict=True))
    print(f"  {n_enterprises:,} enterprises in {time.perf_counter() - start:.0f} s")

    start = time.perf_counter()
    through_d, through_c, through_p = (Brand.districts.through, Brand.categories.through,
                                       Brand.product_lines.through)  # fmt: skip
    cert_number = 0
    used: set[tuple[int, str]] = set()
    for offset in range(0, n_brands, batch):
        brands, meta = [], []
        for _ in range(offset, min(offset + batch, n_brands)):
            owner, code, product = rng.choice(owners)
            line = LINES[product]
            status = rng.choice(statuses)
            name = f"{rng.choice(TRADE_NAMES)}{rng.choice(TRADE_NAMES)}{line.word}"
            while (owner, name) in used:  # one name per owner (registry_brand_unique_name_per_owner)
                name = f"{rng.choice(TRADE_NAMES)}{rng.choice(TRADE_NAMES)}{line.word}"
            used.add((owner, name))
            brands.append(Brand(
                name=name, owner_id=owner,
                kind=line.kind, pillar_id=pillar_ids[line.pillar], tier_id=rng.choice(tiers), status=status,
                published_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) if status == "published" else None,
            ))  # fmt: skip
            extra = rng.choice(list(districts)) if rng.random() < 0.2 else None
            meta.append((code, extra, line))
        with transaction.atomic():
            Brand.objects.bulk_create(brands, batch_size=batch)
            d_rows, c_rows, p_rows, certs = [], [], [], []
            for b, (code, extra, line) in zip(brands, meta, strict=True):
                d_rows.append(through_d(brand_id=b.pk, district_id=districts[code].pk))
                if extra and extra != code:
                    d_rows.append(through_d(brand_id=b.pk, district_id=districts[extra].pk))
                c_rows.append(through_c(brand_id=b.pk, category_id=categories[(line.pillar, line.category)]))
                p_rows.append(
                    through_p(brand_id=b.pk, productline_id=lines[(line.pillar, line.product_line)])
                )
                if rng.random() < 0.35:
                    cert_number += 1
                    valid_to = today + datetime.timedelta(days=rng.randint(-400, 1000))
                    certs.append(Certificate(
                        kind=rng.choice(cert_kinds), number=f"BENCH-{cert_number:08d}", issuer="基准测试",
                        holder_id=b.owner_id, brand_id=b.pk if rng.random() < 0.8 else None,
                        valid_from=valid_to - datetime.timedelta(days=1095), valid_to=valid_to,
                    ))  # fmt: skip
            through_d.objects.bulk_create(d_rows, batch_size=batch)
            through_c.objects.bulk_create(c_rows, batch_size=batch)
            through_p.objects.bulk_create(p_rows, batch_size=batch)
            Certificate.objects.bulk_create(certs, batch_size=batch)
    print(f"  {n_brands:,} brands, {cert_number:,} certificates in {time.perf_counter() - start:.0f} s")
    with connection.cursor() as cur:
        # What the brand workflow keeps for each enterprise (services.brands._owner_publicity_refresh).
        cur.execute(
            "UPDATE registry_enterprise e SET has_published_brand = true WHERE EXISTS"
            " (SELECT 1 FROM registry_brand b WHERE b.owner_id = e.organisation_id AND b.status = 'published')"
        )
        cur.execute("VACUUM ANALYZE")


def bench_users() -> dict[str, Any]:
    """市农委 department staff, 涪陵区 district staff and the public, through the real services."""
    from pinpai.accounts.models import Organisation
    from pinpai.accounts.services import membership_grant, system_user_ensure, user_create

    system = system_user_ensure()
    users: dict[str, Any] = {}
    for username, role, key in (
        ("agri", "department_staff", "department:市农委"),
        ("fuling", "district_staff", "district:500102"),
    ):
        password = secrets.token_urlsafe(16)  # the HTTP client signs in with force_login
        user = user_create(actor=system, username=username, password=password, full_name=username)
        org = Organisation.objects.get(reference_key=key)
        membership_grant(actor=system, user=user, organisation=org, role=role)
        users[username] = user
    users["anonymous"] = None
    return users


# ---------------------------------------------------------------- measurements


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="an empty throwaway PostgreSQL database")
    parser.add_argument("--admin-url", default=ADMIN_URL, help=f"used to create and drop {DB_NAME}")
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--brands", type=int, default=300_000)
    parser.add_argument("--samples", type=int, default=30, help="timed runs per measurement")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the queries of slow pages")
    parser.add_argument(
        "--timeout", type=int, default=20, help="statement_timeout in seconds; a slower query is reported"
    )
    parser.add_argument(
        "--keep", action="store_true", help=f"keep {DB_NAME} (and reuse it next time) instead of dropping it"
    )
    args = parser.parse_args()
    created = not args.database_url
    if created and args.keep:
        args.database_url = args.admin_url.rsplit("/", 1)[0] + f"/{DB_NAME}"
        created = False
        if not _database_exists(args.admin_url):
            psql(args.admin_url, f"CREATE DATABASE {DB_NAME}")
    if created:
        psql(args.admin_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        psql(args.admin_url, f"CREATE DATABASE {DB_NAME}")
        args.database_url = args.admin_url.rsplit("/", 1)[0] + f"/{DB_NAME}"
    try:
        run(args)
    finally:
        if created:
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

    from pinpai.accounts.services import system_user_ensure
    from pinpai.common.services import reference_load

    if connection.vendor != "postgresql":
        raise SystemExit("this benchmark is for PostgreSQL; pass a postgres:// --database-url")
    from django.db.backends.signals import connection_created

    def statement_timeout(sender: Any, connection: Any, **kwargs: Any) -> None:
        with connection.cursor() as cur:
            cur.execute(f"SET statement_timeout = {int(args.timeout) * 1000}")

    connection_created.connect(statement_timeout, weak=False)
    connection.close()  # reconnect with the timeout set
    for name in ("django.request", "pinpai.api.errors"):  # a timed-out page is reported in the table
        logging.getLogger(name).setLevel(logging.CRITICAL)
    call_command("migrate", verbosity=0, skip_checks=True)
    from pinpai.accounts.models import User
    from pinpai.registry.models import Brand

    if args.keep and Brand.objects.exists():  # kept by an earlier --keep run: measure it again
        print("pinpai registry list benchmark on PostgreSQL; reusing the fixture in the database")
        users: dict[str, Any] = {u.username: u for u in User.objects.filter(username__in=["agri", "fuling"])}
        users["anonymous"] = None
    else:
        reference_load(actor=system_user_ensure())
        users = bench_users()
        print(f"pinpai registry list benchmark on PostgreSQL; building {args.enterprises:,} enterprises, "
              f"{args.brands:,} brands (bulk_create fixture)")  # fmt: skip
        build_fixture(args.enterprises, args.brands, args.seed)

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM registry_brand")
        (brands,) = cur.fetchone() or (0,)

    def baseline() -> None:
        with connection.cursor() as cur:
            cur.execute(BASELINE_SQL)
            cur.fetchall()

    base = percentiles(timed(baseline, max(args.samples, 50)))
    print(f"baseline ({BASELINE_SQL}) over {brands:,} rows: p50 {base.p50:.2f} ms, p95 {base.p95:.2f} ms\n")

    from pinpai.registry.selectors import brand_list, enterprise_list

    slow: list[str] = []
    for title, selector, filters, path in (
        ("brand_list", brand_list, BRAND_FILTERS, "brands"),
        ("enterprise_list", enterprise_list, ENTERPRISE_FILTERS, "enterprises"),
    ):
        print(f"{title}: the first {PAGE} rows, the total count, both (= a page); p50/p95 ms; q = queries;")
        print(
            f"× = page p95 / baseline p95; API = GET /api/v1/{path}?limit={PAGE}; HTML = GET /registry/{path}/"
        )
        print(f"{'filter':<20} {'actor':<9} {'matched':>7} {'rows':>15} {'count':>15} {'page':>15} {'q':>2} "
              f"{'×':>5} {'API':>15} {'q':>2} {'HTML':>15} {'q':>2}")  # fmt: skip
        for label, kwargs, api_query, page_query in filters:
            for who, actor in users.items():
                sel = measure_selector(selector, actor, kwargs, args.samples)
                api = measure_http(
                    f"/api/v1/{path}?{urlencode({**api_query, 'limit': PAGE})}", actor, args.samples
                )
                html = measure_http(f"/registry/{path}/?{urlencode(page_query)}", actor, args.samples)
                over = [name for name, s in (("selector", sel), ("API", api), ("HTML", html))
                        if s.note == "" and s.page.p95 > TARGET_P95_MS]  # fmt: skip
                over += [
                    f"{name} {s.note}" for name, s in (("API", api), ("HTML", html)) if s.note == "timeout"
                ]
                if sel.note:
                    over.insert(0, f"selector {sel.note}")
                    measured = f"{'':>7} {sel.note:>15} {'':>15} {'':>15} {'':>2} {'':>5}"
                else:
                    measured = (f"{sel.matched:>7,} {sel.rows} {sel.count} {sel.page} {sel.queries:>2} "
                                f"{sel.page.p95 / base.p95:>5.0f}")  # fmt: skip
                print(f"{label:<20} {who:<9} {measured} {_cell(api)} {_cell(html)}{' ←' if over else ''}")
                if over:
                    slow.append(f"{title} {label} as {who} ({', '.join(over)})")
                    if args.explain:
                        explain(selector, actor, kwargs)
        print()
    for note in sorted(NOTES):
        print(f"note: {note}")
    print(f"over {TARGET_P95_MS:.0f} ms p95 (←): " + ("; ".join(slow) if slow else "none"))


NOTES: set[str] = set()


def _cell(s: Sample) -> str:
    return f"{s.note:>15} {'':>2}" if s.note else f"{s.page} {s.queries:>2}"


def _touch(rows: list[Any]) -> list[str]:
    """Read what a list row shows, so a missing select_related shows up as extra queries."""
    shown = []
    for row in rows:
        if hasattr(row, "pillar"):
            shown += [row.owner.organisation.name, row.pillar.name, row.tier.name if row.tier else ""]
        else:
            shown += [row.organisation.name, str(row.organisation.district), str(row.industry)]
    return shown


def measure_selector(
    selector: Callable[..., Any], actor: Any, kwargs: dict[str, str], samples: int
) -> Sample:
    """The first page through the selector, as the pages and the API build it: rows, then the count."""
    from django.db import DatabaseError, connection
    from django.test.utils import CaptureQueriesContext

    rows_ms: list[float] = []
    count_ms: list[float] = []

    def page(size: int = PAGE) -> int:
        start = time.perf_counter()
        qs = selector(actor=actor, **kwargs)
        _touch(list(qs[:size]))
        middle = time.perf_counter()
        total = int(qs.count())
        rows_ms.append((middle - start) * 1000)
        count_ms.append((time.perf_counter() - middle) * 1000)
        return total

    try:
        matched = page()
    except DatabaseError as exc:
        NOTES.add(f"{selector.__name__} {kwargs}: {str(exc).splitlines()[0]}")
        return Sample(Timing(0, 0), note="timeout" if "timeout" in str(exc) else "error")
    with CaptureQueriesContext(connection) as small:
        page(10)
    with CaptureQueriesContext(connection) as full:
        page()
    if len(small.captured_queries) != len(full.captured_queries):
        NOTES.add(f"{selector.__name__} {kwargs}: {len(small)} queries for 10 rows, {len(full)} for {PAGE}")
    rows_ms.clear()
    count_ms.clear()
    try:
        for _ in range(samples):
            page()
    except DatabaseError as exc:  # a later run ran into statement_timeout
        NOTES.add(f"{selector.__name__} {kwargs}: {str(exc).splitlines()[0]}")
        return Sample(Timing(0, 0), note="timeout")
    pages = [r + c for r, c in zip(rows_ms, count_ms, strict=True)]
    return Sample(
        percentiles(pages), len(full.captured_queries), rows=percentiles(rows_ms), count=percentiles(count_ms),
        matched=matched,
    )  # fmt: skip


def measure_http(url: str, actor: Any, samples: int) -> Sample:
    """GET `url` as `actor` (a session for staff); skipped with a note if it is not there yet."""
    from django.db import DatabaseError, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if actor is not None:
        client.force_login(actor)
    try:
        status = client.get(url).status_code
    except Exception as exc:  # noqa: BLE001 - the views are being written; report, don't stop the run
        first = str(exc).splitlines()[0] if str(exc) else ""
        NOTES.add(f"{url.split('?')[0]} raised {type(exc).__name__}: {first}")
        return Sample(Timing(0, 0), note="timeout" if "statement timeout" in first else "error")
    if status != 200:
        NOTES.add(
            f"{url.split('?')[0]} answered {status} as {getattr(actor, 'username', 'anonymous')}; skipped"
        )
        return Sample(Timing(0, 0), note=str(status))
    try:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries = len(ctx.captured_queries)  # now: the next request clears the connection's query log
        if "limit=" in url:
            with CaptureQueriesContext(connection) as small:
                client.get(url.replace(f"limit={PAGE}", "limit=10"))
            if len(small.captured_queries) != queries:
                NOTES.add(f"{url}: {len(small.captured_queries)} queries for 10 rows, {queries} for {PAGE}")
        return Sample(percentiles(timed(lambda: client.get(url), samples)), queries)
    except DatabaseError as exc:  # one of the timed requests ran into statement_timeout
        NOTES.add(
            f"{url.split('?')[0]} as {getattr(actor, 'username', 'anonymous')}: {str(exc).splitlines()[0]}"
        )
        return Sample(Timing(0, 0), note="timeout")


def explain(selector: Callable[..., Any], actor: Any, kwargs: dict[str, str]) -> None:
    """EXPLAIN ANALYZE the page's two queries (plain EXPLAIN for one that times out)."""
    from django.db import DatabaseError

    qs = selector(actor=actor, **kwargs)
    for part in ("rows", "count"):
        for analyze in (True, False):
            try:
                plan = qs[:PAGE].explain(analyze=analyze) if part == "rows" else _explain_count(qs, analyze)
                break
            except DatabaseError:
                plan = "(timed out)"
        print(f"    EXPLAIN {'ANALYZE ' if analyze else ''}({part}):")
        for line in plan.splitlines()[:60]:
            print(f"      {line}")


def _explain_count(qs: Any, analyze: bool) -> str:
    from django.db import connection

    sql, params = qs.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN {'ANALYZE ' if analyze else ''}SELECT count(*) FROM ({sql}) AS page", params)  # noqa: S608 - our SQL
        return "\n".join(r[0] for r in cur.fetchall())


if __name__ == "__main__":
    main()
