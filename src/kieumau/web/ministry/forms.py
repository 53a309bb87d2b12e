"""Forms of the ministry officer's pages: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieumau.web.forms import DateTextField, VersionForm


class ProvinceFilterForm(forms.Form):
    province = forms.ChoiceField(
        label=pgettext_lazy("unit", "Province"),
        required=False,
        widget=forms.Select(attrs={"data-autosubmit": ""}),
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {province.code: province for province in provinces}
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (code, province.name) for code, province in self.provinces.items()
        ]

    def chosen_province(self):
        """The chosen province, or None for all (an unknown code counts as none chosen)."""
        if not self.is_valid():
            return None
        return self.provinces.get(self.cleaned_data["province"])


class RecogniseForm(VersionForm):
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=50,
        help_text=_("E.g. 1234/QĐ-BCA."),
        error_messages={"required": _("Enter the number of the recognition decision.")},
    )
    decision_date = DateTextField(
        label=_("Decision date"),
        error_messages={"required": _("Enter the date of the recognition decision.")},
    )


class MinistryReturnForm(VersionForm):
    comment = forms.CharField(
        label=_("What the ward must add or correct"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what the ward must add or correct.")},
    )
