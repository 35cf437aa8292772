"""承诺达标合格证: a producer's promise about one lot of edible farm produce (mandatory from 2026 for vegetables,
fruit, tea, livestock and poultry, eggs and aquatic products), issued by the producer's users or staff and checked
by anyone with the code printed on its label."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.models import District
from pinpai.common.validation import full_clean_or_raise
from pinpai.registry.models import Enterprise
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.choices_quality import (
    ComplianceCertificateStatus,
    InspectionResult,
    ProduceCategory,
    PromiseBasis,
)
from pinpai.traceability.exceptions_quality import (
    ComplianceCertificateInvalid,
    ComplianceCertificateNotRevocable,
)
from pinpai.traceability.models import ComplianceCertificate, Inspection, Lot
from pinpai.traceability.permissions import (
    can_compliance_certificate_issue,
    can_compliance_certificate_revoke,
)
from pinpai.traceability.selectors.masterdata import product_by_gtin
from pinpai.traceability.services.masterdata import lot_register

NUMBER_PREFIX = "HG"
# Verification codes avoid characters people misread on a printed label (0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
REASON_MAX_LENGTH = 500
_ATTEMPTS = 5


def _invalid(field: str, message: str) -> ComplianceCertificateInvalid:
    return ComplianceCertificateInvalid(f"{field}: {message}", extra={"errors": {field: [message]}})


def _next_number(day: datetime.date) -> str:
    """HG + yyyymmdd + a 4-digit sequence of the day (HG202601150001)."""
    prefix = f"{NUMBER_PREFIX}{day:%Y%m%d}"
    last = (
        ComplianceCertificate.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def _verification_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _basis(values: Sequence[str]) -> list[str]:
    chosen = set(values)
    unknown = chosen - set(PromiseBasis.values)
    if unknown:
        raise _invalid("basis", _("Unknown basis %(value)s.") % {"value": ", ".join(sorted(unknown))})
    if not chosen:
        raise _invalid("basis", _("Tick at least one basis of the promise."))
    return [v for v in PromiseBasis.values if v in chosen]


def _lot(
    *, actor: Any, producer: Enterprise, gtin: str, lot_number: str, produced_on: datetime.date | None
) -> Lot:
    product = product_by_gtin(gtin=gtin)
    if product.enterprise_id != producer.pk:
        raise _invalid(
            "gtin",
            _("%(product)s is a product of %(owner)s, not of %(producer)s.")
            % {"product": product.name, "owner": product.enterprise, "producer": producer},
        )
    lot = Lot.objects.select_for_update().filter(product=product, lot_number=lot_number.strip()).first()
    if lot is None:
        return lot_register(actor=actor, gtin=product.gtin, lot_number=lot_number, produced_on=produced_on)
    if lot.status != LotStatus.ACTIVE:
        raise _invalid(
            "lot_number",
            _("Lot %(lot)s is %(status)s; no certificate can be issued for it.")
            % {"lot": lot.lot_number, "status": lot.get_status_display()},
        )
    return lot


def _check_inspection(inspection: Inspection | None, lot: Lot) -> None:
    if inspection is None:
        return
    if inspection.lot_id != lot.pk:
        raise _invalid("inspection", _("This inspection is of another lot."))
    if inspection.result != InspectionResult.PASS:
        raise _invalid("inspection", _("This inspection failed; it cannot support a promise."))


@transaction.atomic
def compliance_certificate_issue(
    *,
    actor: Any,
    producer: Enterprise,
    gtin: str,
    lot_number: str,
    product_category: str,
    quantity: Decimal,
    unit: str,
    contact_phone: str,
    district: District,
    address: str,
    basis: Sequence[str],
    product_name: str = "",
    issued_on: datetime.date | None = None,
    produced_on: datetime.date | None = None,
    inspection: Inspection | None = None,
    report_url: str = "",
    promise_confirmed: bool = True,
) -> ComplianceCertificate:
    """Issue a 合格证 for a lot of the producer's product (the lot is registered if it is new)."""
    if not can_compliance_certificate_issue(actor, producer=producer):
        raise PermissionDenied
    if not promise_confirmed:
        raise _invalid("promise_confirmed", _("The producer must make all three promises."))
    if product_category not in ProduceCategory.values:
        raise _invalid(
            "product_category", _("Unknown produce category %(value)s.") % {"value": product_category}
        )
    if quantity is None or quantity <= 0:
        raise _invalid("quantity", _("The quantity must be more than zero."))
    today = timezone.localdate()
    issued_on = issued_on or today
    if issued_on > today:
        raise _invalid("issued_on", _("A certificate cannot be dated in the future."))
    chosen_basis = _basis(basis)
    lot = _lot(actor=actor, producer=producer, gtin=gtin, lot_number=lot_number, produced_on=produced_on)
    _check_inspection(inspection, lot)
    certificate = ComplianceCertificate(
        lot=lot,
        product_name=(product_name or lot.product.name).strip(),
        product_category=product_category,
        quantity=quantity,
        unit=unit.strip(),
        producer=producer,
        contact_phone=contact_phone.strip(),
        district=district,
        address=address.strip(),
        issued_on=issued_on,
        basis=chosen_basis,
        inspection=inspection,
        report_url=report_url.strip(),
        issued_by=actor,
    )
    for attempt in range(_ATTEMPTS):
        certificate.number = _next_number(issued_on)
        certificate.verification_code = _verification_code_new()
        if attempt == 0:
            full_clean_or_raise(certificate, ComplianceCertificateInvalid, validate_unique=False)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
            break
        except IntegrityError:  # another certificate took the number (or, rarely, the code) meanwhile
            certificate.pk = None
            if attempt == _ATTEMPTS - 1:
                raise
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_COMPLIANCE_CERTIFICATE_ISSUED,
        target=certificate,
        changes=model_changes(
            None,
            {
                "number": certificate.number,
                "lot": lot.identifier,
                "quantity": f"{certificate.quantity} {certificate.unit}",
                "basis": chosen_basis,
                "issued_on": issued_on,
            },
        ),
    )
    return certificate


@transaction.atomic
def compliance_certificate_revoke(
    *, actor: Any, certificate: ComplianceCertificate, reason: str
) -> ComplianceCertificate:
    """Revoke a certificate with a reason; the public check then says 已撤销."""
    locked = (
        ComplianceCertificate.objects.select_for_update(of=("self",))
        .select_related("producer__organisation")
        .get(pk=certificate.pk)
    )
    if not can_compliance_certificate_revoke(actor, certificate=locked):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Give the reason for revoking the certificate."))
    if len(reason) > REASON_MAX_LENGTH:
        raise _invalid("reason", _("At most %(n)d characters.") % {"n": REASON_MAX_LENGTH})
    if locked.status != ComplianceCertificateStatus.VALID:
        raise ComplianceCertificateNotRevocable(
            _("Certificate %(number)s is already revoked.") % {"number": locked.number}
        )
    locked.status = ComplianceCertificateStatus.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason
    locked.revoked_by = actor
    locked.save(update_fields=["status", "revoked_at", "revoked_reason", "revoked_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_COMPLIANCE_CERTIFICATE_REVOKED,
        target=locked,
        changes={
            "status": [ComplianceCertificateStatus.VALID, ComplianceCertificateStatus.REVOKED],
            "reason": reason,
        },
    )
    return locked
