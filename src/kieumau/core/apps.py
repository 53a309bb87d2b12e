from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Project-wide commands (setup) that belong to no single domain."""

    name = "kieumau.core"
    verbose_name = "Kiểu Mẫu"

    def ready(self) -> None:
        from kieumau.core import checks  # noqa: F401  (registers the system checks)
