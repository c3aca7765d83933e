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
            "consignment.add_stockentry", "consignment.adjust_stock",
            "consignment.view_settlement", "consignment.add_settlement", "consignment.change_settlement",
        ],
        "mitra_outlet": ["consignment.manage_own_outlet"],
        "pemilik_umkm": ["consignment.view_own_consignment"],
    }  # fmt: skip

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        from .policy import OWN_GOODS, OWN_OUTLET, VIEW_OUTLET

        if holds(user, VIEW_OUTLET):
            return [(_("Titip jual"), reverse("consignment:outlet_list"))]
        if holds(user, OWN_OUTLET):
            return [(_("Titip jual"), reverse("consignment:index"))]
        if holds(user, OWN_GOODS):
            return [(_("Titip jual"), reverse("consignment:owner_overview"))]
        return []

    def timeline(self, business, since=None):
        """A UMKM's consignment agreements, deliveries and payouts (docs/architecture.md "AppConfig hooks")."""
        from .selectors import business_timeline

        return business_timeline(business, since=since)

    def where_to_buy(self, product_ids):
        """The active outlets holding each product in stock now, unexpired (public catalogue)."""
        from .selectors import outlets_stocking

        return outlets_stocking(product_ids)

    def home_url(self, user):
        """Outlet partners start at their outlet (registry claims staff and owners first)."""
        from binaumkm.core.policy import holds

        from .policy import OWN_OUTLET, VIEW_OUTLET

        if holds(user, OWN_OUTLET) and not holds(user, VIEW_OUTLET):
            return reverse("consignment:index")
        return None

    def todo_items(self, user):
        from .todo import todo_items

        return todo_items(actor=user)

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors import personal_data_for

        return personal_data_for(owner)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors import businesses_consigned

        return [FunnelStep("consignment", str(_("Titip jual")), businesses_consigned)]

    def open_datasets(self):
        """Public aggregates this module publishes (``binaumkm.opendata``)."""
        from .open_data import open_datasets

        return open_datasets()

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "consignment.view_sale"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
