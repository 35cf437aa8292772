"""Top-level URLs: the site (translated), the admin, the API and the language switch."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from pinpai.api.api import api

admin.site.site_header = settings.PINPAI_SITE_NAME
admin.site.site_title = settings.PINPAI_SITE_NAME

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("pinpai.accounts.urls")),
    path("registry/", include("pinpai.registry.urls")),
    path("evaluation/", include("pinpai.evaluation.urls")),
    path("traceability/", include("pinpai.traceability.urls")),
    path("epcis/", include("pinpai.traceability.urls_epcis")),
    path("", include("pinpai.traceability.urls_resolver")),
    path("", include("pinpai.portal.urls")),
]
