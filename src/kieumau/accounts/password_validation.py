"""Password rules with messages that read well in Vietnamese (Django's own lack a translation)."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("This password is too short: it needs at least %(count)d characters.") % {
            "count": self.min_length
        }

    def get_help_text(self) -> str:
        return _("At least %(count)d characters.") % {"count": self.min_length}
