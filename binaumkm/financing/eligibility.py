"""Eligibility that explains itself: one UMKM against one scheme's terms, answered as eligible /
not yet / not eligible, each reason in plain words with the step that would change it.

Pure: plain data in (``Applicant`` built by ``selectors.precheck``, ``Terms`` from a scheme), no
database. A scheme's ``rules`` and ``documents`` are data kept by staff:

    rules = [
        {"kind": "min_months", "months": 6, "alt_months": 3, "alt_facts": ["completed_training"]},
        {"kind": "size_classes", "allowed": ["mikro", "kecil"]},
        {"kind": "statuses", "allowed": ["aktif", "stagnan"]},
        {"kind": "city_resident"},
        {"kind": "no_active_credit", "families": ["KUR"]},   # [] = any productive loan
    ]
    documents = [{"any": ["ktp"]}, {"any": ["nib", "sku"]}, {"any": ["npwp"], "above": 50_000_000}]

``assess(..., explain=False)`` gives only the status, cheaply, for whole groups (100,000 UMKM x 5
schemes within the speed target); ``explain=True`` gives every reason, met or not, for one page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core.money import format_rupiah

ELIGIBLE, NOT_YET, NOT_ELIGIBLE = "layak", "belum", "tidak"
STATUS_LABELS = {
    ELIGIBLE: gettext_lazy("Memenuhi syarat"),
    NOT_YET: gettext_lazy("Belum memenuhi"),
    NOT_ELIGIBLE: gettext_lazy("Tidak memenuhi"),
}
_RANK = {ELIGIBLE: 0, NOT_YET: 1, NOT_ELIGIBLE: 2}

# Evidence from other modules (``business_facts`` hooks) that may stand in for business age.
FACT_LABELS = {
    "completed_training": gettext_lazy("lulus pelatihan dinas"),
    "mentored": gettext_lazy("didampingi pendamping dinas"),
    "business_group": gettext_lazy("tergabung dalam kelompok usaha"),
}
FACT_STEPS = {
    "completed_training": gettext_lazy("ikuti pelatihan di menu Pelatihan"),
    "mentored": gettext_lazy("minta pendampingan ke dinas"),
    "business_group": gettext_lazy("bergabung dengan kelompok usaha di kelurahan"),
}
DOCUMENT_LABELS = {
    "ktp": gettext_lazy("KTP"),
    "kk": gettext_lazy("KK"),
    "nib": gettext_lazy("NIB"),
    "sku": gettext_lazy("SKU kelurahan"),
    "npwp": gettext_lazy("NPWP"),
    "foto_usaha": gettext_lazy("foto usaha"),
    "catatan_keuangan": gettext_lazy("catatan keuangan"),
}
DOCUMENT_STEPS = {
    "ktp": gettext_lazy("unggah foto KTP elektronik"),
    "kk": gettext_lazy("unggah foto kartu keluarga"),
    "nib": gettext_lazy("urus NIB gratis di oss.go.id, lalu unggah di sini"),
    "sku": gettext_lazy("minta surat keterangan usaha di kantor kelurahan, lalu unggah di sini"),
    "npwp": gettext_lazy("daftar NPWP di pajak.go.id (orang pribadi memakai NIK), lalu unggah di sini"),
    "foto_usaha": gettext_lazy("unggah foto tempat usaha atau produk"),
    "catatan_keuangan": gettext_lazy("unggah catatan penjualan tiga bulan terakhir"),
}
STARTED_SOURCES = {
    "turnover": gettext_lazy("laporan omzet pertama"),
    "document": gettext_lazy("tanggal terbit NIB/SKU"),
    "binaan": gettext_lazy("tanggal menjadi binaan"),
    "year_founded": gettext_lazy("tahun berdiri"),
}
RULE_KINDS = ("min_months", "size_classes", "statuses", "city_resident", "no_active_credit")


@dataclass(frozen=True, slots=True)
class Paper:
    """A current document of the business (not replaced, not rejected)."""

    kind: str
    verified: bool
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    address_in_city: bool | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """A productive loan disbursed through a referral and not yet closed."""

    family: str
    scheme: str
    since: datetime.date | None


@dataclass(slots=True)
class Applicant:
    business_id: int
    verification: str
    status: str
    size_class: str
    nik: str
    started: tuple[datetime.date, str] | None = None  # (date, source in STARTED_SOURCES)
    papers: dict[str, Paper] = field(default_factory=dict)
    facts: Mapping[str, Any] = field(default_factory=dict)
    credits: tuple[Credit, ...] = ()


@dataclass(frozen=True, slots=True)
class Terms:
    scheme_id: int
    name: str
    family: str
    amount_min: int
    amount_max: int
    rules: tuple[Mapping[str, Any], ...] = ()
    documents: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def build(
        cls,
        *,
        scheme_id: int,
        name: str,
        family: str,
        amount_min: int,
        amount_max: int,
        rules: Sequence[Mapping[str, Any]],
        documents: Sequence[Mapping[str, Any]],
    ) -> Terms:
        """Terms with the scheme's name inside each rule (the reasons name the scheme)."""
        return cls(scheme_id, name, family, amount_min, amount_max,
                   tuple({**rule, "_scheme": name} for rule in rules), tuple(documents))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    today: datetime.date
    city_nik_prefix: str  # "3372"
    city_name: str
    amount: int | None = None  # the amount asked for, where known (referrals)


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str
    outcome: str  # ELIGIBLE when met
    text: str
    step: str = ""
    documents: tuple[str, ...] = ()  # document kinds whose upload would meet it

    @property
    def met(self) -> bool:
        return self.outcome == ELIGIBLE


@dataclass(slots=True)
class Assessment:
    status: str
    reasons: list[Reason]

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def unmet(self) -> list[Reason]:
        return [r for r in self.reasons if not r.met]

    @property
    def met(self) -> list[Reason]:
        return [r for r in self.reasons if r.met]

    @property
    def missing_documents_only(self) -> bool:
        """Not yet eligible only for papers the owner can upload now."""
        return self.status != NOT_ELIGIBLE and all(r.rule == "documents" for r in self.unmet)


Check = Callable[[Applicant, Mapping[str, Any], Context, bool], tuple[str, Reason | None]]


# --- Helpers --------------------------------------------------------------------------------------


def months_between(start: datetime.date, today: datetime.date) -> int:
    months = (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
    return max(months, 0)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(day: datetime.date) -> str:
    return date_format(day, "j M Y")


def _or_list(labels: Sequence[str]) -> str:
    labels = [str(label) for label in labels]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(head)s atau %(last)s") % {"head": ", ".join(labels[:-1]), "last": labels[-1]}


def business_started(*, year_founded: int | None, binaan_since: datetime.date | None,
                     first_turnover: datetime.date | None, papers: Mapping[str, Paper],
                     today: datetime.date) -> tuple[datetime.date, str] | None:  # fmt: skip
    """The earliest day the business is known to have been running, and what shows it: its first
    turnover report, the issue date of its NIB or SKU, the day it joined the programme, or the year
    it was founded (at the latest that year's last day)."""
    candidates = []
    if first_turnover:
        candidates.append((first_turnover, "turnover"))
    for kind in ("nib", "sku"):
        paper = papers.get(kind)
        if paper is not None and paper.issued_on:
            candidates.append((paper.issued_on, "document"))
    if binaan_since:
        candidates.append((binaan_since, "binaan"))
    if year_founded:
        candidates.append((min(datetime.date(year_founded, 12, 31), today), "year_founded"))
    return min(candidates) if candidates else None


# --- The base rule every scheme shares: the agency knows the business --------------------------------


def check_registered(app: Applicant, ctx: Context, explain: bool) -> tuple[str, Reason | None]:
    if app.status == "tutup":
        return NOT_ELIGIBLE, explain and Reason(
            "registered", NOT_ELIGIBLE, _("Usaha ini tercatat sudah tutup."),
            _("Bila usaha berjalan lagi, minta staf dinas memperbarui statusnya."),
        ) or None  # fmt: skip
    if app.verification == "ditolak":
        return NOT_YET, explain and Reason(
            "registered", NOT_YET, _("Data usaha ditolak saat verifikasi."),
            _("Perbaiki data usaha sesuai alasan penolakan; dinas memeriksanya lagi."),
        ) or None  # fmt: skip
    if app.verification != "terverifikasi":
        return NOT_YET, explain and Reason(
            "registered", NOT_YET, _("Data usaha belum diverifikasi dinas."),
            _("Tunggu verifikasi petugas dinas (biasanya beberapa hari kerja)."),
        ) or None  # fmt: skip
    return ELIGIBLE, explain and Reason(
        "registered", ELIGIBLE, _("Usaha terdaftar dan terverifikasi dinas.")
    ) or None


# --- Rules -----------------------------------------------------------------------------------------------


def check_min_months(app: Applicant, p: Mapping[str, Any], ctx: Context, explain: bool):
    need = int(p["months"])
    alt_months = p.get("alt_months")
    alt_facts = [f for f in p.get("alt_facts", ()) if f]
    if app.started is None:
        return NOT_YET, explain and Reason(
            "min_months", NOT_YET, _("Lama usaha belum diketahui."),
            _("Isi tahun berdiri di data usaha, atau unggah NIB/SKU dengan tanggal terbitnya."),
        ) or None  # fmt: skip
    started, source = app.started
    months = months_between(started, ctx.today)
    if months >= need:
        return ELIGIBLE, explain and Reason("min_months", ELIGIBLE, _(
            "Usaha berjalan %(m)d bulan (sejak %(since)s menurut %(source)s); syarat %(need)d bulan."
        ) % {"m": months, "since": date_format(started, "M Y"), "source": STARTED_SOURCES[source], "need": need}) or None  # fmt: skip
    held = [f for f in alt_facts if app.facts.get(f)]
    if alt_facts and alt_months is not None and months >= int(alt_months):
        if held:
            return ELIGIBLE, explain and Reason("min_months", ELIGIBLE, _(
                "Usaha baru %(m)d bulan, tetapi sudah %(fact)s: memenuhi syarat %(alt)d bulan."
            ) % {"m": months, "fact": FACT_LABELS.get(held[0], held[0]), "alt": int(alt_months)}) or None  # fmt: skip
        if not explain:
            return NOT_YET, None
        return NOT_YET, Reason(
            "min_months", NOT_YET,
            _("Usaha baru %(m)d bulan: memenuhi %(scheme)s setelah %(facts)s.") % {
                "m": months, "scheme": p.get("_scheme", ""), "facts": _or_list([FACT_LABELS.get(f, f) for f in alt_facts])},
            _("%(steps)s, atau tunggu sampai %(date)s.") % {
                "steps": _first_upper(_or_list([FACT_STEPS.get(f, f) for f in alt_facts])),
                "date": _date(add_months(started, need))},
        )  # fmt: skip
    if not explain:
        return NOT_YET, None
    step = _("Memenuhi mulai %(date)s.") % {"date": _date(add_months(started, need))}
    if alt_facts and alt_months is not None:
        step += " " + _("Mulai %(date)s cukup %(alt)d bulan bila sudah %(facts)s.") % {
            "date": _date(add_months(started, int(alt_months))), "alt": int(alt_months),
            "facts": _or_list([FACT_LABELS.get(f, f) for f in alt_facts])}  # fmt: skip
    return NOT_YET, Reason(
        "min_months",
        NOT_YET,
        _("Usaha baru %(m)d bulan; syarat %(need)d bulan.") % {"m": months, "need": need},
        step,
    )


SIZE_LABELS = {"mikro": gettext_lazy("mikro"), "kecil": gettext_lazy("kecil"), "menengah": gettext_lazy("menengah"),
               "besar": gettext_lazy("di atas menengah")}  # fmt: skip
STATUS_NAMES = {
    "aktif": gettext_lazy("aktif"),
    "stagnan": gettext_lazy("stagnan"),
    "tutup": gettext_lazy("tutup"),
}


def check_size_classes(app: Applicant, p: Mapping[str, Any], ctx: Context, explain: bool):
    allowed = p.get("allowed") or []
    if not app.size_class:
        return NOT_YET, explain and Reason(
            "size_classes", NOT_YET, _("Skala usaha belum diketahui."),
            _("Isi modal usaha dan penjualan tahunan di data usaha."),
        ) or None  # fmt: skip
    outcome = ELIGIBLE if app.size_class in allowed else NOT_ELIGIBLE
    if not explain:
        return outcome, None
    names = {"size": SIZE_LABELS.get(app.size_class, app.size_class),
             "allowed": _or_list([SIZE_LABELS.get(a, a) for a in allowed])}  # fmt: skip
    if outcome == ELIGIBLE:
        return outcome, Reason("size_classes", ELIGIBLE, _("Usaha skala %(size)s.") % names)
    return outcome, Reason(
        "size_classes", NOT_ELIGIBLE, _("Usaha skala %(size)s; skema ini untuk usaha %(allowed)s.") % names
    )


def check_statuses(app: Applicant, p: Mapping[str, Any], ctx: Context, explain: bool):
    allowed = p.get("allowed") or []
    outcome = ELIGIBLE if app.status in allowed else NOT_ELIGIBLE
    if not explain:
        return outcome, None
    names = {"status": STATUS_NAMES.get(app.status, app.status),
             "allowed": _or_list([STATUS_NAMES.get(a, a) for a in allowed])}  # fmt: skip
    if outcome == ELIGIBLE:
        return outcome, Reason("statuses", ELIGIBLE, _("Status usaha %(status)s.") % names)
    return outcome, Reason(
        "statuses", NOT_ELIGIBLE, _("Status usaha %(status)s; skema ini untuk usaha %(allowed)s.") % names
    )


def check_city_resident(app: Applicant, p: Mapping[str, Any], ctx: Context, explain: bool):
    city = {"city": ctx.city_name}
    if app.nik.startswith(ctx.city_nik_prefix):
        return ELIGIBLE, explain and Reason(
            "city_resident", ELIGIBLE, _("NIK terdaftar di %(city)s.") % city
        ) or None
    papers = [app.papers[k] for k in ("kk", "ktp") if k in app.papers]
    if any(paper.address_in_city for paper in papers):
        return ELIGIBLE, explain and Reason(
            "city_resident", ELIGIBLE, _("KK/KTP beralamat di %(city)s.") % city
        ) or None
    if any(paper.address_in_city is False and paper.verified for paper in papers):
        return NOT_ELIGIBLE, explain and Reason(
            "city_resident", NOT_ELIGIBLE, _("Skema ini untuk penduduk %(city)s; KK/KTP beralamat di luar kota.") % city
        ) or None  # fmt: skip
    return NOT_YET, explain and Reason(
        "city_resident", NOT_YET, _("NIK terdaftar di luar %(city)s.") % city,
        _("Unggah KK yang beralamat di %(city)s.") % city, ("kk",),
    ) or None  # fmt: skip


def check_no_active_credit(app: Applicant, p: Mapping[str, Any], ctx: Context, explain: bool):
    families = set(p.get("families") or [])
    active = [c for c in app.credits if not families or c.family in families]
    if not active:
        return ELIGIBLE, explain and Reason(
            "no_active_credit", ELIGIBLE,
            _("Tidak ada kredit produktif aktif yang tercatat di dinas (bank tetap memeriksa SLIK OJK)."),
        ) or None  # fmt: skip
    credit = active[0]
    return NOT_ELIGIBLE, explain and Reason(
        "no_active_credit", NOT_ELIGIBLE,
        _("Masih ada kredit %(scheme)s yang cair %(since)s.") % {
            "scheme": credit.scheme, "since": _date(credit.since) if credit.since else "–"},
        _("Ajukan lagi setelah kredit itu lunas."),
    ) or None  # fmt: skip


RULES: dict[str, Check] = {
    "min_months": check_min_months,
    "size_classes": check_size_classes,
    "statuses": check_statuses,
    "city_resident": check_city_resident,
    "no_active_credit": check_no_active_credit,
}


def check_documents(app: Applicant, group: Mapping[str, Any], ctx: Context, explain: bool):
    kinds = group.get("any") or ()
    above = group.get("above")
    if above is not None and (ctx.amount is None or ctx.amount <= int(above)):
        if not explain or ctx.amount is not None:
            return ELIGIBLE, None
        labels = _or_list([DOCUMENT_LABELS.get(k, k) for k in kinds])
        return ELIGIBLE, Reason(
            "documents", ELIGIBLE,
            _("%(docs)s diperlukan bila jumlah di atas %(above)s.") % {"docs": labels, "above": format_rupiah(int(above))},
        )  # fmt: skip
    expired = None
    for kind in kinds:
        paper = app.papers.get(kind)
        if paper is None:
            continue
        if paper.expires_on is not None and paper.expires_on < ctx.today:
            expired = paper
            continue
        if not explain:
            return ELIGIBLE, None
        state = _("terverifikasi") if paper.verified else _("menunggu diperiksa dinas")
        return ELIGIBLE, Reason(
            "documents",
            ELIGIBLE,
            _("%(doc)s sudah diunggah (%(state)s).")
            % {"doc": DOCUMENT_LABELS.get(kind, kind), "state": state},
        )
    if not explain:
        return NOT_YET, None
    labels = _or_list([DOCUMENT_LABELS.get(k, k) for k in kinds])
    if expired is not None:
        return NOT_YET, Reason(
            "documents", NOT_YET,
            _("%(doc)s sudah tidak berlaku sejak %(date)s.") % {
                "doc": DOCUMENT_LABELS.get(expired.kind, expired.kind), "date": _date(expired.expires_on or ctx.today)},
            _("Urus yang baru, lalu unggah di sini."), tuple(kinds),
        )  # fmt: skip
    return NOT_YET, Reason(
        "documents",
        NOT_YET,
        _("%(docs)s belum ada") % {"docs": labels},
        _first_upper(_or_list([DOCUMENT_STEPS.get(k, k) for k in kinds])) + ".",
        tuple(kinds),
    )


def assess(app: Applicant, terms: Terms, ctx: Context, *, explain: bool = True) -> Assessment:
    """The status of ``app`` for ``terms``; with ``explain`` every reason, met or not."""
    worst = ELIGIBLE
    reasons: list[Reason] = []
    outcome, reason = check_registered(app, ctx, explain)
    worst = outcome
    if reason:
        reasons.append(reason)
    for rule in terms.rules:
        outcome, reason = RULES[rule["kind"]](app, rule, ctx, explain)
        if _RANK[outcome] > _RANK[worst]:
            worst = outcome
            if worst == NOT_ELIGIBLE and not explain:
                return Assessment(worst, [])
        if reason:
            reasons.append(reason)
    for group in terms.documents:
        outcome, reason = check_documents(app, group, ctx, explain)
        if _RANK[outcome] > _RANK[worst]:
            worst = outcome
        if reason:
            reasons.append(reason)
    if explain and ctx.amount is not None and not (terms.amount_min <= ctx.amount <= terms.amount_max):
        worst = NOT_ELIGIBLE if _RANK[worst] < _RANK[NOT_ELIGIBLE] else worst
        reasons.append(Reason("amount", NOT_ELIGIBLE, amount_problem(terms, ctx.amount)))
    # Unmet reasons first (the worst first), then what is already met.
    reasons.sort(key=lambda r: -_RANK[r.outcome])
    return Assessment(worst, reasons)


def amount_problem(terms: Terms, amount: int) -> str:
    return _("Jumlah %(amount)s di luar batas skema (%(low)s – %(high)s).") % {
        "amount": format_rupiah(amount), "low": format_rupiah(terms.amount_min),
        "high": format_rupiah(terms.amount_max),
    }  # fmt: skip


# --- The terms in plain words (public catalogue) and their validation ----------------------------------


def requirement_texts(
    rules: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]], *, city: str
) -> list[str]:
    texts = [_("Usaha terdaftar sebagai UMKM binaan dan terverifikasi dinas.")]
    for rule in rules:
        kind = rule.get("kind")
        if kind == "min_months":
            text = _("Usaha sudah berjalan paling sedikit %(n)d bulan") % {"n": int(rule["months"])}
            if rule.get("alt_facts") and rule.get("alt_months") is not None:
                text += _(" (cukup %(n)d bulan bila sudah %(facts)s)") % {
                    "n": int(rule["alt_months"]), "facts": _or_list([FACT_LABELS.get(f, f) for f in rule["alt_facts"]])}  # fmt: skip
            texts.append(text + ".")
        elif kind == "size_classes":
            texts.append(
                _("Skala usaha: %(s)s.")
                % {"s": _or_list([SIZE_LABELS.get(a, a) for a in rule.get("allowed", [])])}
            )
        elif kind == "statuses":
            texts.append(
                _("Status usaha: %(s)s.")
                % {"s": _or_list([STATUS_NAMES.get(a, a) for a in rule.get("allowed", [])])}
            )
        elif kind == "city_resident":
            texts.append(_("Penduduk %(city)s (NIK atau KK).") % {"city": city})
        elif kind == "no_active_credit":
            fam = rule.get("families") or []
            texts.append(_("Tidak sedang memiliki kredit produktif lain%(fam)s; riwayat kredit diperiksa bank (SLIK OJK).")
                         % {"fam": (" (" + ", ".join(fam) + ")") if fam else ""})  # fmt: skip
    for group in documents:
        labels = _or_list([DOCUMENT_LABELS.get(k, k) for k in group.get("any", [])])
        if group.get("above") is not None:
            texts.append(
                _("Dokumen: %(docs)s bila jumlah di atas %(above)s.")
                % {"docs": labels, "above": format_rupiah(int(group["above"]))}
            )
        else:
            texts.append(_("Dokumen: %(docs)s.") % {"docs": labels})
    return texts


def validate_terms(rules: Any, documents: Any) -> list[str]:
    """Problems in rules/documents data (empty when valid), in Indonesian."""
    problems = []
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        return [_("Syarat kelayakan harus berupa daftar aturan.")]
    for rule in rules:
        kind = rule.get("kind")
        if kind not in RULES:
            problems.append(_("Jenis aturan tidak dikenal: %(kind)s.") % {"kind": kind})
        elif kind == "min_months" and not (isinstance(rule.get("months"), int) and rule["months"] >= 0):
            problems.append(_("Lama usaha minimal harus berupa bilangan bulat bulan."))
        elif kind in ("size_classes", "statuses") and not rule.get("allowed"):
            problems.append(_("Pilih paling sedikit satu nilai yang diizinkan."))
    if not isinstance(documents, list) or not all(isinstance(g, dict) and g.get("any") for g in documents):
        problems.append(_("Dokumen wajib harus berupa daftar kelompok dokumen."))
    else:
        for group in documents:
            unknown = [k for k in group["any"] if k not in DOCUMENT_LABELS]
            if unknown:
                problems.append(_("Jenis dokumen tidak dikenal: %(kinds)s.") % {"kinds": ", ".join(unknown)})
    return problems
