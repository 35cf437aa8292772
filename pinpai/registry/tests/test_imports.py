import csv
import datetime
import io
import random
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from pinpai.accounts.models import Organisation
from pinpai.accounts.services import system_user_ensure
from pinpai.accounts.tests.factories import valid_uscc
from pinpai.audit.models import AuditEvent
from pinpai.common.identifiers import organisation_code_check_digit, uscc_with_check_digit
from pinpai.common.models import District
from pinpai.registry.choices import GiKind, ImportStatus
from pinpai.registry.exceptions import ImportInvalid
from pinpai.registry.imports.columns import ENTERPRISE_COLUMNS
from pinpai.registry.models import Brand, Certificate, Enterprise, GiAuthorisation, ImportJob
from pinpai.registry.services import imports as imports_service
from pinpai.registry.services.enterprises import enterprise_register
from pinpai.registry.services.imports import import_job_commit, import_job_create, import_job_validate
from pinpai.registry.services.rights import gi_register
from pinpai.registry.tests.factories import make_brand, make_enterprise

ENTERPRISE_HEADERS = [
    "企业名称",
    "统一社会信用代码",
    "区县代码",
    "注册资本（元）",
    "成立日期",
    "行业代码",
    "登记状态",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def english():
    """Messages are compared with their English msgids, whatever the catalogue says."""
    with translation.override("en"):
        yield


def xlsx(headers, rows):
    wb = Workbook()
    sheet = wb.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers, rows, encoding="utf-8-sig"):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def enterprise_rows(n, district="500102", seed=11):
    rng = random.Random(seed)
    codes = set()
    while len(codes) < n:
        body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        codes.add(uscc_with_check_digit("91" + district + body + organisation_code_check_digit(body)))
    return [[f"重庆测试企业{i:04d}有限公司", code, district, "1000000", "2010-01-01", "14", "存续"]
            for i, code in enumerate(sorted(codes))]  # fmt: skip


def create(actor, kind, name, data, *, capture, only_valid=False):
    """Create a job; the validation task runs when the transaction commits (immediately in tests)."""
    with capture(execute=True):
        job = import_job_create(
            actor=actor, kind=kind, uploaded_file=upload(name, data), only_valid=only_valid
        )
    job.refresh_from_db()
    return job


def commit(actor, job, *, capture, only_valid=False):
    """What the job page does: mark importing; the import task runs on commit."""
    with capture(execute=True):
        import_job_commit(actor=actor, job=job, only_valid=only_valid, defer=True)
    job.refresh_from_db()
    return job


def actions_since(sequence):
    return list(
        AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence").values_list("action", flat=True)
    )


def last_sequence():
    return AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0


# ---------------------------------------------------------------- end to end


def test_enterprises_from_xlsx_are_checked_then_imported_with_audit_events(
    admin_user, django_capture_on_commit_callbacks
):
    rows = [
        ["重庆市涪陵区甲榨菜有限公司", valid_uscc("500102"), "500102", "5000000.00", datetime.date(2008, 5, 12), "14", "存续"],
        ["重庆乙食品有限公司（渝中）", valid_uscc("500103"), "500103", 1200000, "2015/3/1", 14, "注销"],
        ["重庆丙协会", valid_uscc("500102"), "500102", None, None, None, None],
    ]  # fmt: skip
    before = last_sequence()
    job = create(admin_user, "enterprises", "企业.xlsx", xlsx(ENTERPRISE_HEADERS, rows),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert (job.status, job.total_rows, job.processed_rows, job.valid_rows, job.errors) == (
        ImportStatus.READY, 3, 3, 3, []
    )  # fmt: skip
    assert job.message == "All 3 rows are valid."
    assert Enterprise.objects.filter(organisation__uscc=rows[0][1]).count() == 0

    job = commit(admin_user, job, capture=django_capture_on_commit_callbacks)

    assert (job.status, job.imported_rows, job.message) == (ImportStatus.DONE, 3, "3 rows imported.")
    got = [
        (e.organisation.name, e.organisation.uscc, e.organisation.district.code, e.registered_capital_yuan,
         e.founded_on, e.industry.code if e.industry else None, e.status, e.organisation.kind)
        for e in Enterprise.objects.filter(organisation__uscc__in=[r[1] for r in rows]).order_by("organisation__name")
    ]  # fmt: skip
    assert got == sorted(
        [
            (rows[0][0], rows[0][1], "500102", Decimal("5000000.00"), datetime.date(2008, 5, 12), "14", "active", "enterprise"),
            (rows[1][0], rows[1][1], "500103", Decimal("1200000.00"), datetime.date(2015, 3, 1), "14", "deregistered", "enterprise"),
            (rows[2][0], rows[2][1], "500102", None, None, None, "active", "enterprise"),
        ]
    )  # fmt: skip
    assert actions_since(before) == [
        "registry.import.created",
        "registry.enterprise.registered",
        "registry.enterprise.registered",
        "registry.enterprise.registered",
        "registry.import.committed",
    ]
    first = Enterprise.objects.get(organisation__uscc=rows[0][1])
    event = AuditEvent.objects.for_target(first).get()
    assert event.actor == admin_user
    assert event.changes["uscc"] == [None, rows[0][1]]
    assert event.changes["registered_capital_yuan"] == [None, "5000000.00"]
    committed = AuditEvent.objects.filter(action="registry.import.committed").get()
    assert committed.changes == {
        "status": ["importing", "done"], "imported_rows": [0, 3], "skipped_rows": [None, []], "only_valid": [None, False],
    }  # fmt: skip


def test_enterprises_from_a_gb18030_csv(admin_user, django_capture_on_commit_callbacks):
    code = valid_uscc("500102")
    data = csv_bytes(["企业名称", "统一社会信用代码", "区县代码", "组织类型", "电子邮箱"],
                     [["重庆市涪陵区榨菜行业协会", code, "500102", "协会", "info@example.cn"]], encoding="gb18030")  # fmt: skip
    job = create(admin_user, "enterprises", "协会.csv", data, capture=django_capture_on_commit_callbacks)
    assert (job.status, job.valid_rows, job.errors) == (ImportStatus.READY, 1, [])
    job = commit(admin_user, job, capture=django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.DONE
    org = Organisation.objects.get(uscc=code)
    assert (org.name, org.kind, org.enterprise.contact_email) == (
        "重庆市涪陵区榨菜行业协会",
        "association",
        "info@example.cn",
    )


def test_brands_from_a_utf8_bom_csv_go_through_brand_create(admin_user, django_capture_on_commit_callbacks):
    owner = make_enterprise()
    headers = [
        "品牌名称",
        "权利人统一社会信用代码",
        "品牌类型",
        "品牌体系代码",
        "区县代码",
        "品类代码",
        "产品线",
        "品牌层级代码",
        "创立年份",
    ]
    rows = [
        ["乌江", owner.organisation.uscc, "产品品牌", "agri-processed", "500102、500101", "pickles-condiments", "榨菜", "regional", "1998"],
        ["涪陵青菜头", owner.organisation.uscc, "区域公用品牌", "agri-processed", "500102", "", "", "", ""],
    ]  # fmt: skip
    before = last_sequence()
    job = create(
        admin_user, "brands", "品牌.csv", csv_bytes(headers, rows), capture=django_capture_on_commit_callbacks
    )
    assert (job.status, job.valid_rows, job.errors) == (ImportStatus.READY, 2, [])
    job = commit(admin_user, job, capture=django_capture_on_commit_callbacks)
    assert (job.status, job.imported_rows) == (ImportStatus.DONE, 2)
    wujiang = Brand.objects.get(owner=owner, name="乌江")
    assert (wujiang.kind, wujiang.pillar.code, wujiang.tier.code, wujiang.founded_year, wujiang.status) == (
        "product", "agri-processed", "regional", 1998, "draft"
    )  # fmt: skip
    assert sorted(wujiang.districts.values_list("code", flat=True)) == ["500101", "500102"]
    assert list(wujiang.product_lines.values_list("name", flat=True)) == ["榨菜"]
    assert Brand.objects.get(owner=owner, name="涪陵青菜头").kind == "regional_public"
    assert actions_since(before) == [
        "registry.import.created", "registry.brand.created", "registry.brand.created", "registry.import.committed",
    ]  # fmt: skip


def test_certificates_and_gi_authorisations_from_xlsx(admin_user, django_capture_on_commit_callbacks):
    holder = make_enterprise()
    brand = make_brand(holder)
    gi = gi_register(actor=system_user_ensure(), name="涪陵榨菜", kind=GiKind.PRODUCT,
                     protected_districts=[District.objects.get(code="500102")])  # fmt: skip
    cert_headers = [
        "持有人统一社会信用代码",
        "证书类型",
        "证书编号",
        "发证机构",
        "有效期起",
        "有效期止",
        "品牌名称",
    ]
    cert_rows = [
        [holder.organisation.uscc, "绿色食品", "LB-18-0001", "中国绿色食品发展中心", datetime.date(2024, 1, 1), datetime.date(2027, 12, 31), brand.name],
        [holder.organisation.uscc, "iso_9001", "ISO-0002", "某认证公司", "2023-06-01", None, None],
    ]  # fmt: skip
    job = create(admin_user, "certificates", "证书.xlsx", xlsx(cert_headers, cert_rows),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert (job.status, job.errors) == (ImportStatus.READY, [])
    assert commit(admin_user, job, capture=django_capture_on_commit_callbacks).status == ImportStatus.DONE
    assert sorted(
        Certificate.objects.filter(holder=holder).values_list("kind", "number", "brand_id", "valid_to")
    ) == [
        ("green_food", "LB-18-0001", brand.pk, datetime.date(2027, 12, 31)),
        ("iso_9001", "ISO-0002", None, None),
    ]

    gi_headers = ["地理标志名称", "地理标志类型", "企业统一社会信用代码", "授权编号", "有效期起", "有效期止"]
    gi_rows = [
        ["涪陵榨菜", "地理标志产品", holder.organisation.uscc, "FL-2024-01", "2024-01-01", "2026-12-31"]
    ]
    job = create(admin_user, "gi_authorisations", "授权.xlsx", xlsx(gi_headers, gi_rows),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert (job.status, job.errors) == (ImportStatus.READY, [])
    assert commit(admin_user, job, capture=django_capture_on_commit_callbacks).status == ImportStatus.DONE
    assert list(
        GiAuthorisation.objects.values_list("gi_id", "enterprise_id", "number", "valid_from", "valid_to")
    ) == [(gi.pk, holder.pk, "FL-2024-01", datetime.date(2024, 1, 1), datetime.date(2026, 12, 31))]


def test_the_import_reads_the_checked_cells_or_else_the_upload(
    admin_user, django_capture_on_commit_callbacks
):
    rows = enterprise_rows(3)
    data = xlsx(ENTERPRISE_HEADERS, [[*r[:4], datetime.date(2010, 1, 1), *r[5:]] for r in rows])
    first = create(admin_user, "enterprises", "a.xlsx", data, capture=django_capture_on_commit_callbacks)
    storage = first.file.storage
    assert storage.exists(f"{first.file.name}.cells.json")
    assert commit(admin_user, first, capture=django_capture_on_commit_callbacks).imported_rows == 3
    assert not storage.exists(f"{first.file.name}.cells.json")

    more = enterprise_rows(2, seed=12)
    second = create(admin_user, "enterprises", "b.xlsx", xlsx(ENTERPRISE_HEADERS, more),
                    capture=django_capture_on_commit_callbacks)  # fmt: skip
    storage.delete(f"{second.file.name}.cells.json")
    assert commit(admin_user, second, capture=django_capture_on_commit_callbacks).imported_rows == 2
    assert Enterprise.objects.get(organisation__uscc=rows[0][1]).founded_on == datetime.date(2010, 1, 1)
    assert Organisation.objects.filter(uscc__in=[r[1] for r in more]).count() == 2


# ---------------------------------------------------------------- one bad row among a thousand


@pytest.fixture
def thousand_with_one_bad_row():
    rows = enterprise_rows(1000)
    good = rows[500][1]
    rows[500][1] = good[:-1] + ("0" if good[-1] != "0" else "1")  # wrong check digit on file row 502
    return rows


def test_one_bad_row_among_a_thousand_is_reported_and_blocks_import_all(
    admin_user, django_capture_on_commit_callbacks, thousand_with_one_bad_row
):
    rows = thousand_with_one_bad_row
    enterprises = Enterprise.objects.count()
    before = last_sequence()
    job = create(admin_user, "enterprises", "一千家.xlsx", xlsx(ENTERPRISE_HEADERS, rows),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    bad = rows[500][1]
    assert (job.status, job.total_rows, job.valid_rows) == (ImportStatus.READY, 1000, 999)
    assert job.errors == [
        {
            "row": 502,
            "column": "统一社会信用代码",
            "message": f"The check digit (18th character) of unified social credit code {bad} is wrong.",
        }
    ]
    assert job.message == "1 of 1,000 rows have errors; 999 rows are valid."
    with pytest.raises(ImportInvalid) as exc:
        import_job_commit(actor=admin_user, job=job, only_valid=False, defer=True)
    assert exc.value.detail == (
        "1 rows have errors: correct the file and upload it again, or import only the valid rows."
    )
    with pytest.raises(ImportInvalid):
        import_job_commit(actor=admin_user, job=job, only_valid=False)
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    assert Enterprise.objects.count() == enterprises
    assert actions_since(before) == ["registry.import.created"]


def test_only_valid_imports_the_999_good_rows(
    admin_user, django_capture_on_commit_callbacks, thousand_with_one_bad_row
):
    rows = thousand_with_one_bad_row
    enterprises = Enterprise.objects.count()
    before = last_sequence()
    job = create(admin_user, "enterprises", "一千家.xlsx", xlsx(ENTERPRISE_HEADERS, rows),
                 capture=django_capture_on_commit_callbacks, only_valid=True)  # fmt: skip
    job = commit(admin_user, job, capture=django_capture_on_commit_callbacks, only_valid=True)
    assert (job.status, job.imported_rows) == (ImportStatus.DONE, 999)
    assert job.message == "999 rows imported. 1 rows with errors were skipped."
    assert Enterprise.objects.count() == enterprises + 999
    assert not Organisation.objects.filter(uscc=rows[500][1]).exists()
    assert actions_since(before) == ["registry.import.created", *["registry.enterprise.registered"] * 999,
                                     "registry.import.committed"]  # fmt: skip
    assert AuditEvent.objects.get(action="registry.import.committed").changes["skipped_rows"] == [None, [502]]


def test_a_row_that_fails_at_commit_rolls_back_every_row(admin_user, django_capture_on_commit_callbacks):
    rows = enterprise_rows(1000)
    job = create(admin_user, "enterprises", "一千家.xlsx", xlsx(ENTERPRISE_HEADERS, rows),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert (job.status, job.errors) == (ImportStatus.READY, [])
    # Someone registers row 800's enterprise between the check and the import.
    enterprise_register(
        actor=admin_user,
        name="抢先登记的公司",
        uscc=rows[798][1],
        district=District.objects.get(code="500102"),
    )
    enterprises, before = Enterprise.objects.count(), last_sequence()

    job = commit(admin_user, job, capture=django_capture_on_commit_callbacks)

    assert (job.status, job.imported_rows) == (ImportStatus.FAILED, 0)
    assert job.errors == [
        {"row": 800, "column": "统一社会信用代码", "message": "Already registered to 抢先登记的公司."}
    ]
    assert (
        job.message
        == "Rows that passed the check now fail it (the registry has changed); nothing was imported."
    )
    assert Enterprise.objects.count() == enterprises
    assert actions_since(before) == []


@pytest.mark.django_db(transaction=True)
def test_import_progress_is_visible_while_the_import_transaction_is_open(admin_user, monkeypatch):
    """PostgreSQL: a second connection writes progress, seen by others before the import commits and
    kept when it rolls back. (SQLite has one writer: progress is written at the end.)"""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite allows one writer at a time; progress is written when the import ends")
    seen = []
    write = imports_service._ProgressWriter.__call__

    def write_and_look(self, rows):
        write(self, rows)
        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("SELECT imported_rows FROM registry_importjob WHERE id = %s", [self.job_id])
            seen.append(cursor.fetchone()[0])
        other.close()

    monkeypatch.setattr(imports_service._ProgressWriter, "__call__", write_and_look)
    rows = enterprise_rows(1200)
    job = import_job_create(
        actor=admin_user,
        kind="enterprises",
        uploaded_file=upload("e.csv", csv_bytes(ENTERPRISE_HEADERS, rows)),
    )
    job = import_job_commit(actor=admin_user, job=ImportJob.objects.get(pk=job.pk), only_valid=False)
    assert (job.status, job.imported_rows, seen) == (ImportStatus.DONE, 1200, [1000, 1200])


# ---------------------------------------------------------------- cell errors


def test_every_bad_cell_is_reported_with_its_row_and_column(admin_user, django_capture_on_commit_callbacks):
    registered = make_enterprise(name="已登记公司")
    dup = valid_uscc("500102")
    headers = [*ENTERPRISE_HEADERS, "电子邮箱", "备注"]
    rows = [
        ["好公司", valid_uscc("500102"), "500102", "100", "2010-01-01", "14", "存续", "", "x"],
        ["", "123", "999999", "一百万", "2010-13-45", "99", "破产", "not-an-email", ""],
        ["重复一", dup, "500102", "", "", "C", "", "", ""],
        ["重复二", dup, "500102", "", "", "", "", "", ""],
        ["已登记", registered.organisation.uscc, "5001", "", "", "", "", "", ""],
    ]
    job = create(
        admin_user, "enterprises", "e.xlsx", xlsx(headers, rows), capture=django_capture_on_commit_callbacks
    )
    assert job.status == ImportStatus.READY
    assert job.errors == [
        {"row": 3, "column": "企业名称", "message": "Required; this cell is empty."},
        {
            "row": 3,
            "column": "统一社会信用代码",
            "message": "A unified social credit code has 18 characters; this one has 3.",
        },
        {"row": 3, "column": "区县代码", "message": "Unknown district code 999999."},
        {
            "row": 3,
            "column": "注册资本（元）",
            "message": "一百万 is not an amount in yuan (e.g. 5000000.00).",
        },
        {"row": 3, "column": "成立日期", "message": "2010-13-45 is not a date; write it as 2008-05-12."},
        {"row": 3, "column": "行业代码", "message": "Unknown industry code 99 (GB/T 4754-2017)."},
        {"row": 3, "column": "电子邮箱", "message": "Enter a valid email address."},
        {"row": 3, "column": "登记状态", "message": "破产 is not one of: 存续、注销、吊销."},
        {
            "row": 4,
            "column": "行业代码",
            "message": "C is an industry section; give a two-digit division such as 14.",
        },
        {
            "row": 5,
            "column": "统一社会信用代码",
            "message": "Duplicate: row 4 has the same unified social credit code.",
        },
        {"row": 6, "column": "统一社会信用代码", "message": "Already registered to 已登记公司."},
        {"row": 6, "column": "区县代码", "message": "5001 is not a six-digit division code (e.g. 500102)."},
    ]
    assert (job.valid_rows, job.message) == (
        1, "4 of 5 rows have errors; 1 rows are valid. Columns not in the template were ignored: 备注."
    )  # fmt: skip


def test_a_district_user_may_import_only_into_their_district(
    district_user, django_capture_on_commit_callbacks
):
    rows = [["涪陵公司", valid_uscc("500102"), "500102"], ["渝中公司", valid_uscc("500103"), "500103"]]
    job = create(district_user, "enterprises", "e.csv", csv_bytes(ENTERPRISE_HEADERS[:3], rows),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert job.errors == [
        {"row": 3, "column": "区县代码", "message": "You may not register enterprises in 渝中区."}
    ]
    job = commit(district_user, job, capture=django_capture_on_commit_callbacks, only_valid=True)
    assert (job.status, job.imported_rows) == (ImportStatus.DONE, 1)
    assert Organisation.objects.get(uscc=rows[0][1]).name == "涪陵公司"
    assert not Organisation.objects.filter(uscc=rows[1][1]).exists()


def test_brand_rows_with_unknown_owner_and_references(admin_user, django_capture_on_commit_callbacks):
    owner = make_enterprise()
    make_brand(owner, name="乌江")
    stranger = valid_uscc("500102")
    headers = ["品牌名称", "权利人统一社会信用代码", "品牌类型", "品牌体系代码", "区县代码", "品类代码"]
    rows = [
        ["乌江", owner.organisation.uscc, "产品品牌", "agri-processed", "500102", ""],
        ["新品牌", stranger, "奢侈品牌", "nope", "500102、999999", ""],
        ["另一个", owner.organisation.uscc, "企业品牌", "agri-processed", "500102", "tea"],
    ]
    job = create(
        admin_user, "brands", "b.xlsx", xlsx(headers, rows), capture=django_capture_on_commit_callbacks
    )
    assert job.errors == [
        {"row": 2, "column": "品牌名称", "message": "重庆市涪陵区测试榨菜有限公司 already has a brand named 乌江."},
        {"row": 3, "column": "权利人统一社会信用代码",
         "message": f"No enterprise with unified social credit code {stranger} is registered."},
        {"row": 3, "column": "品牌类型", "message": "奢侈品牌 is not one of: 企业品牌、产品品牌、区域公用品牌、服务品牌."},
        {"row": 3, "column": "品牌体系代码", "message": "Unknown pillar code nope."},
        {"row": 3, "column": "区县代码", "message": "Unknown district codes: 999999."},
        {"row": 4, "column": "品类代码", "message": "Not categories of 加工农产品品牌体系: tea."},
    ]  # fmt: skip
    assert (job.status, job.valid_rows) == (ImportStatus.FAILED, 0)
    assert job.message == "No row is valid; correct the file and upload it again."


# ---------------------------------------------------------------- the file as a whole


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("企业.xlsx", "企业名称,统一社会信用代码\n甲,1\n".encode(),
         "This file is named .xlsx but contains text (probably CSV); rename it to .csv or open it in Excel and save it as .xlsx."),
        ("random.xlsx", random.Random(1).randbytes(4096),
         "This file is named .xlsx but is not an Excel workbook; it may be damaged or another kind of file."),
        ("random.csv", random.Random(2).randbytes(4096),
         "This file is named .csv but is not text (it contains binary data); export the sheet as CSV UTF-8."),
        ("workbook.csv", xlsx(["企业名称"], []),
         "This file is named .csv but is an Excel workbook (.xlsx) or another zip archive; rename it to .xlsx."),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
         "This file is named .xlsx but is an old Excel 97–2003 workbook or a password-protected one; remove the password and save it as .xlsx (Excel Workbook)."),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
         "Old Excel 97–2003 .xls files are not supported; open it in Excel and save it as .xlsx."),
        ("notes.txt", b"hello", "Only .xlsx and .csv files can be imported; notes.txt is neither."),
        ("empty.csv", b"", "The file is empty."),
    ],
)  # fmt: skip
def test_a_mislabelled_or_unsupported_file_is_rejected_and_nothing_is_stored(admin_user, name, data, message):
    jobs, events = ImportJob.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ImportInvalid) as exc:
        import_job_create(actor=admin_user, kind="enterprises", uploaded_file=upload(name, data))
    assert exc.value.detail == message
    assert exc.value.extra == {"errors": {"file": [message]}}
    assert (ImportJob.objects.count(), AuditEvent.objects.count()) == (jobs, events)


def test_a_zip_that_is_not_a_workbook_fails_the_check(admin_user, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    job = create(
        admin_user, "enterprises", "fake.xlsx", buffer.getvalue(), capture=django_capture_on_commit_callbacks
    )
    message = (
        "This file is named .xlsx but is not an Excel workbook that can be read (a zip archive without a workbook "
        "inside, or a damaged file); open it in Excel and save it again."
    )
    assert (job.status, job.errors, job.message) == (
        ImportStatus.FAILED, [{"row": None, "column": "", "message": message}], message
    )  # fmt: skip
    with pytest.raises(ImportInvalid):
        import_job_commit(actor=admin_user, job=job, only_valid=True)


def test_missing_required_headers_give_one_file_level_error(admin_user, django_capture_on_commit_callbacks):
    data = xlsx(["企业名称", "注册资本(元)"], [["甲公司", "100"], ["乙公司", "200"]])
    job = create(admin_user, "enterprises", "e.xlsx", data, capture=django_capture_on_commit_callbacks)
    message = (
        "Required columns are missing: 统一社会信用代码、区县代码. Download the template to see every column."
    )
    assert (job.status, job.total_rows, job.valid_rows) == (ImportStatus.FAILED, 2, 0)
    assert job.errors == [{"row": None, "column": "统一社会信用代码、区县代码", "message": message}]
    assert job.message == message


def test_more_rows_than_allowed_fail_the_check(admin_user, django_capture_on_commit_callbacks):
    data = csv_bytes(ENTERPRISE_HEADERS[:3], enterprise_rows(4))
    with override_settings(IMPORT_MAX_ROWS=3):
        job = create(admin_user, "enterprises", "e.csv", data, capture=django_capture_on_commit_callbacks)
    assert (job.status, job.message) == (
        ImportStatus.FAILED,
        "The file has more than 3 rows; split it into smaller files.",
    )


@override_settings(IMPORT_MAX_BYTES=1000)
def test_an_oversize_file_is_rejected(admin_user):
    events = AuditEvent.objects.count()
    with pytest.raises(ImportInvalid) as exc:
        import_job_create(actor=admin_user, kind="enterprises", uploaded_file=upload("big.csv", b"a" * 1001))
    assert exc.value.detail == "The file is 1,001 bytes; at most 1,000 bytes can be imported."
    assert (ImportJob.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_an_unknown_kind_is_rejected(admin_user):
    with pytest.raises(ImportInvalid) as exc:
        import_job_create(actor=admin_user, kind="trademarks", uploaded_file=upload("t.csv", b"a,b\n"))
    assert exc.value.extra == {
        "errors": {"kind": ["Unknown import kind trademarks; choose one of: enterprises, brands, certificates, gi_authorisations."]}
    }  # fmt: skip
    assert ImportJob.objects.count() == 0


def test_an_enterprise_user_cannot_create_an_import(enterprise_user):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        import_job_create(actor=enterprise_user, kind="enterprises", uploaded_file=upload("e.csv", b"a,b\n"))
    assert (ImportJob.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_only_the_creator_or_an_admin_may_check_or_import_a_job(admin_user, department_user, district_user):
    job = import_job_create(actor=district_user, kind="enterprises", uploaded_file=upload("e.csv", b"a,b\n"))
    with pytest.raises(PermissionDenied):
        import_job_validate(actor=department_user, job=job)
    with pytest.raises(PermissionDenied):
        import_job_commit(actor=department_user, job=job, only_valid=True)
    assert import_job_validate(actor=admin_user, job=job).status == ImportStatus.FAILED


# ---------------------------------------------------------------- pages


@pytest.fixture
def en_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_job_page_shows_the_progress_bar_while_checking(admin_user, en_client):
    job = import_job_create(actor=admin_user, kind="enterprises", uploaded_file=upload("e.csv", b"a,b\n"))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATING, total_rows=1000, processed_rows=500
    )
    en_client.force_login(admin_user)
    page = en_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert f'hx-get="/registry/imports/{job.pk}/progress/" hx-trigger="every 1s"' in page
    assert '<progress id="import-bar" max="1000" value="500"' in page
    assert "500 of 1000 rows checked" in page
    fragment = en_client.get(reverse("registry:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in fragment
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.READY)
    fragment = en_client.get(reverse("registry:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true"
    assert "hx-trigger" not in fragment.content.decode()


def test_the_job_page_shows_the_preview_errors_and_buttons(
    admin_user, en_client, django_capture_on_commit_callbacks, thousand_with_one_bad_row
):
    rows = thousand_with_one_bad_row
    job = create(admin_user, "enterprises", "e.xlsx", xlsx(ENTERPRISE_HEADERS, rows[:25] + rows[500:501]),
                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert job.errors[0]["row"] == 27
    en_client.force_login(admin_user)
    page = en_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert (
        page.count("<tr><td>") + page.count('<tr class="import-bad-row">') == 20 + 1
    )  # 20 preview rows, 1 error
    assert f"<td>2</td><td>{rows[0][0]}</td>" in page
    assert '<table class="list" id="import-errors">' in page
    assert f"<tr><td>27</td><td>统一社会信用代码</td><td>{job.errors[0]['message']}</td></tr>" in page
    assert 'value="0" class="primary" disabled' in page
    assert "Import only the valid rows" in page
    report = en_client.get(reverse("registry:import_errors_csv", args=[job.pk]))
    assert report["Content-Type"] == "text/csv; charset=utf-8"
    assert report.content.decode("utf-8-sig").splitlines() == [
        "Row,Column,Error",
        f"27,统一社会信用代码,{job.errors[0]['message']}",
    ]
    response = en_client.post(reverse("registry:import_commit", args=[job.pk]), {"only_valid": "1"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING  # the task runs once the request's transaction commits


def test_upload_page_creates_a_job_and_shows_file_errors(
    admin_user, en_client, django_capture_on_commit_callbacks
):
    en_client.force_login(admin_user)
    url = reverse("registry:import_create")
    assert 'enctype="multipart/form-data"' in en_client.get(url).content.decode()
    bad = en_client.post(url, {"kind": "enterprises", "file": upload("e.xlsx", b"a,b\n1,2\n")})
    assert bad.status_code == 200
    assert "contains text (probably CSV)" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ok = en_client.post(
            url,
            {
                "kind": "enterprises",
                "file": upload("e.csv", csv_bytes(ENTERPRISE_HEADERS[:3], enterprise_rows(2))),
            },
        )
    job = ImportJob.objects.get()
    assert ok["Location"] == reverse("registry:import_detail", args=[job.pk])
    assert job.status == ImportStatus.READY


def test_an_enterprise_user_gets_403_on_upload(enterprise_user, en_client):
    en_client.force_login(enterprise_user)
    response = en_client.post(
        reverse("registry:import_create"), {"kind": "enterprises", "file": upload("e.csv", b"a\n")}
    )
    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_another_users_job_is_not_found(admin_user, district_user, department_user, en_client):
    job = import_job_create(actor=district_user, kind="enterprises", uploaded_file=upload("e.csv", b"a,b\n"))
    en_client.force_login(department_user)
    assert en_client.get(reverse("registry:import_detail", args=[job.pk])).status_code == 404


def test_the_template_has_the_headers_of_its_kind(admin_user, en_client):
    en_client.force_login(admin_user)
    response = en_client.get(reverse("registry:import_template", args=["enterprises"]))
    assert response["Content-Type"] == XLSX
    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    headers = next(wb.worksheets[0].iter_rows(values_only=True))
    assert list(headers) == [c.header for c in ENTERPRISE_COLUMNS]
    assert en_client.get(reverse("registry:import_template", args=["trademarks"])).status_code == 404
