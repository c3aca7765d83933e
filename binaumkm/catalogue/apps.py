from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CURATE = "catalogue.curate_listing"
OWN = "catalogue.list_own_products"


class CatalogueConfig(AppConfig):
    name = "binaumkm.catalogue"
    label = "catalogue"
    verbose_name = _("Katalog produk")

    role_permissions = {
        "staf_dinas": ["catalogue.view_listing", CURATE],
        "pemilik_umkm": [OWN],
    }

    def navigation(self, user):
        from binaumkm.core.policy import holds

        items = []
        if holds(user, CURATE):
            items.append((_("Kurasi katalog"), reverse("catalogue:curation_queue")))
        if holds(user, "registry.view_presence"):
            items.append((_("Adopsi digital"), reverse("catalogue:adoption_report")))
        if holds(user, OWN):
            items.append((_("Katalog saya"), reverse("catalogue:my_listings")))
        return items

    def todo_items(self, user):
        from . import selectors

        return selectors.todo_items(actor=user)

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "registry.view_presence"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
