from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "unit", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    autocomplete_fields = ("unit",)
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Programme"), {"fields": ("role", "unit")}))
