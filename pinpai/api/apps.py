from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pinpai.api"
    label = "api"
    verbose_name = "API"
