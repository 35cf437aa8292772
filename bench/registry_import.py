"""Registry import benchmark: a 50,000-row enterprises .xlsx, checked and imported through the services.

    python bench/registry_import.py [--database-url URL] [--rows N]

Without --database-url a throwaway SQLite file is used. The database is migrated and loaded here, so
point it at an empty, throwaway database. Reported against a baseline measured in the same run on the
same database: a plain `bulk_create` of the same Organisation + Enterprise rows (no checks, no audit),
rolled back afterwards. The audit chain is measured on its own too, since one event per imported
enterprise is required: `audit_record` once per row (each locks and moves the chain head) against
`audit_record_many` (hashes chained in Python, one INSERT per 1,000 events, one head update), which
the import uses.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADERS = ["企业名称", "统一社会信用代码", "区县代码", "法定代表人", "注册资本（元）", "成立日期", "行业代码",
           "住所", "联系电话", "登记状态"]  # fmt: skip


def make_rows(n: int, district_codes: list[str], seed: int = 2026) -> list[list[Any]]:
    from pinpai.demo.plan import demo_uscc

    rng = random.Random(seed)
    seen: set[str] = set()
    rows: list[list[Any]] = []
    while len(rows) < n:
        district = rng.choice(district_codes)
        code = demo_uscc(rng, district)
        if code in seen:
            continue
        seen.add(code)
        i = len(rows)
        rows.append([
            f"重庆市基准测试企业{i:06d}有限公司", code, district, "张明", f"{rng.randint(1, 5000) * 10000}.00",
            datetime.date(2000 + i % 24, 1 + i % 12, 1 + i % 28), "14", f"重庆市某区某路{i}号",
            f"023-{rng.randint(10000000, 99999999)}", "存续",
        ])  # fmt: skip
    return rows


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("导入")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="pinpai-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import override_settings

    from pinpai.accounts.models import Organisation
    from pinpai.accounts.services import system_user_ensure
    from pinpai.audit.choices import AuditAction
    from pinpai.audit.services import AuditEntry, audit_record, audit_record_many
    from pinpai.common.models import District, IndustryClass
    from pinpai.common.services import reference_load
    from pinpai.registry.choices import ImportStatus
    from pinpai.registry.imports.reader import read_table
    from pinpai.registry.models import Enterprise
    from pinpai.registry.services.imports import import_job_commit, import_job_create, import_job_validate

    call_command("migrate", verbosity=0)
    actor = system_user_ensure()
    reference_load(actor=actor)
    districts = {d.code: d for d in District.objects.all()}
    industry = IndustryClass.objects.get(code="14")
    n = args.rows
    rows = make_rows(n, sorted(districts))
    data = xlsx_bytes(rows)
    print(
        f"pinpai registry import benchmark on {connection.vendor}; {n:,} enterprise rows, "
        f".xlsx of {len(data) / 1e6:.1f} MB; {os.cpu_count()} CPUs"
    )

    # Baseline: the same rows with a plain bulk_create (no checks, no audit), rolled back.
    start = time.perf_counter()
    with transaction.atomic():
        for i in range(0, n, 1000):
            chunk = rows[i : i + 1000]
            orgs = Organisation.objects.bulk_create(
                [
                    Organisation(kind="enterprise", name=r[0], uscc=r[1], district=districts[r[2]])
                    for r in chunk
                ]
            )
            Enterprise.objects.bulk_create(
                [
                    Enterprise(
                        organisation=o,
                        legal_representative=r[3],
                        registered_capital_yuan=Decimal(r[4]),
                        founded_on=r[5],
                        industry=industry,
                        address=r[7],
                        contact_phone=r[8],
                    )
                    for o, r in zip(orgs, chunk, strict=True)
                ]  # fmt: skip
            )
        transaction.set_rollback(True)
    t_baseline = time.perf_counter() - start

    # The audit chain alone: one audit_record per row, rolled back. At most 5,000: inside one
    # PostgreSQL transaction each moves the head row once more, so this grows as O(N²).
    n_single = min(n, 5_000)
    target = Organisation.objects.filter(kind="district").first()
    assert target is not None
    start = time.perf_counter()
    with transaction.atomic():
        for i in range(n_single):
            audit_record(
                actor=actor, action=AuditAction.ENTERPRISE_REGISTERED, target=target, changes={"i": [None, i]}
            )
        transaction.set_rollback(True)
    t_audit = time.perf_counter() - start

    # What the import uses: the same events chained in Python and inserted in bulk.
    start = time.perf_counter()
    with transaction.atomic():
        audit_record_many(
            actor=actor,
            action=AuditAction.ENTERPRISE_REGISTERED,
            entries=(AuditEntry(target, {"i": [None, i]}) for i in range(n)),
        )
        transaction.set_rollback(True)
    t_audit_bulk = time.perf_counter() - start

    start = time.perf_counter()
    read_table(data, "bench.xlsx", max_rows=n)
    t_read = time.perf_counter() - start

    # The import: create (the validation task is not run here), validate, commit, each timed.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        job = import_job_create(
            actor=actor, kind="enterprises", uploaded_file=SimpleUploadedFile("bench.xlsx", data)
        )
    start = time.perf_counter()
    job = import_job_validate(actor=actor, job=job)
    t_validate = time.perf_counter() - start
    assert (job.status, job.valid_rows, job.errors) == (ImportStatus.READY, n, []), job.message
    start = time.perf_counter()
    job = import_job_commit(actor=actor, job=job, only_valid=False)
    t_commit = time.perf_counter() - start
    assert (job.status, job.imported_rows) == (ImportStatus.DONE, n), job.message
    assert Enterprise.objects.count() == n

    total = t_validate + t_commit
    print(f"  read .xlsx (openpyxl read-only):    {t_read:6.1f} s  {n / t_read:8,.0f} rows/s")
    print(f"  validate (read + check, task):      {t_validate:6.1f} s  {n / t_validate:8,.0f} rows/s")
    print(f"  commit (re-check + write + audit):  {t_commit:6.1f} s  {n / t_commit:8,.0f} rows/s")
    print(f"  validate + commit:                  {total:6.1f} s  {n / total:8,.0f} rows/s")
    print(f"  baseline bulk_create, same rows:    {t_baseline:6.1f} s  {n / t_baseline:8,.0f} rows/s")
    print(f"  audit_record, {n_single:,} events:      {t_audit:6.1f} s  {n_single / t_audit:8,.0f} events/s")
    print(f"  audit_record_many, same events:     {t_audit_bulk:6.1f} s  {n / t_audit_bulk:8,.0f} events/s")
    print(f"  ratio (validate + commit) / baseline: {total / t_baseline:.1f}x; "
          f"audit share of commit: {t_audit_bulk / t_commit:.0%}")  # fmt: skip


if __name__ == "__main__":
    main()
