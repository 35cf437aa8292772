"""The columns of each import kind: Chinese header ↔ field, required or optional, and the cell parser.

A parser turns one cell (whatever openpyxl or the csv module produced: str, int, float, date, datetime)
into the value a service takes, or raises `CellError` with a message for the user. Parsers check the
shape of one cell only (length, format, check digit); references to other rows (district codes, the
owner's USCC …) are resolved by `validate`. Limits come from the model fields, so a cell that passes
here also passes `full_clean()` in the service.

Headers are matched after NFKC normalisation without spaces: 注册资本（元） and 注册资本(元) are the same
column. The help texts are Chinese like the headers: both describe the file format, not the UI.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.datetime import from_excel

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.models import Organisation
from pinpai.common.identifiers import IdentifierError, uscc_validate
from pinpai.registry.choices import (
    BrandKind,
    CertificateKind,
    EnterpriseStatus,
    GiKind,
    ImportKind,
)
from pinpai.registry.models import Brand, Certificate, Enterprise, GeographicalIndication, GiAuthorisation


class CellError(ValueError):
    """A cell that cannot be used; the message (already translated) says why."""


Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    header: str  # the Chinese column header, as in the template
    field: str  # the service keyword (or the reference `validate` resolves, e.g. "district" from a code)
    required: bool
    parse: Parser
    help: str = ""
    default: Any = ""  # the value of an empty optional cell
    aliases: tuple[str, ...] = ()


def header_key(text: object) -> str:
    """How headers are compared: NFKC (full-width → half-width), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def cell_text(value: object) -> str:
    """A cell as the user sees it: integral numbers without ".0", dates as YYYY-MM-DD, text stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _field(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def _clean(field: Any, value: Any) -> Any:
    """The model field's own to_python/validate/validators: the same messages full_clean() gives."""
    try:
        return field.clean(value, None)
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from exc


# ---------------------------------------------------------------- parsers


def text(model: type[models.Model], name: str) -> Parser:
    field = _field(model, name)
    limit = field.max_length

    def parse(value: Any) -> str:
        s = cell_text(value)
        if limit is not None and len(s) > limit:
            _clean(field, s)  # raises with Django's "at most N characters" message
        return s

    return parse


def checked(model: type[models.Model], name: str) -> Parser:
    """Text the model field checks itself (e-mail, URL)."""
    field = _field(model, name)

    def parse(value: Any) -> Any:
        return _clean(field, cell_text(value))

    return parse


def uscc(value: Any) -> str:
    if isinstance(value, float):
        raise CellError(
            _(
                "The cell holds a number, which Excel rounds to 15 digits; format the column as text and "
                "enter the code again."
            )
        )
    try:
        return uscc_validate(cell_text(value))
    except IdentifierError as exc:
        raise CellError(str(exc)) from exc


def division_code(value: Any) -> str:
    code = unicodedata.normalize("NFKC", cell_text(value))
    if not re.fullmatch(r"[0-9]{6}", code):
        raise CellError(
            _("%(value)s is not a six-digit division code (e.g. 500102).") % {"value": cell_text(value)}
        )
    return code


def industry_code(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 100:
        return f"{int(value):02d}"  # Excel drops the leading zero of "01"
    return unicodedata.normalize("NFKC", cell_text(value)).upper()


def slug_code(value: Any) -> str:
    return unicodedata.normalize("NFKC", cell_text(value)).lower()


def _split(value: Any, pattern: str) -> list[str]:
    items = [unicodedata.normalize("NFKC", p).strip() for p in re.split(pattern, cell_text(value))]
    return list(dict.fromkeys(p for p in items if p))


def code_list(value: Any) -> list[str]:
    """Several codes in one cell, separated by 、 , ， ; ； or spaces."""
    return [p.lower() if not p.isdigit() else p for p in _split(value, r"[、,，;；\s]+")]


def name_list(value: Any) -> list[str]:
    """Several names in one cell, separated by 、 , ， ; ； or line breaks (names may contain spaces)."""
    return _split(value, r"[、,，;；\n]+")


def amount_yuan(model: type[models.Model], name: str) -> Parser:
    field = _field(model, name)

    def parse(value: Any) -> Decimal:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            amount = Decimal(str(value))
        else:
            raw = re.sub(r"[,，\s元]", "", unicodedata.normalize("NFKC", cell_text(value)))
            try:
                amount = Decimal(raw)
            except InvalidOperation as exc:
                raise CellError(
                    _("%(value)s is not an amount in yuan (e.g. 5000000.00).") % {"value": cell_text(value)}
                ) from exc
            if not amount.is_finite():
                raise CellError(
                    _("%(value)s is not an amount in yuan (e.g. 5000000.00).") % {"value": cell_text(value)}
                )
        return Decimal(_clean(field, amount))

    return parse


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")


def date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            value = str(int(value))
        elif 0 < value < 80000:  # an Excel serial day number in a cell not formatted as a date
            serial = from_excel(value)
            if isinstance(serial, datetime.datetime):
                return serial.date()
    raw = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
    raw = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})[T ].*$", r"\1", raw)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise CellError(_("%(value)s is not a date; write it as 2008-05-12.") % {"value": cell_text(value)})


def year(model: type[models.Model], name: str) -> Parser:
    field = _field(model, name)

    def parse(value: Any) -> int:
        raw = unicodedata.normalize("NFKC", cell_text(value)).removesuffix("年")
        if not raw.isdigit():
            raise CellError(_("%(value)s is not a year (e.g. 2008).") % {"value": cell_text(value)})
        return int(_clean(field, int(raw)))

    return parse


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text)).casefold()


def choice(choices: type[models.TextChoices], words: dict[str, Iterable[str]] | None = None) -> Parser:
    """A value of `choices`: its code (green_food), its English label, the Chinese name in the label's
    parentheses (绿色食品), or one of `words`."""
    accepted: dict[str, str] = {}
    shown: dict[str, str] = {}
    with translation.override("en"):
        labels = {value: str(label) for value, label in choices.choices}
    for value, label in labels.items():
        names = list((words or {}).get(value, ()))
        inner = re.search(r"\(([^)]*)\)\s*$", label)
        if inner:
            names += [n for n in inner.group(1).split("/") if re.search(r"[\u4e00-\u9fff]", n)]
        for spelling in (value, label, *names):
            accepted.setdefault(_choice_key(spelling), value)
        shown[value] = names[0] if names else value

    def parse(value: Any) -> str:
        found = accepted.get(_choice_key(cell_text(value)))
        if found is None:
            raise CellError(
                _("%(value)s is not one of: %(allowed)s.")
                % {"value": cell_text(value), "allowed": "、".join(shown.values())}
            )
        return found

    return parse


# ---------------------------------------------------------------- the four kinds

_ORG_KIND = choice(
    OrganisationKind,
    {OrganisationKind.ENTERPRISE: ["企业"], OrganisationKind.ASSOCIATION: ["协会", "行业协会", "社会团体"]},
)


def _org_kind(value: Any) -> str:
    kind: str = _ORG_KIND(value)
    if kind not in (OrganisationKind.ENTERPRISE, OrganisationKind.ASSOCIATION):
        raise CellError(_("Only enterprises (企业) and associations (协会) are imported here."))
    return kind


ENTERPRISE_COLUMNS = (
    Column("企业名称", "name", True, text(Organisation, "name"), "营业执照上的全称，如 重庆市涪陵榨菜集团股份有限公司",
           aliases=("名称", "单位名称")),
    Column("统一社会信用代码", "uscc", True, uscc, "18 位，校验码须正确；请将此列设为文本格式",
           aliases=("社会信用代码", "信用代码")),
    Column("区县代码", "district", True, division_code, "6 位区划代码，如 500102（涪陵区）"),
    Column("组织类型", "kind", False, _org_kind, "企业 或 协会；留空为企业", default=OrganisationKind.ENTERPRISE),
    Column("法定代表人", "legal_representative", False, text(Enterprise, "legal_representative")),
    Column("注册资本（元）", "registered_capital_yuan", False, amount_yuan(Enterprise, "registered_capital_yuan"),
           "以元为单位，最多两位小数", default=None, aliases=("注册资本",)),
    Column("成立日期", "founded_on", False, date, "如 2008-05-12", default=None),
    Column("行业代码", "industry", False, industry_code, "GB/T 4754-2017 行业大类（两位数字），如 14", default=None),
    Column("住所", "address", False, text(Enterprise, "address"), aliases=("地址",)),
    Column("联系人", "contact_name", False, text(Enterprise, "contact_name")),
    Column("联系电话", "contact_phone", False, text(Enterprise, "contact_phone")),
    Column("电子邮箱", "contact_email", False, checked(Enterprise, "contact_email"), aliases=("邮箱",)),
    Column("登记状态", "status", False,
           choice(EnterpriseStatus), "存续、注销 或 吊销；留空为存续", default=EnterpriseStatus.ACTIVE),
)  # fmt: skip

BRAND_COLUMNS = (
    Column("品牌名称", "name", True, text(Brand, "name")),
    Column("权利人统一社会信用代码", "owner", True, uscc, "品牌所属企业的统一社会信用代码；企业须已登记"),
    Column("品牌类型", "kind", True, choice(BrandKind, {
        BrandKind.ENTERPRISE: ["企业品牌"], BrandKind.PRODUCT: ["产品品牌"],
        BrandKind.REGIONAL_PUBLIC: ["区域公用品牌"], BrandKind.SERVICE: ["服务品牌"],
    }), "企业品牌、产品品牌、区域公用品牌 或 服务品牌"),
    Column("品牌体系代码", "pillar", True, slug_code, "八大品牌体系之一的代码，如 agri-processed"),
    Column("区县代码", "districts", True, code_list, "一个或多个 6 位区划代码，用、分隔", default=[]),
    Column("品类代码", "categories", False, code_list, "本品牌体系内的品类代码，可多个，用、分隔", default=[]),
    Column("产品线", "product_lines", False, name_list, "本品牌体系内的产品线名称，如 榨菜，可多个", default=[]),
    Column("品牌层级代码", "tier", False, slug_code, "如 regional、national、international", default=None),
    Column("英文名称", "name_en", False, text(Brand, "name_en")),
    Column("创立年份", "founded_year", False, year(Brand, "founded_year"), "如 2008", default=None),
    Column("网站", "website", False, checked(Brand, "website"), "以 https:// 开头"),
    Column("品牌故事", "story", False, text(Brand, "story")),
)  # fmt: skip

CERTIFICATE_COLUMNS = (
    Column("持有人统一社会信用代码", "holder", True, uscc, "持证企业的统一社会信用代码；企业须已登记"),
    Column("证书类型", "kind", True, choice(CertificateKind), "如 绿色食品、有机产品、地理标志产品、ISO 9001"),
    Column("证书编号", "number", True, text(Certificate, "number")),
    Column("发证机构", "issuer", True, text(Certificate, "issuer")),
    Column("有效期起", "valid_from", True, date, "如 2024-01-01", default=None),
    Column("有效期止", "valid_to", False, date, "长期有效的留空", default=None),
    Column("认证范围", "scope", False, text(Certificate, "scope")),
    Column("品牌名称", "brand", False, text(Brand, "name"), "证书针对持有人的某一品牌时填写", default=None),
)  # fmt: skip

GI_AUTHORISATION_COLUMNS = (
    Column("地理标志名称", "gi_name", True, text(GeographicalIndication, "name"), "已登记的地理标志，如 涪陵榨菜"),
    Column("地理标志类型", "gi_kind", True, choice(GiKind), "地理标志产品、地理标志证明商标 或 农产品地理标志"),
    Column("企业统一社会信用代码", "enterprise", True, uscc, "被授权企业的统一社会信用代码；须在保护范围内"),
    Column("授权编号", "number", False, text(GiAuthorisation, "number")),
    Column("有效期起", "valid_from", True, date, "如 2024-01-01", default=None),
    Column("有效期止", "valid_to", True, date, "如 2026-12-31", default=None),
)  # fmt: skip

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.ENTERPRISES: ENTERPRISE_COLUMNS,
    ImportKind.BRANDS: BRAND_COLUMNS,
    ImportKind.CERTIFICATES: CERTIFICATE_COLUMNS,
    ImportKind.GI_AUTHORISATIONS: GI_AUTHORISATION_COLUMNS,
}


def columns_for(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def header_for_field(kind: str, field: str) -> str:
    """The column a service's error field belongs to ("" when the error is about the whole row)."""
    for column in COLUMNS[kind]:
        if column.field == field:
            return column.header
    return ""


def canonical_header(kind: str, header: str) -> str:
    """The template's header for a header found in a file (an alias or another width of brackets)."""
    key = header_key(header)
    for column in COLUMNS[kind]:
        if key in {header_key(name) for name in (column.header, *column.aliases)}:
            return column.header
    return header


# ---------------------------------------------------------------- template workbook


def template_workbook(kind: str) -> bytes:
    """An empty .xlsx with the kind's headers (required ones highlighted) and a sheet explaining them."""
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None  # noqa: S101 - a new Workbook always has one sheet
    sheet.title = "导入"
    required_fill = PatternFill("solid", fgColor="FDE9D9")
    for index, column in enumerate(COLUMNS[kind], start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required_fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        sheet.column_dimensions[letter].number_format = "@"  # text: USCCs and codes keep every digit
    sheet.freeze_panes = "A2"
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS[kind]:
        notes.append([column.header, "必填" if column.required else "选填", column.help])
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["C"].width = 70
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
