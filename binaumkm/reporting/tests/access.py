"""Access declarations of reporting's pages, and its part of the shared world: one month of
snapshots (so the exports answer with a workbook). Agency staff and admins only."""

import datetime

from binaumkm.core.tests.site_access import STAFF, Url


def build(world):
    from binaumkm.reporting.models import Snapshot, SnapshotRun

    month = datetime.date(2026, 1, 1)
    Snapshot.objects.create(month=month, kelurahan=world.business.kelurahan, kbli_section="C", size_class="mikro",
                            band=2, help_bits=1, registered=3, verified=3, closed=0, no_baseline=0, no_recent=0,
                            assessed=3, recovered=2)  # fmt: skip
    SnapshotRun.objects.create(requested_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC), state="selesai",
                               finished_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC), last_month=month,
                               steps=[[0, "trained", "Lulus pelatihan"]])  # fmt: skip


URLS = {
    "reporting:outcomes": Url(STAFF, query="?bulan=2026-01-01"),
    "reporting:outcomes_export": Url(STAFF),
    "reporting:funnel": Url(STAFF),
    "reporting:funnel_export": Url(STAFF),
    "reporting:dashboard": Url(STAFF),
    "reporting:dashboard_pdf": Url(STAFF),
    "reporting:dashboard_xlsx": Url(STAFF),
    "reporting:refresh": Url(STAFF, methods=("POST",)),
}
