from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ConsignmentConfig(AppConfig):
    name = "binaumkm.consignment"
    label = "consignment"
    verbose_name = _("Titip jual")

    role_permissions = {
        "staf_dinas": [
            "consignment.view_outlet", "consignment.add_outlet", "consignment.change_outlet",
            "consignment.view_agreement", "consignment.add_agreement", "consignment.change_agreement",
            "consignment.view_delivery", "consignment.add_delivery", "consignment.view_sale", "consignment.add_sale",
            "consignment.view_settlement", "consignment.add_settlement", "consignment.change_settlement",
        ],
        "mitra_outlet": ["consignment.view_outlet", "consignment.view_sale", "consignment.add_sale"],
    }  # fmt: skip

    def navigation(self, user):
        from binaumkm.accounts.roles import Role, has_role, is_agency

        if is_agency(user):
            return [(_("Titip jual"), reverse("consignment:outlet_list"))]
        items = []
        if has_role(user, Role.OUTLET_PARTNER):
            items.append((_("Titip jual"), reverse("consignment:index")))
        if has_role(user, Role.OWNER):
            items.append((_("Titip jual"), reverse("consignment:owner_overview")))
        return items[:1]

    def home_url(self, user):
        """Outlet partners start at their outlet (registry claims staff and owners first)."""
        from binaumkm.accounts.roles import Role, has_role, is_agency

        if is_agency(user) or not has_role(user, Role.OUTLET_PARTNER):
            return None
        return reverse("consignment:index")
