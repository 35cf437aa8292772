"""Brands: create, edit, and move through the review workflow.

draft/returned → submitted → district_approved → approved → published ⇄ suspended; any → withdrawn.
Each step locks the brand row, so two reviewers acting at once cannot both succeed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.models import Category, District, Pillar, ProductLine, Tier
from pinpai.common.validation import full_clean_or_raise
from pinpai.registry.choices import BrandStatus, EnterpriseStatus
from pinpai.registry.exceptions import (
    BrandCertificatesExpired,
    BrandInvalid,
    BrandLogoInvalid,
    BrandTransitionNotAllowed,
)
from pinpai.registry.models import Brand, BrandReview, Enterprise
from pinpai.registry.models.brands import brand_logo_path
from pinpai.registry.permissions import (
    can_brand_create,
    can_brand_department_approve,
    can_brand_department_return,
    can_brand_district_approve,
    can_brand_district_return,
    can_brand_publish,
    can_brand_reinstate,
    can_brand_submit,
    can_brand_suspend,
    can_brand_update,
    can_brand_withdraw,
)

LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
SCALAR_FIELDS = ("name", "name_en", "kind", "pillar", "tier", "story", "founded_year", "website")


def _snapshot(brand: Brand) -> dict[str, Any]:
    data: dict[str, Any] = {
        f: getattr(brand, f"{f}_id" if f in ("pillar", "tier") else f) for f in SCALAR_FIELDS
    }
    data["status"] = brand.status
    data["logo"] = brand.logo.name if brand.logo else ""
    if brand.pk:
        data["categories"] = sorted(brand.categories.values_list("pk", flat=True))
        data["product_lines"] = sorted(brand.product_lines.values_list("pk", flat=True))
        data["districts"] = sorted(brand.districts.values_list("pk", flat=True))
    return data


def _check_logo(logo: UploadedFile) -> str:
    """The logo must be a real PNG, JPEG, WebP or GIF image under the size limit; returns its extension."""
    limit: int = settings.BRAND_LOGO_MAX_BYTES
    if logo.size is not None and logo.size > limit:
        raise BrandLogoInvalid(
            _("The logo is %(size)s bytes; at most %(limit)s bytes are allowed.")
            % {"size": f"{logo.size:,}", "limit": f"{limit:,}"},
            extra={"errors": {"logo": [_("larger than %(kib)s KiB") % {"kib": limit // 1024}]}},
        )
    try:
        logo.seek(0)
        with Image.open(logo) as img:
            fmt = img.format or ""
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise BrandLogoInvalid(
            _("The logo is not an image (PNG, JPEG, WebP or GIF)."),
            extra={"errors": {"logo": [_("not an image")]}},
        ) from exc
    finally:
        logo.seek(0)
    if fmt not in LOGO_FORMATS:
        raise BrandLogoInvalid(
            _("Logos must be PNG, JPEG, WebP or GIF; this one is %(format)s.")
            % {"format": fmt or _("unknown")},
            extra={"errors": {"logo": [_("format %(format)s not allowed") % {"format": fmt}]}},
        )
    return LOGO_FORMATS[fmt]


def _logo_store(brand: Brand, logo: UploadedFile, ext: str) -> None:
    """Store the logo under the brand's own name, replacing the previous one (no orphans, no suffixes)."""
    if brand.logo:
        brand.logo.delete(save=False)
    target = brand_logo_path(brand, f"logo.{ext}")
    if brand.logo.storage.exists(target):  # left by a rolled-back transaction
        brand.logo.storage.delete(target)
    brand.logo.save(f"logo.{ext}", logo, save=True)


def _check_taxonomy(
    pillar: Pillar,
    categories: Iterable[Category],
    product_lines: Iterable[ProductLine],
    districts: Iterable[District],
) -> None:
    errors: dict[str, list[str]] = {}
    wrong = [c.name for c in categories if c.pillar_id != pillar.pk]
    if wrong:
        errors["categories"] = [
            _("%(names)s not in pillar %(pillar)s") % {"names": ", ".join(wrong), "pillar": pillar.name}
        ]
    wrong = [p.name for p in product_lines if p.pillar_id != pillar.pk]
    if wrong:
        errors["product_lines"] = [
            _("%(names)s not in pillar %(pillar)s") % {"names": ", ".join(wrong), "pillar": pillar.name}
        ]
    if not list(districts):
        errors["districts"] = [_("at least one district is required")]
    if errors:
        raise BrandInvalid(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()), extra={"errors": errors}
        )


@transaction.atomic
def brand_create(
    *,
    actor: Any,
    owner: Enterprise,
    name: str,
    kind: str,
    pillar: Pillar,
    districts: list[District],
    categories: list[Category] | None = None,
    product_lines: list[ProductLine] | None = None,
    tier: Tier | None = None,
    name_en: str = "",
    story: str = "",
    founded_year: int | None = None,
    website: str = "",
    logo: UploadedFile | None = None,
) -> Brand:
    """Register a brand as a draft; its owner then submits it for review."""
    if not can_brand_create(actor, owner=owner):
        raise PermissionDenied
    categories, product_lines = categories or [], product_lines or []
    _check_taxonomy(pillar, categories, product_lines, districts)
    brand = Brand(
        owner=owner, name=name.strip(), name_en=name_en.strip(), kind=kind, pillar=pillar, tier=tier,
        story=story.strip(), founded_year=founded_year, website=website.strip(),
    )  # fmt: skip
    if Brand.objects.filter(owner=owner, name=brand.name).exclude(status=BrandStatus.WITHDRAWN).exists():
        raise BrandInvalid(
            _("%(owner)s already has a brand named %(name)s.") % {"owner": owner, "name": brand.name},
            extra={"errors": {"name": [_("duplicate for this owner")]}},
        )
    full_clean_or_raise(brand, BrandInvalid, exclude=["logo"])
    brand.save()
    brand.categories.set(categories)
    brand.product_lines.set(product_lines)
    brand.districts.set(districts)
    if logo is not None:
        ext = _check_logo(logo)
        _logo_store(brand, logo, ext)
    audit_record(
        actor=actor,
        action=AuditAction.BRAND_CREATED,
        target=brand,
        changes=model_changes(None, _snapshot(brand)),
    )
    return brand


@transaction.atomic
def brand_update(
    *,
    actor: Any,
    brand: Brand,
    categories: list[Category] | None = None,
    product_lines: list[ProductLine] | None = None,
    districts: list[District] | None = None,
    logo: UploadedFile | None = None,
    **fields: Any,
) -> Brand:
    """Edit a brand. Owners edit drafts and returned brands; reviewing staff may correct any brand."""
    unknown = set(fields) - set(SCALAR_FIELDS)
    if unknown:
        raise BrandInvalid(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    b = Brand.objects.select_for_update().select_related("owner__organisation", "pillar").get(pk=brand.pk)
    if not can_brand_update(actor, brand=b):
        raise PermissionDenied
    before = _snapshot(b)
    for key, value in fields.items():
        setattr(b, key, value.strip() if isinstance(value, str) else value)
    full_clean_or_raise(b, BrandInvalid, exclude=["logo"])
    new_categories = categories if categories is not None else list(b.categories.all())
    new_lines = product_lines if product_lines is not None else list(b.product_lines.all())
    new_districts = districts if districts is not None else list(b.districts.all())
    _check_taxonomy(b.pillar, new_categories, new_lines, new_districts)
    b.save()
    if categories is not None:
        b.categories.set(categories)
    if product_lines is not None:
        b.product_lines.set(product_lines)
    if districts is not None:
        b.districts.set(districts)
    if logo is not None:
        ext = _check_logo(logo)
        _logo_store(b, logo, ext)
    changes = model_changes(before, _snapshot(b))
    if changes:
        audit_record(actor=actor, action=AuditAction.BRAND_UPDATED, target=b, changes=changes)
    return b


# ---------------------------------------------------------------- workflow


def _transition(
    *,
    actor: Any,
    brand: Brand,
    predicate: Callable[..., bool],
    allowed_from: frozenset[str],
    to: str,
    action: AuditAction,
    reason: str = "",
    reason_required: bool = False,
    check: Callable[[Brand], None] | None = None,
) -> Brand:
    b = Brand.objects.select_for_update().select_related("owner__organisation", "pillar").get(pk=brand.pk)
    if not predicate(actor, brand=b):
        raise PermissionDenied
    if b.status not in allowed_from:
        raise BrandTransitionNotAllowed(
            _("%(name)s is %(status)s; this step needs it to be %(needed)s.")
            % {
                "name": b.name,
                "status": b.get_status_display(),
                "needed": str(_(" or ")).join(str(BrandStatus(s).label) for s in sorted(allowed_from)),
            },
            extra={"current_status": b.status},
        )
    reason = reason.strip()
    if reason_required and not reason:
        raise BrandInvalid(
            _("A reason is required for this step."), extra={"errors": {"reason": [_("required")]}}
        )
    if check is not None:
        check(b)
    from_status = b.status
    b.status = to
    b.status_reason = reason
    if to == BrandStatus.PUBLISHED and b.published_at is None:
        b.published_at = timezone.now()
    b.save(update_fields=["status", "status_reason", "published_at", "updated_at"])
    if BrandStatus.PUBLISHED in (from_status, to):
        _owner_publicity_refresh(b.owner_id)
    BrandReview.objects.create(
        brand=b,
        action=str(action).rsplit(".", 1)[-1],
        from_status=from_status,
        to_status=to,
        reason=reason,
        actor=actor,
    )
    audit_record(
        actor=actor,
        action=action,
        target=b,
        changes={"status": [from_status, to], **({"reason": [None, reason]} if reason else {})},
    )
    return b


def _owner_publicity_refresh(owner_id: int) -> None:
    """Keep `Enterprise.has_published_brand` true exactly while one of its brands is published."""
    published = Brand.objects.filter(owner_id=owner_id, status=BrandStatus.PUBLISHED).exists()
    Enterprise.objects.filter(pk=owner_id).exclude(has_published_brand=published).update(
        has_published_brand=published
    )


def _publishable(brand: Brand) -> None:
    """The owner is in business and every certificate the brand relies on is valid today."""
    today = timezone.localdate()
    if brand.owner.status != EnterpriseStatus.ACTIVE:
        raise BrandInvalid(
            _("%(owner)s is %(status)s; only brands of enterprises in business are published.")
            % {"owner": brand.owner, "status": brand.owner.get_status_display()},
            extra={"errors": {"owner": [_("not in business")]}},
        )
    # A kind of certificate counts as held while at least one certificate of that kind is valid today,
    # so a renewed certificate replaces the expired one it renews.
    by_kind: dict[str, list[Any]] = {}
    for cert in brand.certificates.all():
        by_kind.setdefault(cert.kind, []).append(cert)

    def valid(c: Any) -> bool:
        return c.revoked_on is None and c.valid_from <= today and (c.valid_to is None or c.valid_to >= today)

    expired = [c for certs in by_kind.values() if not any(valid(c) for c in certs) for c in certs]
    if expired:
        listing = "; ".join(
            _("%(kind)s %(number)s (valid to %(date)s)") % {"kind": c.get_kind_display(), "number": c.number,
                                                            "date": c.valid_to}
            for c in expired
        )  # fmt: skip
        raise BrandCertificatesExpired(
            _("%(name)s cannot be published: these certificates have expired or were revoked: %(listing)s.")
            % {"name": brand.name, "listing": listing},
            extra={"certificates": [c.pk for c in expired]},
        )


@transaction.atomic
def brand_submit(*, actor: Any, brand: Brand) -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_submit,
        allowed_from=frozenset({BrandStatus.DRAFT, BrandStatus.RETURNED}), to=BrandStatus.SUBMITTED,
        action=AuditAction.BRAND_SUBMITTED,
    )  # fmt: skip


@transaction.atomic
def brand_district_approve(*, actor: Any, brand: Brand, reason: str = "") -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_district_approve,
        allowed_from=frozenset({BrandStatus.SUBMITTED}), to=BrandStatus.DISTRICT_APPROVED,
        action=AuditAction.BRAND_DISTRICT_APPROVED, reason=reason,
    )  # fmt: skip


@transaction.atomic
def brand_district_return(*, actor: Any, brand: Brand, reason: str) -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_district_return,
        allowed_from=frozenset({BrandStatus.SUBMITTED}), to=BrandStatus.RETURNED,
        action=AuditAction.BRAND_DISTRICT_RETURNED, reason=reason, reason_required=True,
    )  # fmt: skip


@transaction.atomic
def brand_department_approve(*, actor: Any, brand: Brand, reason: str = "") -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_department_approve,
        allowed_from=frozenset({BrandStatus.DISTRICT_APPROVED}), to=BrandStatus.APPROVED,
        action=AuditAction.BRAND_DEPARTMENT_APPROVED, reason=reason,
    )  # fmt: skip


@transaction.atomic
def brand_department_return(*, actor: Any, brand: Brand, reason: str) -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_department_return,
        allowed_from=frozenset({BrandStatus.DISTRICT_APPROVED}), to=BrandStatus.RETURNED,
        action=AuditAction.BRAND_DEPARTMENT_RETURNED, reason=reason, reason_required=True,
    )  # fmt: skip


@transaction.atomic
def brand_publish(*, actor: Any, brand: Brand) -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_publish,
        allowed_from=frozenset({BrandStatus.APPROVED}), to=BrandStatus.PUBLISHED,
        action=AuditAction.BRAND_PUBLISHED, check=_publishable,
    )  # fmt: skip


@transaction.atomic
def brand_suspend(*, actor: Any, brand: Brand, reason: str) -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_suspend,
        allowed_from=frozenset({BrandStatus.PUBLISHED}), to=BrandStatus.SUSPENDED,
        action=AuditAction.BRAND_SUSPENDED, reason=reason, reason_required=True,
    )  # fmt: skip


@transaction.atomic
def brand_reinstate(*, actor: Any, brand: Brand, reason: str = "") -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_reinstate,
        allowed_from=frozenset({BrandStatus.SUSPENDED}), to=BrandStatus.PUBLISHED,
        action=AuditAction.BRAND_REINSTATED, reason=reason, check=_publishable,
    )  # fmt: skip


@transaction.atomic
def brand_withdraw(*, actor: Any, brand: Brand, reason: str) -> Brand:
    return _transition(
        actor=actor, brand=brand, predicate=can_brand_withdraw,
        allowed_from=frozenset(set(BrandStatus.values) - {BrandStatus.WITHDRAWN}), to=BrandStatus.WITHDRAWN,
        action=AuditAction.BRAND_WITHDRAWN, reason=reason, reason_required=True,
    )  # fmt: skip
