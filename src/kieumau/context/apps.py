from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContextConfig(AppConfig):
    name = "kieumau.context"
    verbose_name = _("Context: documents, resources, good practices")
