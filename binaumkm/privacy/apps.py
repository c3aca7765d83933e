from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "binaumkm.privacy"
    label = "privacy"
    verbose_name = _("Pelindungan data pribadi")

    role_permissions = {
        "staf_dinas": ["privacy.view_datarequest", "privacy.process_datarequest", "privacy.add_consent"],
        "admin_dinas": ["privacy.view_personal_data_log", "privacy.add_privacynotice"],
    }

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds
        from binaumkm.registry.policy import OWN

        items = []
        if holds(user, "privacy.view_datarequest"):
            items.append((_("Permintaan data"), reverse("privacy:request_queue")))
        if holds(user, "privacy.view_personal_data_log"):
            items.append((_("Log akses NIK"), reverse("privacy:access_log")))
        if holds(user, OWN):
            items.append((_("Data saya"), reverse("privacy:my_data")))
        return items

    def owner_signed_up(self, owner):
        """Store the consent ticked on the sign-up form (registry calls this inside its transaction)."""
        from .services import consent_on_signup

        return consent_on_signup(owner)

    def todo_items(self, user):
        from .selectors import todo_items

        return todo_items(actor=user)
