from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "binaumkm.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    role_permissions = {
        "staf_dinas": ["accounts.agency_account", "accounts.invite_user"],
        "admin_dinas": [
            "accounts.view_user", "accounts.add_user", "accounts.change_user",
            "auth.view_group", "auth.change_group", "auth.view_permission",
        ],
    }  # fmt: skip

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from django.urls import reverse

        from binaumkm.core.policy import holds

        if holds(user, "accounts.view_user"):
            return [(_("Pengguna"), reverse("accounts:user_list"))]
        return []

    def ready(self):
        from .roles import roles_sync

        # Roles are data the code depends on: keep the groups in step after every migrate. Not
        # limited to this app's signal: permissions of apps migrated later must exist first.
        post_migrate.connect(roles_sync, dispatch_uid="binaumkm.roles_sync")
