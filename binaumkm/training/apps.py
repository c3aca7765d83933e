from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MODELS = ("programme", "batch", "session", "registration", "attendance", "certificate")


class TrainingConfig(AppConfig):
    name = "binaumkm.training"
    label = "training"
    verbose_name = _("Pelatihan")

    role_permissions = {
        "staf_dinas": [
            *(f"training.{verb}_{model}" for model in MODELS for verb in ("view", "add", "change")),
            # Staff remove what has no registrations yet (the services refuse otherwise).
            "training.delete_programme",
            "training.delete_batch",
            "training.delete_session",
            "training.delete_attendance",
        ],
        "admin_dinas": ["training.delete_registration", "training.delete_certificate"],
        "pemilik_umkm": ["training.register_own_business"],
    }

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        from .policy import OWN

        if holds(user, "training.view_programme"):
            return [(_("Pelatihan"), reverse("training:programme_list"))]
        if holds(user, OWN):
            return [(_("Pelatihan"), reverse("training:index"))]
        return []

    def timeline(self, business, since=None):
        """A UMKM's registrations, results and certificates (docs/architecture.md "AppConfig hooks")."""
        from .selectors import business_timeline

        return business_timeline(business, since=since)

    def business_facts(self, business_ids):
        """Evidence for other modules' eligibility rules (financing: training as an alternative to
        business age), see docs/architecture.md "AppConfig hooks"."""
        from .selectors import business_training_facts

        return business_training_facts(business_ids)

    def todo_items(self, user):
        from .selectors import todo_items

        return todo_items(actor=user)

    def home_url(self, user):
        """The registry claims staff and owners first (it comes earlier in INSTALLED_APPS);
        training has no role of its own to send home."""
        return None

    def map_metrics(self, user):
        """Training coverage per kelurahan for the map of the city (``core.hooks.MapMetric``)."""
        from binaumkm.core.hooks import MapMetric
        from binaumkm.core.policy import holds

        from .selectors import seats_per_100_by_kelurahan, trained_share_by_kelurahan

        if not holds(user, "training.view_registration"):
            return []
        return [
            MapMetric("pelatihan", _("% UMKM binaan pernah lulus pelatihan"), "percent", trained_share_by_kelurahan,
                      _("Bagian UMKM binaan kelurahan itu yang pernah lulus pelatihan dinas.")),
            MapMetric("kursi", _("Kursi pelatihan per 100 UMKM binaan"), "count", seats_per_100_by_kelurahan,
                      _("Kursi pelatihan yang diterima UMKM kelurahan itu per 100 UMKM binaan.")),
        ]  # fmt: skip

    def personal_data(self, owner):
        """What this module holds about one owner (their "Data saya", see ``privacy``)."""
        from .selectors import personal_data_for

        return personal_data_for(owner)

    def outcome_steps(self):
        from binaumkm.core.hooks import FunnelStep

        from .selectors import businesses_trained

        return [FunnelStep("trained", str(_("Lulus pelatihan")), businesses_trained)]

    def open_datasets(self):
        """Public aggregates this module publishes (``binaumkm.opendata``)."""
        from .open_data import open_datasets

        return open_datasets()

    def leadership_lines(self, user):
        """This module's line on the leadership dashboard (``core.hooks.LeadershipLine``)."""
        from binaumkm.core.policy import holds

        if not holds(user, "training.view_registration"):
            return []
        from .leadership import leadership_line

        return [leadership_line(actor=user)]
