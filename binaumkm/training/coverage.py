"""The coverage report (pemerataan): how evenly training reaches the binaan UMKM of each area.

- binaan: businesses in the registry, by the kelurahan of the business;
- trained: businesses that ever completed (lulus) a batch matching the filters;
- seats: registrations holding a seat (accepted, or an open offer: ``SEAT_STATUSES``) in batches
  matching the filters — the same count as the batch page's seats taken;
- first-timer seats: those seats whose holder was in tier 1 (never trained) when seated;
- Gini: of seats per binaan UMKM across kelurahan (0 = perfectly even, 1 = all in one place).
Four queries whatever the size of the data.
"""

import io
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from binaumkm.core import exports
from binaumkm.core.models import Kelurahan
from binaumkm.registry.models import Business

from .models import SEAT_STATUSES, Registration, Tier


def gini(values: list[float]) -> float:
    """Gini coefficient of non-negative values (mean absolute difference / twice the mean)."""
    n = len(values)
    if n == 0:
        return 0.0
    total = sum(values)
    if total <= 0:
        return 0.0
    ordered = sorted(values)
    # Sorted form of sum_i sum_j |x_i - x_j| / (2 n^2 mean): sum_i (2i - n - 1) x_i / (n * total)
    weighted = sum((2 * i - n - 1) * x for i, x in enumerate(ordered, start=1))
    return weighted / (n * total)


@dataclass
class AreaRow:
    name: str
    kecamatan: str = ""
    binaan: int = 0
    trained: int = 0
    seats: int = 0
    first_seats: int = 0
    code: str = ""  # the kelurahan's Kemendagri code (kelurahan rows), for the map

    def add(self, other: "AreaRow") -> None:
        self.binaan += other.binaan
        self.trained += other.trained
        self.seats += other.seats
        self.first_seats += other.first_seats

    @property
    def trained_share(self) -> float:
        return self.trained / self.binaan if self.binaan else 0.0

    @property
    def first_share(self) -> float:
        return self.first_seats / self.seats if self.seats else 0.0

    @property
    def trained_pct(self) -> float:
        return round(100 * self.trained_share, 1)

    @property
    def first_pct(self) -> float:
        return round(100 * self.first_share, 1)

    @property
    def seats_per_100(self) -> float:
        return 100 * self.seats / self.binaan if self.binaan else 0.0


@dataclass
class Coverage:
    kecamatan: list[AreaRow]
    kelurahan: list[AreaRow]
    total: AreaRow
    gini: float
    filters: dict = field(default_factory=dict)


def coverage_report(
    *,
    year: int | None = None,
    topic: str | None = None,
    registrations: QuerySet[Registration] | None = None,
    businesses: QuerySet[Business] | None = None,
) -> Coverage:
    """The report over ``registrations`` and ``businesses`` (the reader's scope; default: all)."""
    regs = Registration.objects.all() if registrations is None else registrations
    businesses = Business.objects.all() if businesses is None else businesses
    if year:
        regs = regs.filter(batch__start_date__year=year)
    if topic:
        regs = regs.filter(batch__programme__topic=topic)
    binaan = dict(
        businesses.order_by().values("kelurahan_id").annotate(n=Count("id")).values_list("kelurahan_id", "n")
    )
    trained = dict(
        regs.filter(completed=True)
        .order_by()
        .values("business__kelurahan_id")
        .annotate(n=Count("business_id", distinct=True))
        .values_list("business__kelurahan_id", "n")
    )
    seats = {
        kel: (n, first)
        for kel, n, first in regs.filter(status__in=SEAT_STATUSES)
        .order_by()
        .values("business__kelurahan_id")
        .annotate(n=Count("id"), first=Count("id", filter=Q(tier=Tier.NEW)))
        .values_list("business__kelurahan_id", "n", "first")
    }
    kelurahan_rows: list[AreaRow] = []
    by_kecamatan: dict[str, AreaRow] = {}
    for kel in Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name"):
        n_seats, n_first = seats.get(kel.pk, (0, 0))
        row = AreaRow(
            kel.name,
            kel.kecamatan.name,
            binaan.get(kel.pk, 0),
            trained.get(kel.pk, 0),
            n_seats,
            n_first,
            kel.code,
        )
        kelurahan_rows.append(row)
        by_kecamatan.setdefault(kel.kecamatan.name, AreaRow(kel.kecamatan.name)).add(row)
    total = AreaRow(_("Seluruh kota"))
    for row in by_kecamatan.values():
        total.add(row)
    index = gini([r.seats / r.binaan for r in kelurahan_rows if r.binaan])
    return Coverage(
        kecamatan=list(by_kecamatan.values()),
        kelurahan=kelurahan_rows,
        total=total,
        gini=index,
        filters={"year": year, "topic": topic},
    )


def coverage_xlsx(report: Coverage) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    header = [_("Wilayah"), _("Kecamatan"), _("UMKM binaan"), _("Pernah dilatih (lulus)"),
              _("% binaan terlatih"), _("Kursi"), _("Kursi pemula"), _("% kursi untuk pemula"),
              _("Kursi per 100 UMKM")]  # fmt: skip
    sheets = [(_("Kecamatan"), report.kecamatan + [report.total]), (_("Kelurahan"), report.kelurahan)]
    for index, (title, rows) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = str(title)
        exports.append_row(sheet, [str(h) for h in header], bold=True)
        for r in rows:  # area names and filters as text, never formulas
            exports.append_row(sheet, [r.name, r.kecamatan, r.binaan, r.trained, round(100 * r.trained_share, 1), r.seats,
                          r.first_seats, round(100 * r.first_share, 1), round(r.seats_per_100, 2)])  # fmt: skip
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = 18
    summary = book.create_sheet(str(_("Ringkasan")))
    exports.append_row(
        summary, [str(_("Indeks ketimpangan sebaran kursi antarkelurahan (Gini)")), round(report.gini, 4)]
    )
    exports.append_row(summary, [str(_("Tahun")), report.filters.get("year") or str(_("semua"))])
    exports.append_row(summary, [str(_("Topik")), report.filters.get("topic") or str(_("semua"))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
