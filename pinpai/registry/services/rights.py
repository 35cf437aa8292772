"""Trademarks, certificates, geographical indications and products."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from pinpai.accounts.models import Organisation
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.identifiers import IdentifierError, gtin_validate
from pinpai.common.models import Category, District
from pinpai.common.validation import full_clean_or_raise
from pinpai.registry.choices import CertificateKind, TrademarkStatus
from pinpai.registry.exceptions import (
    CertificateDuplicate,
    CertificateInvalid,
    GiInvalid,
    ProductDuplicate,
    ProductInvalid,
    TrademarkDuplicate,
    TrademarkInvalid,
)
from pinpai.registry.models import (
    Brand,
    Certificate,
    Enterprise,
    GeographicalIndication,
    GiAuthorisation,
    Product,
    Trademark,
    TrademarkLicence,
)
from pinpai.registry.permissions import (
    can_certificate_register,
    can_certificate_revoke,
    can_gi_authorisation_revoke,
    can_gi_authorise,
    can_gi_register,
    can_product_register,
    can_trademark_licence_record,
    can_trademark_register,
    can_trademark_update,
)


def _snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return model_to_dict(obj, fields=fields)


# ---------------------------------------------------------------- trademarks

TRADEMARK_FIELDS = ["registration_number", "nice_class", "mark_text", "goods_services", "registrant", "brand",
                    "valid_from", "valid_to", "status"]  # fmt: skip


@transaction.atomic
def trademark_register(
    *,
    actor: Any,
    registrant: Enterprise,
    registration_number: str,
    nice_class: int,
    valid_from: datetime.date,
    valid_to: datetime.date,
    mark_text: str = "",
    goods_services: str = "",
    brand: Brand | None = None,
    status: str = TrademarkStatus.REGISTERED,
) -> Trademark:
    """Record a registered trademark; a brand's trademark must belong to its owner (or be licensed to it)."""
    if not can_trademark_register(actor, registrant=registrant):
        raise PermissionDenied
    number = registration_number.strip().replace(" ", "")
    if Trademark.objects.filter(registration_number=number).exists():
        raise TrademarkDuplicate(
            _("Trademark registration number %(number)s is already recorded.") % {"number": number},
            extra={"errors": {"registration_number": [_("duplicate")]}},
        )
    tm = Trademark(
        registrant=registrant, registration_number=number, nice_class=nice_class, valid_from=valid_from,
        valid_to=valid_to, mark_text=mark_text.strip(), goods_services=goods_services.strip(), brand=brand, status=status,
    )  # fmt: skip
    full_clean_or_raise(tm, TrademarkInvalid)
    if brand is not None and brand.owner_id != registrant.pk:
        raise TrademarkInvalid(
            _(
                "Trademark %(number)s is registered to %(registrant)s, not to %(owner)s, the owner of %(brand)s; "
                "record it under its registrant and a licence to the brand owner."
            )
            % {"number": number, "registrant": registrant, "owner": brand.owner, "brand": brand.name},
            extra={"errors": {"brand": [_("registrant is not the brand owner")]}},
        )
    tm.save()
    audit_record(
        actor=actor,
        action=AuditAction.TRADEMARK_REGISTERED,
        target=tm,
        changes=model_changes(None, _snapshot(tm, TRADEMARK_FIELDS)),
    )
    return tm


@transaction.atomic
def trademark_update(*, actor: Any, trademark: Trademark, **fields: Any) -> Trademark:
    """Change a trademark's status (registered, expired, pledged, cancelled), validity or goods."""
    allowed = {"status", "valid_from", "valid_to", "goods_services", "mark_text", "brand"}
    unknown = set(fields) - allowed
    if unknown:
        raise TrademarkInvalid(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    tm = Trademark.objects.select_for_update().select_related("registrant").get(pk=trademark.pk)
    if not can_trademark_update(actor, trademark=tm):
        raise PermissionDenied
    before = _snapshot(tm, TRADEMARK_FIELDS)
    for key, value in fields.items():
        setattr(tm, key, value)
    full_clean_or_raise(tm, TrademarkInvalid)
    brand = fields.get("brand")
    if (
        brand is not None
        and brand.owner_id != tm.registrant_id
        and not tm.licences.filter(licensee_id=brand.owner_id).exists()
    ):
        raise TrademarkInvalid(
            _("%(owner)s neither owns nor holds a licence for trademark %(number)s.")
            % {"owner": brand.owner, "number": tm.registration_number},
            extra={"errors": {"brand": [_("brand owner is neither registrant nor licensee")]}},
        )
    changes = model_changes(before, _snapshot(tm, TRADEMARK_FIELDS))
    if changes:
        tm.save()
        audit_record(actor=actor, action=AuditAction.TRADEMARK_UPDATED, target=tm, changes=changes)
    return tm


@transaction.atomic
def trademark_licence_record(
    *,
    actor: Any,
    trademark: Trademark,
    licensee: Enterprise,
    valid_from: datetime.date,
    valid_to: datetime.date,
    record_number: str = "",
) -> TrademarkLicence:
    if not can_trademark_licence_record(actor, trademark=trademark):
        raise PermissionDenied
    if licensee.pk == trademark.registrant_id:
        raise TrademarkInvalid(_("A registrant does not need a licence for its own trademark."))
    licence = TrademarkLicence(
        trademark=trademark,
        licensee=licensee,
        valid_from=valid_from,
        valid_to=valid_to,
        record_number=record_number.strip(),
    )
    full_clean_or_raise(licence, TrademarkInvalid)
    licence.save()
    audit_record(
        actor=actor,
        action=AuditAction.TRADEMARK_LICENCE_RECORDED,
        target=licence,
        changes=model_changes(
            None,
            {
                "trademark": trademark.pk,
                "licensee": licensee.pk,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        ),
    )
    return licence


# ---------------------------------------------------------------- certificates

CERTIFICATE_FIELDS = [
    "kind",
    "number",
    "issuer",
    "scope",
    "holder",
    "brand",
    "product",
    "valid_from",
    "valid_to",
]


@transaction.atomic
def certificate_register(
    *,
    actor: Any,
    holder: Enterprise,
    kind: str,
    number: str,
    issuer: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    scope: str = "",
    brand: Brand | None = None,
    product: Product | None = None,
) -> Certificate:
    """Record a certificate held by an enterprise (for one of its brands or products, where specific)."""
    if not can_certificate_register(actor, holder=holder):
        raise PermissionDenied
    number = number.strip()
    if Certificate.objects.filter(kind=kind, number=number).exists():
        raise CertificateDuplicate(
            _("A %(kind)s certificate numbered %(number)s is already recorded.")
            % {
                "kind": CertificateKind(kind).label if kind in CertificateKind.values else kind,
                "number": number,
            },
            extra={"errors": {"number": [_("duplicate")]}},
        )
    cert = Certificate(
        holder=holder, kind=kind, number=number, issuer=issuer.strip(), scope=scope.strip(),
        valid_from=valid_from, valid_to=valid_to, brand=brand, product=product,
    )  # fmt: skip
    full_clean_or_raise(cert, CertificateInvalid, validate_constraints=False)
    errors: dict[str, list[str]] = {}
    if brand is not None and brand.owner_id != holder.pk:
        errors["brand"] = [
            _("%(brand)s belongs to %(owner)s, not to the holder")
            % {"brand": brand.name, "owner": brand.owner}
        ]
    if product is not None and product.enterprise_id != holder.pk:
        errors["product"] = [_("%(product)s is made by another enterprise") % {"product": product.name}]
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = [_("before the start of validity")]
    if errors:
        raise CertificateInvalid(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()), extra={"errors": errors}
        )
    cert.save()
    audit_record(
        actor=actor,
        action=AuditAction.CERTIFICATE_REGISTERED,
        target=cert,
        changes=model_changes(None, _snapshot(cert, CERTIFICATE_FIELDS)),
    )
    return cert


@transaction.atomic
def certificate_revoke(
    *, actor: Any, certificate: Certificate, revoked_on: datetime.date | None = None
) -> Certificate:
    cert = (
        Certificate.objects.select_for_update().select_related("holder__organisation").get(pk=certificate.pk)
    )
    if not can_certificate_revoke(actor, holder=cert.holder):
        raise PermissionDenied
    if cert.revoked_on is not None:
        return cert
    cert.revoked_on = revoked_on or timezone.localdate()
    cert.save(update_fields=["revoked_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CERTIFICATE_REVOKED,
        target=cert,
        changes={"revoked_on": [None, cert.revoked_on.isoformat()]},
    )
    return cert


# ---------------------------------------------------------------- geographical indications


@transaction.atomic
def gi_register(
    *,
    actor: Any,
    name: str,
    kind: str,
    protected_districts: list[District],
    registration_number: str = "",
    standard: str = "",
    holder: Organisation | None = None,
    brand: Brand | None = None,
) -> GeographicalIndication:
    """Register a GI with its protected area (districts) and governing standard."""
    if not can_gi_register(actor):
        raise PermissionDenied
    if not protected_districts:
        raise GiInvalid(
            "A GI needs its protected area: at least one district.",
            extra={"errors": {"protected_districts": ["required"]}},
        )
    gi = GeographicalIndication(
        name=name.strip(), kind=kind, registration_number=registration_number.strip(), standard=standard.strip(),
        holder=holder, brand=brand,
    )  # fmt: skip
    full_clean_or_raise(gi, GiInvalid)
    gi.save()
    gi.protected_districts.set(protected_districts)
    audit_record(
        actor=actor,
        action=AuditAction.GI_REGISTERED,
        target=gi,
        changes=model_changes(
            None,
            {
                "name": gi.name,
                "kind": kind,
                "standard": gi.standard,
                "protected_districts": sorted(d.pk for d in protected_districts),
            },
        ),
    )
    return gi


@transaction.atomic
def gi_authorise(
    *,
    actor: Any,
    gi: GeographicalIndication,
    enterprise: Enterprise,
    valid_from: datetime.date,
    valid_to: datetime.date,
    number: str = "",
) -> GiAuthorisation:
    """Authorise an enterprise inside the protected area to use the GI for a period."""
    if not can_gi_authorise(actor, gi=gi):
        raise PermissionDenied
    area = set(gi.protected_districts.values_list("pk", flat=True))
    if enterprise.organisation.district_id not in area:
        raise GiInvalid(
            _("%(enterprise)s is not in the protected area of %(gi)s.")
            % {"enterprise": enterprise, "gi": gi.name},
            extra={"errors": {"enterprise": [_("outside the protected area")]}},
        )
    overlapping = GiAuthorisation.objects.filter(
        gi=gi,
        enterprise=enterprise,
        revoked_on__isnull=True,
        valid_from__lte=valid_to,
        valid_to__gte=valid_from,
    )
    if overlapping.exists():
        raise GiInvalid(
            _("%(enterprise)s already holds an authorisation for %(gi)s overlapping %(start)s–%(end)s.")
            % {"enterprise": enterprise, "gi": gi.name, "start": valid_from, "end": valid_to},
            extra={"errors": {"valid_from": [_("overlaps an existing authorisation")]}},
        )
    auth = GiAuthorisation(
        gi=gi, enterprise=enterprise, valid_from=valid_from, valid_to=valid_to, number=number.strip()
    )
    full_clean_or_raise(auth, GiInvalid)
    auth.save()
    audit_record(
        actor=actor,
        action=AuditAction.GI_AUTHORISED,
        target=auth,
        changes=model_changes(
            None,
            {
                "gi": gi.pk,
                "enterprise": enterprise.pk,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "number": auth.number,
            },
        ),
    )
    return auth


@transaction.atomic
def gi_authorisation_revoke(
    *, actor: Any, authorisation: GiAuthorisation, revoked_on: datetime.date | None = None
) -> GiAuthorisation:
    auth = GiAuthorisation.objects.select_for_update().select_related("gi").get(pk=authorisation.pk)
    if not can_gi_authorisation_revoke(actor, gi=auth.gi):
        raise PermissionDenied
    if auth.revoked_on is not None:
        return auth
    auth.revoked_on = revoked_on or timezone.localdate()
    auth.save(update_fields=["revoked_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.GI_AUTHORISATION_REVOKED,
        target=auth,
        changes={"revoked_on": [None, auth.revoked_on.isoformat()]},
    )
    return auth


# ---------------------------------------------------------------- products


@transaction.atomic
def product_register(
    *,
    actor: Any,
    enterprise: Enterprise,
    brand: Brand,
    gtin: str,
    name: str,
    category: Category | None = None,
    specification: str = "",
) -> Product:
    """Register a trade item under a GTIN with a correct check digit."""
    if not can_product_register(actor, enterprise=enterprise):
        raise PermissionDenied
    try:
        code = gtin_validate(gtin)
    except IdentifierError as exc:
        raise ProductInvalid(str(exc), extra={"errors": {"gtin": [str(exc)]}}) from exc
    if Product.objects.filter(gtin=code).exists():
        raise ProductDuplicate(
            _("GTIN %(gtin)s is already registered.") % {"gtin": code},
            extra={"errors": {"gtin": [_("duplicate")]}},
        )
    if brand.owner_id != enterprise.pk:
        raise ProductInvalid(
            _("%(brand)s belongs to %(owner)s, not to %(enterprise)s.")
            % {"brand": brand.name, "owner": brand.owner, "enterprise": enterprise},
            extra={"errors": {"brand": [_("not the producer's brand")]}},
        )
    product = Product(
        enterprise=enterprise,
        brand=brand,
        gtin=code,
        name=name.strip(),
        category=category,
        specification=specification.strip(),
    )
    full_clean_or_raise(product, ProductInvalid)
    product.save()
    audit_record(
        actor=actor,
        action=AuditAction.PRODUCT_REGISTERED,
        target=product,
        changes=model_changes(
            None, {"gtin": code, "name": product.name, "brand": brand.pk, "enterprise": enterprise.pk}
        ),
    )
    return product
