"""Admin pages of the programme. Writes with rules go through the services; the roles decide."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from kieumau.accounts.scopes import Denied, Permission, has_permission
from kieumau.adminunits.types import Level
from kieumau.assessments.workflow import STATE_NAMES
from kieumau.programme.models import Quota, Registration, Round, Target
from kieumau.programme.quotas import quota_parameters_clean
from kieumau.programme.services import (
    quota_override,
    registration_check,
    registration_create,
    registration_withdraw,
    round_close,
    round_create,
)


def _may(request: HttpRequest, permission: Permission) -> bool:
    return has_permission(request.user, permission)


class QuotaInline(admin.TabularInline):
    model = Quota
    fields = ("province", "computed", "override", "override_reason")
    readonly_fields = ("province", "computed")
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("province").order_by("province__code")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Round.Status.CLOSED:
            return self.fields
        return self.readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # one quota per province, created with the round


ROUND_FIELDS = (
    "year",
    "name",
    "admin_map",
    "criteria_set",
    "quota_rule",
    "quota_parameters",
    "self_assessment_deadline",
    "review_deadline",
    "recognition_deadline",
)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("year", "name", "admin_map", "criteria_set", "quota_rule", "status")
    list_select_related = ("admin_map", "criteria_set")
    readonly_fields = (
        "year",
        "admin_map",
        "criteria_set",
        "quota_rule",
        "quota_parameters",
        "status",
    )
    inlines = [QuotaInline]
    actions = ["close_rounds"]

    def get_fields(self, request, obj=None):
        return ROUND_FIELDS if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request, obj=None):
        return [] if obj is None else self.inlines  # quotas are computed when the round opens

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            return form

        class RoundAddForm(form):
            def clean(self):
                cleaned = super().clean()
                rule, criteria_set = cleaned.get("quota_rule"), cleaned.get("criteria_set")
                if rule:
                    try:
                        cleaned["quota_parameters"] = quota_parameters_clean(
                            rule, cleaned.get("quota_parameters") or {}
                        )
                    except ValidationError as error:
                        self.add_error("quota_parameters", error)
                if criteria_set is not None and not criteria_set.criteria.exists():
                    self.add_error("criteria_set", f"Bộ tiêu chí {criteria_set} chưa có tiêu chí.")
                return cleaned

        return RoundAddForm

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = {name: form.cleaned_data[name] for name in ROUND_FIELDS}
        obj.pk = round_create(actor=request.user, **fields).pk  # computes the quotas

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and _may(request, Permission.CONFIGURE)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _may(request, Permission.CONFIGURE)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Quota:
            super().save_formset(request, form, formset, change)
            return
        # The admin's change message reads what formset.save() would have recorded.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for quota_form in formset.forms:
            if quota_form.has_changed():
                quota = quota_override(
                    actor=request.user,
                    quota=quota_form.instance,
                    value=quota_form.cleaned_data["override"],
                    reason=quota_form.cleaned_data["override_reason"],
                )
                formset.changed_objects.append((quota, quota_form.changed_data))

    @admin.action(description="Đóng các đợt đã chọn")
    def close_rounds(self, request, queryset) -> None:
        for round_ in queryset:
            try:
                round_close(actor=request.user, round=round_)
            except (ValidationError, Denied) as error:
                self.message_user(request, _message(error), messages.ERROR)
            else:
                self.message_user(request, f"Đã đóng đợt {round_.year}.")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("unit", "province", "round", "state", "registered_by", "registered_at")
    list_filter = ("round", ("unit__province", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("unit__province", "round", "registered_by", "assessment")
    search_fields = ("unit__name", "unit__code")
    raw_id_fields = ("unit",)
    actions = ["withdraw"]

    def get_fields(self, request, obj=None):
        return (
            ("round", "unit")
            if obj is None
            else ("round", "unit", "registered_by", "registered_at")
        )

    @admin.display(description="tỉnh", ordering="unit__province__code")
    def province(self, registration: Registration) -> str:
        return registration.unit.province.name

    @admin.display(description="trạng thái")
    def state(self, registration: Registration) -> str:
        assessment = getattr(registration, "assessment", None)
        return STATE_NAMES[assessment.state] if assessment else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            return form

        class RegistrationAddForm(form):
            def clean(self):
                cleaned = super().clean()
                if cleaned.get("round") and cleaned.get("unit"):
                    try:
                        registration_check(
                            actor=request.user, round=cleaned["round"], unit=cleaned["unit"]
                        )
                    except Denied as denied:
                        raise ValidationError(str(denied)) from None
                return cleaned

        return RegistrationAddForm

    def save_model(self, request, obj, form, change) -> None:
        created = registration_create(actor=request.user, round=obj.round, unit=obj.unit)
        obj.pk, obj.registered_by, obj.registered_at = (
            created.pk,
            created.registered_by,
            created.registered_at,
        )

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and _may(request, Permission.REGISTER)

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # withdraw and register again

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the "withdraw" action applies the rules

    @admin.action(description="Rút đăng ký đã chọn (chỉ khi bản đánh giá còn là bản nháp)")
    def withdraw(self, request, queryset) -> None:
        for registration in queryset.select_related("unit", "round"):
            try:
                registration_withdraw(actor=request.user, registration=registration)
            except (ValidationError, Denied) as error:
                self.message_user(request, _message(error), messages.ERROR)
            else:
                self.message_user(request, f"Đã rút đăng ký {registration.unit}.")


class TargetForm(forms.ModelForm):
    def clean_province(self):
        province = self.cleaned_data["province"]
        if province is not None and province.level != Level.PROVINCE:
            raise ValidationError(f"{province} không phải đơn vị cấp tỉnh.")
        return province


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ("year", "scope", "minimum_percent", "stretch_percent")
    list_filter = ("year",)
    list_select_related = ("province",)
    raw_id_fields = ("province",)

    @admin.display(description="phạm vi", ordering="province__code")
    def scope(self, target: Target) -> str:
        return str(target.province) if target.province else "Toàn quốc (mặc định)"

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and _may(request, Permission.CONFIGURE)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _may(request, Permission.CONFIGURE)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and _may(request, Permission.CONFIGURE)


def _message(error: ValidationError | Denied) -> str:
    return "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
