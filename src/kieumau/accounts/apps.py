from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kieumau.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from kieumau.accounts import sign_in_events

        sign_in_events.connect()
