"""Messages in both languages: every API error carries Vietnamese and English text.

Services raise ValidationError and Denied with lazy (gettext_lazy) messages and ``params``;
evaluating them under each language gives the two texts.
"""

from django.core.exceptions import ValidationError
from django.utils import translation

LANGUAGES = ("vi", "en")


def bilingual(message) -> dict[str, str]:
    """A lazy message, a Denied or a ValidationError (its messages joined) in each language."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            if isinstance(message, ValidationError):
                texts[language] = " ".join(message.messages)
            else:
                texts[language] = str(message)
    return texts
