from django import forms
from django.utils.translation import gettext_lazy as _

from kieumau.api.models import ApiToken


class KeyCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What will use it, e.g. “Provincial reporting system”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
