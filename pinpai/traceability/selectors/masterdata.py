"""Reads of master data: locations (GLN sites of enterprises) and lots, scoped by who asks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from engines.epcis import DL_BASE, InputError, canonical_id, gtin_normalise
from pinpai.accounts.querysets import actor_scope
from pinpai.common.exceptions import NotFoundError
from pinpai.common.identifiers import uscc_normalise
from pinpai.registry.models import Enterprise, Product
from pinpai.traceability.exceptions import LotInvalid
from pinpai.traceability.models import Location, Lot
from pinpai.traceability.querysets_quality import location_scope_q, lot_scope_q


def _text_q(text: str | None, *fields: str) -> Q:
    q = Q()
    for term in (text or "").split():
        term_q = Q()
        for f in fields:
            term_q |= Q(**{f"{f}__icontains": term})
        q &= term_q
    return q


def location_identifier(gln: str, extension: str = "") -> str:
    """The canonical GS1 Digital Link of a GLN and its optional extension (extension 0 is the GLN itself)."""
    path = f"{DL_BASE}/414/{gln}"
    if extension:
        path += f"/254/{quote(extension, safe='')}"
    return canonical_id(path)


def lot_identifier(gtin: str, lot_number: str) -> str:
    """The canonical GS1 Digital Link of a lot: https://id.gs1.org/01/{gtin}/10/{lot, percent-encoded}."""
    return canonical_id(f"{DL_BASE}/01/{gtin}/10/{quote(lot_number, safe='')}")


def product_by_gtin(*, gtin: str, field: str = "gtin") -> Product:
    """The registered product of a GTIN (check digit verified), else LotInvalid naming `field`."""
    try:
        code = gtin_normalise((gtin or "").strip(), field=field)
    except InputError as error:
        message = _("%(gtin)s is not a valid GTIN.") % {"gtin": gtin}
        raise LotInvalid(f"{field}: {message}", extra={"errors": {field: [message]}}) from error
    product = Product.objects.select_related("enterprise__organisation", "brand").filter(gtin=code).first()
    if product is None:
        message = _("No product is registered with GTIN %(gtin)s.") % {"gtin": code}
        raise LotInvalid(f"{field}: {message}", extra={"errors": {field: [message]}})
    return product


# ---------------------------------------------------------------- locations


def location_list(
    *,
    actor: Any,
    enterprise_id: int | None = None,
    district_code: str | None = None,
    kind: str | None = None,
    text: str | None = None,
) -> QuerySet[Location]:
    qs = Location.objects.select_related("enterprise__organisation", "district")
    q = location_scope_q(actor)
    if q is not None:
        qs = qs.filter(q)
    if enterprise_id:
        qs = qs.filter(enterprise_id=enterprise_id)
    if district_code:
        qs = qs.filter(district__code=district_code)
    if kind:
        qs = qs.filter(kind=kind)
    if text:
        qs = qs.filter(_text_q(text, "name", "gln", "address"))
    return qs.order_by("name", "pk")


def location_get(*, actor: Any, pk: int) -> Location:
    location = location_list(actor=actor).filter(pk=pk).first()
    if location is None:
        raise NotFoundError(f"No location {pk}.")
    return location


def _canonical(value: str) -> str:
    try:
        return canonical_id(value)
    except InputError:
        return value.strip()


def location_by_identifier(*, values: Iterable[str], actor: Any | None = None) -> dict[str, Location]:
    """Map identifiers (canonical GLN Digital Links, or SGLN URNs) to the locations registered for them.

    Keys are the values as given; values without a location are left out. A GLN with an extension that is not
    registered falls back to the location of the bare GLN. `actor=None` is the platform's unscoped lookup (journeys,
    recall reach: the caller decides what to disclose); with an actor, only locations the actor may see."""
    wanted = {value: _canonical(value) for value in values if value}
    if not wanted:
        return {}
    bare = {}
    for value, canonical in wanted.items():
        if canonical.startswith(f"{DL_BASE}/414/"):
            bare[value] = "/".join(canonical.split("/")[:5])  # https://id.gs1.org/414/{gln}
    qs = Location.objects.select_related("enterprise__organisation", "district")
    if actor is not None:
        q = location_scope_q(actor)
        if q is not None:
            qs = qs.filter(q)
    found = {
        loc.identifier: loc for loc in qs.filter(identifier__in=set(wanted.values()) | set(bare.values()))
    }
    result: dict[str, Location] = {}
    for value, canonical in wanted.items():
        location = found.get(canonical) or found.get(bare.get(value, ""))
        if location is not None:
            result[value] = location
    return result


def enterprise_by_uscc(*, actor: Any, uscc: str) -> Enterprise:
    """An enterprise the actor may see, by its 统一社会信用代码 (any width, any case)."""
    enterprise = (
        Enterprise.objects.visible_to(actor)
        .select_related("organisation")
        .filter(organisation__uscc=uscc_normalise(uscc or ""))
        .first()
    )
    if enterprise is None:
        raise NotFoundError(f"No enterprise with USCC {uscc}.")
    return enterprise


def enterprise_own_list(*, actor: Any) -> QuerySet[Enterprise]:
    """The enterprises the actor works for (as an enterprise user)."""
    ids = actor_scope(actor).enterprise_ids
    return (
        Enterprise.objects.filter(pk__in=ids)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


# ---------------------------------------------------------------- lots


def lot_list(
    *,
    actor: Any,
    gtin: str | None = None,
    producer_id: int | None = None,
    status: str | None = None,
    text: str | None = None,
) -> QuerySet[Lot]:
    qs = Lot.objects.select_related("product", "producer__organisation")
    q = lot_scope_q(actor)
    if q is not None:
        qs = qs.filter(q)
    if gtin:
        qs = qs.filter(product__gtin=gtin.strip().zfill(14))
    if producer_id:
        qs = qs.filter(producer_id=producer_id)
    if status:
        qs = qs.filter(status=status)
    if text:
        qs = qs.filter(_text_q(text, "lot_number", "product__name", "product__gtin"))
    return qs.order_by("-created_at", "-pk")


def lot_get(*, actor: Any, pk: int) -> Lot:
    lot = lot_list(actor=actor).filter(pk=pk).first()
    if lot is None:
        raise NotFoundError(f"No lot {pk}.")
    return lot


def lot_get_by_number(*, actor: Any, gtin: str, lot_number: str) -> Lot:
    """A lot by its GTIN and lot number (GS1 AI 01 + 10)."""
    lot = lot_list(actor=actor, gtin=gtin).filter(lot_number=lot_number).first()
    if lot is None:
        raise NotFoundError(f"No lot {lot_number} of GTIN {gtin}.")
    return lot


def lot_by_identifier(*, values: Iterable[str]) -> dict[str, Lot]:
    """Canonical lot identifiers (https://id.gs1.org/01/{gtin}/10/{lot}) → lots; unscoped, for platform services."""
    wanted = [v for v in values if v]
    return {
        lot.identifier: lot
        for lot in Lot.objects.filter(identifier__in=wanted).select_related(
            "product", "producer__organisation"
        )
    }
