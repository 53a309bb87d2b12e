"""System checks of the deployment that Django's own checks do not cover."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=False)
def media_outside_static(app_configs, **kwargs) -> list[Error]:
    """Uploads must never land where the web server serves static files to anyone."""
    if not settings.MEDIA_ROOT or not settings.STATIC_ROOT:
        return []
    media = Path(settings.MEDIA_ROOT).resolve()
    static = Path(settings.STATIC_ROOT).resolve()
    if media == static or media.is_relative_to(static) or static.is_relative_to(media):
        return [
            Error(
                f"MEDIA_ROOT ({media}) and STATIC_ROOT ({static}) overlap.",
                hint="Keep uploaded files in a directory apart from the static files, "
                "which are served without any permission check.",
                id="kieumau.E001",
            )
        ]
    return []
