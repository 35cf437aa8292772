"""Registry lists as spreadsheets: .xlsx (openpyxl, built in memory) and .csv (streamed, UTF-8 with BOM so
Excel reads the Chinese). Headers are the Chinese column names; money is a number with two decimals."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "xlsx"
CSV = "csv"
FORMATS = (XLSX, CSV)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TEXT = "text"
NUMBER = "number"
MONEY = "money"
DATE = "date"
DATETIME = "datetime"

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
CENT = Decimal("0.01")
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int = 16


@dataclass(frozen=True)
class Export:
    """One list's spreadsheet: file name stem, sheet title and columns."""

    name: str
    sheet: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def _name(obj: Any) -> str:
    return "" if obj is None else str(obj.name)


def _org(enterprise: Any) -> Any:
    return enterprise.organisation


BRANDS = Export(
    "brands",
    "品牌",
    (
        Column("编号", lambda b: b.pk, NUMBER, 8),
        Column("品牌名称", lambda b: b.name, width=24),
        Column("英文名称", lambda b: b.name_en, width=24),
        Column("品牌类型", lambda b: b.get_kind_display()),
        Column("所属企业", lambda b: _org(b.owner).name, width=36),
        Column("统一社会信用代码", lambda b: _org(b.owner).uscc or "", width=22),
        Column("品牌体系", lambda b: b.pillar.name, width=22),
        Column("品牌层级", lambda b: _name(b.tier)),
        Column("状态", lambda b: b.get_status_display(), width=24),
        Column("创立年份", lambda b: b.founded_year, NUMBER, 10),
        Column("发布时间", lambda b: b.published_at, DATETIME, 18),
    ),
)

ENTERPRISES = Export(
    "enterprises",
    "企业",
    (
        Column("企业名称", lambda e: _org(e).name, width=36),
        Column("统一社会信用代码", lambda e: _org(e).uscc or "", width=22),
        Column("区县", lambda e: _name(_org(e).district)),
        Column("区划代码", lambda e: _org(e).district.code if _org(e).district else "", width=10),
        Column("行业代码", lambda e: e.industry.code if e.industry else "", width=10),
        Column("行业名称", lambda e: _name(e.industry), width=28),
        Column("法定代表人", lambda e: e.legal_representative),
        Column("注册资本（元）", lambda e: e.registered_capital_yuan, MONEY, 18),
        Column("成立日期", lambda e: e.founded_on, DATE, 12),
        Column("登记状态", lambda e: e.get_status_display(), width=20),
    ),
)

CERTIFICATES = Export(
    "certificates",
    "证书",
    (
        Column("证书类型", lambda c: c.get_kind_display(), width=30),
        Column("证书编号", lambda c: c.number, width=22),
        Column("发证机构", lambda c: c.issuer, width=28),
        Column("持证企业", lambda c: _org(c.holder).name, width=36),
        Column("统一社会信用代码", lambda c: _org(c.holder).uscc or "", width=22),
        Column("品牌", lambda c: _name(c.brand)),
        Column("产品", lambda c: _name(c.product)),
        Column("有效期起", lambda c: c.valid_from, DATE, 12),
        Column("有效期止", lambda c: c.valid_to, DATE, 12),
        Column("撤销日期", lambda c: c.revoked_on, DATE, 12),
    ),
)

TRADEMARKS = Export(
    "trademarks",
    "商标",
    (
        Column("注册号", lambda t: t.registration_number, width=14),
        Column("国际分类", lambda t: t.nice_class, NUMBER, 10),
        Column("商标", lambda t: t.mark_text),
        Column("注册人", lambda t: _org(t.registrant).name, width=36),
        Column("统一社会信用代码", lambda t: _org(t.registrant).uscc or "", width=22),
        Column("品牌", lambda t: _name(t.brand)),
        Column("专用权期限起", lambda t: t.valid_from, DATE, 12),
        Column("专用权期限止", lambda t: t.valid_to, DATE, 12),
        Column("状态", lambda t: t.get_status_display()),
    ),
)

GIS = Export(
    "geographical-indications",
    "地理标志",
    (
        Column("产品名称", lambda g: g.name),
        Column("类型", lambda g: g.get_kind_display(), width=30),
        Column("登记或公告号", lambda g: g.registration_number, width=20),
        Column("保护范围", lambda g: "、".join(d.name for d in g.protected_districts.all()), width=30),
        Column("执行标准", lambda g: g.standard, width=24),
        Column("持有人", lambda g: _name(g.holder), width=30),
        Column("区域公用品牌", lambda g: _name(g.brand)),
    ),
)

GI_AUTHORISATIONS = Export(
    "gi-authorisations",
    "授权使用企业",
    (
        Column("地理标志", lambda a: a.gi.name),
        Column("授权企业", lambda a: _org(a.enterprise).name, width=36),
        Column("统一社会信用代码", lambda a: _org(a.enterprise).uscc or "", width=22),
        Column("区县", lambda a: _name(_org(a.enterprise).district)),
        Column("授权编号", lambda a: a.number, width=20),
        Column("有效期起", lambda a: a.valid_from, DATE, 12),
        Column("有效期止", lambda a: a.valid_to, DATE, 12),
        Column("撤销日期", lambda a: a.revoked_on, DATE, 12),
    ),
)

CULTIVATION_LISTS = Export(
    "cultivation-lists",
    "培育名单",
    (
        Column("年度", lambda cl: cl.year, NUMBER, 8),
        Column("品牌体系", lambda cl: cl.pillar.name, width=22),
        Column("区县", lambda cl: cl.district.name if cl.district else "全市"),
        Column("名单名称", lambda cl: cl.title, width=40),
        Column("状态", lambda cl: cl.get_status_display()),
    ),
)

CULTIVATION_LIST_ENTRIES = Export(
    "cultivation-list",
    "名单品牌",
    (
        Column("排名", lambda e: e.rank, NUMBER, 8),
        Column("品牌名称", lambda e: e.brand.name, width=24),
        Column("所属企业", lambda e: _org(e.brand.owner).name, width=36),
        Column("统一社会信用代码", lambda e: _org(e.brand.owner).uscc or "", width=22),
        Column("备注", lambda e: e.note, width=30),
    ),
)


# ---------------------------------------------------------------- writing


def _rows(rows: Iterable[Any]) -> Iterator[Any]:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK_SIZE)
    return iter(rows)


def _local(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: the Asia/Shanghai wall time, without tzinfo."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def _safe_text(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_value(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == MONEY:
        return f"{_money(value):.2f}"
    if column.kind == DATETIME:
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if column.kind == DATE:
        return str(value.isoformat())
    if column.kind == NUMBER:
        return str(value)
    return _safe_text(value)


def _xlsx_cell(ws: Any, column: Column, value: Any) -> Any:
    if value is None:
        return WriteOnlyCell(ws, value=None)
    if column.kind == MONEY:
        cell = WriteOnlyCell(ws, value=cast(Any, _money(value)))  # openpyxl writes Decimal exactly
        cell.number_format = MONEY_FORMAT
    elif column.kind == DATETIME:
        cell = WriteOnlyCell(ws, value=_local(value))
        cell.number_format = DATETIME_FORMAT
    elif column.kind == DATE:
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
    elif column.kind == NUMBER:
        cell = WriteOnlyCell(ws, value=value)
    else:
        cell = WriteOnlyCell(ws, value=str(value))
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    return cell


def _filename(export: Export, fmt: str) -> str:
    return f"{export.name}-{timezone.localdate().isoformat()}.{fmt}"


def xlsx_bytes(rows: Iterable[Any], export: Export) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=export.sheet)
    for index, column in enumerate(export.columns):
        ws.column_dimensions[get_column_letter(index + 1)].width = column.width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in export.headers:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    with translation.override(settings.LANGUAGE_CODE):
        for obj in _rows(rows):
            ws.append([_xlsx_cell(ws, c, c.value(obj)) for c in export.columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer inside a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Any], export: Export) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export.headers)
    with translation.override(settings.LANGUAGE_CODE):
        for obj in _rows(rows):
            yield writer.writerow([csv_value(c, c.value(obj)) for c in export.columns])


def export_response(rows: Iterable[Any], export: Export, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The whole list (every page, the same filters) as an attachment."""
    disposition = f'attachment; filename="{_filename(export, fmt)}"'
    if fmt == XLSX:
        response = HttpResponse(xlsx_bytes(rows, export), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = disposition
        return response
    if fmt == CSV:
        streaming = StreamingHttpResponse(csv_lines(rows, export), content_type="text/csv; charset=utf-8")
        streaming["Content-Disposition"] = disposition
        return streaming
    raise ValueError(f"unknown export format {fmt!r}")
