from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pinpai.accounts"
    label = "accounts"
    verbose_name = _("Organisations and users")

    def ready(self) -> None:
        from pinpai.accounts import signals  # noqa: F401 - connects the sign-in audit receivers
