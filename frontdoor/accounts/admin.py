from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

# Authenticator keys and recovery codes are secrets: no one, superusers included, browses them. An
# administrator resets a user's second factor from the Users pages instead (decision 15).
for _secret in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_secret):
        admin.site.unregister(_secret)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "agency", "is_active"]
    list_filter = ["role", "team", "agency", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Front Door", {"fields": ("role", "team", "agency", "job_title", "phone")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Front Door", {"fields": ("role", "team", "agency")}),)
