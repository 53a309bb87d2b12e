"""Criteria sets are configured by loading files; the admin shows them and edits only words."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kieumau.criteria.display import requirement_text
from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup
from kieumau.criteria.selectors import criteria_sets_for_listing


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CriterionGroupInline(_ReadOnlyInline):
    model = CriterionGroup
    fields = ("position", "code", "title", "title_en")


class CriterionInline(_ReadOnlyInline):
    model = Criterion
    fields = ("position", "group_code", "code", "title", "requirement", "mandatory", "evidence")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("group")

    @admin.display(description=_("group"))
    def group_code(self, criterion: Criterion) -> str:
        return criterion.group.code

    @admin.display(description=_("requirement"))
    def requirement(self, criterion: Criterion) -> str:
        return requirement_text(
            kind=criterion.kind,
            comparator=criterion.comparator,
            threshold=criterion.threshold,
            unit=criterion.unit,
        )


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "name", "is_template", "criteria", "rounds", "loaded_at")
    search_fields = ("code", "name")
    fields = (
        "code",
        "version",
        "name",
        "description",
        "is_template",
        "basic_min_met",
        "source_sha256",
        "loaded_at",
    )
    readonly_fields = (
        "code",
        "version",
        "is_template",
        "basic_min_met",
        "source_sha256",
        "loaded_at",
    )
    inlines = (CriterionGroupInline, CriterionInline)

    def get_queryset(self, request):
        return criteria_sets_for_listing()

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("criteria"), ordering="criteria_count")
    def criteria(self, criteria_set: CriteriaSet) -> int:
        return criteria_set.criteria_count

    @admin.display(description=_("rounds"), ordering="rounds_count")
    def rounds(self, criteria_set: CriteriaSet) -> int:
        return criteria_set.rounds_count
