from django.contrib import admin

from kieumau.adminunits.models import AdminMap, AdminUnit, Succession


@admin.register(AdminMap)
class AdminMapAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "effective_date", "loaded_at")
    search_fields = ("code", "name")
    readonly_fields = ("source_sha256", "loaded_at")


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "full_name", "level", "type", "parent", "admin_map")
    list_filter = ("admin_map", "level", "type")
    search_fields = ("code", "name", "name_en")
    list_select_related = ("parent", "admin_map")
    raw_id_fields = ("parent", "province")


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "kind", "note", "source")
    list_filter = ("kind", "successor_map", "predecessor__admin_map", "predecessor__level")
    search_fields = ("predecessor__name", "predecessor__code", "successor__name", "successor__code")
    list_select_related = ("predecessor", "successor")
    raw_id_fields = ("predecessor", "successor")
