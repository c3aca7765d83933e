from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "binaumkm.partnerships"
    label = "partnerships"
    verbose_name = _("Kemitraan toko modern")

    role_permissions = {
        "staf_dinas": [
            "partnerships.view_store", "partnerships.add_store", "partnerships.change_store",
            "partnerships.view_partnership", "partnerships.add_partnership", "partnerships.change_partnership",
            "partnerships.view_warningletter", "partnerships.add_warningletter", "partnerships.change_warningletter",
            "partnerships.send_warning_letter", "partnerships.view_matchrun", "partnerships.add_matchrun",
        ],
        "admin_dinas": ["partnerships.delete_store", "partnerships.delete_partnership"],
        "mitra_toko": ["partnerships.manage_own_store"],
        "pemilik_umkm": ["partnerships.manage_own_partnership"],
    }  # fmt: skip

    def ready(self):
        from . import signals

        signals.connect()

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        from .policy import OWN_PARTNERSHIP, OWN_STORE

        items = []
        if holds(user, "partnerships.view_store"):
            items.append((_("Toko modern"), reverse("partnerships:dashboard")))
        if holds(user, OWN_STORE):
            items.append((_("Toko saya"), reverse("partnerships:portal")))
        if holds(user, OWN_PARTNERSHIP):
            items.append((_("Kemitraan"), reverse("partnerships:my_offers")))
        return items

    def todo_items(self, user):
        from .selectors import todo_items

        return todo_items(actor=user)

    def timeline(self, business, since=None):
        """A UMKM's partnerships with modern stores (docs/architecture.md "AppConfig hooks")."""
        from .selectors import business_timeline

        return business_timeline(business, since=since)

    def where_to_buy(self, product_ids):
        """The open stores displaying each product under an active partnership (public catalogue)."""
        from .selectors import stores_displaying

        return stores_displaying(product_ids)

    def home_url(self, user):
        from binaumkm.core.policy import holds

        from .policy import OWN_STORE

        if holds(user, OWN_STORE):
            return reverse("partnerships:portal")
        return None

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors import personal_data_for

        return personal_data_for(owner)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors import businesses_in_store_partnership

        return [
            FunnelStep(
                "store_partnership", str(_("Bermitra dengan toko modern")), businesses_in_store_partnership
            )
        ]

    def open_datasets(self):
        """Public aggregates this module publishes (``binaumkm.opendata``)."""
        from .open_data import open_datasets

        return open_datasets()

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "partnerships.view_store"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
