from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "binaumkm.api"
    label = "api"
    verbose_name = _("API")

    # Every role may hold a personal API token: what it reads is what that role's pages show.
    role_permissions = {
        role: ["api.use_api"]
        for role in (
            "admin_dinas", "staf_dinas", "pemilik_umkm", "mitra_toko", "mitra_outlet", "pendamping",
            "petugas_bank",
        )
    }  # fmt: skip

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        return [(_("Token API"), reverse("api:tokens"))] if holds(user, "api.use_api") else []
