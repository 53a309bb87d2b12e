"""Reading one refusal in each language."""

from django.core.exceptions import ValidationError
from django.utils import translation


def in_language(language: str, refusal: Exception) -> list[str] | str:
    """The refusal's messages (a ValidationError) or text (a Denied) as read in ``language``."""
    with translation.override(language):
        if isinstance(refusal, ValidationError):
            return refusal.messages
        return str(refusal)


def by_field(language: str, refusal: ValidationError) -> dict[str, list[str]]:
    with translation.override(language):
        return refusal.message_dict
