from django.contrib import admin

from .models import Agency, Authority, District, Locality, Service, Team


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "la_code", "cads_professional_phone"]


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "active"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "locality", "postcode_prefixes", "active"]
    list_filter = ["locality", "active"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "locality", "district", "phone", "active"]
    list_filter = ["kind", "locality", "active"]
    search_fields = ["name", "code"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_mash_partner", "active"]
    list_filter = ["kind", "is_mash_partner", "active"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "website", "active"]
