"""The digital adoption report, computed from plain presence rows (no database; the rows come from
``registry.selectors.presence_report_rows``): the funnel by stage for each group (kecamatan, sector,
size class or platform), conversion between consecutive stages, median days from "assisted" to
"first sale", and per platform the share "actually selling" (first sale or active) of those that
have an account. Going digital is measured by selling, not by having an account."""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import exports
from binaumkm.registry.choices import KbliSection, SizeClass
from binaumkm.registry.platforms import FUNNEL, HAS_ACCOUNT, SELLING, STAGE_DATE_FIELD, Platform, Stage

GROUPS = ("kecamatan", "sector", "size_class", "platform")
# Short names for the chart's axis, so that six fit under the bars on a 360 px phone.
SHORT = {
    Stage.PLANNED: gettext_lazy("Rencana"), Stage.ASSISTED: gettext_lazy("Dampingan"), Stage.ACCOUNT: gettext_lazy("Akun"),
    Stage.FIRST_LISTING: gettext_lazy("Tayang"), Stage.FIRST_SALE: gettext_lazy("Laku"), Stage.ACTIVE: gettext_lazy("Aktif"),
}  # fmt: skip
ORDER = {stage: i for i, stage in enumerate(FUNNEL)}


def reached(row: dict) -> list[bool]:
    """Which funnel stages the presence has reached: by its current stage, or a date recorded for a
    stage (a dormant or closed shop keeps the stages it went through)."""
    stage = row["stage"]
    current = ORDER.get(stage, -1)
    if stage == Stage.DORMANT:
        current = ORDER[Stage.ACCOUNT]
    marks = []
    for i, funnel_stage in enumerate(FUNNEL):
        dated = row.get(STAGE_DATE_FIELD[funnel_stage]) is not None
        marks.append(i <= current or dated)
    # A later stage implies the earlier ones (an owner may record a first sale without its account date).
    for i in range(len(marks) - 2, -1, -1):
        marks[i] = marks[i] or marks[i + 1]
    return marks


@dataclass
class FunnelRow:
    name: str
    counts: list[int] = field(default_factory=lambda: [0] * len(FUNNEL))
    days: list[int] = field(default_factory=list)
    businesses: set = field(default_factory=set)

    @property
    def conversions(self) -> list[float | None]:
        """Share (0–1) of those at each stage that reached the next one; None where none were there."""
        return [(b / a if a else None) for a, b in zip(self.counts, self.counts[1:], strict=False)]

    @property
    def cells(self) -> list[tuple[int, float | None]]:
        """(count, percent of the previous stage's count) per funnel stage, for the page."""
        percents = [None, *(None if c is None else 100 * c for c in self.conversions)]
        return list(zip(self.counts, percents, strict=True))

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass
class PlatformRow:
    name: str
    has_account: int = 0
    selling: int = 0

    @property
    def selling_share(self) -> float | None:
        return self.selling / self.has_account if self.has_account else None

    @property
    def selling_percent(self) -> float | None:
        share = self.selling_share
        return None if share is None else 100 * share


@dataclass
class Adoption:
    group_by: str
    groups: list[FunnelRow]
    total: FunnelRow
    platforms: list[PlatformRow]


def _group_name(row: dict, group_by: str) -> str:
    value = row.get(group_by) or ""
    if group_by == "platform":
        return str(Platform(value).label) if value in Platform.values else value
    if group_by == "sector":
        return f"{value} – {KbliSection(value).label}" if value in KbliSection.values else (value or "–")
    if group_by == "size_class":
        return str(SizeClass(value).label) if value in SizeClass.values else _("belum dihitung")
    return value or "–"


def adoption(rows: list[dict], *, group_by: str = "kecamatan") -> Adoption:
    if group_by not in GROUPS:
        group_by = "kecamatan"
    groups: dict[str, FunnelRow] = {}
    total = FunnelRow(_("Semua"))
    platforms = {p: PlatformRow(str(label)) for p, label in Platform.choices}
    for row in rows:
        name = _group_name(row, group_by)
        group = groups.setdefault(name, FunnelRow(name))
        marks = reached(row)
        days = None
        if row.get("assisted_on") and row.get("first_sale_on") and row["first_sale_on"] >= row["assisted_on"]:
            days = (row["first_sale_on"] - row["assisted_on"]).days
        for target in (group, total):
            target.counts = [c + m for c, m in zip(target.counts, marks, strict=True)]
            target.businesses.add(row["business_id"])
            if days is not None:
                target.days.append(days)
        platform = platforms.get(row["platform"])
        if platform is not None:
            platform.has_account += row["stage"] in HAS_ACCOUNT or marks[ORDER[Stage.ACCOUNT]]
            platform.selling += row["stage"] in SELLING
    return Adoption(
        group_by=group_by,
        groups=sorted(groups.values(), key=lambda g: g.name),
        total=total,
        platforms=[p for p in platforms.values() if p.has_account],
    )


def _percent(share: float | None) -> float | str:
    return round(100 * share, 1) if share is not None else ""


def adoption_xlsx(report: Adoption, *, group_label: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    funnel = book.active
    funnel.title = str(_("Corong"))
    stages = [str(stage.label) for stage in FUNNEL]
    steps = [f"% {a} → {b}" for a, b in zip(stages, stages[1:], strict=False)]
    exports.append_row(
        funnel,
        [group_label, _("UMKM"), *stages, *steps, _("Median hari didampingi → penjualan pertama")],
        bold=True,
    )
    for group in [*report.groups, report.total]:  # area and sector names as text, never formulas
        exports.append_row(funnel, [group.name, len(group.businesses), *group.counts,
                                    *[_percent(c) for c in group.conversions], group.median_days or ""])  # fmt: skip
    funnel.column_dimensions["A"].width = 28
    sheet = book.create_sheet(str(_("Per platform")))
    exports.append_row(
        sheet, [_("Platform"), _("Punya akun"), _("Benar-benar berjualan"), _("% berjualan")], bold=True
    )
    for p in report.platforms:
        exports.append_row(sheet, [p.name, p.has_account, p.selling, _percent(p.selling_share)])
    sheet.column_dimensions["A"].width = 26
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
