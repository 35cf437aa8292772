"""Import pages, under /registry/imports/ (namespace `registry`)."""

from django.urls import path

from pinpai.registry import import_views

urlpatterns = [
    path("", import_views.import_create, name="import_create"),
    path("<int:pk>/", import_views.import_detail, name="import_detail"),
    path("<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("<int:pk>/commit/", import_views.import_commit, name="import_commit"),
    path("<int:pk>/errors.csv", import_views.import_errors_csv, name="import_errors_csv"),
    path("templates/<slug:kind>.xlsx", import_views.import_template, name="import_template"),
]
