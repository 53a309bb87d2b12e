from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Project-wide commands (setup) that belong to no single domain."""

    name = "kieumau.core"
    verbose_name = "Kiểu Mẫu"
