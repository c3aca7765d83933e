"""The exhibition's outcome on plain rows (no database): sales per booth, sector and kecamatan, the
return on each rupiah of realised budget, the first-timers' share and the spread over kecamatan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Participant:
    assignment_id: int
    booth: str
    venue: str
    business: str
    owner: str
    sector: str  # label
    kecamatan: str
    first_timer: bool
    checked_in: bool


@dataclass(frozen=True)
class Sale:
    assignment_id: int
    date: object
    gross: int
    transactions: int
    cash: int
    qris: int
    leads: int


@dataclass
class Totals:
    gross: int = 0
    transactions: int = 0
    cash: int = 0
    qris: int = 0
    leads: int = 0
    days: int = 0
    booths: int = 0

    def add(self, sale: Sale) -> None:
        self.gross += sale.gross
        self.transactions += sale.transactions
        self.cash += sale.cash
        self.qris += sale.qris
        self.leads += sale.leads
        self.days += 1

    @property
    def qris_share(self) -> float | None:
        return round(self.qris * 100 / self.gross, 1) if self.gross else None


@dataclass
class Outcome:
    totals: Totals
    by_booth: list[tuple[Participant, Totals]]
    by_sector: list[tuple[str, Totals]]
    by_kecamatan: list[tuple[str, Totals]]
    planned: int
    realised: int
    participants: int
    first_timers: int
    first_timer_sales: int
    kecamatan_count: int
    kecamatan_total: int
    not_reported: list[Participant] = field(default_factory=list)

    @property
    def return_per_rupiah(self) -> float | None:
        """Sales for each rupiah of realised budget (e.g. 3.2: Rp3,2 of sales per Rp1 spent)."""
        return round(self.totals.gross / self.realised, 2) if self.realised else None

    @property
    def first_timer_share(self) -> float | None:
        return round(self.first_timers * 100 / self.participants, 1) if self.participants else None

    @property
    def first_timer_sales_share(self) -> float | None:
        return round(self.first_timer_sales * 100 / self.totals.gross, 1) if self.totals.gross else None

    @property
    def realisation_percent(self) -> float | None:
        return round(self.realised * 100 / self.planned, 1) if self.planned else None


def _grouped(pairs: Iterable[tuple[str, Sale | None]]) -> list[tuple[str, Totals]]:
    groups: dict[str, Totals] = defaultdict(Totals)
    for key, sale in pairs:
        if sale is not None:
            groups[key].add(sale)
        else:
            groups[key].booths += 1
    return sorted(groups.items(), key=lambda kv: (-kv[1].gross, kv[0]))


def outcome(
    participants: Sequence[Participant],
    sales: Sequence[Sale],
    *,
    planned: int,
    realised: int,
    kecamatan_total: int,
) -> Outcome:
    by_id = {p.assignment_id: p for p in participants}
    per_booth: dict[int, Totals] = {p.assignment_id: Totals(booths=1) for p in participants}
    totals = Totals(booths=len(participants))
    first_sales = 0
    for sale in sales:
        if sale.assignment_id not in by_id:
            continue
        per_booth[sale.assignment_id].add(sale)
        totals.add(sale)
        if by_id[sale.assignment_id].first_timer:
            first_sales += sale.gross
    rows = [(p, per_booth[p.assignment_id]) for p in participants]
    pairs_sector = [(p.sector, None) for p in participants] + [
        (by_id[s.assignment_id].sector, s) for s in sales if s.assignment_id in by_id
    ]
    pairs_kec = [(p.kecamatan, None) for p in participants] + [
        (by_id[s.assignment_id].kecamatan, s) for s in sales if s.assignment_id in by_id
    ]
    # A business counts once, however many booths it held.
    businesses = {p.business: p for p in participants}
    return Outcome(
        totals=totals,
        by_booth=sorted(rows, key=lambda r: (-r[1].gross, r[0].venue, r[0].booth)),
        by_sector=_grouped(pairs_sector),
        by_kecamatan=_grouped(pairs_kec),
        planned=planned,
        realised=realised,
        participants=len(businesses),
        first_timers=sum(p.first_timer for p in businesses.values()),
        first_timer_sales=first_sales,
        kecamatan_count=len({p.kecamatan for p in participants if p.kecamatan}),
        kecamatan_total=kecamatan_total,
        not_reported=[p for p, t in rows if p.checked_in and t.days == 0],
    )
