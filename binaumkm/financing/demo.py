"""Demo data: Solo's financing schemes (KUR through several banks, Bank Solo's Kredit Melati, the 2021
BPUM grant round), referrals in every state with realistic timings (banks that decide in a week and
banks that take a month), papers, follow-ups after disbursement, nomination lists, and two bank
officers with demo logins. Financed UMKM get a modest turnover lift after the money arrives, so the
comparison report has something to show."""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role
from binaumkm.core.demo import DEMO_PASSWORD
from binaumkm.core.numbering import next_number
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.demo import DEMO_OWNER_PHONE
from binaumkm.registry.models import Business, TurnoverReport

from . import conf
from .models import (
    Branch,
    Consent,
    Document,
    FollowUp,
    Nomination,
    NominationList,
    Provider,
    Referral,
    ReferralState,
    ReferralStep,
    Scheme,
)

S = ReferralState
OFFICERS = [("bank.bri", "Agus Setiawan", "BRI", "KC Surakarta Slamet Riyadi"),
            ("bank.solo", "Fitri Handayani", "Bank Solo", "Kantor Pusat Slamet Riyadi")]  # fmt: skip
DOCS = [{"any": ["ktp"]}, {"any": ["kk"]}, {"any": ["nib", "sku"]}]
NO_CREDIT = {"kind": "no_active_credit", "families": []}
PROVIDERS = [
    ("Bank Rakyat Indonesia", "BRI", "bank", [("KC Surakarta Slamet Riyadi", "Jl. Slamet Riyadi No. 236"), ("KCP Pasar Klewer", "Kompleks Pasar Klewer")]),
    ("Bank Mandiri", "Mandiri", "bank", [("KC Solo Slamet Riyadi", "Jl. Slamet Riyadi No. 294")]),
    ("Bank Negara Indonesia", "BNI", "bank", [("KC Surakarta", "Jl. Jenderal Sudirman No. 1")]),
    ("Bank Jateng", "Bank Jateng", "bank", [("Cabang Surakarta", "Jl. Slamet Riyadi No. 18")]),
    ("PT BPR Bank Solo", "Bank Solo", "bank", [("Kantor Pusat Slamet Riyadi", "Jl. Slamet Riyadi No. 312")]),
    ("Kementerian Koperasi dan UKM", "Kemenkop UKM", "program", []),
]  # fmt: skip
# (code, name, provider, family, kind, min, max, rate, tenor, collateral, rules, documents, regulation, confirmed, SLA, branches)
SCHEMES = [
    ("kur-super-mikro", "KUR Super Mikro", "BRI", "KUR", "pinjaman", 1_000_000, 10_000_000, "3% efektif per tahun", 36,
     "Tanpa agunan tambahan",
     [{"kind": "min_months", "months": 6, "alt_months": 0, "alt_facts": ["completed_training", "mentored", "business_group"]},
      {"kind": "size_classes", "allowed": ["mikro"]}, NO_CREDIT], DOCS,
     "Permenko Perekonomian 1/2023", datetime.date(2026, 1, 6), 10, ["BRI", "Mandiri"]),
    ("kur-mikro", "KUR Mikro", "BRI", "KUR", "pinjaman", 10_000_000, 100_000_000, "6–9% efektif per tahun, naik tiap pinjaman ulang", 60,
     "Tanpa agunan tambahan sampai Rp100 juta",
     [{"kind": "min_months", "months": 6, "alt_months": 3, "alt_facts": ["completed_training"]},
      {"kind": "size_classes", "allowed": ["mikro", "kecil"]}, NO_CREDIT], [*DOCS, {"any": ["npwp"], "above": 50_000_000}],
     "Permenko Perekonomian 1/2023", datetime.date(2026, 1, 6), 14, ["BRI", "Mandiri", "BNI"]),
    ("kur-kecil", "KUR Kecil", "Bank Jateng", "KUR", "pinjaman", 100_000_000, 500_000_000, "6–9% efektif per tahun", 60,
     "Agunan sesuai penilaian bank",
     [{"kind": "min_months", "months": 6}, {"kind": "size_classes", "allowed": ["mikro", "kecil"]}, NO_CREDIT],
     [*DOCS, {"any": ["npwp"]}, {"any": ["catatan_keuangan"]}],
     "Permenko Perekonomian 1/2023", datetime.date(2026, 1, 6), 21, ["Bank Jateng", "BNI"]),
    ("kredit-melati", "Kredit Melati", "Bank Solo", "MELATI", "pinjaman", 1_000_000, 50_000_000, "4% per tahun", 60,
     "Tanpa agunan sampai Rp5 juta",
     [{"kind": "min_months", "months": 6}, {"kind": "city_resident"}, NO_CREDIT], DOCS,
     "Program Pemerintah Kota Surakarta bersama PT BPR Bank Solo", datetime.date(2025, 12, 1), 14, ["Bank Solo"]),
    ("bpum-2021", "BPUM (Banpres Produktif Usaha Mikro) 2021", "Kemenkop UKM", "BPUM", "hibah", 1_200_000, 1_200_000, "", None,
     "", [{"kind": "size_classes", "allowed": ["mikro"]}, {"kind": "no_active_credit", "families": ["KUR"]}], DOCS,
     "Permenkop UKM 6/2020 (diubah 2/2021)", datetime.date(2021, 4, 12), 30, []),
]  # fmt: skip
SUMMARIES = {
    "kur-super-mikro": "Kredit usaha rakyat untuk usaha mikro sampai Rp10 juta; usaha baru boleh bila sudah ikut pelatihan atau pendampingan.",
    "kur-mikro": "Kredit usaha rakyat Rp10–100 juta untuk modal kerja atau investasi usaha mikro dan kecil.",
    "kur-kecil": "Kredit usaha rakyat Rp100–500 juta untuk usaha kecil yang sudah berkembang.",
    "kredit-melati": "Kredit murah Bank Solo untuk warga Surakarta sampai Rp50 juta, bunga 4% setahun, sampai 5 tahun.",
    "bpum-2021": "Bantuan tunai Rp1,2 juta untuk usaha mikro (putaran 2021). Dinas mengusulkan penerima; bukan untuk debitur KUR.",
}  # fmt: skip
# How many referrals of each state at scale 1.0: (state, count).
STATES = [(S.DRAFT, 6), (S.READY, 4), (S.SENT, 6), (S.RECEIVED, 5), (S.REVIEW, 6), (S.REJECTED, 8), (S.APPROVED, 4),
          (S.DISBURSED, 16), (S.CLOSED, 5), (S.WITHDRAWN, 3), (S.EXPIRED, 3)]  # fmt: skip
# Days a branch takes to decide: (low, high). The scorecard's spread.
DECISION_DAYS = {
    "BRI": (4, 12),
    "Mandiri": (6, 18),
    "BNI": (8, 25),
    "Bank Jateng": (15, 45),
    "Bank Solo": (3, 10),
}
PDF = (
    b"%PDF-1.4\n% Bina UMKM: contoh berkas demo (bukan dokumen asli)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
)


def _catalogue():
    providers, branches = {}, {}
    for name, short, kind, offices in PROVIDERS:
        provider = Provider.objects.create(name=name, short_name=short, kind=kind)
        providers[short] = provider
        branches[short] = [Branch.objects.create(provider=provider, name=n, address=a) for n, a in offices]
    schemes = {}
    for (code, name, prov, family, kind, low, high, rate, tenor, collateral, rules, docs, regulation, confirmed, sla,
         offices) in SCHEMES:  # fmt: skip
        scheme = Scheme.objects.create(
            provider=providers[prov], code=code, name=name, family=family, kind=kind, summary=SUMMARIES[code],
            amount_min=low, amount_max=high, rate=rate, tenor_months_max=tenor, collateral=collateral, rules=rules,
            documents=docs, regulation=regulation, terms_confirmed_on=confirmed, service_level_days=sla,
        )  # fmt: skip
        scheme.branches.set([b for short in offices for b in branches[short]])
        schemes[code] = scheme
    return branches, schemes


def _papers(business, *, when, staff, kinds=("ktp", "kk", "nib")):
    for kind in kinds:
        doc = Document(business=business, kind=kind, number={"ktp": business.owner.nik, "kk": business.owner.nik[:6] + "0101210001",
                                                             "nib": business.nib or "9120000000000", "npwp": business.owner.nik}.get(kind, ""),
                       original_name=f"{kind}.pdf", content_type="application/pdf", size=len(PDF),
                       address_in_city=True if kind in ("ktp", "kk") else None,
                       issued_on=datetime.date(max(2018, min(business.year_founded or 2019, 2021)), 3, 1) if kind == "nib" else None,
                       state="terverifikasi" if staff else "baru", verified_by=staff,
                       verified_at=timezone.make_aware(datetime.datetime.combine(when, datetime.time(10))) if staff else None)  # fmt: skip
        doc.file.save(f"{kind}.pdf", ContentFile(PDF), save=False)
        doc.save()
        Document.objects.filter(pk=doc.pk).update(
            uploaded_at=timezone.make_aware(datetime.datetime.combine(when, datetime.time(9)))
        )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _amount(rng, scheme) -> int:
    return max(
        scheme.amount_min,
        min(scheme.amount_max, rng.choice([5, 10, 15, 20, 25, 30, 50, 75, 150]) * 1_000_000),
    )


def _kinds_needed(scheme, amount) -> list[str]:
    """The first kind of each document group the scheme asks for at this amount."""
    return [g["any"][0] for g in scheme.documents if g.get("above") is None or amount > int(g["above"])]


def _referral(rng, ctx, *, business, scheme, branch, amount, state, staff, officer, mentor):
    """One referral with its steps back-dated along a realistic path to ``state``: bygone ones in
    2021 (disbursed, closed, some rejected and withdrawn), open ones ending 0–25 days ago."""
    bank = branch.provider.short_name
    historic = state in (S.DISBURSED, S.CLOSED) or (state in (S.REJECTED, S.WITHDRAWN) and rng.random() < 0.5)
    path = {S.DRAFT: [], S.READY: ["siap"], S.SENT: ["siap", "dikirim"], S.RECEIVED: ["siap", "dikirim", "diterima"],
            S.REVIEW: ["siap", "dikirim", "diterima", "ditinjau"], S.REJECTED: ["siap", "dikirim", "diterima", "ditinjau", "ditolak"],
            S.APPROVED: ["siap", "dikirim", "diterima", "ditinjau", "disetujui"],
            S.DISBURSED: ["siap", "dikirim", "diterima", "ditinjau", "disetujui", "dicairkan"],
            S.CLOSED: ["siap", "dikirim", "diterima", "ditinjau", "disetujui", "dicairkan", "selesai"],
            S.WITHDRAWN: ["siap", "ditarik"], S.EXPIRED: ["kedaluwarsa"]}[state]  # fmt: skip
    decision = rng.randint(*DECISION_DAYS.get(bank, (5, 20)))
    gaps = [{"siap": rng.randint(1, 6), "dikirim": rng.randint(1, 4), "diterima": rng.randint(1, 3), "ditinjau": rng.randint(1, 4),
             "ditolak": decision, "disetujui": decision, "dicairkan": rng.randint(3, 10), "selesai": rng.randint(300, 500),
             "ditarik": rng.randint(2, 20), "kedaluwarsa": 61}[to_state] for to_state in path]  # fmt: skip
    created = (datetime.date(2021, rng.randint(2, 6), rng.randint(1, 28)) if historic
               else ctx.today - datetime.timedelta(days=sum(gaps) + rng.randint(0, 25)))  # fmt: skip
    # Papers a few days before the referral; a draft's are not checked yet.
    _papers(business, when=created - datetime.timedelta(days=rng.randint(2, 10)), staff=staff if state != S.DRAFT else None,
            kinds=_kinds_needed(scheme, amount))  # fmt: skip
    referral = Referral(business=business, scheme=scheme, branch=branch, amount=amount, state=S.DRAFT,
                        purpose=rng.choice(["tambah modal bahan baku", "beli oven dan mixer", "renovasi tempat usaha",
                                            "beli etalase dan freezer", "tambah stok menjelang Lebaran"]),
                        state_changed_at=_at(created, 9), created_by=business.owner.user)  # fmt: skip
    referral.save()
    Referral.objects.filter(pk=referral.pk).update(created_at=_at(created, 9))
    steps = [ReferralStep(referral=referral, from_state="", to_state=S.DRAFT, at=_at(created, 9),
                          actor=business.owner.user, actor_label=business.owner.full_name)]  # fmt: skip
    day, before = created, S.DRAFT
    for to_state, gap in zip(path, gaps, strict=True):
        day = day + datetime.timedelta(days=gap)
        at = _at(day, 10 + len(steps) % 6)
        actor = {"siap": business.owner.user, "dikirim": staff, "ditarik": business.owner.user, "selesai": staff,
                 "kedaluwarsa": None}.get(to_state, officer)  # fmt: skip
        data = {}
        if to_state == "dikirim":
            referral.sent_at = at
            referral.number = conf.LETTER_NUMBER_PATTERN.format(
                seq=next_number("financing.referral", day.year), year=day.year, month=day.month,
                month_roman=["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][day.month - 1])  # fmt: skip
            referral.checklist = {"sent": {"status": "layak", "checked_on": day.isoformat(), "items": [],
                                           "documents": [{"id": d.pk, "kind": d.kind, "label": d.get_kind_display(), "verified": True}
                                                         for d in business.financing_documents.all()]}}  # fmt: skip
        elif to_state == "ditolak":
            referral.decided_at, referral.rejection_reason = (
                at,
                rng.choice(["slik", "slik", "kemampuan", "dokumen", "kredit_aktif", "usaha"]),
            )
            data = {"reason_code": referral.rejection_reason}
        elif to_state == "disetujui":
            referral.decided_at, referral.approved_amount = at, amount
            data = {"amount": amount}
        elif to_state == "dicairkan":
            referral.disbursed_amount, referral.disbursed_on = amount, day
            referral.contract_number = f"{bank[:3].upper()}/{day.year}/{referral.pk:05d}"
            data = {"amount": amount, "date": day.isoformat(), "contract": referral.contract_number}
        steps.append(ReferralStep(referral=referral, from_state=before, to_state=to_state, at=at, actor=actor,
                                  actor_label=actor.display_name if actor else _("sistem"), data=data,
                                  reason={"ditarik": _("Sudah mendapat modal dari koperasi"), "selesai": _("Lunas"),
                                          "kedaluwarsa": _("Tidak ada langkah dalam batas waktu.")}.get(to_state, "")))  # fmt: skip
        before = to_state
    referral.state, referral.state_changed_at = state, steps[-1].at
    referral.save()
    ReferralStep.objects.bulk_create(steps)
    if referral.number:
        Consent.objects.create(referral=referral, given_by=business.owner.user, given_at=referral.sent_at - datetime.timedelta(hours=20),
                               text=_("Persetujuan berbagi berkas (data demo)."),
                               withdrawn_at=steps[-1].at if state == S.WITHDRAWN else None)  # fmt: skip
    if referral.disbursed_on:
        _followups(rng, ctx, referral, staff=staff, mentor=mentor)
        _lift_turnover(rng, referral)
    return referral


def _followups(rng, ctx, referral, *, staff, mentor):
    from .eligibility import add_months

    for months in conf.FOLLOWUP_MONTHS:
        due = add_months(referral.disbursed_on, months)
        done = due <= ctx.today and rng.random() < 0.75
        collectability = rng.choices([1, 2, 3, 5], weights=[80, 12, 5, 3])[0] if done else None
        FollowUp.objects.create(
            referral=referral, months=months, due_on=due, assigned_to=mentor if rng.random() < 0.5 else staff,
            done_at=_at(due, 11) if done else None, done_by=(mentor or staff) if done else None,
            still_operating=(collectability != 5) if done else None, collectability=collectability,
            employees=referral.business.employees + rng.randint(0, 2) if done else None,
        )  # fmt: skip


def _lift_turnover(rng, referral):
    """Financed businesses sell a little more from the month after the money arrives (demo only)."""
    lift = 1 + rng.uniform(0.05, 0.25)
    start = referral.disbursed_on.replace(day=1)
    reports = list(TurnoverReport.objects.filter(business=referral.business, period__gt=start))
    for report in reports:
        report.turnover = int(report.turnover * lift) // 1000 * 1000
    TurnoverReport.objects.bulk_update(reports, ["turnover"], batch_size=500)


def seed(ctx):
    if Scheme.objects.exists():
        return
    rng = ctx.rng("financing")
    branches, schemes = _catalogue()
    staff = User.objects.filter(username="staf").first()
    mentor = User.objects.filter(username="pendamping").first()
    officers = {}
    for username, full_name, bank, office in OFFICERS:
        user = demo_user(
            username, full_name=full_name, role=Role.BANK_OFFICER, email=f"{username}@bank.example"
        )
        branch = next(b for b in branches[bank] if b.name == office)
        branch.officers.add(user)
        officers[bank] = user
    for offices in branches.values():  # every other branch gets an officer too (no demo login)
        for branch in offices:
            if not branch.officers.exists():
                branch.officers.add(
                    demo_user(f"petugas.{branch.pk}", full_name=f"Petugas {branch}", role=Role.BANK_OFFICER)
                )

    password = make_password(DEMO_PASSWORD)  # hashed once: Argon2 per account would take most of the step
    candidates = list(
        Business.objects.filter(verification=Verification.VERIFIED, status__in=[BusinessStatus.ACTIVE, BusinessStatus.STAGNANT],
                                size_class__in=["mikro", "kecil"])
        .exclude(owner__phone=DEMO_OWNER_PHONE).select_related("owner", "kelurahan").order_by("pk")
    )  # fmt: skip
    rng.shuffle(candidates)
    loans = [
        schemes["kur-mikro"],
        schemes["kur-mikro"],
        schemes["kur-super-mikro"],
        schemes["kredit-melati"],
        schemes["kur-kecil"],
    ]
    used_owners = set()
    for state, count in STATES:
        for _i in range(max(1, round(count * max(ctx.scale, 0.3)))):
            business = next(b for b in candidates if b.owner_id not in used_owners)
            used_owners.add(business.owner_id)
            if business.owner.user_id is None:  # owners referred through the app have accounts
                business.owner.user = _owner_account(business.owner, password)
                business.owner.save(update_fields=["user"])
            scheme = rng.choice(loans)
            branch = rng.choice(list(scheme.branches.all()))
            officer = officers.get(branch.provider.short_name) or branch.officers.first()
            _referral(rng, ctx, business=business, scheme=scheme, branch=branch, amount=_amount(rng, scheme),
                      state=state, staff=staff, officer=officer, mentor=mentor)  # fmt: skip
    _demo_owner(ctx, staff)
    _nominations(rng, ctx, schemes, staff, exclude=used_owners, candidates=candidates)


def _owner_account(owner, password: str) -> User:
    user = User.objects.filter(username=owner.phone).first() or User.objects.create(
        username=owner.phone, phone=owner.phone, full_name=owner.full_name, password=password
    )
    assign_role(user, Role.OWNER)
    return user


def _demo_owner(ctx, staff):
    """The demo owner has KTP and KK on file but no NIB yet: the eligibility page shows what to do."""
    business = Business.objects.filter(owner__phone=DEMO_OWNER_PHONE).order_by("pk").first()
    if business is not None:
        _papers(business, when=ctx.today - datetime.timedelta(days=10), staff=staff, kinds=("ktp", "kk"))


def _nominations(rng, ctx, schemes, staff, *, exclude, candidates):
    bpum = NominationList.objects.create(title="BPUM 2021 tahap 1 (usulan Dinas)", target="hibah", scheme=schemes["bpum-2021"],
                                         layout="bpum", state="diekspor", created_by=staff, exported_by=staff,
                                         exported_at=_at(datetime.date(2021, 4, 20), 15))  # fmt: skip
    chosen = [b for b in candidates if b.owner_id not in exclude and b.size_class == "mikro"][
        : max(10, round(40 * ctx.scale))
    ]
    Nomination.objects.bulk_create(
        [Nomination(nomination_list=bpum, business=b, nik=b.owner.nik, amount=1_200_000) for b in chosen]
    )
    sikp = NominationList.objects.create(title=f"SIKP calon debitur KUR {ctx.today:%B %Y}", target="sikp", layout="sikp",
                                         created_by=staff)  # fmt: skip
    rest = [b for b in candidates if b.owner_id not in exclude and b not in chosen][:20]
    Nomination.objects.bulk_create(
        [Nomination(nomination_list=sikp, business=b, nik=b.owner.nik) for b in rest]
    )


def logins(ctx):
    ctx.add_login(_("Petugas bank (BRI)"), "bank.bri")
    ctx.add_login(_("Petugas bank (Bank Solo)"), "bank.solo")
