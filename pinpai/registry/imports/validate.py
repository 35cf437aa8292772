"""Check every row of a table and report every bad cell as {row, column, message}.

`validate_table` works in chunks (500 rows by default): each cell is parsed by its column's parser,
then the kind's rules resolve references (district codes, owners by USCC …), check duplicates within
the file and against the database with one query per chunk, and ask the same `can_…` predicates the
services ask. A row with no error comes out as a `ParsedRow` whose `values` are the keyword arguments
of the service that registers it (`enterprise_register`, `brand_create`, `certificate_register`,
`gi_authorise`).

Errors about the file as a whole (a missing required column) have `row` None and name the columns.
Row numbers are those the user sees in Excel: the header is row 1.
"""

from __future__ import annotations

import abc
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from pinpai.accounts.models import Organisation
from pinpai.accounts.permissions import can_organisation_create
from pinpai.common.models import Category, District, IndustryClass, Pillar, ProductLine, Tier
from pinpai.registry.choices import BrandStatus, ImportKind
from pinpai.registry.imports.columns import CellError, Column, columns_for, header_key, is_blank
from pinpai.registry.imports.reader import Table
from pinpai.registry.models import Brand, Certificate, Enterprise, GeographicalIndication, GiAuthorisation
from pinpai.registry.permissions import (
    can_brand_create,
    can_certificate_register,
    can_enterprise_register,
    can_gi_authorise,
)

CHUNK_ROWS = 500


def row_error(row: int | None, column: str, message: str) -> dict[str, Any]:
    return {"row": row, "column": column, "message": message}


@dataclass
class ParsedRow:
    row: int  # the row number in the file (header = 1)
    values: dict[str, Any]  # field → parsed value; a cell that failed to parse has no entry
    ok: bool = True


@dataclass
class Outcome:
    total_rows: int
    valid: list[ParsedRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def file_errors(self) -> list[dict[str, Any]]:
        return [e for e in self.errors if e["row"] is None]

    @property
    def error_rows(self) -> set[int]:
        return {e["row"] for e in self.errors if e["row"] is not None}


class _Report:
    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def add(self, row: ParsedRow, column: str, message: str) -> None:
        row.ok = False
        self.errors.append(row_error(row.row, column, message))


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _map_headers(
    headers: list[str], columns: tuple[Column, ...]
) -> tuple[dict[str, int], list[str], list[dict[str, Any]]]:
    """Column header → index in the row, the ignored headers, and the file-level errors."""
    by_key: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            by_key[header_key(name)] = column
    positions: dict[str, int] = {}
    ignored: list[str] = []
    errors: list[dict[str, Any]] = []
    for index, header in enumerate(headers):
        found = by_key.get(header_key(header))
        if found is None:
            if header:
                ignored.append(header)
            continue
        column = found
        if column.header in positions:
            errors.append(
                row_error(
                    None, column.header, _("The column %(name)s appears twice.") % {"name": column.header}
                )
            )
            continue
        positions[column.header] = index
    missing = [c.header for c in columns if c.required and c.header not in positions]
    if missing:
        errors.append(
            row_error(
                None,
                "、".join(missing),
                _("Required columns are missing: %(names)s. Download the template to see every column.")
                % {"names": "、".join(missing)},
            )
        )
    return positions, ignored, errors


def _parse_row(
    number: int, cells: list[Any], columns: tuple[Column, ...], positions: dict[str, int], report: _Report
) -> ParsedRow:
    parsed = ParsedRow(row=number, values={})
    for column in columns:
        index = positions.get(column.header)
        value = cells[index] if index is not None and index < len(cells) else None
        if is_blank(value):
            if column.required:
                report.add(parsed, column.header, _("Required; this cell is empty."))
            else:
                default = column.default
                parsed.values[column.field] = list(default) if isinstance(default, list) else default
            continue
        try:
            parsed.values[column.field] = column.parse(value)
        except CellError as exc:
            report.add(parsed, column.header, str(exc))
    return parsed


def validate_table(
    *,
    actor: Any,
    kind: str,
    table: Table,
    progress: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Outcome:
    """Parse and check every row; `progress(rows_done)` is called after each chunk."""
    columns = columns_for(kind)
    outcome = Outcome(total_rows=len(table.rows))
    positions, outcome.ignored_headers, file_errors = _map_headers(table.headers, columns)
    if file_errors:
        outcome.errors = file_errors
        return outcome
    rules = RULES[kind](actor)
    report = _Report()
    done = 0
    for chunk in _chunks(table.rows, chunk_rows):
        parsed = [_parse_row(number, cells, columns, positions, report) for number, cells in chunk]
        rules.check(parsed, report)
        outcome.valid.extend(r for r in parsed if r.ok)
        done += len(chunk)
        if progress is not None:
            progress(done)
    order = {c.header: i for i, c in enumerate(columns)}
    outcome.errors = sorted(report.errors, key=lambda e: (e["row"], order.get(e["column"], len(order))))
    return outcome


# ---------------------------------------------------------------- rules per kind


def _not_registered(code: str) -> str:
    return _("No enterprise with unified social credit code %(code)s is registered.") % {"code": code}


def _enterprises_by_uscc(codes: set[str]) -> dict[str, Enterprise]:
    if not codes:
        return {}
    found = Enterprise.objects.filter(organisation__uscc__in=codes).select_related("organisation")
    return {e.organisation.uscc or "": e for e in found}


class _Rules(abc.ABC):
    def __init__(self, actor: Any) -> None:
        self.actor = actor

    @abc.abstractmethod
    def check(self, rows: list[ParsedRow], report: _Report) -> None:
        """Add an error to `report` for every bad cell of `rows`."""


class EnterpriseRules(_Rules):
    """District and industry by code; USCC unique in the file and not yet registered; the actor may
    register enterprises (and create their organisations) in that district."""

    def __init__(self, actor: Any) -> None:
        super().__init__(actor)
        self.districts = {d.code: d for d in District.objects.all()}
        self.industries = {i.code: i for i in IndustryClass.objects.all()}
        self.seen: dict[str, int] = {}
        self.allowed: dict[tuple[str, int], bool] = {}

    def may_register(self, kind: str, district: District) -> bool:
        key = (kind, district.pk)
        if key not in self.allowed:
            self.allowed[key] = can_enterprise_register(self.actor, district_id=district.pk) and (
                can_organisation_create(self.actor, kind=kind, district_id=district.pk)
            )
        return self.allowed[key]

    def check(self, rows: list[ParsedRow], report: _Report) -> None:
        for r in rows:
            v = r.values
            if "district" in v:
                district = self.districts.get(v["district"])
                if district is None:
                    report.add(r, "区县代码", _("Unknown district code %(code)s.") % {"code": v["district"]})
                    del v["district"]
                else:
                    v["district"] = district
                    if "kind" in v and not self.may_register(v["kind"], district):
                        report.add(
                            r, "区县代码",
                            _("You may not register enterprises in %(district)s.") % {"district": district.name},
                        )  # fmt: skip
            if v.get("industry") is not None:
                industry = self.industries.get(v["industry"])
                if industry is None:
                    report.add(
                        r,
                        "行业代码",
                        _("Unknown industry code %(code)s (GB/T 4754-2017).") % {"code": v["industry"]},
                    )
                elif industry.level != "division":
                    report.add(
                        r, "行业代码",
                        _("%(code)s is an industry section; give a two-digit division such as 14.")
                        % {"code": industry.code},
                    )  # fmt: skip
                else:
                    v["industry"] = industry
            code = v.get("uscc")
            if code is not None:
                first = self.seen.setdefault(code, r.row)
                if first != r.row:
                    report.add(
                        r, "统一社会信用代码",
                        _("Duplicate: row %(row)d has the same unified social credit code.") % {"row": first},
                    )  # fmt: skip
        codes = [r.values["uscc"] for r in rows if "uscc" in r.values]
        taken = dict(Organisation.objects.filter(uscc__in=codes).values_list("uscc", "name")) if codes else {}
        for r in rows:
            name = taken.get(r.values.get("uscc"))
            if name is not None:
                report.add(r, "统一社会信用代码", _("Already registered to %(name)s.") % {"name": name})


class BrandRules(_Rules):
    """Owner by USCC; pillar, tier, districts, categories and product lines by code or name within the
    pillar; name unique per owner (file and database); the actor may create brands for the owner."""

    def __init__(self, actor: Any) -> None:
        super().__init__(actor)
        self.pillars = {p.code: p for p in Pillar.objects.all()}
        self.tiers = {t.code: t for t in Tier.objects.all()}
        self.districts = {d.code: d for d in District.objects.all()}
        self.categories = {(c.pillar_id, c.code): c for c in Category.objects.all()}
        self.lines = {(p.pillar_id, p.name): p for p in ProductLine.objects.all()}
        self.seen: dict[tuple[int, str], int] = {}
        self.allowed: dict[int, bool] = {}

    def check(self, rows: list[ParsedRow], report: _Report) -> None:
        owners = _enterprises_by_uscc({r.values["owner"] for r in rows if "owner" in r.values})
        names = {r.values["name"] for r in rows if "name" in r.values}
        existing = set(
            Brand.objects.filter(owner__in=owners.values(), name__in=names)
            .exclude(status=BrandStatus.WITHDRAWN)
            .values_list("owner_id", "name")
        )
        for r in rows:
            v = r.values
            owner = None
            if "owner" in v:
                owner = owners.get(v["owner"])
                if owner is None:
                    report.add(r, "权利人统一社会信用代码", _not_registered(v["owner"]))
                else:
                    v["owner"] = owner
                    if owner.pk not in self.allowed:
                        self.allowed[owner.pk] = can_brand_create(self.actor, owner=owner)
                    if not self.allowed[owner.pk]:
                        report.add(
                            r, "权利人统一社会信用代码",
                            _("You may not register brands for %(name)s.") % {"name": owner.organisation.name},
                        )  # fmt: skip
            if owner is not None and "name" in v:
                key = (owner.pk, v["name"])
                first = self.seen.setdefault(key, r.row)
                if first != r.row:
                    report.add(
                        r,
                        "品牌名称",
                        _("Duplicate: row %(row)d has a brand of the same name and owner.") % {"row": first},
                    )
                elif key in existing:
                    report.add(
                        r, "品牌名称",
                        _("%(owner)s already has a brand named %(name)s.")
                        % {"owner": owner.organisation.name, "name": v["name"]},
                    )  # fmt: skip
            pillar = None
            if "pillar" in v:
                pillar = self.pillars.get(v["pillar"])
                if pillar is None:
                    report.add(r, "品牌体系代码", _("Unknown pillar code %(code)s.") % {"code": v["pillar"]})
                else:
                    v["pillar"] = pillar
            if "districts" in v:
                unknown = [c for c in v["districts"] if c not in self.districts]
                if unknown:
                    report.add(
                        r, "区县代码", _("Unknown district codes: %(codes)s.") % {"codes": "、".join(unknown)}
                    )
                elif not v["districts"]:
                    report.add(r, "区县代码", _("Required; this cell is empty."))
                else:
                    v["districts"] = [self.districts[c] for c in v["districts"]]
            if v.get("tier") is not None:
                tier = self.tiers.get(v["tier"])
                if tier is None:
                    report.add(r, "品牌层级代码", _("Unknown tier code %(code)s.") % {"code": v["tier"]})
                else:
                    v["tier"] = tier
            if pillar is not None:
                self._within_pillar(r, pillar, report)

    def _within_pillar(self, r: ParsedRow, pillar: Pillar, report: _Report) -> None:
        v = r.values
        if v.get("categories"):
            unknown = [c for c in v["categories"] if (pillar.pk, c) not in self.categories]
            if unknown:
                report.add(
                    r, "品类代码",
                    _("Not categories of %(pillar)s: %(codes)s.") % {"pillar": pillar.name, "codes": "、".join(unknown)},
                )  # fmt: skip
            else:
                v["categories"] = [self.categories[(pillar.pk, c)] for c in v["categories"]]
        if v.get("product_lines"):
            unknown = [n for n in v["product_lines"] if (pillar.pk, n) not in self.lines]
            if unknown:
                report.add(
                    r, "产品线",
                    _("Not product lines of %(pillar)s: %(names)s.") % {"pillar": pillar.name, "names": "、".join(unknown)},
                )  # fmt: skip
            else:
                v["product_lines"] = [self.lines[(pillar.pk, n)] for n in v["product_lines"]]


class CertificateRules(_Rules):
    """Holder by USCC; number unique per kind (file and database); validity ordered; the brand, if
    named, is one of the holder's; the actor may record certificates for the holder."""

    def __init__(self, actor: Any) -> None:
        super().__init__(actor)
        self.seen: dict[tuple[str, str], int] = {}
        self.allowed: dict[int, bool] = {}

    def check(self, rows: list[ParsedRow], report: _Report) -> None:
        holders = _enterprises_by_uscc({r.values["holder"] for r in rows if "holder" in r.values})
        pairs = [
            (r.values["kind"], r.values["number"])
            for r in rows
            if "kind" in r.values and "number" in r.values
        ]
        existing = set(
            Certificate.objects.filter(kind__in={k for k, _n in pairs}, number__in={n for _k, n in pairs})
            .values_list("kind", "number")
        ) if pairs else set()  # fmt: skip
        brand_names = {r.values["brand"] for r in rows if r.values.get("brand")}
        brands = {
            (b.owner_id, b.name): b
            for b in Brand.objects.filter(owner__in=holders.values(), name__in=brand_names).exclude(
                status=BrandStatus.WITHDRAWN
            )
        } if brand_names else {}  # fmt: skip
        for r in rows:
            v = r.values
            holder = None
            if "holder" in v:
                holder = holders.get(v["holder"])
                if holder is None:
                    report.add(r, "持有人统一社会信用代码", _not_registered(v["holder"]))
                else:
                    v["holder"] = holder
                    if holder.pk not in self.allowed:
                        self.allowed[holder.pk] = can_certificate_register(self.actor, holder=holder)
                    if not self.allowed[holder.pk]:
                        report.add(
                            r, "持有人统一社会信用代码",
                            _("You may not record certificates of %(name)s.") % {"name": holder.organisation.name},
                        )  # fmt: skip
            if "kind" in v and "number" in v:
                key = (v["kind"], v["number"])
                first = self.seen.setdefault(key, r.row)
                if first != r.row:
                    report.add(
                        r,
                        "证书编号",
                        _("Duplicate: row %(row)d has the same kind and number.") % {"row": first},
                    )
                elif key in existing:
                    report.add(
                        r, "证书编号",
                        _("A certificate of this kind numbered %(number)s is already recorded.") % {"number": v["number"]},
                    )  # fmt: skip
            _check_period(r, report)
            if v.get("brand"):
                brand = brands.get((holder.pk, v["brand"])) if holder is not None else None
                if brand is None and holder is not None:
                    report.add(
                        r, "品牌名称",
                        _("%(owner)s has no brand named %(name)s.") % {"owner": holder.organisation.name, "name": v["brand"]},
                    )  # fmt: skip
                else:
                    v["brand"] = brand
            else:
                v["brand"] = None


def _check_period(r: ParsedRow, report: _Report) -> None:
    start: datetime.date | None = r.values.get("valid_from")
    end: datetime.date | None = r.values.get("valid_to")
    if start is not None and end is not None and end < start:
        report.add(r, "有效期止", _("Ends before it starts (%(start)s).") % {"start": start.isoformat()})


class GiAuthorisationRules(_Rules):
    """GI by name and kind; enterprise by USCC, inside the GI's protected area; no overlap with an
    authorisation in force or with another row; the actor may authorise users of the GI."""

    def __init__(self, actor: Any) -> None:
        super().__init__(actor)
        gis = GeographicalIndication.objects.prefetch_related("protected_districts")
        self.gis = {(g.name, g.kind): g for g in gis}
        self.areas = {g.pk: {d.pk for d in g.protected_districts.all()} for g in self.gis.values()}
        self.periods: dict[tuple[int, int], list[tuple[datetime.date, datetime.date, int]]] = {}
        self.allowed: dict[int, bool] = {}

    def check(self, rows: list[ParsedRow], report: _Report) -> None:
        enterprises = _enterprises_by_uscc({r.values["enterprise"] for r in rows if "enterprise" in r.values})
        gi_ids = {g.pk for g in self.gis.values()}
        in_force: dict[tuple[int, int], list[tuple[datetime.date, datetime.date]]] = {}
        if enterprises:
            for gi_id, ent_id, valid_from, valid_to in GiAuthorisation.objects.filter(
                enterprise__in=enterprises.values(), gi_id__in=gi_ids, revoked_on__isnull=True
            ).values_list("gi_id", "enterprise_id", "valid_from", "valid_to"):
                in_force.setdefault((gi_id, ent_id), []).append((valid_from, valid_to))
        for r in rows:
            v = r.values
            gi = None
            if "gi_name" in v and "gi_kind" in v:
                gi = self.gis.get((v["gi_name"], v["gi_kind"]))
                if gi is None:
                    report.add(
                        r, "地理标志名称",
                        _("No geographical indication %(name)s of this kind is registered.") % {"name": v["gi_name"]},
                    )  # fmt: skip
                else:
                    if gi.pk not in self.allowed:
                        self.allowed[gi.pk] = can_gi_authorise(self.actor, gi=gi)
                    if not self.allowed[gi.pk]:
                        report.add(
                            r,
                            "地理标志名称",
                            _("You may not authorise users of %(name)s.") % {"name": gi.name},
                        )
            v.pop("gi_name", None)
            v.pop("gi_kind", None)
            enterprise = None
            if "enterprise" in v:
                enterprise = enterprises.get(v["enterprise"])
                if enterprise is None:
                    report.add(r, "企业统一社会信用代码", _not_registered(v["enterprise"]))
                    del v["enterprise"]
                else:
                    v["enterprise"] = enterprise
            _check_period(r, report)
            if gi is None or enterprise is None:
                continue
            v["gi"] = gi
            if enterprise.organisation.district_id not in self.areas[gi.pk]:
                report.add(
                    r, "企业统一社会信用代码",
                    _("%(enterprise)s is not in the protected area of %(gi)s.")
                    % {"enterprise": enterprise.organisation.name, "gi": gi.name},
                )  # fmt: skip
            start, end = v.get("valid_from"), v.get("valid_to")
            if start is None or end is None or end < start:
                continue
            key = (gi.pk, enterprise.pk)
            clash = next((p for p in in_force.get(key, []) if p[0] <= end and p[1] >= start), None)
            if clash is not None:
                report.add(
                    r, "有效期起",
                    _("Overlaps an authorisation in force (%(start)s – %(end)s).")
                    % {"start": clash[0].isoformat(), "end": clash[1].isoformat()},
                )  # fmt: skip
                continue
            other = next((p for p in self.periods.get(key, []) if p[0] <= end and p[1] >= start), None)
            if other is not None:
                report.add(r, "有效期起", _("Overlaps the authorisation on row %(row)d.") % {"row": other[2]})
                continue
            self.periods.setdefault(key, []).append((start, end, r.row))


RULES: dict[str, type[_Rules]] = {
    ImportKind.ENTERPRISES: EnterpriseRules,
    ImportKind.BRANDS: BrandRules,
    ImportKind.CERTIFICATES: CertificateRules,
    ImportKind.GI_AUTHORISATIONS: GiAuthorisationRules,
}
