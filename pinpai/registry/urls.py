"""Registry pages: staff lists, detail pages and the review queue (urls_pages), imports (urls_imports)."""

from django.urls import include, path

app_name = "registry"
urlpatterns = [
    path("imports/", include("pinpai.registry.urls_imports")),
    path("", include("pinpai.registry.urls_pages")),
]
