"""The import page's choices: what kind of workbook, for which province, and the file."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieumau.adminunits.models import AdminUnit
from kieumau.workbooks.imports import WorkbookKind


class WorkbookChoiceForm(forms.Form):
    """Kind and province (as query parameters or posted): the template and the import's aim."""

    kind = forms.ChoiceField(label=_("Kind of workbook"))
    province = forms.ChoiceField(label=pgettext_lazy("unit", "Province"))

    def __init__(self, *args, kinds: list[WorkbookKind], provinces: list[AdminUnit], **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {province.code: province for province in provinces}
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["province"].choices = [(p.code, p.full_name) for p in provinces]
        if len(provinces) == 1:
            self.fields["province"].widget = forms.HiddenInput()

    def chosen(self) -> tuple[WorkbookKind, AdminUnit]:
        province = self.provinces[self.cleaned_data["province"]]
        return WorkbookKind(self.cleaned_data["kind"]), province


class WorkbookUploadForm(WorkbookChoiceForm):
    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        error_messages={
            "required": _("Choose the workbook to import."),
            "empty": _("The file is empty."),
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, change nothing"),
        required=False,
    )
