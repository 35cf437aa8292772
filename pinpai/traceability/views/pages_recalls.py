"""Recall pages: the list, opening a recall by hand, the detail page (lots, sites with htmx status buttons,
closing) and the enterprise's inbox of recall notices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pinpai.common.exceptions import ApplicationError, NotFoundError
from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.traceability.choices_quality import RECALL_SITE_ORDER, RecallSiteStatus, RecallStatus
from pinpai.traceability.forms import RecallCloseForm, RecallFilterForm, RecallOpenForm, RecallSiteUpdateForm
from pinpai.traceability.models import Recall, RecallSite
from pinpai.traceability.permissions import (
    can_recall_close,
    can_recall_site_update,
    is_inspector,
)
from pinpai.traceability.selectors.masterdata import lot_get_by_number
from pinpai.traceability.selectors.quality import (
    recall_get,
    recall_notice_get,
    recall_notice_list,
    recall_site_get,
    recall_site_list,
)
from pinpai.traceability.selectors.quality import recall_list as recall_list_selector
from pinpai.traceability.services.recalls import (
    recall_close,
    recall_notice_read,
    recall_open,
    recall_site_update,
)
from pinpai.traceability.views.pages_common import filters, list_page, paginate

STATUS_LABELS = dict(RecallSiteStatus.choices)


@login_required
def recall_list_page(request: HtmxHttpRequest) -> HttpResponse:
    form = RecallFilterForm(request.GET or None)
    f = filters(form)
    qs = recall_list_selector(actor=request.user, status=f.get("status") or None, text=f.get("q") or None)
    extra: dict[str, Any] = {}
    if is_inspector(request.user):
        extra = {"new_url": "traceability:recall_open", "new_label": _("Open a recall")}
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Recalls"),
        rows_template="traceability/_recall_rows.html",
        extra=extra,
    )


@login_required
def recall_open_page(request: HttpRequest) -> HttpResponse:
    if not is_inspector(request.user):
        raise PermissionDenied
    form = RecallOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lot = lot_get_by_number(actor=request.user, gtin=data["gtin"], lot_number=data["lot_number"])
            recall = recall_open(actor=request.user, lots=[lot], reason=data["reason"])
        except NotFoundError:
            form.add_error("lot_number", _("No lot with this GTIN and lot number that you may see."))
        except PermissionDenied:
            form.add_error(None, _("You may not recall this lot."))
        except ApplicationError as exc:
            form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
        else:
            messages.success(request, _("Recall %(number)s was opened.") % {"number": recall.number})
            return redirect("traceability:recall_detail", pk=recall.pk)
    return render(request, "traceability/recall_form.html", {"form": form})


def site_row(user: Any, site: RecallSite, *, error: str = "") -> dict[str, Any]:
    """What a site's row shows: the statuses it may move on to (buttons) if the user may update it."""
    steps: list[tuple[str, str]] = []
    if site.recall.status == RecallStatus.OPEN and can_recall_site_update(user, site=site):
        after = RECALL_SITE_ORDER[RECALL_SITE_ORDER.index(site.status) + 1 :]
        steps = [(value, str(STATUS_LABELS[value])) for value in after]
    return {"site": site, "steps": steps, "error": error}


def _render_detail(
    request: HttpRequest, recall: Recall, close_form: RecallCloseForm | None = None
) -> HttpResponse:
    user = request.user
    sites = [site_row(user, site) for site in recall_site_list(actor=user, recall=recall)]
    can_close = recall.status == RecallStatus.OPEN and can_recall_close(user, recall=recall)
    context = {
        "recall": recall,
        "rows": sites,
        "close_form": (close_form or RecallCloseForm()) if can_close else None,
    }
    return render(request, "traceability/recall_detail.html", context)


@login_required
def recall_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, found(recall_get, actor=request.user, pk=pk))


@login_required
@require_POST
def recall_close_page(request: HttpRequest, pk: int) -> HttpResponse:
    recall = found(recall_get, actor=request.user, pk=pk)
    form = RecallCloseForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, recall, form)
    try:
        recall_close(actor=request.user, recall=recall, **form.cleaned_data)
    except ApplicationError as exc:
        form.add_service_errors(exc.extra.get("errors") or {}, exc.detail)
        return _render_detail(request, recall, form)
    messages.success(request, _("Recall %(number)s was closed.") % {"number": recall.number})
    return redirect("traceability:recall_detail", pk=recall.pk)


@login_required
@require_POST
def recall_site_update_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A status button of a site row: the row again for htmx, else back to the recall."""
    site = found(recall_site_get, actor=request.user, pk=pk)
    form = RecallSiteUpdateForm(request.POST)
    error = ""
    if not form.is_valid():
        error = "; ".join(
            f"{form.fields[f].label}：{' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
            if f in form.fields
        )
    else:
        try:
            site = recall_site_update(actor=request.user, site=site, **form.cleaned_data)
        except ApplicationError as exc:
            error = exc.detail
    if request.htmx:
        row = site_row(request.user, site, error=error)
        return render(request, "traceability/_recall_site_row.html", {"row": row})  # htmx swaps 2xx only
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The site's progress was updated."))
    return redirect("traceability:recall_detail", pk=site.recall_id)


# ---------------------------------------------------------------- notices


@login_required
def notice_list_page(request: HttpRequest) -> HttpResponse:
    notices = recall_notice_list(actor=request.user)
    return render(request, "traceability/notice_list.html", {"page": paginate(request, notices)})


@login_required
@require_POST
def notice_read_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    notice = found(recall_notice_get, actor=request.user, pk=pk)
    notice = recall_notice_read(actor=request.user, notice=notice)
    if request.htmx:
        return render(request, "traceability/_notice_row.html", {"n": notice})
    return redirect("traceability:notices")
