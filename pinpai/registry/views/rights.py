"""Pages for rights: certificates and trademarks (with their expiry filters), geographical indications."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pinpai.common.htmx import HtmxHttpRequest, found
from pinpai.registry import exports, selectors
from pinpai.registry.forms import CertificateFilterForm, GiFilterForm, TrademarkFilterForm
from pinpai.registry.views.listing import (
    EXPIRY_WINDOW_DAYS,
    expiry_context,
    filters,
    list_page,
    paginate,
    wants_export,
)


def certificate_list(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = CertificateFilterForm(request.GET or None)
    f = filters(form)
    qs = selectors.certificate_list(
        actor=request.user,
        kind=f.get("kind") or None,
        holder_id=f.get("holder"),
        expiring_within_days=EXPIRY_WINDOW_DAYS if f.get("expiring") else None,
        text=f.get("q") or None,
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Certificates"),
        rows_template="registry/_certificate_rows.html",
        export=exports.CERTIFICATES,
    )


def trademark_list(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = TrademarkFilterForm(request.GET or None)
    f = filters(form)
    qs = selectors.trademark_list(
        actor=request.user,
        registrant_id=f.get("registrant"),
        status=f.get("status") or None,
        nice_class=f.get("nice_class"),
        expiring_within_days=EXPIRY_WINDOW_DAYS if f.get("expiring") else None,
        text=f.get("q") or None,
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Trademarks"),
        rows_template="registry/_trademark_rows.html",
        export=exports.TRADEMARKS,
    )


def gi_list(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = GiFilterForm(request.GET or None)
    f = filters(form)
    district = f.get("district")
    qs = selectors.gi_list(
        actor=request.user, district_code=district.code if district else None, text=f.get("q") or None
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Geographical indications"),
        rows_template="registry/_gi_rows.html",
        export=exports.GIS,
    )


def gi_detail(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    """A GI with its protected area and the enterprises authorised to use it."""
    gi = found(selectors.gi_get, actor=request.user, pk=pk)
    authorisations = selectors.gi_authorisation_list(actor=request.user, gi=gi)
    fmt = wants_export(request)
    if fmt is not None:
        return exports.export_response(authorisations, exports.GI_AUTHORISATIONS, fmt)
    context = {"gi": gi, "page": paginate(request, authorisations), **expiry_context()}
    return render(request, "registry/gi_detail.html", context)
