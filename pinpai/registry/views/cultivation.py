"""Cultivation lists (培育名单): the yearly lists per pillar and district, and one list's brands."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pinpai.common.htmx import HtmxHttpRequest
from pinpai.registry import exports, selectors
from pinpai.registry.forms import CultivationListFilterForm
from pinpai.registry.views.listing import filters, list_page, paginate, wants_export


def cultivation_list_list(request: HtmxHttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = CultivationListFilterForm(request.GET or None)
    f = filters(form)
    pillar, district = f.get("pillar"), f.get("district")
    qs = selectors.cultivation_list_list(
        actor=request.user,
        year=f.get("year"),
        pillar_code=pillar.code if pillar else None,
        district_code=district.code if district else None,
    )
    return list_page(
        request,
        queryset=qs,
        form=form,
        title=_("Cultivation lists"),
        rows_template="registry/_cultivation_list_rows.html",
        export=exports.CULTIVATION_LISTS,
    )


def cultivation_list_detail(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    cultivation_list = selectors.cultivation_list_list(actor=request.user).filter(pk=pk).first()
    if cultivation_list is None:
        raise Http404(f"No cultivation list with id {pk}.")
    # No entry selector exists yet: the list is visible to this actor, so are its entries.
    entries = cultivation_list.entries.select_related(
        "brand", "brand__owner__organisation", "brand__tier"
    ).order_by(F("rank").asc(nulls_last=True), "pk")
    fmt = wants_export(request)
    if fmt is not None:
        return exports.export_response(entries, exports.CULTIVATION_LIST_ENTRIES, fmt)
    context = {"cl": cultivation_list, "page": paginate(request, entries)}
    return render(request, "registry/cultivation_list_detail.html", context)
