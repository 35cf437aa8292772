"""Master data EPCIS events point at: locations (an enterprise's GLN sites) and lots (GTIN + lot number).

A location's identifier is the canonical GS1 Digital Link of its GLN (https://id.gs1.org/414/{gln}[/254/{ext}]),
a lot's that of its GTIN and lot number (https://id.gs1.org/01/{gtin}/10/{lot}): the strings the event store
indexes, so events, journeys and recalls meet the master data on one value.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from engines.epcis import InputError, gln_check, gs1_check_digit
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.exceptions import InvalidInputError
from pinpai.common.models import District
from pinpai.common.validation import full_clean_or_raise
from pinpai.registry.models import Enterprise
from pinpai.traceability.choices import LocationKind, LotStatus
from pinpai.traceability.exceptions import LocationDuplicate, LocationInvalid, LotInvalid
from pinpai.traceability.exceptions_quality import LotDuplicate, LotStatusTransitionNotAllowed
from pinpai.traceability.models import Location, Lot
from pinpai.traceability.permissions import (
    can_location_register,
    can_location_update,
    can_lot_register,
    can_lot_status_change,
)
from pinpai.traceability.selectors.masterdata import location_identifier, lot_identifier, product_by_gtin

# Chongqing's extent, a little generous: a site outside it is a typo (swapped or mistyped coordinates).
LATITUDE_RANGE = (Decimal("28.1"), Decimal("32.3"))
LONGITUDE_RANGE = (Decimal("105.2"), Decimal("110.2"))
# GS1 AI (10) lot and AI (254) GLN extension: 1–20 characters of GS1 AI encodable character set 82.
CSET82 = re.compile(r"""[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}""")
LOCATION_FIELDS = ("name", "kind", "district", "address", "latitude", "longitude")


def _invalid(error: type[InvalidInputError], field: str, message: str) -> InvalidInputError:
    return error(f"{field}: {message}", extra={"errors": {field: [message]}})


def _gln_verify(value: str, *, field: str = "gln") -> str:
    """A 13-digit GLN with a correct check digit (engines.epcis.gln_check), else LocationInvalid naming `field`."""
    gln = (value or "").strip()
    try:
        return gln_check(gln, field=field)
    except InputError as error:
        if error.rule == "bad_check_digit":
            message = _("The check digit of GLN %(gln)s is wrong; it should be %(digit)s.") % {
                "gln": gln,
                "digit": gs1_check_digit(gln[:-1]),
            }
        else:
            message = _("A GLN has 13 digits.")
        raise _invalid(LocationInvalid, field, message) from error


def _cset82(value: str, *, field: str, error: type[InvalidInputError]) -> str:
    if not CSET82.fullmatch(value):
        raise _invalid(
            error,
            field,
            _(
                "Use 1 to 20 characters: letters A–Z and a–z, digits and the GS1 symbols "
                "! \" % & ' ( ) * + , - . / : ; < = > ? _ (no spaces, no Chinese characters)."
            ),
        )
    return value


def _check_coordinates(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise _invalid(LocationInvalid, missing, _("Give both latitude and longitude, or neither."))
    if latitude is None or longitude is None:
        return
    low, high = LATITUDE_RANGE
    if not low <= latitude <= high:
        raise _invalid(
            LocationInvalid,
            "latitude",
            _("Latitude %(value)s is outside Chongqing (%(low)s° to %(high)s° N).")
            % {"value": latitude, "low": low, "high": high},
        )
    low, high = LONGITUDE_RANGE
    if not low <= longitude <= high:
        raise _invalid(
            LocationInvalid,
            "longitude",
            _("Longitude %(value)s is outside Chongqing (%(low)s° to %(high)s° E).")
            % {"value": longitude, "low": low, "high": high},
        )


def _check_kind(kind: str) -> None:
    if kind not in LocationKind.values:
        raise _invalid(
            LocationInvalid, "kind", _("Unknown kind of location %(kind)s.") % {"kind": repr(kind)}
        )


def _location_snapshot(location: Location) -> dict[str, Any]:
    return model_to_dict(location, fields=["identifier", "gln", "extension", "enterprise", *LOCATION_FIELDS])


@transaction.atomic
def location_register(
    *,
    actor: Any,
    enterprise: Enterprise,
    gln: str,
    name: str,
    kind: str,
    district: District,
    extension: str = "",
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> Location:
    """Register a GLN (with optional extension) as a site of an enterprise, in a district of Chongqing."""
    if not can_location_register(actor, enterprise=enterprise):
        raise PermissionDenied
    gln = _gln_verify(gln)
    extension = (extension or "").strip()
    if extension == "0":  # GS1: extension 0 denotes the GLN itself
        extension = ""
    if extension:
        _cset82(extension, field="extension", error=LocationInvalid)
    _check_kind(kind)
    _check_coordinates(latitude, longitude)
    identifier = location_identifier(gln, extension)
    if Location.objects.filter(identifier=identifier).exists():
        raise LocationDuplicate(
            _("%(identifier)s is already registered.") % {"identifier": identifier},
            extra={"errors": {"gln": [_("already registered")]}},
        )
    location = Location(
        identifier=identifier,
        gln=gln,
        extension=extension,
        name=name.strip(),
        kind=kind,
        enterprise=enterprise,
        district=district,
        address=address.strip(),
        latitude=latitude,
        longitude=longitude,
    )
    full_clean_or_raise(location, LocationInvalid, validate_unique=False)
    try:
        with transaction.atomic():
            location.save(force_insert=True)
    except IntegrityError as error:  # registered concurrently
        raise LocationDuplicate(
            _("%(identifier)s is already registered.") % {"identifier": identifier},
            extra={"errors": {"gln": [_("already registered")]}},
        ) from error
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_LOCATION_REGISTERED,
        target=location,
        changes=model_changes(None, _location_snapshot(location)),
    )
    return location


@transaction.atomic
def location_update(*, actor: Any, location: Location, **fields: Any) -> Location:
    """Change a location's name, kind, district, address or coordinates (its GLN and enterprise stay)."""
    unknown = set(fields) - set(LOCATION_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise _invalid(LocationInvalid, field, _("This field cannot be changed."))
    loc = (
        Location.objects.select_for_update(of=("self",))
        .select_related("enterprise__organisation")
        .get(pk=location.pk)
    )
    if not can_location_update(actor, enterprise=loc.enterprise):
        raise PermissionDenied
    before = _location_snapshot(loc)
    for key, value in fields.items():
        setattr(loc, key, value.strip() if isinstance(value, str) else value)
    _check_kind(loc.kind)
    _check_coordinates(loc.latitude, loc.longitude)
    full_clean_or_raise(loc, LocationInvalid, validate_unique=False)
    changes = model_changes(before, _location_snapshot(loc))
    if changes:
        loc.save()
        audit_record(actor=actor, action=AuditAction.TRACE_LOCATION_UPDATED, target=loc, changes=changes)
    return loc


# ---------------------------------------------------------------- lots


def _lot_number_verify(value: str, *, field: str = "lot_number") -> str:
    return _cset82((value or "").strip(), field=field, error=LotInvalid)


@transaction.atomic
def lot_register(*, actor: Any, gtin: str, lot_number: str, produced_on: datetime.date | None = None) -> Lot:
    """Register a lot of a registered product; its producer is the product's enterprise."""
    product = product_by_gtin(gtin=gtin)
    if not can_lot_register(actor, producer=product.enterprise):
        raise PermissionDenied
    lot_number = _lot_number_verify(lot_number)
    if Lot.objects.filter(product=product, lot_number=lot_number).exists():
        raise LotDuplicate(
            _("Lot %(lot)s of %(product)s is already registered.")
            % {"lot": lot_number, "product": product.name},
            extra={"errors": {"lot_number": [_("already registered")]}},
        )
    lot = Lot(
        identifier=lot_identifier(product.gtin, lot_number),
        product=product,
        lot_number=lot_number,
        producer=product.enterprise,
        produced_on=produced_on,
    )
    full_clean_or_raise(lot, LotInvalid, validate_unique=False, validate_constraints=False)
    lot.save(force_insert=True)
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_LOT_REGISTERED,
        target=lot,
        changes=model_changes(
            None,
            {
                "identifier": lot.identifier,
                "product": product.pk,
                "lot_number": lot_number,
                "produced_on": produced_on,
            },
        ),
    )
    return lot


def _lot_status_write(*, actor: Any, lot: Lot, status: str, reason: str) -> Lot:
    """Write a status the calling service has authorised (recalls), with its audit event."""
    if lot.status == status:
        return lot
    before = lot.status
    lot.status = status
    lot.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_LOT_STATUS_CHANGED,
        target=lot,
        changes={"status": [before, status], "reason": reason},
    )
    return lot


@transaction.atomic
def lot_status_change(*, actor: Any, lot: Lot, status: str, reason: str = "") -> Lot:
    """Put a lot on hold or release it by hand. A lot in an open recall stays on hold; `recalled` is final."""
    locked = (
        Lot.objects.select_for_update(of=("self",)).select_related("producer__organisation").get(pk=lot.pk)
    )
    if not can_lot_status_change(actor, lot=locked):
        raise PermissionDenied
    if status not in (LotStatus.ACTIVE, LotStatus.ON_HOLD):
        raise _invalid(LotInvalid, "status", _("A lot is put on hold or released here; recalls recall it."))
    if locked.status == LotStatus.RECALLED:
        raise LotStatusTransitionNotAllowed(_("Lot %(lot)s has been recalled.") % {"lot": locked.lot_number})
    if status == LotStatus.ACTIVE and locked.recall_entries.filter(recall__status="open").exists():
        raise LotStatusTransitionNotAllowed(
            _("Lot %(lot)s is part of an open recall; it is released when the recall is closed.")
            % {"lot": locked.lot_number}
        )
    return _lot_status_write(actor=actor, lot=locked, status=status, reason=reason.strip())
