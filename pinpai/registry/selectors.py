"""Registry reads. Every list is scoped by `visible_to(actor)`, owns its joins (a constant number of
queries per page), and is ordered so pages are stable."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from pinpai.accounts.models import Organisation
from pinpai.accounts.querysets import actor_scope
from pinpai.audit.models import AuditEvent
from pinpai.common.exceptions import NotFoundError
from pinpai.common.identifiers import uscc_normalise
from pinpai.common.models import PillarDepartment
from pinpai.common.search import contains_q
from pinpai.registry.choices import BrandStatus
from pinpai.registry.models import (
    Brand,
    BrandReview,
    Certificate,
    CultivationList,
    Enterprise,
    GeographicalIndication,
    GiAuthorisation,
    Product,
    Trademark,
)
from pinpai.registry.permissions import can_enterprise_update
from pinpai.registry.querysets import brand_scope_q


def _text_q(text: str | None, *fields: str) -> Q:
    q = Q()
    for term in (text or "").split():
        term_q = Q()
        for f in fields:
            term_q |= Q(**{f"{f}__icontains": term})
        q &= term_q
    return q


_USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")


def _organisation_name_q(text: str, field: str) -> Q:
    """`field` (an organisation id) is one whose name contains every term of `text`. A subquery over
    the organisations' n-gram index, not a join: the list's own rows are then read once."""
    q = Q()
    for term in text.split():
        named = Organisation.objects.filter(contains_q("name", term)).order_by().values("pk")
        q &= Q(**{f"{field}__in": named})
    return q


# ---------------------------------------------------------------- enterprises


def enterprise_list(
    *,
    actor: Any,
    district_code: str | None = None,
    industry_code: str | None = None,
    status: str | None = None,
    text: str | None = None,
) -> QuerySet[Enterprise]:
    qs = Enterprise.objects.visible_to(actor).select_related(
        "organisation", "organisation__district", "industry"
    )
    if district_code:
        qs = qs.filter(organisation__district__code=district_code)
    if industry_code:
        qs = qs.filter(Q(industry__code=industry_code) | Q(industry__parent__code=industry_code))
    if status:
        qs = qs.filter(status=status)
    if text:
        # A term shaped like a USCC (18 code characters, in any width) finds that enterprise; anything
        # else searches names. One condition either way, so PostgreSQL can drive the page from it.
        code = uscc_normalise(text)
        if _USCC_SHAPE.fullmatch(code):
            qs = qs.filter(organisation__uscc=code)
        else:
            qs = qs.filter(_organisation_name_q(text, "organisation_id"))
    return qs.order_by("organisation__name", "pk")


def enterprise_get(*, actor: Any, pk: int) -> Enterprise:
    ent = (
        Enterprise.objects.visible_to(actor)
        .select_related("organisation", "organisation__district", "industry", "industry__parent")
        .filter(pk=pk)
        .first()
    )
    if ent is None:
        raise NotFoundError(f"No enterprise with id {pk}.")
    return ent


def enterprise_history(*, actor: Any, enterprise: Enterprise) -> QuerySet[AuditEvent]:
    """The change history of an enterprise (its registry record and its organisation), for those who
    may edit it: the events carry contacts and staff names, which are not public."""
    if not can_enterprise_update(actor, enterprise=enterprise):
        return AuditEvent.objects.none()
    return (
        AuditEvent.objects.filter(
            Q(target_type="registry.enterprise", target_id=str(enterprise.pk))
            | Q(target_type="accounts.organisation", target_id=str(enterprise.pk))
        )
        .select_related("actor")
        .order_by("-sequence")
    )


# ---------------------------------------------------------------- brands

BRAND_LIST_RELATED = ("owner", "owner__organisation", "pillar", "tier")


def brand_list(
    *,
    actor: Any,
    pillar_code: str | None = None,
    tier_code: str | None = None,
    district_code: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    certificate_kind: str | None = None,
    owner_id: int | None = None,
    text: str | None = None,
) -> QuerySet[Brand]:
    qs = Brand.objects.visible_to(actor).select_related(*BRAND_LIST_RELATED)
    if pillar_code:
        qs = qs.filter(pillar__code=pillar_code)
    if tier_code:
        qs = qs.filter(tier__code=tier_code)
    if district_code:
        marked = (
            Brand.districts.through.objects.filter(district__code=district_code).order_by().values("brand_id")
        )
        qs = qs.filter(pk__in=marked)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if certificate_kind:
        valid = Certificate.objects.valid_on(timezone.localdate()).filter(kind=certificate_kind)
        qs = qs.filter(
            Q(pk__in=valid.values("brand_id"))
            | Q(owner_id__in=valid.filter(brand__isnull=True).values("holder_id"))
        )
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    if text:
        # Every term, in the brand's name or its owner's: `search_name` holds both (kept by database triggers,
        # registry/0007) under one n-gram index, so the matches come from one index scan of the brand table.
        for term in text.split():
            qs = qs.filter(contains_q("search_name", term))
    return qs.order_by("name", "pk")


def brand_list_for_portal(*, pillar_code: str | None = None, text: str | None = None) -> QuerySet[Brand]:
    """Published brands only, for the public."""
    return brand_list(actor=None, pillar_code=pillar_code, text=text, status=BrandStatus.PUBLISHED)


def brand_get(*, actor: Any, pk: int) -> Brand:
    brand = (
        Brand.objects.visible_to(actor)
        .select_related(*BRAND_LIST_RELATED, "owner__organisation__district")
        .prefetch_related(
            "categories",
            "product_lines",
            "districts",
            Prefetch(
                "certificates",
                queryset=Certificate.objects.order_by(F("valid_to").asc(nulls_last=True), "pk"),
            ),
            Prefetch("trademarks", queryset=Trademark.objects.order_by("registration_number")),
            Prefetch("reviews", queryset=BrandReview.objects.select_related("actor").order_by("at", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if brand is None:
        raise NotFoundError(f"No brand with id {pk}.")
    return brand


def brand_review_queue(*, actor: Any) -> QuerySet[Brand]:
    """Brands waiting for this actor: district staff see submitted brands of their districts,
    department staff see brands of their pillars awaiting approval or publication."""
    scope = actor_scope(actor)
    waiting = Q(pk__in=[])
    if scope.is_admin:
        waiting = Q(status__in=[BrandStatus.SUBMITTED, BrandStatus.DISTRICT_APPROVED, BrandStatus.APPROVED])
    else:
        if scope.district_ids:
            in_district = Q(owner__organisation__district_id__in=scope.district_ids) | Q(
                districts__in=scope.district_ids
            )
            waiting |= Q(status=BrandStatus.SUBMITTED) & Q(
                pk__in=Brand.objects.filter(in_district).values("pk")
            )
        if scope.department_ids:
            pillars = PillarDepartment.objects.filter(department_id__in=scope.department_ids).values(
                "pillar_id"
            )
            waiting |= Q(
                status__in=[BrandStatus.DISTRICT_APPROVED, BrandStatus.APPROVED], pillar_id__in=pillars
            )
    return Brand.objects.filter(waiting).select_related(*BRAND_LIST_RELATED).order_by("updated_at", "pk")


# ---------------------------------------------------------------- trademarks, certificates


def trademark_list(
    *,
    actor: Any,
    registrant_id: int | None = None,
    status: str | None = None,
    nice_class: int | None = None,
    expiring_within_days: int | None = None,
    text: str | None = None,
) -> QuerySet[Trademark]:
    qs = Trademark.objects.visible_to(actor).select_related("registrant__organisation", "brand")
    if registrant_id:
        qs = qs.filter(registrant_id=registrant_id)
    if status:
        qs = qs.filter(status=status)
    if nice_class:
        qs = qs.filter(nice_class=nice_class)
    if expiring_within_days is not None:
        qs = qs.expiring(today=timezone.localdate(), within_days=expiring_within_days)
    if text:
        qs = qs.filter(_text_q(text, "mark_text", "registration_number", "registrant__organisation__name"))
    return qs.order_by("valid_to", "registration_number")


def certificate_list(
    *,
    actor: Any,
    kind: str | None = None,
    holder_id: int | None = None,
    brand_id: int | None = None,
    expiring_within_days: int | None = None,
    valid_on: datetime.date | None = None,
    text: str | None = None,
) -> QuerySet[Certificate]:
    qs = Certificate.objects.visible_to(actor).select_related("holder__organisation", "brand", "product")
    if kind:
        qs = qs.filter(kind=kind)
    if holder_id:
        qs = qs.filter(holder_id=holder_id)
    if brand_id:
        qs = qs.filter(brand_id=brand_id)
    if expiring_within_days is not None:
        qs = qs.expiring(today=timezone.localdate(), within_days=expiring_within_days)
    if valid_on is not None:
        qs = qs.valid_on(valid_on)
    if text:
        qs = qs.filter(_text_q(text, "number", "issuer", "holder__organisation__name"))
    return qs.order_by(F("valid_to").asc(nulls_last=True), "pk")


def certificate_expiring_list(*, actor: Any, within_days: int = 90) -> QuerySet[Certificate]:
    """Certificates that expire within `within_days` days from today (Asia/Shanghai)."""
    return certificate_list(actor=actor, expiring_within_days=within_days)


# ---------------------------------------------------------------- GIs, products, lists


def gi_list(
    *, actor: Any, district_code: str | None = None, text: str | None = None
) -> QuerySet[GeographicalIndication]:
    """GIs are a public register."""
    qs = GeographicalIndication.objects.select_related("holder", "brand").prefetch_related(
        "protected_districts"
    )
    if district_code:
        qs = qs.filter(
            pk__in=GeographicalIndication.objects.filter(protected_districts__code=district_code).values("pk")
        )
    if text:
        qs = qs.filter(_text_q(text, "name", "standard"))
    return qs.order_by("name", "kind", "pk")


def gi_get(*, actor: Any, pk: int) -> GeographicalIndication:
    gi = gi_list(actor=actor).filter(pk=pk).first()
    if gi is None:
        raise NotFoundError(f"No geographical indication with id {pk}.")
    return gi


def gi_authorisation_list(
    *, actor: Any, gi: GeographicalIndication | None = None, valid_on: datetime.date | None = None
) -> QuerySet[GiAuthorisation]:
    """The authorised users of a GI (public: who may put the GI on their goods)."""
    qs = GiAuthorisation.objects.select_related(
        "gi", "enterprise__organisation", "enterprise__organisation__district"
    )
    if gi is not None:
        qs = qs.filter(gi=gi)
    if valid_on is not None:
        qs = qs.filter(revoked_on__isnull=True, valid_from__lte=valid_on, valid_to__gte=valid_on)
    return qs.order_by("gi__name", "enterprise__organisation__name", "valid_from", "pk")


def product_list(
    *, actor: Any, brand_id: int | None = None, enterprise_id: int | None = None, text: str | None = None
) -> QuerySet[Product]:
    qs = Product.objects.select_related("brand", "enterprise__organisation", "category")
    if brand_scope_q(actor) is not None:  # None: the actor sees every brand
        qs = qs.filter(brand_id__in=Brand.objects.visible_to(actor).values("pk"))
    if brand_id:
        qs = qs.filter(brand_id=brand_id)
    if enterprise_id:
        qs = qs.filter(enterprise_id=enterprise_id)
    if text:
        qs = qs.filter(_text_q(text, "name", "gtin"))
    return qs.order_by("name", "pk")


def product_get_by_gtin(*, actor: Any, gtin: str) -> Product:
    product = product_list(actor=actor).filter(gtin=gtin.zfill(14)).first()
    if product is None:
        raise NotFoundError(f"No product with GTIN {gtin}.")
    return product


def cultivation_list_list(
    *, actor: Any, year: int | None = None, pillar_code: str | None = None, district_code: str | None = None
) -> QuerySet[CultivationList]:
    qs = CultivationList.objects.select_related("pillar", "district")
    if not (
        actor_scope(actor).is_admin or actor_scope(actor).department_ids or actor_scope(actor).district_ids
    ):
        qs = qs.filter(status="published")
    if year:
        qs = qs.filter(year=year)
    if pillar_code:
        qs = qs.filter(pillar__code=pillar_code)
    if district_code:
        qs = qs.filter(district__code=district_code)
    return qs.order_by("-year", "pillar__position", "district__code", "pk")
