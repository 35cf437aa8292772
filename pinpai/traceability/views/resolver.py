"""The GS1 Digital Link resolver at the site root: /01/{gtin}, /01/{gtin}/10/{lot}, /01/{gtin}/21/{serial}.

GS1 Digital Link URI Syntax 1.2 for the paths (GTIN-8/12/13/14, normalised to 14 digits), GS1-Conformant Resolver
1.0 conventions for the answers:

- `?linkType=all` or `Accept: application/linkset+json` (or application/json) → the linkset (RFC 9264 JSON);
- `?linkType=gs1:pip` (or the full https://gs1.org/voc/… URI) → 307 to that link, to the default link when the
  target has no link of that type;
- otherwise the consumer scan page itself (the default link), so a phone needs no extra round trip.

Every answer carries a `Link` header naming the linkset and the links. A bad GTIN is a 400 and an unknown one a 404:
an HTML page for browsers, application/problem+json for clients that prefer JSON.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from pinpai.common.exceptions import ApplicationError
from pinpai.traceability.exceptions import ScanGtinInvalid, ScanProductNotFound
from pinpai.traceability.selectors.scan import GS1_VOC, ScanLinks, scan_links_get, scan_target_get
from pinpai.traceability.views.scan import scan_page

LINKSET = "application/linkset+json"
PROBLEM = "application/problem+json"
HTML = "text/html"
JSON = "application/json"
PROBLEM_BASE = "urn:pinpai:problem:"


class HttpResponseTemporaryRedirect(HttpResponseRedirect):
    status_code = 307


def _prefers(request: HttpRequest, *types: str) -> bool:
    """True when the client's Accept header ranks one of `types` above HTML (no Accept, */*: HTML)."""
    preferred = request.get_preferred_type([HTML, *types])
    return preferred is not None and preferred != HTML


def _link_type(value: str) -> str:
    """`gs1:pip`, `https://gs1.org/voc/pip` or `https://ref.gs1.org/voc/pip` → `pip`; `all` stays `all`."""
    for prefix in ("gs1:", GS1_VOC, "http://gs1.org/voc/", "https://ref.gs1.org/voc/"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def _absolute(request: HttpRequest, href: str) -> str:
    return request.build_absolute_uri(href)


def _linkset(request: HttpRequest, links: ScanLinks) -> dict[str, object]:
    groups: dict[str, list[dict[str, object]]] = {}
    for link in links.links:
        groups.setdefault(link.rel, []).append(
            {
                "href": _absolute(request, link.href),
                "title": link.title,
                "type": link.media_type,
                "hreflang": list(link.hreflang),
            }
        )
    return {"linkset": [{"anchor": _absolute(request, links.anchor), **groups}]}


def _link_header(request: HttpRequest, links: ScanLinks) -> str:
    """RFC 8288: the linkset itself, then each link (titles stay in the linkset: headers are ASCII)."""
    anchor = _absolute(request, links.anchor)
    parts = [f'<{anchor}?linkType=all>; rel="linkset"; type="{LINKSET}"']
    for link in links.links:
        hreflang = "".join(f'; hreflang="{lang}"' for lang in link.hreflang)
        parts.append(
            f'<{_absolute(request, link.href)}>; rel="{link.rel}"; type="{link.media_type}"{hreflang}'
        )
    return ", ".join(parts)


def _error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    if _prefers(request, JSON, PROBLEM, LINKSET):
        body = {
            **{k: v for k, v in exc.extra.items() if k != "errors"},
            "type": PROBLEM_BASE + exc.code,
            "title": exc.title,
            "status": exc.status,
            "detail": exc.detail,
            "code": exc.code,
            "instance": request.path,
            "errors": exc.extra.get("errors", {}),
        }
        response = HttpResponse(json.dumps(body, ensure_ascii=False), status=exc.status, content_type=PROBLEM)
    else:
        response = render(
            request,
            "traceability/scan_error.html",
            {"status": exc.status, "code": exc.code, "detail": exc.detail},
            status=exc.status,
        )
    patch_vary_headers(response, ["Accept"])
    return response


def resolve(request: HttpRequest, gtin: str, lot: str = "", serial: str = "") -> HttpResponse:
    """Resolve a GS1 Digital Link to its linkset, one of its links, or the scan page."""
    try:
        target = scan_target_get(actor=request.user, gtin=gtin, lot_number=lot, serial=serial)
    except (ScanGtinInvalid, ScanProductNotFound) as exc:
        return _error(request, exc)
    links = scan_links_get(target=target)
    link_type = _link_type(request.GET.get("linkType", "").strip())
    response: HttpResponse
    if link_type == "all" or (not link_type and _prefers(request, LINKSET, JSON)):
        response = HttpResponse(
            json.dumps(_linkset(request, links), ensure_ascii=False), content_type=LINKSET
        )
        response["Access-Control-Allow-Origin"] = "*"
    elif link_type:
        link = links.get(link_type) or links.default
        response = HttpResponseTemporaryRedirect(_absolute(request, link.href))
    else:
        response = scan_page(request, target=target)
    response["Link"] = _link_header(request, links)
    patch_vary_headers(response, ["Accept"])
    return response
