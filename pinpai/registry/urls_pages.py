"""Registry pages, under /registry/ (namespace `registry`)."""

from django.urls import path
from django.views.generic import RedirectView

from pinpai.registry.views import brands, cultivation, enterprises, rights

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="registry:brands"), name="home"),
    path("brands/", brands.brand_list, name="brands"),
    path("brands/<int:pk>/", brands.brand_detail, name="brand_detail"),
    path("brands/<int:pk>/edit/", brands.brand_edit, name="brand_edit"),
    path("brands/<int:pk>/steps/<slug:step>/", brands.brand_step, name="brand_step"),
    path("review/", brands.review_queue, name="review_queue"),
    path("enterprises/", enterprises.enterprise_list, name="enterprises"),
    path("enterprises/<int:pk>/", enterprises.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:enterprise_pk>/brands/new/", brands.brand_create, name="brand_create"),
    path("certificates/", rights.certificate_list, name="certificates"),
    path("trademarks/", rights.trademark_list, name="trademarks"),
    path("gis/", rights.gi_list, name="gis"),
    path("gis/<int:pk>/", rights.gi_detail, name="gi_detail"),
    path("cultivation-lists/", cultivation.cultivation_list_list, name="cultivation_lists"),
    path("cultivation-lists/<int:pk>/", cultivation.cultivation_list_detail, name="cultivation_list_detail"),
]
