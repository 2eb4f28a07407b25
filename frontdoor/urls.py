from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from frontdoor.accounts.views import admin_sign_in
from frontdoor.core.views import healthz

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
    path("admin/login/", login_not_required(admin_sign_in)),  # one sign-in page, with its lockout and 2FA
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),  # monitoring: no sign-in, no second factor
]
