"""Quality endpoints of the traceability API: master data (locations, lots), 合格证, inspections and recalls.
Each resource's endpoints are in their own module; this router mounts them."""

from ninja import Router

from pinpai.traceability.api.quality_certificates import router as certificates_router
from pinpai.traceability.api.quality_masterdata import router as masterdata_router
from pinpai.traceability.api.quality_recalls import router as recalls_router

router = Router()
router.add_router("/", masterdata_router)
router.add_router("/", certificates_router)
router.add_router("/", recalls_router)
