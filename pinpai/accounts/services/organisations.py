"""Organisations: register, describe, and record renames and mergers (succession)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import model_to_dict

from pinpai.accounts.choices import OrganisationKind
from pinpai.accounts.exceptions import (
    DuplicateUscc,
    OrganisationInvalid,
    OrganisationSuccessionInvalid,
)
from pinpai.accounts.models import Organisation
from pinpai.accounts.permissions import (
    can_organisation_create,
    can_organisation_succeed,
    can_organisation_update,
)
from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record, model_changes
from pinpai.common.identifiers import IdentifierError, uscc_validate
from pinpai.common.models import District
from pinpai.common.validation import full_clean_or_raise

ORGANISATION_FIELDS = (
    "kind", "name", "short_name", "name_en", "reference_key", "uscc", "district",
    "parent", "valid_from", "valid_to", "successor", "is_demo",
)  # fmt: skip
USCC_KINDS = frozenset(
    {
        OrganisationKind.ENTERPRISE,
        OrganisationKind.INTERMEDIARY,
        OrganisationKind.BANK,
        OrganisationKind.ASSOCIATION,
    }
)


def _snapshot(org: Organisation) -> dict[str, Any]:
    return model_to_dict(org, fields=ORGANISATION_FIELDS)


def _clean_uscc(uscc: str | None, *, exclude_pk: int | None = None) -> str | None:
    if not uscc:
        return None
    try:
        code = uscc_validate(uscc)
    except IdentifierError as exc:
        raise OrganisationInvalid(str(exc), extra={"errors": {"uscc": [str(exc)]}}) from exc
    others = Organisation.objects.filter(uscc=code)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    clash = others.first()
    if clash is not None:
        raise DuplicateUscc(
            f"统一社会信用代码 {code} is already registered to {clash.name} (id {clash.pk}).",
            extra={"errors": {"uscc": [f"already registered to {clash.name}"]}},
        )
    return code


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    kind: str,
    name: str,
    short_name: str = "",
    name_en: str = "",
    uscc: str | None = None,
    district: District | None = None,
    parent: Organisation | None = None,
    reference_key: str | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    is_demo: bool = False,
) -> Organisation:
    """Register an organisation; enterprises, banks, associations and intermediaries need a valid USCC."""
    if not can_organisation_create(actor, kind=kind, district_id=district.pk if district else None):
        raise PermissionDenied
    if kind in USCC_KINDS and not uscc:
        raise OrganisationInvalid(
            "A unified social credit code is required for this kind of organisation.",
            extra={"errors": {"uscc": ["required"]}},
        )
    org = Organisation(
        kind=kind,
        name=name.strip(),
        short_name=short_name.strip(),
        name_en=name_en.strip(),
        uscc=_clean_uscc(uscc),
        district=district,
        parent=parent,
        reference_key=reference_key or None,
        valid_from=valid_from,
        valid_to=valid_to,
        is_demo=is_demo,
    )
    full_clean_or_raise(org, OrganisationInvalid)
    org.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_CREATED,
        target=org,
        changes=model_changes(None, _snapshot(org)),
    )
    return org


@transaction.atomic
def organisation_update(*, actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    """Change an organisation's descriptive fields (not its kind, and not its succession)."""
    allowed = {
        "name",
        "short_name",
        "name_en",
        "uscc",
        "district",
        "parent",
        "valid_from",
        "reference_key",
        "is_demo",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise OrganisationInvalid(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not can_organisation_update(actor, organisation=org):
        raise PermissionDenied
    before = _snapshot(org)
    if "uscc" in fields:
        fields["uscc"] = _clean_uscc(fields["uscc"], exclude_pk=org.pk)
    for key, value in fields.items():
        setattr(org, key, value.strip() if isinstance(value, str) else value)
    full_clean_or_raise(org, OrganisationInvalid)
    changes = model_changes(before, _snapshot(org))
    if not changes:
        return org
    org.save()
    audit_record(actor=actor, action=AuditAction.ORGANISATION_UPDATED, target=org, changes=changes)
    return org


@transaction.atomic
def organisation_succeed(
    *, actor: Any, predecessors: list[Organisation], successor: Organisation, effective_on: datetime.date
) -> Organisation:
    """Record a rename or merger: each predecessor ends the day before `effective_on` and points to
    `successor`, which starts on that day. Records stay attached to the unit that made them."""
    if not can_organisation_succeed(actor, predecessors=predecessors):
        raise PermissionDenied
    if not predecessors:
        raise OrganisationSuccessionInvalid("At least one predecessor is required.")
    ids = [p.pk for p in predecessors]
    if successor.pk in ids:
        raise OrganisationSuccessionInvalid("An organisation cannot succeed itself.")
    locked = list(Organisation.objects.select_for_update().filter(pk__in=[*ids, successor.pk]).order_by("pk"))
    by_pk = {o.pk: o for o in locked}
    succ = by_pk[successor.pk]
    end = effective_on - datetime.timedelta(days=1)
    for pk in ids:
        pred = by_pk[pk]
        if pred.kind != succ.kind:
            raise OrganisationSuccessionInvalid(
                f"{pred.name} is a {pred.get_kind_display()}, {succ.name} a {succ.get_kind_display()}: "
                "a unit can only be succeeded by one of the same kind."
            )
        if pred.successor_id is not None:
            raise OrganisationSuccessionInvalid(f"{pred.name} already has a successor ({pred.successor}).")
        if pred.valid_from and pred.valid_from > end:
            raise OrganisationSuccessionInvalid(
                f"{pred.name} starts after {end}; it cannot end before it began."
            )
    before_succ = _snapshot(succ)
    if succ.valid_from is None or succ.valid_from > effective_on:
        succ.valid_from = effective_on
    full_clean_or_raise(succ, OrganisationSuccessionInvalid)
    succ.save()
    if changes := model_changes(before_succ, _snapshot(succ)):
        audit_record(actor=actor, action=AuditAction.ORGANISATION_UPDATED, target=succ, changes=changes)
    for pk in ids:
        pred = by_pk[pk]
        before = _snapshot(pred)
        pred.valid_to = end
        pred.successor = succ
        full_clean_or_raise(pred, OrganisationSuccessionInvalid)
        pred.save()
        audit_record(
            actor=actor,
            action=AuditAction.ORGANISATION_SUCCEEDED,
            target=pred,
            changes=model_changes(before, _snapshot(pred)),
        )
    return succ
