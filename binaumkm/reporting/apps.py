from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Outcomes and the funnel: reads every module through the ``outcome_steps`` hook and the registry's
    turnover, keeps monthly snapshots (docs/reporting.md). Holds no module's business rules."""

    name = "binaumkm.reporting"
    label = "reporting"
    verbose_name = _("Laporan hasil")

    role_permissions = {
        "admin_dinas": ["reporting.view_outcomes", "reporting.refresh_snapshots"],
        "staf_dinas": ["reporting.view_outcomes", "reporting.refresh_snapshots"],
    }

    navigation_by_permission = True  # navigation() reads only permissions (core.context_processors)

    def navigation(self, user):
        from binaumkm.core.policy import holds

        if not holds(user, "reporting.view_outcomes"):
            return []
        return [
            (_("Dasbor pimpinan"), reverse("reporting:dashboard")),
            (_("Hasil pembinaan"), reverse("reporting:outcomes")),
            (_("Corong pembinaan"), reverse("reporting:funnel")),
        ]

    def map_metrics(self, user):
        from binaumkm.core.hooks import MapMetric
        from binaumkm.core.policy import holds

        from .selectors import recovered_share_by_kelurahan

        if not holds(user, "reporting.view_outcomes"):
            return []
        return [
            MapMetric(
                "pulih", _("UMKM pulih (%)"), "percent", recovered_share_by_kelurahan,
                _("Persentase UMKM yang omzetnya pulih (bulan terakhir di snapshot), dari UMKM yang dapat dinilai."),
            )
        ]  # fmt: skip

    def open_datasets(self):
        """Recovery per kelurahan and month for the public (``binaumkm.opendata``)."""
        from .open_data import open_datasets

        return open_datasets()
