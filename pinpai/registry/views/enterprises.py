"""Enterprise pages: the filtered list and the detail page with its brands, rights and change history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pinpai.audit.choices import AuditAction
from pinpai.audit.models import AuditEvent
from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.registry import exports, selectors
from pinpai.registry.forms import EnterpriseFilterForm
from pinpai.registry.permissions import can_brand_create, can_enterprise_update
from pinpai.registry.views.listing import expiry_context, filters, list_page

DETAIL_ROWS = 20  # per section of the detail page; "all" links to the filtered list
HISTORY_ROWS = 50


def enterprise_list(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = EnterpriseFilterForm(request.GET or None)
    f = filters(form)
    district, industry = f.get("district"), f.get("industry")
    qs = selectors.enterprise_list(
        actor=request.user,
        district_code=district.code if district else None,
        industry_code=industry.code if industry else None,
        status=f.get("status") or None,
        text=f.get("q") or None,
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Enterprises"),
        rows_template="registry/_enterprise_rows.html",
        export=exports.ENTERPRISES,
    )


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    label: str
    changes: list[tuple[str, Any, Any]]


def _history_row(event: AuditEvent) -> HistoryRow:
    label = str(AuditAction(event.action).label) if event.action in AuditAction.values else event.action
    changes = [
        (field, *(pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)))
        for field, pair in sorted((event.changes or {}).items())
    ]
    return HistoryRow(event, label, changes)


def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = found(selectors.enterprise_get, actor=request.user, pk=pk)
    user = request.user
    # Contacts and the change history are for the enterprise itself and the staff who look after it.
    insider = user.is_authenticated and can_enterprise_update(user, enterprise=enterprise)
    history = (
        [
            _history_row(e)
            for e in selectors.enterprise_history(actor=user, enterprise=enterprise)[:HISTORY_ROWS]
        ]
        if insider
        else []
    )
    brands = selectors.brand_list(actor=user, owner_id=enterprise.pk)
    certificates = selectors.certificate_list(actor=user, holder_id=enterprise.pk)
    trademarks = selectors.trademark_list(actor=user, registrant_id=enterprise.pk)
    context = {
        "enterprise": enterprise,
        "organisation": enterprise.organisation,
        "insider": insider,
        "history": history,
        "history_limit": HISTORY_ROWS,
        "brands": list(brands[: DETAIL_ROWS + 1]),
        "certificates": list(certificates[: DETAIL_ROWS + 1]),
        "trademarks": list(trademarks[: DETAIL_ROWS + 1]),
        "limit": DETAIL_ROWS,
        "can_register_brand": user.is_authenticated and can_brand_create(user, owner=enterprise),
        **expiry_context(),
    }
    return render(request, "registry/enterprise_detail.html", context)
