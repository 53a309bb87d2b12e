from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Project-wide commands (setup) that belong to no single domain."""

    name = "kieumau.core"
    verbose_name = "Kiểu Mẫu"

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from django.db.models.signals import post_save

        from kieumau.core import checks  # noqa: F401  (registers the system checks)
        from kieumau.core.aggregates import audit_entry_saved

        # The audit trail sees every change; cached aggregates go stale with it (aggregates.py).
        post_save.connect(audit_entry_saved, sender=LogEntry, dispatch_uid="aggregates-stale")
