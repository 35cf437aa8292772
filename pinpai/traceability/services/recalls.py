"""召回: withdraw lots from the chain. Opening a recall puts its lots on hold, records an EPCIS hold event per lot,
follows the lots downstream through the event store (selectors.genealogy.recall_impact) and notifies every
enterprise reached, in-app and by e-mail; each site reports its progress; staff close the recall, which marks
the lots recalled. Every step is audited."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.registry.models import Enterprise
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.choices_quality import RECALL_SITE_ORDER, RecallSiteStatus, RecallStatus
from pinpai.traceability.exceptions_quality import (
    RecallClosed,
    RecallInvalid,
    RecallNotClosable,
    RecallSiteTransitionNotAllowed,
)
from pinpai.traceability.models import Inspection, Location, Lot, Recall, RecallLot, RecallNotice, RecallSite
from pinpai.traceability.permissions import (
    can_recall_close,
    can_recall_notice_read,
    can_recall_open,
    can_recall_site_update,
)
from pinpai.traceability.selectors import genealogy
from pinpai.traceability.selectors.masterdata import location_by_identifier, lot_by_identifier
from pinpai.traceability.selectors.quality import recall_event_owner
from pinpai.traceability.services.capture import event_documents_record

logger = logging.getLogger(__name__)

NUMBER_PREFIX = "RC"
EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
TIME_ZONE_OFFSET = "+08:00"  # Chongqing
TEXT_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 500
_ATTEMPTS = 5


def _invalid(field: str, message: str) -> RecallInvalid:
    return RecallInvalid(f"{field}: {message}", extra={"errors": {field: [message]}})


def _text(value: str, field: str, *, required: bool, limit: int = TEXT_MAX_LENGTH) -> str:
    text = (value or "").strip()
    if required and not text:
        raise _invalid(field, _("This field is required."))
    if len(text) > limit:
        raise _invalid(field, _("At most %(n)d characters.") % {"n": limit})
    return text


def _lot_status_write(*, actor: Any, lot: Lot, status: str, reason: str) -> None:
    if lot.status == status:
        return
    before, lot.status = lot.status, status
    lot.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_LOT_STATUS_CHANGED,
        target=lot,
        changes={"status": [before, status], "reason": reason},
    )


def _save_numbered(recall: Recall) -> None:
    """RC + yyyymmdd + a 4-digit sequence of the day; retried if another recall took the number meanwhile."""
    prefix = f"{NUMBER_PREFIX}{timezone.localdate(recall.opened_at):%Y%m%d}"
    for attempt in range(_ATTEMPTS):
        last = (
            Recall.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        recall.number = f"{prefix}{(int(last[len(prefix) :]) + 1 if last else 1):04d}"
        try:
            with transaction.atomic():
                recall.save(force_insert=True)
            return
        except IntegrityError:
            recall.pk = None
            if attempt == _ATTEMPTS - 1:
                raise


def _json_quantity(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _hold_event(*, lot: Lot, quantity: Decimal | None, uom: str, location: Location | None) -> dict[str, Any]:
    """An EPCIS 2.0 ObjectEvent: the lot observed on hold (bizStep holding) with disposition recalled."""
    entry: dict[str, Any] = {"epcClass": lot.identifier}
    if quantity is not None:
        entry["quantity"] = _json_quantity(quantity)
        if uom:
            entry["uom"] = uom
    event: dict[str, Any] = {
        "@context": [EPCIS_CONTEXT],
        "type": "ObjectEvent",
        "eventID": f"urn:uuid:{uuid.uuid4()}",
        "eventTime": timezone.localtime().isoformat(timespec="milliseconds"),
        "eventTimeZoneOffset": TIME_ZONE_OFFSET,
        "action": "OBSERVE",
        "epcList": [],
        "quantityList": [entry],
        "bizStep": "holding",
        "disposition": "recalled",
    }
    if location is not None:
        event["readPoint"] = {"id": location.identifier}
        event["bizLocation"] = {"id": location.identifier}
    return event


@dataclass
class _Reach:
    lots: list[tuple[Lot, Decimal | None, str]]
    sites: list[RecallSite]
    enterprises: list[Enterprise]


def _reach(recall: Recall, lots: Sequence[Lot], inspection: Inspection | None) -> _Reach:
    """The lots in scope (the given ones and those made from them) and every site and enterprise downstream."""
    impact = genealogy.recall_impact(lot_identifiers=[lot.identifier for lot in lots])
    quantities = {identifier: (quantity, uom) for identifier, quantity, uom in impact.lots}
    scope: dict[str, Lot] = {lot.identifier: lot for lot in lots}
    derived = lot_by_identifier(
        values=[identifier for identifier, _q, _u in impact.lots if identifier not in scope]
    )
    for identifier in sorted(derived):
        scope[identifier] = (
            Lot.objects.select_for_update(of=("self",))
            .select_related("producer__organisation")
            .get(pk=derived[identifier].pk)
        )
    scoped = [(lot, *quantities.get(identifier, (None, ""))) for identifier, lot in scope.items()]

    places = [place.identifier for place in impact.locations]
    if inspection is not None and inspection.sampling_location is not None:
        places.append(inspection.sampling_location.identifier)
    known = location_by_identifier(values=places)
    sites: dict[tuple[str, int | None], RecallSite] = {}
    for identifier in dict.fromkeys(places):
        location = known.get(identifier)
        enterprise = location.enterprise if location is not None else None
        key = (identifier, enterprise.pk if enterprise else None)
        sites.setdefault(
            key, RecallSite(recall=recall, identifier=identifier, location=location, enterprise=enterprise)
        )
    enterprises: dict[int, Enterprise] = {
        s.enterprise.pk: s.enterprise for s in sites.values() if s.enterprise
    }
    for enterprise in [*(lot.producer for lot in lots), *impact.enterprises]:
        if enterprise.pk not in enterprises:
            enterprises[enterprise.pk] = enterprise
            sites[("", enterprise.pk)] = RecallSite(recall=recall, identifier="", enterprise=enterprise)
    ordered = sorted(enterprises.values(), key=lambda e: (e.organisation.name, e.pk))
    return _Reach(lots=scoped, sites=list(sites.values()), enterprises=ordered)


def _notice_mail(recall: Recall, lots: Sequence[Lot]) -> tuple[str, str]:
    described = "\n".join(
        f"- {lot.product.name} ({lot.product.gtin}) {_('lot')} {lot.lot_number}" for lot in lots
    )
    subject = _("Recall %(number)s: stop selling the lots listed") % {"number": recall.number}
    path = reverse("traceability:notices")
    base = settings.PINPAI_PUBLIC_BASE_URL.rstrip("/")
    body = _(
        "A recall was opened on %(date)s.\n\nReason: %(reason)s\n\nLots:\n%(lots)s\n\n"
        "Take these lots off sale, keep them apart and report your progress on the platform: %(link)s"
    ) % {
        "date": timezone.localtime(recall.opened_at).strftime("%Y-%m-%d %H:%M"),
        "reason": recall.reason,
        "lots": described,
        "link": f"{base}{path}",
    }
    return subject, body


def _send(subject: str, body: str, recipient: str) -> None:
    try:
        send_mail(subject, body, None, [recipient], fail_silently=False)
    except Exception:  # the recall is committed; a mail server failure must not undo or hide it
        logger.exception("recall notice e-mail to %s failed", recipient)


@transaction.atomic
def recall_open(
    *, actor: Any, lots: Sequence[Lot], reason: str, inspection: Inspection | None = None
) -> Recall:
    """Open a recall of lots: hold them (with an EPCIS event each), find every site and enterprise downstream,
    create the sites and notices, and e-mail each enterprise once the transaction commits."""
    locked = list(
        Lot.objects.select_for_update(of=("self",))
        .select_related("product", "producer__organisation")
        .filter(pk__in=[lot.pk for lot in lots])
        .order_by("pk")
    )
    if not locked:
        raise _invalid("lots", _("Name at least one lot to recall."))
    if not can_recall_open(actor, lots=locked):
        raise PermissionDenied
    reason = _text(reason, "reason", required=True)
    recall = Recall(reason=reason, inspection=inspection, opened_by=actor, opened_at=timezone.now())
    _save_numbered(recall)
    reach = _reach(recall, locked, inspection)
    RecallLot.objects.bulk_create(
        [RecallLot(recall=recall, lot=lot, quantity=quantity, uom=uom) for lot, quantity, uom in reach.lots]
    )
    location = inspection.sampling_location if inspection is not None else None
    event_documents_record(
        actor=actor,
        owner=recall_event_owner(actor=actor, lot=locked[0]),
        documents=[
            _hold_event(lot=lot, quantity=quantity, uom=uom, location=location)
            for lot, quantity, uom in reach.lots
        ],
    )
    RecallSite.objects.bulk_create(reach.sites)
    RecallNotice.objects.bulk_create([RecallNotice(recall=recall, enterprise=e) for e in reach.enterprises])
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_RECALL_OPENED,
        target=recall,
        changes={
            "reason": reason,
            "inspection": inspection.pk if inspection is not None else None,
            "lots": [lot.identifier for lot, _q, _u in reach.lots],
            "sites": len(reach.sites),
            "enterprises": [e.pk for e in reach.enterprises],
        },
    )
    for lot, _q, _u in reach.lots:
        if lot.status == LotStatus.ACTIVE:
            _lot_status_write(actor=actor, lot=lot, status=LotStatus.ON_HOLD, reason=recall.number)
    subject, body = _notice_mail(recall, [lot for lot, _q, _u in reach.lots])
    for enterprise in reach.enterprises:
        if enterprise.contact_email:
            transaction.on_commit(partial(_send, subject, body, enterprise.contact_email))
    return recall


@transaction.atomic
def recall_site_update(
    *, actor: Any, site: RecallSite, status: str, note: str = "", quantity: Decimal | None = None
) -> RecallSite:
    """Move a site's progress forward (notified → acknowledged → removed from sale → closed), with a note and
    the quantity taken off sale."""
    locked = (
        RecallSite.objects.select_for_update(of=("self",))
        .select_related("recall", "enterprise__organisation", "location")
        .get(pk=site.pk)
    )
    if not can_recall_site_update(actor, site=locked):
        raise PermissionDenied
    if locked.recall.status != RecallStatus.OPEN:
        raise RecallClosed(_("Recall %(number)s is closed.") % {"number": locked.recall.number})
    if status not in RECALL_SITE_ORDER:
        raise _invalid("status", _("Unknown status %(status)s.") % {"status": repr(status)})
    if RECALL_SITE_ORDER.index(status) <= RECALL_SITE_ORDER.index(locked.status):
        raise RecallSiteTransitionNotAllowed(
            _("This site is already %(current)s; progress only moves forward.")
            % {"current": locked.get_status_display()}
        )
    if quantity is not None and quantity < 0:
        raise _invalid("quantity", _("The quantity cannot be negative."))
    note = _text(note, "note", required=False, limit=NOTE_MAX_LENGTH)
    before = locked.status
    locked.status = status
    if note:
        locked.note = note
    if quantity is not None:
        locked.quantity = quantity
    locked.updated_by = actor
    locked.save(update_fields=["status", "note", "quantity", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_RECALL_SITE_UPDATED,
        target=locked,
        changes={"status": [before, status], "note": note, "quantity": quantity},
    )
    return locked


@transaction.atomic
def recall_close(*, actor: Any, recall: Recall, note: str = "", override_reason: str = "") -> Recall:
    """Close a recall when every site is closed (or, with a reason, before) and mark its lots recalled."""
    locked = Recall.objects.select_for_update().get(pk=recall.pk)
    if not can_recall_close(actor, recall=locked):
        raise PermissionDenied
    if locked.status != RecallStatus.OPEN:
        raise RecallClosed(_("Recall %(number)s is already closed.") % {"number": locked.number})
    note = _text(note, "note", required=False)
    override_reason = _text(override_reason, "override_reason", required=False)
    open_sites = locked.sites.exclude(status=RecallSiteStatus.CLOSED).count()
    if open_sites and not override_reason:
        raise RecallNotClosable(
            _("%(n)d site(s) have not closed the recall yet; give a reason to close it anyway.")
            % {"n": open_sites},
            extra={"open_sites": open_sites},
        )
    locked.status = RecallStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    locked.closing_note = note
    locked.override_reason = override_reason if open_sites else ""
    locked.save(
        update_fields=["status", "closed_at", "closed_by", "closing_note", "override_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_RECALL_CLOSED,
        target=locked,
        changes={"note": note, "open_sites": open_sites, "override_reason": locked.override_reason},
    )
    lots = Lot.objects.select_for_update().filter(recall_entries__recall=locked).order_by("pk")
    for lot in lots:
        _lot_status_write(actor=actor, lot=lot, status=LotStatus.RECALLED, reason=locked.number)
    return locked


@transaction.atomic
def recall_notice_read(*, actor: Any, notice: RecallNotice) -> RecallNotice:
    """Mark an enterprise's recall notice read (once; reading it again changes nothing)."""
    locked = RecallNotice.objects.select_for_update(of=("self",)).select_related("recall").get(pk=notice.pk)
    if not can_recall_notice_read(actor, notice=locked):
        raise PermissionDenied
    if locked.read_at is not None:
        return locked
    locked.read_at = timezone.now()
    locked.read_by = actor
    locked.save(update_fields=["read_at", "read_by"])
    audit_record(actor=actor, action=AuditAction.TRACE_RECALL_NOTICE_READ, target=locked)
    return locked
