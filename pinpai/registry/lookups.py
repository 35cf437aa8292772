"""Reads the registry API needs to turn what a client sends (reference codes, ids) into rows.

Reference data is looked up by its official code (districts, industries, pillars, tiers, categories)
or its name within a pillar (product lines); an unknown one is the caller's input error, raised as the
`InvalidInputError` subclass the endpoint names, with the field and the value. Registry rows are looked
up through the scoped list selectors, so a row the actor may not see is "not found", exactly like one
that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pinpai.common.exceptions import InvalidInputError, NotFoundError
from pinpai.common.models import Category, District, IndustryClass, Pillar, ProductLine, Tier
from pinpai.registry.models import Certificate, CultivationList, GiAuthorisation, Product, Trademark
from pinpai.registry.selectors import (
    certificate_list,
    cultivation_list_list,
    gi_authorisation_list,
    product_list,
    trademark_list,
)


def _unknown(
    error: type[InvalidInputError], field: str, noun: str, values: Sequence[str], where: str = ""
) -> InvalidInputError:
    """`field: unknown pillar code 'x'`, or `unknown category codes 'a', 'b' in pillar agri-processed`."""
    listed = ", ".join(repr(v) for v in values)
    message = f"unknown {noun}{'' if len(values) == 1 else 's'} {listed}{where}"
    return error(f"{field}: {message}", extra={"errors": {field: [message]}})


def _unique(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values))


# ---------------------------------------------------------------- reference data


def district_get_by_code(
    *, code: str, field: str = "district", error: type[InvalidInputError] = InvalidInputError
) -> District:
    district = District.objects.filter(code=code.strip()).first()
    if district is None:
        raise _unknown(error, field, "district code", [code])
    return district


def district_list_by_codes(
    *, codes: Sequence[str], field: str = "districts", error: type[InvalidInputError] = InvalidInputError
) -> list[District]:
    """The districts in the order given (duplicates dropped)."""
    wanted = _unique(codes)
    found = {d.code: d for d in District.objects.filter(code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise _unknown(error, field, "district code", missing)
    return [found[c] for c in wanted]


def industry_get_by_code(
    *, code: str, field: str = "industry", error: type[InvalidInputError] = InvalidInputError
) -> IndustryClass:
    industry = IndustryClass.objects.filter(code=code.strip().upper()).first()
    if industry is None:
        raise _unknown(error, field, "GB/T 4754 industry code", [code])
    return industry


def pillar_get_by_code(
    *, code: str, field: str = "pillar", error: type[InvalidInputError] = InvalidInputError
) -> Pillar:
    pillar = Pillar.objects.filter(code=code.strip()).first()
    if pillar is None:
        raise _unknown(error, field, "pillar code", [code])
    return pillar


def tier_get_by_code(
    *, code: str, field: str = "tier", error: type[InvalidInputError] = InvalidInputError
) -> Tier:
    tier = Tier.objects.filter(code=code.strip()).first()
    if tier is None:
        raise _unknown(error, field, "tier code", [code])
    return tier


def category_list_by_codes(
    *,
    pillar: Pillar,
    codes: Sequence[str],
    field: str = "categories",
    error: type[InvalidInputError] = InvalidInputError,
) -> list[Category]:
    """Categories of `pillar` in the order given; a code of another pillar is unknown here."""
    wanted = _unique(codes)
    found = {c.code: c for c in Category.objects.filter(pillar=pillar, code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise _unknown(error, field, "category code", missing, f" in pillar {pillar.code}")
    return [found[c] for c in wanted]


def product_line_list_by_names(
    *,
    pillar: Pillar,
    names: Sequence[str],
    field: str = "product_lines",
    error: type[InvalidInputError] = InvalidInputError,
) -> list[ProductLine]:
    """Product lines of `pillar` by name (榨菜, 脐橙 …) in the order given."""
    wanted = _unique(names)
    found = {p.name: p for p in ProductLine.objects.filter(pillar=pillar, name__in=wanted)}
    missing = [n for n in wanted if n not in found]
    if missing:
        raise _unknown(error, field, "product line", missing, f" in pillar {pillar.code}")
    return [found[n] for n in wanted]


# ---------------------------------------------------------------- registry rows, scoped by actor


def trademark_get(*, actor: Any, pk: int) -> Trademark:
    trademark = trademark_list(actor=actor).filter(pk=pk).first()
    if trademark is None:
        raise NotFoundError(f"No trademark with id {pk}.")
    return trademark


def certificate_get(*, actor: Any, pk: int) -> Certificate:
    certificate = certificate_list(actor=actor).filter(pk=pk).first()
    if certificate is None:
        raise NotFoundError(f"No certificate with id {pk}.")
    return certificate


def product_get(*, actor: Any, pk: int) -> Product:
    product = product_list(actor=actor).filter(pk=pk).first()
    if product is None:
        raise NotFoundError(f"No product with id {pk}.")
    return product


def gi_authorisation_get(*, actor: Any, pk: int) -> GiAuthorisation:
    authorisation = gi_authorisation_list(actor=actor).filter(pk=pk).first()
    if authorisation is None:
        raise NotFoundError(f"No GI authorisation with id {pk}.")
    return authorisation


def cultivation_list_get(*, actor: Any, pk: int) -> CultivationList:
    cultivation_list = cultivation_list_list(actor=actor).filter(pk=pk).first()
    if cultivation_list is None:
        raise NotFoundError(f"No cultivation list with id {pk}.")
    return cultivation_list
