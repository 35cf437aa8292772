"""The traceability router of /api/v1/: master data, 合格证, inspections, recalls and lot genealogy."""

from ninja import Router

from pinpai.traceability.api.quality import router as quality_router
from pinpai.traceability.api.trace import router as trace_router

router = Router(tags=["traceability"])
router.add_router("/", quality_router)
router.add_router("/", trace_router)
