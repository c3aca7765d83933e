from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "binaumkm.registry"
    label = "registry"
    verbose_name = _("Registri UMKM")

    role_permissions = {
        "staf_dinas": [
            "registry.view_business", "registry.add_business", "registry.change_business",
            "registry.view_owner", "registry.add_owner", "registry.change_owner",
            "registry.view_product", "registry.add_product", "registry.change_product",
            "registry.view_turnoverreport", "registry.add_turnoverreport", "registry.change_turnoverreport",
            "registry.verify_business", "registry.import_business",
        ],
        "admin_dinas": ["registry.delete_business", "registry.delete_product", "registry.view_full_nik"],
    }  # fmt: skip

    def navigation(self, user):
        from binaumkm.accounts.roles import Role, has_role, is_agency

        items = []
        if is_agency(user):
            items += [
                (_("Dasbor"), reverse("registry:staff_dashboard")),
                (_("UMKM"), reverse("registry:business_list")),
                (_("Impor"), reverse("registry:import_start")),
            ]
        if has_role(user, Role.OWNER):
            items.append((_("Usaha saya"), reverse("registry:my_businesses")))
        return items

    def home_url(self, user):
        from binaumkm.accounts.roles import Role, has_role, is_agency

        if is_agency(user):
            return reverse("registry:staff_dashboard")
        if has_role(user, Role.OWNER):
            return reverse("registry:my_businesses")
        return None
