"""The services' refusals (Denied, ValidationError) as the user sees them: never a 500."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError


def refusal_text(refusal: PermissionDenied | ValidationError) -> str:
    """The refusal in one message: Denied's own text, or every message of a ValidationError."""
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal)


def refusal_to_form(form: forms.Form, refusal: PermissionDenied | ValidationError) -> None:
    """Each message of the refusal beside the form's field it names; any other above the form."""
    if isinstance(refusal, PermissionDenied):
        form.add_error(None, str(refusal))
    elif hasattr(refusal, "error_dict"):
        for field, messages in refusal.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, refusal.messages)
