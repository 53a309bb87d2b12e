"""Browsing directive documents, resources and good practices in the admin site.

Read-only: changes go through context.services, which check the actor's scope and the files'
real type; every change they make is listed under Auditlog › Log entries.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kieumau.context.models import (
    DirectiveDocument,
    GoodPractice,
    GoodPracticePhoto,
    GoodPracticeTag,
    Resources,
)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(DirectiveDocument)
class DirectiveDocumentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "date", "kind", "issuer", "province", "title", "download")
    list_filter = (
        "issuer",
        "kind",
        "province__admin_map",
        ("province", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("number", "title")
    list_select_related = ("province",)
    date_hierarchy = "date"
    exclude = ("file",)
    readonly_fields = ("download",)

    @admin.display(description=_("file"))
    def download(self, document: DirectiveDocument) -> str:
        if not document.file:
            return "—"
        url = reverse("context:directive-file", args=[document.pk])
        return format_html('<a href="{}">{}</a>', url, document.file_name or document.file.name)


@admin.register(Resources)
class ResourcesAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "registration",
        "staff_norm",
        "staff_actual",
        "staff_under_35",
        "staff_with_degree",
        "headquarters",
        "funding_planned_vnd",
        "funding_disbursed_vnd",
        "equipment_adequate",
    )
    list_filter = (
        "registration__round",
        "headquarters",
        "equipment_adequate",
        ("registration__unit__province", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("registration__unit__name", "registration__unit__code")
    list_select_related = ("registration__unit", "registration__round")


class GoodPracticeTagInline(ReadOnlyMixin, admin.TabularInline):
    model = GoodPracticeTag
    extra = 0


class GoodPracticePhotoInline(ReadOnlyMixin, admin.TabularInline):
    model = GoodPracticePhoto
    extra = 0
    exclude = ("image",)
    readonly_fields = ("view",)

    @admin.display(description=_("photo"))
    def view(self, photo: GoodPracticePhoto) -> str:
        return _photo_link(photo)


@admin.register(GoodPractice)
class GoodPracticeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "registration", "tag_list", "created_by", "created_at")
    list_filter = (
        "registration__round",
        ("registration__unit__province", admin.RelatedOnlyFieldListFilter),
        "tags__name",
    )
    search_fields = ("title", "description", "tags__name")
    list_select_related = ("registration__unit", "registration__round", "created_by")
    inlines = (GoodPracticeTagInline, GoodPracticePhotoInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[GoodPractice]:
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("tags"))
    def tag_list(self, practice: GoodPractice) -> str:
        return ", ".join(tag.name for tag in practice.tags.all())


@admin.register(GoodPracticePhoto)
class GoodPracticePhotoAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("original_name", "caption", "practice", "content_type", "size", "view")
    search_fields = ("original_name", "caption", "practice__title")
    list_select_related = ("practice",)
    exclude = ("image",)
    readonly_fields = ("view",)

    @admin.display(description=_("photo"))
    def view(self, photo: GoodPracticePhoto) -> str:
        return _photo_link(photo)


def _photo_link(photo: GoodPracticePhoto) -> str:
    url = reverse("context:practice-photo", args=[photo.pk])
    return format_html('<a href="{}">{}</a>', url, photo.original_name)
