"""Register and maintain enterprises: the one record per enterprise every module reads."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.services import organisation_create, organisation_update
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.models import District, IndustryClass
from pinpai.common.validation import full_clean_or_raise
from pinpai.registry.choices import EnterpriseStatus
from pinpai.registry.exceptions import EnterpriseInvalid
from pinpai.registry.models import Enterprise
from pinpai.registry.permissions import (
    can_enterprise_register,
    can_enterprise_status_change,
    can_enterprise_update,
)

PROFILE_FIELDS = (
    "legal_representative", "registered_capital_yuan", "founded_on", "industry", "address",
    "contact_name", "contact_phone", "contact_email",
)  # fmt: skip
ORGANISATION_FIELDS = ("name", "uscc", "district", "is_demo")
REGISTRY_KINDS = frozenset({OrganisationKind.ENTERPRISE, OrganisationKind.ASSOCIATION})


def _snapshot(enterprise: Enterprise) -> dict[str, Any]:
    return model_to_dict(enterprise, fields=[*PROFILE_FIELDS, "status", "status_changed_on"])


@transaction.atomic
def enterprise_register(
    *,
    actor: Any,
    name: str,
    uscc: str,
    district: District,
    kind: str = OrganisationKind.ENTERPRISE,
    legal_representative: str = "",
    registered_capital_yuan: Decimal | None = None,
    founded_on: datetime.date | None = None,
    industry: IndustryClass | None = None,
    address: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    status: str = EnterpriseStatus.ACTIVE,
    is_demo: bool = False,
) -> Enterprise:
    """Register an enterprise (or an association that holds a regional public brand) with a valid USCC."""
    if not can_enterprise_register(actor, district_id=district.pk if district else None):
        raise PermissionDenied
    if kind not in REGISTRY_KINDS:
        raise EnterpriseInvalid(
            _("Only enterprises and associations are registered here, not %(kind)s.") % {"kind": kind},
            extra={"errors": {"kind": [_("invalid")]}},
        )
    if industry is not None and industry.level != "division":
        raise EnterpriseInvalid(
            _("Industry must be a GB/T 4754 division (two digits), not section %(code)s.")
            % {"code": industry.code},
            extra={"errors": {"industry": [_("%(code)s is a section") % {"code": industry.code}]}},
        )
    organisation = organisation_create(
        actor=actor, kind=kind, name=name, uscc=uscc, district=district, is_demo=is_demo
    )
    enterprise = Enterprise(
        organisation=organisation,
        legal_representative=legal_representative.strip(),
        registered_capital_yuan=registered_capital_yuan,
        founded_on=founded_on,
        industry=industry,
        address=address.strip(),
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        status=status,
        status_changed_on=None if status == EnterpriseStatus.ACTIVE else timezone.localdate(),
    )
    full_clean_or_raise(enterprise, EnterpriseInvalid, exclude=["organisation"])
    enterprise.save(force_insert=True)
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_REGISTERED,
        target=enterprise,
        changes=model_changes(None, _snapshot(enterprise)),
    )
    return enterprise


@transaction.atomic
def enterprise_update(*, actor: Any, enterprise: Enterprise, **fields: Any) -> Enterprise:
    """Change what the register says about an enterprise; name, USCC and district change its organisation."""
    unknown = set(fields) - set(PROFILE_FIELDS) - set(ORGANISATION_FIELDS)
    if unknown:
        raise EnterpriseInvalid(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    ent = Enterprise.objects.select_for_update().select_related("organisation").get(pk=enterprise.pk)
    if not can_enterprise_update(actor, enterprise=ent):
        raise PermissionDenied
    org_fields = {k: v for k, v in fields.items() if k in ORGANISATION_FIELDS}
    if org_fields:
        organisation_update(actor=actor, organisation=ent.organisation, **org_fields)
    before = _snapshot(ent)
    for key, value in fields.items():
        if key in PROFILE_FIELDS:
            setattr(ent, key, value.strip() if isinstance(value, str) else value)
    if ent.industry is not None and ent.industry.level != "division":
        raise EnterpriseInvalid(
            _("Industry must be a GB/T 4754 division (two digits), not section %(code)s.")
            % {"code": ent.industry.code},
            extra={"errors": {"industry": [_("%(code)s is a section") % {"code": ent.industry.code}]}},
        )
    full_clean_or_raise(ent, EnterpriseInvalid, exclude=["organisation"])
    changes = model_changes(before, _snapshot(ent))
    if changes:
        ent.save()
        audit_record(actor=actor, action=AuditAction.ENTERPRISE_UPDATED, target=ent, changes=changes)
    return ent


@transaction.atomic
def enterprise_status_change(
    *, actor: Any, enterprise: Enterprise, status: str, changed_on: datetime.date | None = None
) -> Enterprise:
    """Record 存续 / 注销 / 吊销 as the business register reports it."""
    if status not in EnterpriseStatus.values:
        raise EnterpriseInvalid(
            _("Unknown status %(status)s; allowed: %(allowed)s.")
            % {"status": repr(status), "allowed": ", ".join(EnterpriseStatus.values)},
            extra={"errors": {"status": [_("unknown")]}},
        )
    ent = Enterprise.objects.select_for_update().select_related("organisation").get(pk=enterprise.pk)
    if not can_enterprise_status_change(actor, enterprise=ent):
        raise PermissionDenied
    if ent.status == status:
        return ent
    before = _snapshot(ent)
    ent.status = status
    ent.status_changed_on = changed_on or timezone.localdate()
    ent.save(update_fields=["status", "status_changed_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ENTERPRISE_STATUS_CHANGED,
        target=ent,
        changes=model_changes(before, _snapshot(ent)),
    )
    return ent
