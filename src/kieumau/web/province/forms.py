"""Forms of the province officer's pages: they parse input; the services decide."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieumau.assessments.models import CriterionResult, State
from kieumau.context.models import DirectiveDocument
from kieumau.criteria.types import Kind
from kieumau.web.forms import DateTextField, DecimalTextField, VersionForm


class WardSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a ward (phường) by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class RegisterForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    q = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)


# What the review queue's filter offers, and the states each choice shows.
QUEUE_FILTERS = {
    "submitted": (_("Awaiting review"), [State.SUBMITTED]),
    "returned": (_("Returned for changes"), [State.RETURNED]),
    "approved": (_("Approved"), [State.PROVINCE_APPROVED, State.RECOGNISED]),
    "rejected": (_("Rejected"), [State.REJECTED]),
    "all": (_("All sent for review"), [s for s in State.values if s != State.DRAFT]),
}


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        choices=[(key, label) for key, (label, _states) in QUEUE_FILTERS.items()],
        required=False,
        widget=forms.Select(attrs={"data-autosubmit": ""}),
    )

    def choice(self) -> str:
        return (self.is_valid() and self.cleaned_data["state"]) or "submitted"

    def states(self) -> list[str]:
        return QUEUE_FILTERS[self.choice()][1]


BOOL_CHOICES = [("", _("— as the ward —")), ("1", _("Yes")), ("0", _("No"))]


class ReviewLineForm(forms.Form):
    """The reviewed value and comment of one criterion; prefixed by the result's id."""

    value = DecimalTextField(label=_("Reviewed value"), required=False)
    comment = forms.CharField(
        label=_("Review comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, result: CriterionResult, **kwargs):
        kwargs.setdefault("prefix", f"r{result.pk}")
        kwargs.setdefault(
            "initial", {"value": result.review_value, "comment": result.review_comment}
        )
        super().__init__(*args, **kwargs)
        self.result = result
        if result.criterion.kind == Kind.BOOL:
            self.fields["value"] = forms.TypedChoiceField(
                label=_("Reviewed value"),
                choices=BOOL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
            if result.review_value is not None:
                self.initial["value"] = str(int(result.review_value))
        else:
            self.fields["value"].help_text = _("Empty: as the ward.")
            if result.review_value is not None:
                self.initial["value"] = f"{result.review_value.normalize():f}".replace(".", ",")


class ReturnForm(VersionForm):
    comment = forms.CharField(
        label=_("What to add or correct"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what the ward must add or correct.")},
    )


class ApproveForm(VersionForm):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(VersionForm):
    comment = forms.CharField(
        label=_("Reason for rejection"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reason for the rejection.")},
    )


class DirectiveDocumentForm(forms.Form):
    province = forms.ModelChoiceField(
        label=pgettext_lazy("unit", "Province"), queryset=None, empty_label=None
    )
    issuer = forms.ChoiceField(
        label=_("Issuing body"),
        choices=[(value, capfirst(label)) for value, label in DirectiveDocument.Issuer.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[(value, capfirst(label)) for value, label in DirectiveDocument.Kind.choices],
    )
    number = forms.CharField(
        label=_("Number and symbol"),
        max_length=50,
        help_text=_("As printed on the document, e.g. 15-NQ/TU."),
    )
    date = DateTextField(label=_("Date of issue"))
    title = forms.CharField(
        label=_("Summary (trích yếu)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument."),
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        if len(provinces) == 1:
            self.fields["province"].initial = provinces[0]
            self.fields["province"].widget = forms.HiddenInput()
