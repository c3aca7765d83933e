from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from binaumkm.core.conf import site
from binaumkm.core.net import client_ip

from . import conf
from .forms import LoginForm
from .ratelimit import Limiter


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Django's LoginView puts its own "site" (the request's host) in the context, over the
        # agency settings every page reads as "site" (title, footer).
        context["site"] = settings.BINAUMKM
        return context

    def post(self, request, *args, **kwargs):
        self.limiter = Limiter("login", request.POST.get("username", ""), client_ip(request))
        decision = self.limiter.login_check()
        if not decision.allowed:
            form = self.get_form()
            form.errors.clear()
            minutes = max(1, -(-decision.retry_after // 60))
            form.add_error(
                None,
                _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(n)d menit.") % {"n": minutes},
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(decision.retry_after)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        self.limiter.login_failed()
        return super().form_invalid(form)

    def form_valid(self, form):
        self.limiter.login_succeeded()
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Sends a reset link, at most a few per address and per e-mail address in an hour. Over the
    e-mail's budget the same "sent" page is shown (without sending), so the answer never tells
    whether the address has an account or was asked for before."""

    @property
    def extra_email_context(self):  # the e-mail closes with the agency's name (core.notify house style)
        return {"site": site()}

    def form_valid(self, form):
        limiter = Limiter("reset", form.cleaned_data["email"], client_ip(self.request))
        budget = {
            "per_identifier": conf.RESET_PER_IDENTIFIER_HOUR,
            "per_address": conf.RESET_PER_ADDRESS_HOUR,
        }
        if not limiter.hit(**budget, window=3600):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Anda telah keluar."))
        return response


def home(request):
    """The role-aware start page: each app's AppConfig may claim the user with ``home_url(user)``."""
    if request.user.is_authenticated:
        for config in apps.get_app_configs():
            home_url = getattr(config, "home_url", None)
            url = home_url(request.user) if home_url else None
            if url:
                return redirect(url)
    return render(request, "accounts/home.html")
