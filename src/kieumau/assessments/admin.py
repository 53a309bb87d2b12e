"""Admin pages: for looking up. Workflow, values and files change through the services only, so
that every change is scope-checked, versioned and recorded with its actor."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
    Transition,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CriterionResultInline(ReadOnlyMixin, admin.TabularInline):
    model = CriterionResult
    fields = ("criterion", "self_value", "review_value", "review_comment", "reviewed_by")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion", "reviewed_by")


class TransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = Transition
    fields = ("at", "from_state", "to_state", "actor", "comment")
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("registration", "state", "level", "met_count", "updated_at")
    list_filter = ("state", "level", "registration__round")
    search_fields = ("registration__unit__name", "registration__unit__code")
    list_select_related = ("registration__unit", "registration__round")
    fields = ("registration", "state", "level", "met_count", "version", "updated_at")
    readonly_fields = fields
    inlines = (CriterionResultInline, TransitionInline)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("original_name", "result", "content_type", "size", "uploaded_by", "uploaded_at")
    list_filter = ("content_type",)
    search_fields = ("original_name", "sha256")
    list_select_related = ("result__criterion", "uploaded_by")
    # No ``file``: the admin would link the storage path; the download view checks the scope.
    fields = (
        "result",
        "download",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    )
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, evidence: Evidence) -> str:
        url = reverse("assessments:evidence-download", args=[evidence.pk])
        return format_html('<a href="{}">{}</a>', url, evidence.original_name)


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ("assessment", "decision_number", "decision_date", "recognised_by")
    list_filter = ("decision_date",)
    search_fields = ("decision_number", "assessment__registration__unit__name")
    list_select_related = (
        "assessment__registration__unit",
        "assessment__registration__round",
        "recognised_by",
    )
    # Created by assessment_recognise only; a mistyped number or date may be corrected here.
    readonly_fields = ("assessment", "recognised_by")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("action", "result", "owner", "due_date", "budget_vnd", "status")
    list_filter = ("status",)
    search_fields = ("action", "owner")
    list_select_related = ("result__criterion",)
    readonly_fields = ("result",)

    def has_add_permission(self, request) -> bool:
        return False
