"""The consumer scan page: what a QR code on a pack opens (through the resolver, views.resolver). Public, mobile
first, Chinese by default (English through the site's language switch). Reads go through selectors.scan."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinpai.traceability.selectors.scan import ScanTarget, scan_page_get


def scan_page(request: HttpRequest, *, target: ScanTarget) -> HttpResponse:
    """Render the scan page of a resolved target (product, lot or item)."""
    page = scan_page_get(actor=request.user, target=target)
    return render(request, "traceability/scan.html", {"page": page, "target": target})
