"""Demo mentoring data: about 25 mentors (the demo account "pendamping" among them) with expertise,
kecamatan and a home kelurahan; three programmes with plan templates; a year of engagements in every
state with sessions, goals and tasks; the current caseload assigned by the real balancer; and the
demo owner's business mentored by the demo mentor, with a session waiting for the owner's
confirmation and an overdue task."""

import datetime
from dataclasses import replace

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.registry.demo import DEMO_OWNER_PHONE
from binaumkm.registry.models import Business, TurnoverReport
from binaumkm.registry.selectors import business_eligible, with_online_shop

from . import balancing, baseline, outcomes, services
from .confirmation import new_nonce
from .models import (
    Assignee,
    ConfirmedVia,
    Engagement,
    EngagementState,
    Goal,
    GoalStatus,
    Mentor,
    Session,
    SessionMode,
    Task,
    Topic,
)
from .selectors import balance_cases, balance_mentors, kelurahan_neighbours

S = EngagementState
DEMO_MENTOR = "pendamping"
MENTOR_NAMES = [
    "Sri Wahyuni", "Agus Prasetyo", "Dwi Lestari", "Eko Saputro", "Fitri Handayani", "Hendra Gunawan",
    "Ika Puspitasari", "Joko Susilo", "Kartika Sari", "Lukman Hakim", "Maya Anggraini", "Nur Hidayat",
    "Oktaviani Putri", "Purnomo Adi", "Ratna Dewi", "Slamet Riyadi", "Tri Wulandari", "Umar Faruq",
    "Vina Maharani", "Wahyu Nugroho", "Yuli Astuti", "Zainal Arifin", "Anisa Rahmawati", "Budi Santoso",
]  # fmt: skip
PROGRAMMES = [
    ("Naik Kelas UMKM Stagnan", "Pendampingan enam bulan untuk UMKM yang omzetnya turun: pembukuan, izin, pemasaran.",
     [("NIB terbit", 30, "nib"), ("Pembukuan harian berjalan", 45, ""), ("Omzet kembali ke baseline", 150, "turnover_baseline")]),
    ("Go Digital: Jualan Online", "Dari akun marketplace sampai penjualan online pertama.",
     [("Toko di marketplace aktif", 30, ""), ("Penjualan online pertama", 60, "first_online_sale")]),
    ("Siap Pembiayaan", "Menyiapkan UMKM untuk KUR dan Kredit Melati Bank Solo.",
     [("NIB terbit", 30, "nib"), ("Laporan keuangan tiga bulan", 60, ""), ("Rujukan pembiayaan terkirim", 90, "financing_referral_sent")]),
]  # fmt: skip
SUMMARIES = [
    "Menyusun buku kas harian dan memisahkan uang usaha dari uang pribadi.",
    "Menghitung harga pokok produksi tiga produk utama; harga jual perlu naik sedikit.",
    "Membuat akun Shopee dan mengunggah lima produk pertama dengan foto yang lebih terang.",
    "Mendaftar NIB di OSS bersama pemilik; menunggu terbit.",
    "Membahas desain label kemasan dengan nama usaha dan nomor P-IRT.",
    "Mencoba promosi lewat status WhatsApp dan grup RT; mencatat pesanan yang masuk.",
    "Memeriksa catatan penjualan sebulan; omzet mulai naik di akhir pekan.",
    "Menyiapkan dokumen untuk Kredit Melati: KTP, KK, NIB, catatan penjualan tiga bulan.",
    "Menata etalase dan menghitung stok bahan baku untuk seminggu.",
]
PRIVATE = [
    "Pemilik sedang ada masalah keluarga; jangan terlalu didesak soal target.",
    "Anak pemilik yang mengurus media sosial, lebih mudah dihubungi lewat WhatsApp.",
    "Ada utang ke rentenir; arahkan ke pembiayaan resmi pelan-pelan.",
    "",
    "",
]
TASKS = [
    ("Isi buku kas setiap hari", Assignee.OWNER), ("Foto ulang produk dengan cahaya siang", Assignee.OWNER),
    ("Kirim contoh label kemasan", Assignee.MENTOR), ("Daftarkan NIB di OSS", Assignee.OWNER),
    ("Cari jadwal pelatihan foto produk", Assignee.MENTOR), ("Kumpulkan nota pembelian bahan", Assignee.OWNER),
]  # fmt: skip


def _staff() -> User:
    return User.objects.filter(username="staf").first() or demo_user(
        "staf", full_name="Rina Kurniawati", role=Role.STAFF, email="staf@example.com"
    )


def _programmes(staff):
    programmes = []
    for name, description, templates in PROGRAMMES:
        programme = services.programme_create(actor=staff, data={"name": name, "description": description})
        for title, offset, fact in templates:
            services.goal_template_add(
                actor=staff, programme=programme, title=title, day_offset=offset, fact=fact
            )
        programmes.append(programme)
    return programmes


def _mentors(ctx, rng):
    kecamatan = list(Kecamatan.objects.order_by("code"))
    kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("code"))
    count = max(5, round(25 * min(ctx.scale, 1.0)))
    users = [
        demo_user(DEMO_MENTOR, full_name="Bambang Hartono", role=Role.MENTOR, email="pendamping@example.com")
    ]
    users += [
        demo_user(
            f"pendamping{i:02d}", full_name=name, role=Role.MENTOR, email=f"pendamping{i:02d}@example.com"
        )
        for i, name in enumerate(MENTOR_NAMES[: count - 1], start=1)
    ]
    mentors = []
    for i, user in enumerate(users):
        home = kelurahan[(i * 7) % len(kelurahan)]
        mentor = Mentor.objects.create(
            user=user, expertise=sorted(rng.sample(Topic.values, rng.randint(2, 4))),
            sectors=sorted(rng.sample(["C", "G", "I", "S"], rng.randint(1, 2))), home_kelurahan=home,
            capacity=rng.choice([8, 10, 10, 12, 15]),
        )  # fmt: skip
        served = {home.kecamatan}
        if rng.random() < 0.3:
            served.add(rng.choice(kecamatan))
        mentor.kecamatan.set(served)
        mentors.append(mentor)
    return mentors


def _recent_turnover(rng, today, completed, *, exclude, months=18):
    """Monthly turnover over the last ``months`` months for the UMKM whose engagement completed (on
    average growing once it started) and for never-mentored UMKM of the same sector and kecamatan
    (on average flat): the registry's demo reports are older, and the supervisor's outcomes compare
    these two groups over the same months."""
    first = outcomes.add_months(outcomes.month(today), -months)
    periods = [outcomes.add_months(first, k) for k in range(months)]
    started = dict(completed)
    pool = business_eligible().values_list("pk", "kbli_section", "kelurahan__kecamatan_id")
    groups = {(sector, kec) for pk, sector, kec in pool.filter(pk__in=started)}
    comparable = [pk for pk, sector, kec in pool.exclude(pk__in=exclude) if (sector, kec) in groups]
    reports = []
    for pk in [*started, *comparable]:
        level = rng.randint(5, 60) * 1_000_000
        start = started.get(pk)
        growth = rng.uniform(-0.05, 0.35) if start else rng.uniform(-0.1, 0.1)
        for k, period in enumerate(periods):
            if start:
                factor = 1 + growth if period >= outcomes.month(start) else 1
            else:
                factor = 1 + growth * k / months
            turnover = round(level * factor * rng.uniform(0.93, 1.07), -3)
            reports.append(TurnoverReport(business_id=pk, period=period, turnover=int(turnover)))
    # The registry's simulated timeline already holds these months: the engagement's figures replace them.
    TurnoverReport.objects.bulk_create(reports, batch_size=2000, update_conflicts=True,
                                       unique_fields=["business", "period"], update_fields=["turnover"])  # fmt: skip


def _reports(business_ids):
    found: dict[int, list] = {}
    for business_id, period, turnover in TurnoverReport.objects.filter(
        business_id__in=business_ids
    ).values_list("business_id", "period", "turnover"):
        found.setdefault(business_id, []).append((period, turnover))
    return found


def _snapshot(business, reports, on):
    marketplace = business.sells_online  # annotated where the demo loads businesses in bulk
    return baseline.snapshot(
        reports=reports, taken_on=on, employees=business.employees, nib=bool(business.nib),
        stage=baseline.digital_stage(marketplace=marketplace, social=bool(business.instagram or business.whatsapp)),
        status=business.status, financing_ready=bool(business.nib), financing_source="dasar",
    )  # fmt: skip


def _history(rng, engagement, business, reports, *, created, until, state, today):
    """Fill one engagement's year: intake a week after referral, activation a week later, sessions every
    two to four weeks, goals from the programme, tasks; the end state and its date."""
    engagement.created_at = timezone.make_aware(datetime.datetime.combine(created, datetime.time(9)))
    sessions, goals, tasks = [], [], []
    if state != S.REFERRED:
        intake = min(created + datetime.timedelta(days=7), today)
        engagement.baseline = _snapshot(business, reports, intake)
        engagement.baseline_at = timezone.make_aware(datetime.datetime.combine(intake, datetime.time(10)))
    if state not in (S.REFERRED, S.INTAKE):
        engagement.started_on = min(created + datetime.timedelta(days=14), today)
        for template in engagement.programme.goal_templates.all():
            target = engagement.started_on + datetime.timedelta(days=template.day_offset)
            met = not template.fact and target < today and rng.random() < 0.7
            goals.append(Goal(engagement=engagement, title=template.title, target_date=target, fact=template.fact,
                              status=GoalStatus.MET if met else GoalStatus.OPEN, met_on=target if met else None))  # fmt: skip
        day = engagement.started_on
        while day <= until:
            recent = (today - day).days < 10
            confirmed = not recent and rng.random() < 0.85
            sessions.append(Session(
                engagement=engagement, mentor=engagement.mentor, held_on=day, mode=rng.choice(
                    [SessionMode.VISIT] * 3 + [SessionMode.PHONE, SessionMode.WHATSAPP, SessionMode.ONLINE]),
                minutes=rng.choice([30, 45, 60, 60, 90, 120]), topics=rng.sample(engagement.mentor.expertise, 1),
                summary=rng.choice(SUMMARIES), private_notes=rng.choice(PRIVATE), next_steps=_("Lanjut minggu depan."),
                confirmed_at=timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(19)))
                if confirmed else None, confirmed_via=ConfirmedVia.HOME if confirmed else "",
                confirm_nonce="" if confirmed else new_nonce(),
            ))  # fmt: skip
            engagement.last_contact_on = day
            day += datetime.timedelta(days=rng.randint(14, 28))
        for title, assignee in rng.sample(TASKS, rng.randint(1, 3)):
            due = engagement.started_on + datetime.timedelta(days=rng.randint(7, 60))
            done = due < today - datetime.timedelta(days=3) and rng.random() < 0.7
            tasks.append(Task(engagement=engagement, title=title, assignee=assignee, due_on=due,
                              done_at=timezone.make_aware(datetime.datetime.combine(due, datetime.time(12)))
                              if done else None))  # fmt: skip
    engagement.state = state
    if state in (S.COMPLETED, S.DROPPED):
        engagement.ended_on = until
        engagement.drop_reason = _("Pemilik pindah usaha ke luar kota.") if state == S.DROPPED else ""
    if state == S.ON_HOLD:
        engagement.hold_reason = _("Pemilik sedang sakit.")
    if state == S.ACTIVE and rng.random() < 0.5:
        engagement.next_visit_on = today + datetime.timedelta(days=rng.randint(0, 6))
    return sessions, goals, tasks


def seed(ctx):
    if Mentor.objects.exists():
        return
    rng = ctx.rng("mentoring")
    today = min(ctx.today, timezone.localdate())
    staff = _staff()
    programmes = _programmes(staff)
    mentors = _mentors(ctx, rng)
    by_id = {m.pk: m for m in mentors}
    eligible = list(business_eligible().order_by("pk").values_list("pk", flat=True))
    demo_owner = Business.objects.filter(owner__user__username=DEMO_OWNER_PHONE).order_by("pk").first()
    if demo_owner is not None and demo_owner.pk in eligible:
        eligible.remove(demo_owner.pk)
    rng.shuffle(eligible)
    # A year of finished engagements (completed or dropped), spread over the mentors.
    past_count = min(len(eligible) // 3, 6 * len(mentors))
    past_ids, eligible = eligible[:past_count], eligible[past_count:]
    plan = [(pk, rng.choice(mentors), rng.choice([S.COMPLETED] * 4 + [S.DROPPED])) for pk in past_ids]
    # Today's caseload: stagnant UMKM first, placed by the balancer within about 80 % of capacity.
    stagnant = set(business_eligible().filter(status="stagnan").values_list("pk", flat=True))
    ranked = sorted(eligible, key=lambda pk: pk not in stagnant)[
        : int(sum(m.capacity for m in mentors) * 0.8)
    ]
    cases, _names = balance_cases(ranked)
    slots, _mentor_names = balance_mentors(today=today)
    if demo_owner is not None:  # keep a slot of the demo mentor for the demo owner's business
        slots = [replace(s, load=s.load + 1) if s.mentor_id == mentors[0].pk else s for s in slots]
    result = balancing.propose(cases, slots, kelurahan_neighbours(), balancing.Weights.from_conf())
    states = [S.ACTIVE] * 6 + [S.REFERRED, S.INTAKE, S.ON_HOLD]
    current = [(p.business_id, by_id[p.mentor_id], rng.choice(states), p.reasons) for p in result.proposals]
    businesses = with_online_shop(Business.objects.all()).in_bulk(
        [pk for pk, *_rest in plan] + [pk for pk, *_rest in current]
    )
    reports = _reports(businesses)
    rows = []
    for pk, mentor, state in plan:
        created = today - datetime.timedelta(days=rng.randint(200, 365))
        until = created + datetime.timedelta(days=rng.randint(60 if state == S.DROPPED else 120, 180))
        rows.append((Engagement(business_id=pk, mentor=mentor, programme=rng.choice(programmes), created_by=staff),
                     pk, created, min(until, today - datetime.timedelta(days=1)), state))  # fmt: skip
    for pk, mentor, state, reasons in current:
        age = rng.randint(0, 10) if state in (S.REFERRED, S.INTAKE) else rng.randint(20, 170)
        rows.append((Engagement(business_id=pk, mentor=mentor, programme=rng.choice(programmes), created_by=staff,
                                reasons=reasons), pk, today - datetime.timedelta(days=age), today, state))  # fmt: skip
    completed = [(pk, created) for (_e, pk, created, _until, state) in rows if state == S.COMPLETED]
    mentored = {pk for _e, pk, *_rest in rows} | ({demo_owner.pk} if demo_owner else set())
    _recent_turnover(rng, today, completed, exclude=mentored)

    reports.update(_reports([pk for pk, _created in completed]))
    if demo_owner is not None:
        rows.append((Engagement(business_id=demo_owner.pk, mentor=mentors[0], programme=programmes[0], created_by=staff,
                                reasons=[["manual", {}]]), demo_owner.pk, today - datetime.timedelta(days=45), today, S.ACTIVE))  # fmt: skip
        businesses[demo_owner.pk] = demo_owner
        reports.update(_reports([demo_owner.pk]))
    sessions, goals, tasks = [], [], []
    for engagement, pk, created, until, state in rows:
        s, g, t = _history(rng, engagement, businesses[pk], reports.get(pk, []), created=created, until=until,
                           state=state, today=today)  # fmt: skip
        sessions += s
        goals += g
        tasks += t
    engagements = [row[0] for row in rows]
    Engagement.objects.bulk_create(engagements, batch_size=500)
    for child in (*sessions, *goals, *tasks):  # bulk_create set the engagements' keys: point at them
        child.engagement_id = child.engagement.pk
    Session.objects.bulk_create(sessions, batch_size=1000)
    Goal.objects.bulk_create(goals, batch_size=1000)
    Task.objects.bulk_create(tasks, batch_size=1000)
    if demo_owner is not None:
        _demo_owner_touches(demo_owner, today)
    services.goals_check()
    counts = dict(Engagement.objects.values_list("state").annotate(n=Count("id")))
    ctx.log(f"  pendampingan: {len(mentors)} pendamping, {counts}, {len(sessions)} sesi")


def _demo_owner_touches(business, today):
    """The demo owner has a session to confirm and an overdue task from the mentor."""
    engagement = Engagement.objects.get(business=business, state=S.ACTIVE)
    last = engagement.sessions.order_by("-held_on").first()
    held_on = today - datetime.timedelta(days=2)
    if last is None or last.held_on < held_on:
        Session.objects.create(
            engagement=engagement, mentor=engagement.mentor, held_on=held_on, mode=SessionMode.VISIT, minutes=60,
            topics=["pembukuan"], summary=SUMMARIES[0], private_notes=PRIVATE[1], confirm_nonce=new_nonce(),
        )  # fmt: skip
    else:
        Session.objects.filter(pk=last.pk).update(
            confirmed_at=None, confirmed_via="", confirm_nonce=new_nonce()
        )
    Engagement.objects.filter(pk=engagement.pk).update(last_contact_on=max(held_on, engagement.last_contact_on or held_on),
                                                       next_visit_on=today)  # fmt: skip
    Task.objects.create(engagement=engagement, title=TASKS[0][0], assignee=Assignee.OWNER,
                        due_on=today - datetime.timedelta(days=3))  # fmt: skip
