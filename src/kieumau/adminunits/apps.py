from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminUnitsConfig(AppConfig):
    name = "kieumau.adminunits"
    verbose_name = _("Administrative units")
