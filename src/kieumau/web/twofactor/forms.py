from django import forms
from django.utils.translation import gettext_lazy as _

CODE_ATTRS = {"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows now, or one recovery code."),
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )


class EnrolForm(forms.Form):
    device = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=20,
        help_text=_("After adding the account, enter the 6-digit code the app shows."),
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(attrs=CODE_ATTRS | {"inputmode": "numeric"}),
    )
