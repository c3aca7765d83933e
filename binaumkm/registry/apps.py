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
            "registry.verify_business", "registry.import_business", "registry.view_personal_data",
            "registry.view_presence", "registry.add_presence", "registry.change_presence",
        ],
        "admin_dinas": ["registry.delete_business", "registry.delete_product", "registry.view_importjob"],
        "pemilik_umkm": ["registry.manage_own_business"],
    }  # fmt: skip

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        items = []
        if holds(user, "registry.view_business"):
            items += [
                (_("Dasbor"), reverse("registry:staff_dashboard")),
                (_("UMKM"), reverse("registry:business_list")),
                (_("Peta"), reverse("registry:area_map")),
            ]
        if holds(user, "registry.import_business"):
            items.append((_("Impor"), reverse("registry:import_start")))
        if holds(user, "registry.manage_own_business"):
            items.append((_("Usaha saya"), reverse("registry:my_businesses")))
        return items

    def home_url(self, user):
        from binaumkm.core.policy import holds

        if holds(user, "registry.view_business"):
            return reverse("registry:staff_dashboard")
        if holds(user, "registry.manage_own_business"):
            return reverse("registry:my_businesses")
        return None

    def todo_items(self, user):
        """Turnover to report and verifications (``todo_items``); digital presence: dormant shops to
        confirm (owners), broken shop links (staff)."""
        from .selectors import presence_todo_items, todo_items

        return [*todo_items(actor=user), *presence_todo_items(actor=user)]

    def timeline(self, business, since=None):
        from .selectors import business_timeline

        return business_timeline(business, since=since)

    def business_facts(self, business_ids):
        """Evidence for other modules: NIB recorded, marketplace shop, recent turnover (mentoring's
        automatic goals), see docs/architecture.md "AppConfig hooks"."""
        from .selectors import business_registry_facts

        return business_registry_facts(business_ids)

    def map_metrics(self, user):
        from binaumkm.core.hooks import MapMetric
        from binaumkm.core.policy import holds

        from .selectors import binaan_by_kelurahan

        if not holds(user, "registry.view_business"):
            return []
        return [
            MapMetric(
                "binaan", _("UMKM binaan"), "count", binaan_by_kelurahan,
                _("Jumlah UMKM binaan (belum tutup) per kelurahan."),
            )
        ]  # fmt: skip

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors import personal_data_for

        return personal_data_for(owner)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors import businesses_online

        return [FunnelStep("online", str(_("Berjualan online")), businesses_online)]

    def open_datasets(self):
        """Public aggregates this module publishes (``binaumkm.opendata``)."""
        from .open_data import open_datasets

        return open_datasets()
