from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Front Door administration"
admin.site.site_title = "Front Door administration"

urlpatterns = [
    path("", include("frontdoor.ui.urls")),
    path("accounts/", include("frontdoor.accounts.urls")),
    path("oidc/", include("frontdoor.accounts.sso.urls")),  # 404 unless single sign-on is configured
    path("people/", include("frontdoor.people.urls")),
    path("contacts/", include("frontdoor.contacts.urls")),
    path("referrals/", include("frontdoor.referrals.urls")),
    path("mash/", include("frontdoor.mash.urls")),
    path("letters/", include("frontdoor.letters.urls")),
    path("reporting/", include("frontdoor.reporting.urls")),
    path("customer-service/", include("frontdoor.customer_service.urls")),
    path("admin/", admin.site.urls),
]
