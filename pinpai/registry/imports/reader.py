"""Read an uploaded .xlsx or .csv into a `Table` of cells, trusting the content rather than the name.

An .xlsx is a zip archive; an old .xls (or a password-protected workbook) is an OLE2 compound file; a
.csv is text in UTF-8 (with or without BOM) or GB18030 (what Chinese Excel writes by default). A file
whose content does not match its extension gets an `ImportFileError` saying what it really is.

.xlsx files are read with openpyxl in read-only mode (a streaming parser: 50,000 rows in a few seconds
and little memory); formulas give their last computed values. The first worksheet is read; its first
row holds the headers. Blank rows are skipped but keep their numbers, so errors point at the row the
user sees in Excel (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pinpai.registry.imports.columns import is_blank

EXTENSIONS = (".xlsx", ".csv")
SNIFF_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message (translated) says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number, cells)


def file_bytes(file: Any) -> bytes:
    """The whole content of a stored file (a FieldFile): at most IMPORT_MAX_BYTES."""
    with file.open("rb") as handle:
        data: bytes = handle.read()
    return data


def extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _looks_like_text(sample: bytes) -> bool:
    """UTF-8/GB18030 text without control characters (a cut-off last character is allowed)."""
    if sample.startswith(codecs.BOM_UTF8):
        sample = sample[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            decoded = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return not _CONTROL.search(decoded)
    return False


def sniff(head: bytes, name: str) -> None:
    """Raise ImportFileError if the first bytes of the file do not match its extension."""
    ext = extension(name)
    if ext not in EXTENSIONS:
        if ext == ".xls":
            raise ImportFileError(
                _("Old Excel 97–2003 .xls files are not supported; open it in Excel and save it as .xlsx.")
            )
        raise ImportFileError(
            _("Only .xlsx and .csv files can be imported; %(name)s is neither.") % {"name": name}
        )
    if not head:
        raise ImportFileError(_("The file is empty."))
    if ext == ".xlsx":
        if head.startswith(ZIP_MAGIC):
            return
        if head.startswith(OLE2_MAGIC):
            raise ImportFileError(
                _(
                    "This file is named .xlsx but is an old Excel 97–2003 workbook or a password-protected "
                    "one; remove the password and save it as .xlsx (Excel Workbook)."
                )
            )
        if _looks_like_text(head):
            raise ImportFileError(
                _(
                    "This file is named .xlsx but contains text (probably CSV); rename it to .csv or open it "
                    "in Excel and save it as .xlsx."
                )
            )
        raise ImportFileError(
            _(
                "This file is named .xlsx but is not an Excel workbook; it may be damaged or another kind of file."
            )
        )
    if head.startswith(ZIP_MAGIC):
        raise ImportFileError(
            _(
                "This file is named .csv but is an Excel workbook (.xlsx) or another zip archive; rename it to .xlsx."
            )
        )
    if head.startswith(OLE2_MAGIC):
        raise ImportFileError(
            _("This file is named .csv but is an old Excel .xls workbook; save it as .xlsx or as CSV UTF-8.")
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            _("This CSV file is in UTF-16 (Excel's “Unicode text”); save it as “CSV UTF-8” instead.")
        )
    if not _looks_like_text(head):
        raise ImportFileError(
            _(
                "This file is named .csv but is not text (it contains binary data); export the sheet as CSV UTF-8."
            )
        )


def read_table(data: bytes, name: str, *, max_rows: int) -> Table:
    """All rows of the file; ImportFileError if it is unreadable or has more than `max_rows` data rows."""
    sniff(data[:SNIFF_BYTES], name)
    rows = _xlsx_rows(data) if extension(name) == ".xlsx" else _csv_rows(data)
    return _table(rows, limit=max_rows, strict=True)


def read_preview(data: bytes, name: str, *, limit: int) -> Table:
    """The header and the first `limit` non-blank rows (for the job page); never raises on length."""
    sniff(data[:SNIFF_BYTES], name)
    rows = _xlsx_rows(data) if extension(name) == ".xlsx" else _csv_rows(data)
    return _table(rows, limit=limit, strict=False)


def _table(rows: Iterator[list[Any]], *, limit: int, strict: bool) -> Table:
    try:
        header = next(rows, None)
        if header is None or all(is_blank(c) for c in header):
            raise ImportFileError(_("The first row must hold the column headers; it is empty."))
        table = Table(headers=[("" if c is None else str(c)).strip() for c in header])
        width = len(table.headers)
        for number, cells in enumerate(rows, start=2):
            if all(is_blank(c) for c in cells):
                continue
            if len(table.rows) == limit:
                if not strict:
                    break
                raise ImportFileError(
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": f"{limit:,}"}
                )
            if len(cells) < width:
                cells = [*cells, *([None] * (width - len(cells)))]
            table.rows.append((number, cells))
        return table
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


# ---------------------------------------------------------------- cell snapshot

_TYPES: dict[str, type[datetime.date] | type[datetime.time]] = {
    "datetime": datetime.datetime, "date": datetime.date, "time": datetime.time
}  # fmt: skip


def _encode_cell(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    for tag, kind in _TYPES.items():
        if isinstance(value, kind):
            return {tag: value.isoformat()}
    return str(value)


def _decode_cell(value: Any) -> Any:
    if isinstance(value, dict):
        ((tag, text),) = value.items()
        return _TYPES[tag].fromisoformat(text)
    return value


def table_dumps(table: Table) -> bytes:
    """The cells as JSON, keeping their types (dates stay dates, numbers numbers): what the import
    reads instead of parsing the .xlsx a second time (loading it is ~20× faster than openpyxl)."""
    payload = {
        "headers": table.headers,
        "rows": [[number, [_encode_cell(c) for c in cells]] for number, cells in table.rows],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def table_loads(data: bytes) -> Table:
    payload = json.loads(data)
    return Table(
        headers=payload["headers"],
        rows=[(number, [_decode_cell(c) for c in cells]) for number, cells in payload["rows"]],
    )


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(
            _(
                "This file is named .xlsx but is not an Excel workbook that can be read (a zip archive "
                "without a workbook inside, or a damaged file); open it in Excel and save it again."
            )
        ) from exc
    try:
        if not wb.worksheets:
            raise ImportFileError(_("The workbook has no worksheet."))
        for row in wb.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise ImportFileError(
            _("The workbook is damaged and cannot be read to the end; open it in Excel and save it again.")
        ) from exc
    finally:
        wb.close()


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("This CSV file is neither UTF-8 nor GB18030 text; save it as “CSV UTF-8”."))


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    content = _decode(data)
    if _CONTROL.search(content):
        raise ImportFileError(
            _(
                "This file is named .csv but is not text (it contains binary data); export the sheet as CSV UTF-8."
            )
        )
    first_line = content.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    try:
        yield from csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file is malformed: %(error)s.") % {"error": str(exc)}) from exc
