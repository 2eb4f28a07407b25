from django.contrib.auth import views as auth_views
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from frontdoor.audit.services import audit_record

from .forms import SignInForm


@method_decorator(never_cache, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=self.request.user, action="sign_in", obj=self.request.user, summary="Signed in")
        return response


class SignOutView(auth_views.LogoutView):
    pass
