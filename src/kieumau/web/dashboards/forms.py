"""The dashboards' filters: the table of provinces and the list of a province's units."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kieumau.assessments.models import State
from kieumau.reports.tables import SORT_KEYS


class ProvinceTableForm(forms.Form):
    q = forms.CharField(label=_("Province name"), required=False, max_length=100)
    track = forms.ChoiceField(
        label=_("Progress"),
        required=False,
        choices=[
            ("", _("All provinces")),
            ("on", _("Target reached")),
            ("off", _("Below the target")),
        ],
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for name in SORT_KEYS for key in (name, f"-{name}")],
        widget=forms.HiddenInput,
    )

    def values(self) -> tuple[str, str, str]:
        """(name search, track, sort) — the defaults for anything invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("q", "").strip(), data.get("track", ""), data.get("sort") or "name"


class UnitFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *State.choices],
    )

    def state_value(self) -> str:
        return self.cleaned_data.get("state", "") if self.is_valid() else ""
