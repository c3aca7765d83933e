"""Why an application stands where it does, in sentences the applicant can check (no database): the
automatic checks, the curation, the tier, the weight, which quota or pool gave the booth, or the
waiting-list position, and the published seed that reproduces the draw."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Pool, Status, Tier


@dataclass(frozen=True)
class Facts:
    status: str
    problems: tuple[str, ...] = ()
    curation_score: float | None = None
    threshold: int = 0
    weighted: bool = False
    weight: float | None = None
    tier: int | None = None
    first_timer_priority: bool = True
    rotation_months: int = 0
    pool: str = ""
    rank: int | None = None
    kecamatan: str = ""
    sector: str = ""
    quotas: dict[str, int] = field(default_factory=dict)  # the booths reserved for their kecamatan/sector
    seed: int | None = None
    published: str = ""  # when the draw was published, in words
    position: int | None = None  # on the waiting list


def explain(f: Facts) -> list[str]:
    lines: list[str] = []
    if f.status in (Status.SUBMITTED, Status.INELIGIBLE) and f.problems:
        lines.append(_("Syarat yang belum terpenuhi: %(list)s") % {"list": " ".join(f.problems)})
    if f.curation_score is not None:
        lines.append(_("Nilai kurasi gabungan: %(score)s dari 100.") % {"score": f"{f.curation_score:g}"})
    if f.status == Status.NOT_PASSED:
        lines.append(
            _("Nilai itu di bawah batas %(t)d yang ditetapkan untuk acara ini.") % {"t": f.threshold}
        )
    if f.rank is None:
        return lines
    if f.tier is not None:
        lines.append(
            _("Tingkat prioritas %(tier)d: %(label)s.") % {"tier": f.tier, "label": Tier(f.tier).label}
        )
        if f.tier == Tier.ROTATION:
            lines.append(
                _(
                    "Rotasi: yang ikut pameran dinas dalam %(n)d bulan terakhir ditempatkan setelah pendaftar lain."
                )
                % {"n": f.rotation_months}
            )
        elif f.first_timer_priority:
            lines.append(_("Yang belum pernah ikut pameran dinas didahulukan."))
    if f.weighted and f.weight is not None:
        lines.append(_("Nilai kurasi menjadi bobot undian (%(w)s): nilai dua kali lebih tinggi, peluang dua kali lebih besar.")
                     % {"w": f"{f.weight:.2f}"})  # fmt: skip
    names = {
        "kec": f.kecamatan,
        "sector": f.sector,
        "nk": f.quotas.get(Pool.KECAMATAN, 0),
        "ns": f.quotas.get(Pool.SECTOR, 0),
    }
    if f.pool == Pool.KECAMATAN:
        lines.append(_("Booth dari kuota Kecamatan %(kec)s (%(nk)s booth, sebanding dengan UMKM binaan yang memenuhi "
                       "syarat di kecamatan itu).") % names)  # fmt: skip
    elif f.pool == Pool.SECTOR:
        lines.append(_("Booth dari kuota sektor %(sector)s (%(ns)s booth).") % names)
    elif f.pool == Pool.OPEN:
        lines.append(_("Kuota Kecamatan %(kec)s (%(nk)s booth) dan sektor %(sector)s (%(ns)s booth) sudah terisi "
                       "pendaftar yang lebih dahulu dalam urutan; Anda mendapat booth umum.") % names)  # fmt: skip
    elif f.pool == Pool.WAITLIST:
        lines.append(_("Booth dari daftar tunggu: booth yang dilepas peserta lain ditawarkan kepada Anda."))
    if f.status == Status.WAITLISTED:
        if f.position:
            lines.append(_("Nomor daftar tunggu: %(n)d.") % {"n": f.position})
        lines.append(_("Kuota Kecamatan %(kec)s, kuota sektor %(sector)s dan booth umum sudah terisi pendaftar dengan "
                       "tingkat prioritas lebih tinggi atau nomor undian lebih baik.") % names)  # fmt: skip
        lines.append(_("Bila ada booth yang dilepas, booth itu ditawarkan sesuai urutan daftar tunggu."))
    if f.seed is not None:
        lines.append(
            _("Urutan alokasi ke-%(rank)d; undian dengan kode undian %(seed)d, diumumkan %(when)s. Undian yang sama dapat "
              "diulang siapa pun dengan kode undian itu.") % {"rank": f.rank, "seed": f.seed, "when": f.published}
        )  # fmt: skip
    return lines
