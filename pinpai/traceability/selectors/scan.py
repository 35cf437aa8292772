"""What a scanned GS1 Digital Link (/01/{gtin}[/10/{lot}|/21/{serial}]) resolves to, and what the consumer scan
page shows: product, brand, producer, GI, registry certificates, 合格证, the journey (backward trace), inspections
and recalls. Public: the producer printed the code on the pack, so the page shows the chain behind it (actor None
for the genealogy); registry rows follow the registry's publication rules for the actor.

The page costs a fixed number of queries whatever the length of the journey (tests pin it at two sizes).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engines.epcis import DL_BASE, canonical_id, gs1_check_digit
from pinpai.common.exceptions import NotFoundError
from pinpai.registry.models import Brand, Certificate, GeographicalIndication, Product
from pinpai.registry.selectors import product_get_by_gtin
from pinpai.traceability.choices import LotStatus
from pinpai.traceability.choices_quality import ComplianceCertificateStatus, PromiseBasis, RecallStatus
from pinpai.traceability.exceptions import ScanGtinInvalid, ScanProductNotFound, TraceTargetNotFound
from pinpai.traceability.models import (
    ComplianceCertificate,
    EventIdentifier,
    Inspection,
    InspectionItem,
    Lot,
    Recall,
)
from pinpai.traceability.selectors.genealogy import trace_backward
from pinpai.traceability.selectors.masterdata import lot_identifier
from pinpai.traceability.selectors.trace_report import EventRow, PlaceRow, quantity_tidy, trace_report

JOURNEY_MAX = 200  # events shown on the timeline; the rest are counted
GS1_VOC = "https://gs1.org/voc/"
HOLD_STATUSES = (LotStatus.ON_HOLD, LotStatus.RECALLED)


@dataclass(frozen=True)
class ScanTarget:
    """What a Digital Link names: a product, a lot of it or one item, with the rows the platform holds."""

    gtin: str  # 14 digits
    product: Product
    lot_number: str  # "" unless /10/
    serial: str  # "" unless /21/
    identifier: str  # canonical Digital Link of what was scanned
    lot: Lot | None
    known: bool  # the product itself, a registered lot, or an identifier some event names

    @property
    def is_product(self) -> bool:
        return not self.lot_number and not self.serial

    @property
    def path(self) -> str:
        """This target's path on the resolver (GTIN as 14 digits)."""
        path = f"/01/{self.gtin}"
        if self.lot_number:
            path += f"/10/{quote(self.lot_number, safe='')}"
        elif self.serial:
            path += f"/21/{quote(self.serial, safe='')}"
        return path


@dataclass(frozen=True)
class ScanLink:
    """One link of the resolver's linkset: a GS1 link type (`pip`), where it points, and how to present it."""

    link_type: str  # the term in https://gs1.org/voc/, e.g. "pip", "certificationInfo"
    href: str  # a path on this site (the view makes it absolute)
    title: str
    media_type: str
    hreflang: tuple[str, ...] = ("zh",)

    @property
    def rel(self) -> str:
        return GS1_VOC + self.link_type


@dataclass(frozen=True)
class ScanLinks:
    anchor: str  # path of the resolver URI the links describe
    links: tuple[ScanLink, ...]

    def get(self, link_type: str) -> ScanLink | None:
        return next((link for link in self.links if link.link_type == link_type), None)

    @property
    def default(self) -> ScanLink:
        return self.get("defaultLink") or self.links[0]


@dataclass(frozen=True)
class ComplianceEntry:
    """A lot's valid 合格证 with its promise basis labelled and the path of its public verification page."""

    certificate: ComplianceCertificate
    basis: tuple[str, ...]
    verify_path: str


@dataclass(frozen=True)
class InspectionItemRow:
    name: str
    measured_value: Decimal | None  # None: not detected
    limit: Decimal | None
    unit: str
    result: str
    result_label: str


@dataclass(frozen=True)
class InspectionRow:
    """An inspection of the lot or an upstream lot, its values without the stored trailing zeros."""

    inspection: Inspection
    items: tuple[InspectionItemRow, ...]


@dataclass(frozen=True)
class ScanPage:
    target: ScanTarget
    brand_public: bool
    gis: tuple[GeographicalIndication, ...]
    certificates: tuple[Certificate, ...]
    compliance_certificates: tuple[ComplianceEntry, ...]
    inspections: tuple[InspectionRow, ...]
    recalled: bool
    recalls: tuple[Recall, ...]
    journey: tuple[EventRow, ...]
    journey_more: int  # events not shown
    places: tuple[PlaceRow, ...]
    map_data: dict[str, Any] | None  # points and path for the journey map; None without a located place
    truncated: bool


# ---------------------------------------------------------------- resolving a Digital Link


def _gtin14(gtin: str) -> str:
    text = (gtin or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) not in (8, 12, 13, 14):
        message = _("A GTIN has 8, 12, 13 or 14 digits; %(code)s does not.") % {"code": text or "—"}
        raise ScanGtinInvalid(message, extra={"errors": {"gtin": [message]}})
    padded = text.zfill(14)
    expected = gs1_check_digit(padded[:-1], field="gtin")
    if padded[-1] != expected:
        message = _("GTIN check digit is wrong: it should be %(digit)s") % {"digit": expected}
        raise ScanGtinInvalid(
            message, extra={"errors": {"gtin": [message]}, "expected_check_digit": expected}
        )
    return padded


def scan_target_get(*, actor: Any, gtin: str, lot_number: str = "", serial: str = "") -> ScanTarget:
    """The product (and lot or item) a Digital Link names. ScanGtinInvalid (400) for a bad GTIN, naming the right
    check digit; ScanProductNotFound (404) when no product the actor may see has the GTIN."""
    code = _gtin14(gtin)
    try:
        product = product_get_by_gtin(actor=actor, gtin=code)
    except NotFoundError as exc:
        raise ScanProductNotFound(_("No product is registered with GTIN %(gtin)s.") % {"gtin": code}) from exc
    lot = None
    if lot_number:
        identifier = lot_identifier(code, lot_number)
        lot = Lot.objects.filter(product=product, lot_number=lot_number).first()
    elif serial:
        identifier = canonical_id(f"{DL_BASE}/01/{code}/21/{quote(serial, safe='')}")
    else:
        identifier = canonical_id(f"{DL_BASE}/01/{code}")
    known = (
        not (lot_number or serial)
        or lot is not None
        or EventIdentifier.objects.filter(value=identifier).exists()
    )
    return ScanTarget(code, product, lot_number, serial, identifier, lot, known)


def _verification_path(certificate: ComplianceCertificate) -> str:
    """The public 合格证 verification page (by its verification code)."""
    return reverse("traceability:certificate_verify", args=[certificate.verification_code])


def scan_links_get(*, target: ScanTarget) -> ScanLinks:
    """The links of the resolver for this target (GS1 link types). An unknown lot or item gets the product's."""
    if not target.known:
        product = ScanTarget(target.gtin, target.product, "", "", "", None, True)
        return scan_links_get(target=product)
    page = ScanLink("pip", target.path, _("Product information and traceability"), "text/html")
    links = [page]
    if not target.is_product:
        query = urlencode({"id": target.identifier})
        links.append(
            ScanLink(
                "traceability",
                f"{reverse('api:trace_backward')}?{query}",
                _("Traceability data (sign-in required)"),
                "application/json",
            )
        )
    if target.lot is not None:
        certificate = (
            ComplianceCertificate.objects.filter(lot=target.lot, status=ComplianceCertificateStatus.VALID)
            .order_by("-issued_on", "-pk")
            .first()
        )
        if certificate is not None:
            links.append(
                ScanLink(
                    "certificationInfo",
                    _verification_path(certificate),
                    _("Compliance-promise certificate %(number)s") % {"number": certificate.number},
                    "text/html",
                )
            )
    links.append(ScanLink("defaultLink", page.href, page.title, page.media_type))
    return ScanLinks(anchor=target.path, links=tuple(links))


# ---------------------------------------------------------------- the scan page


def _registry_rows(
    actor: Any, product: Product
) -> tuple[tuple[GeographicalIndication, ...], tuple[Certificate, ...]]:
    today = timezone.localdate()
    authorised = Q(
        authorisations__enterprise_id=product.enterprise_id,
        authorisations__revoked_on__isnull=True,
        authorisations__valid_from__lte=today,
        authorisations__valid_to__gte=today,
    )
    gis = tuple(
        GeographicalIndication.objects.filter(Q(brand_id=product.brand_id) | authorised)
        .distinct()
        .order_by("name", "kind")
    )
    certificates = tuple(
        Certificate.objects.visible_to(actor)
        .valid_on(today)
        .filter(
            Q(product_id=product.pk)
            | Q(brand_id=product.brand_id, product__isnull=True)
            | Q(holder_id=product.enterprise_id, brand__isnull=True, product__isnull=True)
        )
        .order_by("kind", "number")
    )
    return gis, certificates


def _map_data(journey: tuple[EventRow, ...], places: tuple[PlaceRow, ...]) -> dict[str, Any] | None:
    """Located places as points (first seen first) and the path between them in the order the events visit them."""
    located = [p for p in places if p.coordinates is not None]
    if not located:
        return None
    points = [
        {
            "name": p.name,
            "kind": p.location.get_kind_display() if p.location else "",
            "enterprise": p.enterprise.name if p.enterprise else "",
            "value": [str(p.coordinates[0]), str(p.coordinates[1])] if p.coordinates else [],
        }
        for p in located
    ]
    path: list[list[str]] = []
    for event in journey:
        where = event.place.coordinates if event.place is not None else None
        if where is not None and (not path or path[-1] != [str(where[0]), str(where[1])]):
            path.append([str(where[0]), str(where[1])])
    return {"points": points, "path": path}


def _quality_rows(
    lot_ids: list[int],
) -> tuple[tuple[ComplianceEntry, ...], tuple[InspectionRow, ...], tuple[Recall, ...]]:
    if not lot_ids:
        return (), (), ()
    labels = dict(PromiseBasis.choices)
    certificates = tuple(
        ComplianceEntry(c, tuple(str(labels.get(b, b)) for b in c.basis), _verification_path(c))
        for c in ComplianceCertificate.objects.filter(
            lot_id__in=lot_ids, status=ComplianceCertificateStatus.VALID
        )
        .select_related("lot")
        .order_by("-issued_on", "-pk")
    )
    inspections = tuple(
        InspectionRow(
            i,
            tuple(
                InspectionItemRow(
                    item.name,
                    quantity_tidy(item.measured_value),
                    quantity_tidy(item.limit),
                    item.unit,
                    item.result,
                    item.get_result_display(),
                )
                for item in i.items.all()
            ),
        )
        for i in Inspection.objects.filter(lot_id__in=lot_ids)
        .select_related("lot")
        .prefetch_related(Prefetch("items", queryset=InspectionItem.objects.order_by("position", "pk")))
        .order_by("-tested_at", "-pk")
    )
    recalls = tuple(
        Recall.objects.filter(status=RecallStatus.OPEN, lots__lot_id__in=lot_ids)
        .distinct()
        .order_by("-opened_at")
    )
    return certificates, inspections, recalls


def scan_page_get(*, actor: Any, target: ScanTarget) -> ScanPage:
    """Everything the consumer scan page shows for a target (see the module docstring)."""
    product = target.product
    brand: Brand = product.brand
    gis, certificates = _registry_rows(actor, product)
    report = None
    if not target.is_product and target.known:
        try:
            report = trace_report(
                trace_backward(actor=None, identifier=target.identifier), with_identifiers=False
            )
        except TraceTargetNotFound:
            report = None  # a registered lot no event names yet
    journey = report.events if report else ()
    places = report.places if report else ()
    lot_identifiers = {lot.identifier for lot in report.lots} if report else set()
    if target.lot is not None:
        lot_identifiers.add(target.lot.identifier)
    lots = list(Lot.objects.filter(identifier__in=lot_identifiers)) if lot_identifiers else []
    compliance, inspections, recalls = _quality_rows([lot.pk for lot in lots])
    return ScanPage(
        target=target,
        brand_public=brand.status == "published",
        gis=gis,
        certificates=certificates,
        compliance_certificates=compliance,
        inspections=inspections,
        recalled=bool(recalls) or any(lot.status in HOLD_STATUSES for lot in lots),
        recalls=recalls,
        journey=journey[:JOURNEY_MAX],
        journey_more=max(0, len(journey) - JOURNEY_MAX),
        places=places,
        map_data=_map_data(journey, places),
        truncated=bool(report and report.truncated),
    )
