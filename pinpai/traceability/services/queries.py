"""Named EPCIS queries: create (validated by the same parser as `GET /events`) and delete, each audited."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pinpai.audit.choices import AuditAction
from pinpai.audit.services import audit_record
from pinpai.traceability.exceptions import EpcisNamedQueryExists, EpcisValidationError
from pinpai.traceability.models import NamedQuery
from pinpai.traceability.permissions import can_named_query_create, can_named_query_delete
from pinpai.traceability.selectors.queries import named_query_get, named_query_parse

NAME = re.compile(r"[A-Za-z0-9_.\-]{1,100}")


@transaction.atomic
def named_query_create(*, actor: Any, name: object, query: object) -> NamedQuery:
    """Store a named query: `name` (letters, digits, `_ . -`) and its `query` object (EPCIS query schema)."""
    if not can_named_query_create(actor):
        raise PermissionDenied
    if not isinstance(name, str) or NAME.fullmatch(name) is None:
        raise EpcisValidationError(
            _("A query name is 1 to 100 letters, digits, '_', '.' or '-'."),
            problems=[
                {"pointer": "/name", "rule": "name", "message": "1–100 characters of A–Z a–z 0–9 _ . -"}
            ],
        )
    named_query_parse(query)  # 400 QueryParameterException for any parameter this repository cannot answer
    if NamedQuery.objects.filter(name=name).exists():
        raise EpcisNamedQueryExists(_("A named query %(name)s already exists.") % {"name": name})
    named = NamedQuery(name=name, parameters=query, created_by=actor)
    named.full_clean(
        exclude={"parameters"}, validate_unique=False
    )  # checked by the query parser; {} is valid
    try:
        with transaction.atomic():
            named.save()
    except IntegrityError as error:  # created at the same time by someone else
        raise EpcisNamedQueryExists(_("A named query %(name)s already exists.") % {"name": name}) from error
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_NAMED_QUERY_CREATED,
        target=named,
        changes={"name": name, "query": query},
    )
    return named


@transaction.atomic
def named_query_delete(*, actor: Any, name: str) -> None:
    """Remove a named query (its creator or an administrator)."""
    named = named_query_get(actor=actor, name=name)
    if not can_named_query_delete(actor, created_by_id=named.created_by_id):
        raise PermissionDenied
    audit_record(
        actor=actor,
        action=AuditAction.TRACE_NAMED_QUERY_DELETED,
        target=named,
        changes={"name": named.name, "query": named.parameters},
    )
    named.delete()
