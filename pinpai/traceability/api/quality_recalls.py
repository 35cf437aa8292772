"""Inspections (a failure opens a recall), recalls, the progress of each recall site and the actor's notices."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from pinpai.api.auth import signed_in
from pinpai.traceability.models import Recall
from pinpai.traceability.schemas.quality import RowId
from pinpai.traceability.schemas.quality_recalls import (
    InspectionFilterIn,
    InspectionGetOut,
    InspectionListOut,
    InspectionRecordIn,
    InspectionRecordOut,
    RecallCloseIn,
    RecallCloseOut,
    RecallFilterIn,
    RecallGetOut,
    RecallListOut,
    RecallNoticeFilterIn,
    RecallNoticeListOut,
    RecallNoticeReadOut,
    RecallOpenIn,
    RecallOpenOut,
    RecallSiteUpdateIn,
    RecallSiteUpdateOut,
)
from pinpai.traceability.selectors import masterdata as masterdata_selectors
from pinpai.traceability.selectors import quality as selectors
from pinpai.traceability.services.inspections import InspectionItemInput, inspection_record
from pinpai.traceability.services.recalls import (
    recall_close,
    recall_notice_read,
    recall_open,
    recall_site_update,
)

router = Router()

# ---------------------------------------------------------------- inspections


@router.get(
    "/inspections",
    response=list[InspectionListOut],
    operation_id="inspection_list",
    auth=signed_in,
    tags=["inspections"],
)
@paginate
def inspection_list(request: HttpRequest, filters: Query[InspectionFilterIn]) -> Any:
    """Inspections the caller may see: staff of their scope, a producer those of its lots."""
    return selectors.inspection_list(
        actor=request.user,
        lot_id=filters.lot,
        producer_id=filters.producer,
        result=filters.result.value if filters.result else None,
        text=filters.q,
    )


@router.post(
    "/inspections",
    response={201: InspectionRecordOut},
    operation_id="inspection_record",
    auth=signed_in,
    tags=["inspections"],
)
def inspection_record_post(request: HttpRequest, payload: InspectionRecordIn) -> Any:
    """Record an inspection (government inspectors). An item fails when its value exceeds its limit; the inspection
    fails when any item fails, and a failed inspection opens a recall of the lot in the same transaction."""
    lot = masterdata_selectors.lot_get(actor=request.user, pk=payload.lot)
    location = (
        masterdata_selectors.location_get(actor=request.user, pk=payload.sampling_location)
        if payload.sampling_location
        else None
    )
    inspection = inspection_record(
        actor=request.user,
        lot=lot,
        sampled_at=payload.sampled_at,
        tested_at=payload.tested_at,
        laboratory=payload.laboratory,
        report_number=payload.report_number,
        sampling_location=location,
        result=payload.result.value if payload.result else None,
        note=payload.note,
        items=[
            InspectionItemInput(
                name=item.name,
                result=item.result.value if item.result else None,
                method_standard=item.method_standard,
                measured_value=item.measured_value,
                unit=item.unit,
                limit=item.limit,
            )
            for item in payload.items
        ],
    )
    return selectors.inspection_get(actor=request.user, pk=inspection.pk)


@router.get(
    "/inspections/{inspection_id}",
    response=InspectionGetOut,
    operation_id="inspection_get",
    auth=signed_in,
    tags=["inspections"],
)
def inspection_get(request: HttpRequest, inspection_id: RowId) -> Any:
    return selectors.inspection_get(actor=request.user, pk=inspection_id)


# ---------------------------------------------------------------- recalls


def _with_sites(request: HttpRequest, recall: Recall) -> Recall:
    """The recall as the caller may see it, with the sites the caller may follow."""
    recall = selectors.recall_get(actor=request.user, pk=recall.pk)
    recall.visible_sites = list(selectors.recall_site_list(actor=request.user, recall=recall))  # type: ignore[attr-defined]
    return recall


@router.get(
    "/recalls", response=list[RecallListOut], operation_id="recall_list", auth=signed_in, tags=["recalls"]
)
@paginate
def recall_list(request: HttpRequest, filters: Query[RecallFilterIn]) -> Any:
    """Recalls the caller may see: staff of their scope; an enterprise those of its lots or reaching its sites."""
    return selectors.recall_list(
        actor=request.user, status=filters.status.value if filters.status else None, text=filters.q
    )


@router.post(
    "/recalls", response={201: RecallOpenOut}, operation_id="recall_open", auth=signed_in, tags=["recalls"]
)
def recall_open_post(request: HttpRequest, payload: RecallOpenIn) -> Any:
    """Open a recall by hand (staff over the lots' producers): the lots go on hold with an EPCIS event each, every
    site and enterprise downstream gets a site row and a notice, and each enterprise an e-mail."""
    lots = [masterdata_selectors.lot_get(actor=request.user, pk=pk) for pk in dict.fromkeys(payload.lots)]
    recall = recall_open(actor=request.user, lots=lots, reason=payload.reason)
    return _with_sites(request, recall)


@router.get(
    "/recalls/{recall_id}", response=RecallGetOut, operation_id="recall_get", auth=signed_in, tags=["recalls"]
)
def recall_get(request: HttpRequest, recall_id: RowId) -> Any:
    return _with_sites(request, selectors.recall_get(actor=request.user, pk=recall_id))


@router.post(
    "/recalls/{recall_id}/close",
    response=RecallCloseOut,
    operation_id="recall_close",
    auth=signed_in,
    tags=["recalls"],
)
def recall_close_post(request: HttpRequest, recall_id: RowId, payload: RecallCloseIn) -> Any:
    """Close a recall (staff); 409 `recall_not_closable` while a site is open unless `override_reason` is given.
    Its lots become `recalled`."""
    recall = selectors.recall_get(actor=request.user, pk=recall_id)
    recall_close(
        actor=request.user, recall=recall, note=payload.note, override_reason=payload.override_reason
    )
    return _with_sites(request, recall)


@router.patch(
    "/recall-sites/{site_id}",
    response=RecallSiteUpdateOut,
    operation_id="recall_site_update",
    auth=signed_in,
    tags=["recalls"],
)
def recall_site_update_patch(request: HttpRequest, site_id: RowId, payload: RecallSiteUpdateIn) -> Any:
    """Move a site forward: notified → acknowledged → removed_from_sale → closed (the enterprise there or staff);
    409 `recall_site_transition_not_allowed` for a step back."""
    site = selectors.recall_site_get(actor=request.user, pk=site_id)
    recall_site_update(
        actor=request.user,
        site=site,
        status=payload.status.value,
        note=payload.note,
        quantity=payload.quantity,
    )
    return selectors.recall_site_get(actor=request.user, pk=site_id)


@router.get(
    "/recall-notices",
    response=list[RecallNoticeListOut],
    operation_id="recall_notice_list",
    auth=signed_in,
    tags=["recalls"],
)
@paginate
def recall_notice_list(request: HttpRequest, filters: Query[RecallNoticeFilterIn]) -> Any:
    """The recall notices of the caller's enterprises, newest first."""
    return selectors.recall_notice_list(actor=request.user, unread=filters.unread)


@router.post(
    "/recall-notices/{notice_id}/read",
    response=RecallNoticeReadOut,
    operation_id="recall_notice_read",
    auth=signed_in,
    tags=["recalls"],
)
def recall_notice_read_post(request: HttpRequest, notice_id: RowId) -> Any:
    notice = selectors.recall_notice_get(actor=request.user, pk=notice_id)
    recall_notice_read(actor=request.user, notice=notice)
    return selectors.recall_notice_get(actor=request.user, pk=notice_id)
