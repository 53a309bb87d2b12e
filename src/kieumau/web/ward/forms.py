"""Forms of the ward officer's pages: criterion values, action items, resources."""

from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kieumau.assessments.models import ActionItem, CriterionResult
from kieumau.assessments.services import SelfValue
from kieumau.context.models import Resources
from kieumau.criteria.display import number_text
from kieumau.criteria.types import Kind
from kieumau.web.forms import DateTextField, DecimalTextField

# The id of the form every criterion's inputs belong to (they sit outside it, in their rows,
# beside each row's own evidence forms, which HTML does not allow to nest).
ASSESSMENT_FORM = "assessment-form"


class CriterionForm(forms.Form):
    """The ward's value and note for one criterion; fields are prefixed with its code.

    Only the shape of the value is checked here (a number or nothing); whether it fits the
    criterion (yes/no, 0–100 %) is the service's rule, so that every entry path says the same.
    """

    value = DecimalTextField(required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, result: CriterionResult, **kwargs):
        criterion = result.criterion
        value = result.self_value
        kwargs.setdefault(
            "initial",
            {"value": "" if value is None else number_text(value), "note": result.self_note},
        )
        super().__init__(*args, prefix=criterion.code, **kwargs)
        self.result = result
        field = self.fields["value"]
        if criterion.kind == Kind.BOOL:
            field.label = _("Result")
            field.widget = forms.RadioSelect(choices=[("1", _("Yes")), ("0", _("No"))])
        elif criterion.kind == Kind.PCT:
            field.label = _("Rate achieved (%)")
            field.widget.attrs.update(size=8)
        else:
            field.label = _("Value")
            field.widget.attrs.update(size=10)
        for bound in self.fields.values():
            bound.widget.attrs["form"] = ASSESSMENT_FORM

    @property
    def entry(self) -> SelfValue:
        """What the ward entered, for the service (call after is_valid())."""
        return SelfValue(value=self.cleaned_data["value"], note=self.cleaned_data["note"])


def criterion_forms(
    results: Iterable[CriterionResult], data: QueryDict | None = None
) -> dict[str, CriterionForm]:
    """One form per criterion, by code; with ``data``, only the criteria it lists are bound.

    A page lists its criteria in ``criteria`` fields: an unchecked yes/no posts nothing at
    all, so the absence of a value cannot tell a criterion that was left out.
    """
    if data is None:
        return {r.criterion.code: CriterionForm(result=r) for r in results}
    posted = set(data.getlist("criteria"))
    return {
        r.criterion.code: CriterionForm(data, result=r)
        for r in results
        if r.criterion.code in posted
    }


class MoneyField(DecimalTextField):
    """An amount in đồng typed the Vietnamese way ("1.500.000"), cleaned to an int."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric")

    def to_python(self, value) -> int | None:
        amount = super().to_python(value)
        if amount is None:
            return None
        if amount != amount.to_integral_value():
            raise ValidationError(_("Enter a whole number of đồng."), code="invalid")
        return int(amount)


class ActionItemForm(forms.Form):
    action = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label=_("Responsible"), max_length=200)
    due_date = DateTextField(label=_("Due date"), help_text=_("dd/mm/yyyy"))
    budget_vnd = MoneyField(
        label=_("Estimated budget (đồng)"), required=False, help_text=_("e.g. 150.000.000")
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _count(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
        # Django's own Vietnamese message for this one reads oddly ("số tổng thể").
        error_messages={"invalid": _("Enter a whole number, e.g. 12.")},
    )


class ResourcesForm(forms.Form):
    staff_norm = _count(_("Staff norm (định biên)"))
    staff_actual = _count(_("Officers in post"))
    staff_under_35 = _count(_("Officers under 35"))
    staff_with_degree = _count(_("Officers with a university degree"))
    headquarters = forms.ChoiceField(
        label=_("Headquarters"), choices=[("", "—"), *Resources.Headquarters.choices]
    )
    funding_planned_vnd = MoneyField(label=_("Funding planned (đồng)"))
    funding_disbursed_vnd = MoneyField(label=_("Funding disbursed (đồng)"))
    equipment_adequate = forms.BooleanField(label=_("Equipment meets the norm"), required=False)

    @staticmethod
    def initial_from(resources: Resources | None) -> dict:
        if resources is None:
            return {}
        fields = ("staff_norm", "staff_actual", "staff_under_35", "staff_with_degree")
        return {
            **{name: getattr(resources, name) for name in fields},
            "headquarters": resources.headquarters,
            "funding_planned_vnd": money_initial(resources.funding_planned_vnd),
            "funding_disbursed_vnd": money_initial(resources.funding_disbursed_vnd),
            "equipment_adequate": resources.equipment_adequate,
        }


def money_initial(amount: int | Decimal | None) -> str:
    """1500000 → "1.500.000" for a money text box."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".")
