from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "agency", "is_active"]
    list_filter = ["role", "team", "agency", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Front Door", {"fields": ("role", "team", "agency", "job_title", "phone")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Front Door", {"fields": ("role", "team", "agency")}),)
