from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.lockout import account_unlock
from kieumau.accounts.models import SignInEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "unit", "is_active")
    list_select_related = ("unit",)
    list_filter = ("role", "is_active", "is_staff")
    autocomplete_fields = ("unit",)
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Programme"), {"fields": ("role", "unit")}))
    actions = ("unlock_sign_in",)

    @admin.action(description=_("Unlock sign-in after too many failed attempts"))
    def unlock_sign_in(self, request, queryset) -> None:
        try:
            unlocked = [
                user.username
                for user in queryset
                if account_unlock(actor=request.user, username=user.username)
            ]
        except PermissionDenied as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        if unlocked:
            text = gettext("Unlocked: %(names)s.") % {"names": ", ".join(unlocked)}
            self.message_user(request, text, messages.SUCCESS)
        else:
            self.message_user(request, _("None of these accounts was locked."), messages.INFO)


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """Read-only: the trail of sign-ins, failures, lockouts and unlocks."""

    list_display = ("at", "kind", "username", "user", "address", "path", "actor")
    list_select_related = ("user", "actor")
    list_filter = ("kind",)
    search_fields = ("username", "address")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
