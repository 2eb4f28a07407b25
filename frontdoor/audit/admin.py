from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["sequence", "at", "actor_username", "actor_role", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type", "actor_role"]
    search_fields = ["object_id", "summary", "actor_username"]
    list_select_related = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
