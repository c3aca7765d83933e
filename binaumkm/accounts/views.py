from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import ratelimit
from .forms import LoginForm


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


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
        identifier = request.POST.get("username", "")
        if ratelimit.is_blocked(identifier, client_ip(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimit.register_failure(self.request.POST.get("username", ""), client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        ratelimit.reset(self.request.POST.get("username", ""), client_ip(self.request))
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
