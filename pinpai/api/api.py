"""The one NinjaAPI: /api/v1/ (docs at /api/v1/docs, schema at /api/v1/openapi.json)."""

from __future__ import annotations

from ninja import NinjaAPI

from pinpai.accounts.api import router as accounts_router
from pinpai.api import errors
from pinpai.api.renderers import Utf8JSONRenderer
from pinpai.common.api import router as common_router
from pinpai.evaluation.api import router as evaluation_router
from pinpai.registry.api import router as registry_router
from pinpai.traceability.api import router as traceability_router

api = NinjaAPI(
    title="pinpai API",
    version="1.0.0",
    description=(
        "品牌引领 platform API. Authenticate with `Authorization: Bearer <token>` "
        "(issue one with `python manage.py api_token USERNAME`). Errors are RFC 7807 "
        "`application/problem+json` with a stable `code`. Lists take `limit` (at most 500) and `offset`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Utf8JSONRenderer(),
)
errors.install(api)
api.add_router("/", common_router)
api.add_router("/", accounts_router)
api.add_router("/", registry_router)
api.add_router("/", evaluation_router)
api.add_router("/", traceability_router)
