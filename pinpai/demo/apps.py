from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pinpai.demo"
    label = "demo"
    verbose_name = "Demo data"
