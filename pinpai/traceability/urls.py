"""Pages of the traceability app under /traceability/ (translated site): master data, 合格证 (with the public
check by code), inspections, recalls and the enterprise's recall notices."""

from django.urls import path

from pinpai.traceability.views import pages_certificates, pages_inspections, pages_masterdata, pages_recalls

app_name = "traceability"

urlpatterns = [
    path("", pages_certificates.home, name="home"),
    path("locations/", pages_masterdata.location_list_page, name="locations"),
    path("locations/new/", pages_masterdata.location_create, name="location_create"),
    path("locations/<int:pk>/edit/", pages_masterdata.location_edit, name="location_edit"),
    path("lots/", pages_masterdata.lot_list_page, name="lots"),
    path("certificates/", pages_certificates.certificate_list_page, name="certificates"),
    path("certificates/new/", pages_certificates.certificate_issue_page, name="certificate_issue"),
    path("certificates/<int:pk>/", pages_certificates.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/label.pdf", pages_certificates.certificate_label, name="certificate_label"),
    path("certificates/<int:pk>/revoke/", pages_certificates.certificate_revoke, name="certificate_revoke"),
    path(
        "certificates/verify/", pages_certificates.certificate_verify_lookup, name="certificate_verify_lookup"
    ),
    path("certificates/verify/<str:code>/", pages_certificates.certificate_verify, name="certificate_verify"),
    path("inspections/", pages_inspections.inspection_list_page, name="inspections"),
    path("inspections/new/", pages_inspections.inspection_record_page, name="inspection_record"),
    path("inspections/<int:pk>/", pages_inspections.inspection_detail, name="inspection_detail"),
    path("recalls/", pages_recalls.recall_list_page, name="recalls"),
    path("recalls/new/", pages_recalls.recall_open_page, name="recall_open"),
    path("recalls/<int:pk>/", pages_recalls.recall_detail, name="recall_detail"),
    path("recalls/<int:pk>/close/", pages_recalls.recall_close_page, name="recall_close"),
    path("recall-sites/<int:pk>/", pages_recalls.recall_site_update_page, name="recall_site_update"),
    path("notices/", pages_recalls.notice_list_page, name="notices"),
    path("notices/<int:pk>/read/", pages_recalls.notice_read_page, name="notice_read"),
]
