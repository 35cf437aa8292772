from django.urls import path

from pinpai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisations, name="organisations"),
    path("districts/", views.districts, name="districts"),
]
