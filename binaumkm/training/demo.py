"""Demo training data: partner programmes (Shopee, Tokopedia, Blibli, Grab, Gojek, Bank Solo, Solo
Technopark) with past batches allocated by the real fair allocation, attendance and certificates (so
the coverage report has history); a batch awaiting selection for staff, a running batch where the
demo owner holds a seat, and one open batch for the demo owner to register."""

import datetime
from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core.allocation import Applicant, allocate
from binaumkm.registry.demo import DEMO_OWNER_PHONE, turnover_lift
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_timelines

from . import conf
from .eligibility import tier_for
from .models import (
    Attendance,
    Batch,
    BatchState,
    Certificate,
    CheckInMethod,
    Delivery,
    Pool,
    Programme,
    Registration,
    RegistrationStatus,
    SelectionMode,
    Session,
)
from .services.selection import kecamatan_quota

S = RegistrationStatus
TRAINED_LIFT_PERCENT = 10  # the simulated effect of a completed training on turnover (demo only)
PROGRAMMES = [
    # title, topic, partner, sectors, description
    ("Jualan Online di Shopee", "marketplace", "Shopee", [],
     "Membuka toko di Shopee, foto dan judul produk, ongkos kirim, dan promosi toko."),
    ("Pemasaran Digital bersama Tokopedia", "pemasaran_digital", "Tokopedia", [],
     "Iklan berbayar, media sosial, dan membaca statistik toko."),
    ("Go Online bersama Blibli", "marketplace", "Blibli", ["C", "G"],
     "Kurasi produk lokal untuk etalase Blibli dan pengelolaan pesanan."),
    ("GrabFood untuk UMKM Kuliner", "pemasaran_digital", "Grab", ["I", "C"],
     "Mendaftar GrabFood, menu yang menjual, dan promosi merchant."),
    ("GoFood dan GoBiz: Kelola Usaha Kuliner", "pembukuan", "Gojek", ["I", "C"],
     "Mencatat penjualan dengan GoBiz, stok bahan, dan laporan harian."),
    ("Literasi Keuangan dan Kredit Melati", "pembiayaan", "Bank Solo", [],
     "Memisahkan uang usaha dan pribadi, menghitung HPP, dan syarat Kredit Melati."),
    ("Foto Produk di Studio Solo Technopark", "foto_produk", "Solo Technopark", [],
     "Praktik memotret produk di studio foto Solo Technopark dengan ponsel."),
    ("Kemasan dan Merek Produk", "kemasan", "Solo Technopark", ["C"],
     "Desain kemasan, label halal dan P-IRT, serta merek dagang."),
    ("Persiapan Ekspor untuk UMKM", "ekspor", "Bank Solo", ["C"],
     "Dokumen ekspor, standar mutu, dan pembiayaan perdagangan."),
]  # fmt: skip
PAST_BATCHES = [  # programme index, start date, mode
    (0, datetime.date(2021, 3, 15), SelectionMode.FAIR), (1, datetime.date(2021, 4, 19), SelectionMode.FAIR),
    (6, datetime.date(2021, 5, 24), SelectionMode.FCFS), (3, datetime.date(2021, 6, 21), SelectionMode.FAIR),
    (5, datetime.date(2021, 7, 26), SelectionMode.FAIR), (7, datetime.date(2021, 8, 23), SelectionMode.FAIR),
    (0, datetime.date(2021, 9, 20), SelectionMode.FAIR), (4, datetime.date(2021, 10, 18), SelectionMode.FAIR),
    (2, datetime.date(2021, 11, 15), SelectionMode.FCFS), (1, datetime.date(2021, 12, 6), SelectionMode.FAIR),
    (6, datetime.date(2022, 2, 14), SelectionMode.FAIR), (8, datetime.date(2022, 3, 21), SelectionMode.FAIR),
    (5, datetime.date(2022, 5, 23), SelectionMode.FAIR), (3, datetime.date(2022, 7, 18), SelectionMode.FCFS),
]  # fmt: skip
QUESTIONS = ["Apa produk utama Anda?", "Apakah usaha Anda sudah berjualan online?"]
ANSWERS = [
    ["Makanan ringan", "Batik", "Minuman herbal", "Kerajinan", "Katering"],
    ["Sudah", "Belum", "Baru mulai"],
]


class _Plan:
    """Businesses loaded once with their dated registry history (a past batch sees the businesses as
    they were on its closing day: who could take part, and the status behind each lottery weight),
    and who has completed which topic so far (for tiers)."""

    def __init__(self, rng):
        self.rng = rng
        fields = ("id", "kelurahan__kecamatan_id", "kbli_section", "status", "owner__full_name", "name")
        self.all = list(Business.objects.order_by("pk").values_list(*fields))
        self.timelines = business_timelines(Business.objects.values("pk"))
        self.businesses = [b for b in self.all if self.timelines[b[0]].on(timezone.localdate()).eligible]
        self.demo_business = (
            Business.objects.filter(owner__user__phone=DEMO_OWNER_PHONE).values_list(*fields).first()
        )
        self.done: dict[int, set[str]] = defaultdict(set)
        self.counts = {}

    def eligible(self, sectors, day: datetime.date | None = None):
        """The businesses that could take part on ``day`` (default: today), with their status then."""
        if day is None:
            return [b for b in self.businesses if not sectors or b[2] in sectors]
        out = []
        for b in self.all:
            state = self.timelines[b[0]].on(day)
            if state.eligible and (not sectors or b[2] in sectors):
                out.append((b[0], b[1], b[2], state.status, b[4], b[5]))
        return out


def seed(ctx):
    rng = ctx.rng("training")
    plan = _Plan(rng)
    if not plan.businesses:
        return
    programmes = [
        Programme.objects.create(title=t, topic=topic, partner=p, description=d, created_at=timezone.now())
        for t, topic, p, _s, d in PROGRAMMES
    ]
    numbers = Counter()
    for index, start, mode in PAST_BATCHES:
        numbers[index] += 1
        _past_batch(ctx, plan, programmes[index], PROGRAMMES[index][3], numbers[index], start, mode)
    today = ctx.today
    # A batch waiting for the staff to run the selection (registration closed yesterday).
    numbers[6] += 1
    _current_batch(ctx, plan, programmes[6], numbers[6], today + datetime.timedelta(days=10),
                   state=BatchState.CLOSED, applicants=3)  # fmt: skip
    # A running batch (result published) in which the demo owner holds a seat.
    numbers[0] += 1
    _current_batch(ctx, plan, programmes[0], numbers[0], today + datetime.timedelta(days=3),
                   state=BatchState.ALLOCATED, applicants=2, demo_owner=True)  # fmt: skip
    # The open batch the demo owner can register for.
    numbers[1] += 1
    _current_batch(ctx, plan, programmes[1], numbers[1], today + datetime.timedelta(days=21),
                   state=BatchState.OPEN, applicants=1)  # fmt: skip
    ctx.log(f"training: {Batch.objects.count()} angkatan, {Registration.objects.count()} pendaftaran")


def _capacity(ctx) -> int:
    return max(6, round(30 * ctx.scale))


def _make_batch(
    programme, number, start, mode, state, sectors, capacity, opens, closes, *, verified_only=True
):
    kel_id = None
    return Batch.objects.create(
        programme=programme, number=number, state=state, selection_mode=mode, capacity=capacity,
        registration_opens_at=opens, registration_closes_at=closes, start_date=start,
        end_date=start + datetime.timedelta(days=2), delivery=Delivery.VENUE if number % 3 else Delivery.ONLINE,
        venue_kelurahan_id=kel_id, venue_address=_("Gedung Solo Technopark, Jl. Ki Hajar Dewantara 19") if number % 3 else "",
        online_link="" if number % 3 else "https://meet.example.com/bina-umkm", questions=QUESTIONS,
        sectors=sectors, verified_only=verified_only, completion_percent=conf.COMPLETION_PERCENT,
    )  # fmt: skip


def _sessions(batch, n=4):
    times = [(datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(16))]
    titles = [
        _("Pengantar dan praktik"),
        _("Studi kasus"),
        _("Praktik mandiri"),
        _("Presentasi dan evaluasi"),
    ]
    return Session.objects.bulk_create(
        [Session(batch=batch, number=i + 1, date=batch.start_date + datetime.timedelta(days=i // 2),
                 start_time=times[i % 2][0], end_time=times[i % 2][1], title=titles[i % len(titles)])
         for i in range(n)]
    )  # fmt: skip


def _registrations(plan, batch, chosen, opens, closes, *, tz_now):
    rng = plan.rng
    span = max(int((closes - opens).total_seconds()), 60)
    regs = []
    for b in chosen:
        at = opens + datetime.timedelta(seconds=rng.randint(0, span - 1))
        regs.append(Registration(
            batch=batch, business_id=b[0], created_at=min(at, tz_now), kecamatan_id=b[1],
            tier=tier_for(batch.programme.topic, plan.done.get(b[0], set())),
            answers=[[QUESTIONS[0], rng.choice(ANSWERS[0])], [QUESTIONS[1], rng.choice(ANSWERS[1])]],
        ))  # fmt: skip
    regs.sort(key=lambda r: r.created_at)
    return regs


def _allocate(plan, batch, regs, pool, seed):
    """Run the real fair allocation and copy its placements onto the (unsaved) registrations. ``pool``:
    the businesses that could take part when it ran, with their status then (weights and shares)."""
    weights = conf.lottery_weights()
    status_of = {b[0]: b[3] for b in pool}
    applicants = [Applicant(i, (r.kecamatan_id,), r.tier, weights.get(status_of.get(r.business_id), 1.0), r.priority)
                  for i, r in enumerate(regs)]  # fmt: skip
    shares = Counter(b[1] for b in pool)
    result = allocate(
        applicants, seats=batch.capacity, quotas=kecamatan_quota(batch.capacity, dict(shares)), seed=seed
    )
    for p in result.placements:
        r = regs[p.id]
        r.rank, r.lottery_key, r.pool = p.rank, p.key, p.pool
        r.status = S.ACCEPTED if p.selected else S.WAITLISTED
    batch.allocation_seed = seed
    batch.allocation_summary = {
        "digest": result.digest,
        "kecamatan": {str(k): v for k, v in result.summary[Pool.KECAMATAN].items()},
        "accepted": len(result.selected),
        "waiting": len(result.waiting),
    }


def _past_batch(ctx, plan, programme, sectors, number, start, mode):
    rng = plan.rng
    tz = timezone.get_current_timezone()
    opens = datetime.datetime.combine(start - datetime.timedelta(days=21), datetime.time(8), tzinfo=tz)
    closes = datetime.datetime.combine(start - datetime.timedelta(days=7), datetime.time(16), tzinfo=tz)
    capacity = _capacity(ctx)
    batch = _make_batch(programme, number, start, mode, BatchState.FINISHED, sectors, capacity, opens, closes)
    sessions = _sessions(batch)
    pool = plan.eligible(sectors, day=closes.date())
    chosen = rng.sample(pool, k=min(len(pool), int(capacity * rng.uniform(1.6, 3.0))))
    demo = plan.demo_business if number == 1 and programme.topic == "marketplace" else None
    if demo and demo[0] not in {b[0] for b in chosen}:
        chosen.append(demo)
    regs = _registrations(plan, batch, chosen, opens, closes, tz_now=closes)
    for r in regs:
        if demo and r.business_id == demo[0]:  # so the demo owner has a certificate to show
            r.priority, r.priority_reason = 1, _("Data demo: contoh prioritas dari staf")
    if mode == SelectionMode.FAIR:
        _allocate(plan, batch, regs, pool, seed=rng.randint(100_000, 999_999))
        batch.allocated_at = closes + datetime.timedelta(hours=2)
    else:
        for i, r in enumerate(regs):
            r.status, r.pool = (S.ACCEPTED, Pool.ORDER) if i < capacity else (S.WAITLISTED, "")
            r.rank = None
    # A few seats were given up and passed down the waiting list.
    waiting = sorted((r for r in regs if r.status == S.WAITLISTED), key=lambda r: (r.rank or 0, r.created_at))
    for r in [r for r in regs if r.status == S.ACCEPTED][: max(1, capacity // 15)]:
        r.status, r.cancelled_at = S.CANCELLED, closes + datetime.timedelta(days=2)
        r.cancel_reason = _("Berhalangan hadir")
        if waiting:
            nxt = waiting.pop(0)
            nxt.status, nxt.pool = S.ACCEPTED, Pool.WAITLIST
            nxt.offered_at = closes + datetime.timedelta(days=2)
    finished = datetime.datetime.combine(batch.end_date, datetime.time(17), tzinfo=tz)
    for r in regs:
        r.decided_at = batch.allocated_at or r.created_at
    Registration.objects.bulk_create(regs)
    attendances, certificates = [], []
    attendance_rate = {r.pk: rng.choice([1.0, 1.0, 0.95, 0.9, 0.8, 0.6]) for r in regs}
    if demo:
        attendance_rate.update({r.pk: 1.0 for r in regs if r.business_id == demo[0]})
    serial = 0
    for r in sorted((r for r in regs if r.status == S.ACCEPTED), key=lambda r: r.pk):
        present = [s for s in sessions if rng.random() < attendance_rate[r.pk]]
        attendances += [Attendance(registration=r, session=s, method=rng.choice(list(CheckInMethod.values)),
                                   checked_in_at=datetime.datetime.combine(s.date, s.start_time, tzinfo=tz))
                        for s in present]  # fmt: skip
        r.completed = len(present) * 100 >= batch.completion_percent * len(sessions)
        if r.completed:
            serial += 1
            business = next(b for b in chosen if b[0] == r.business_id)
            plan.done[r.business_id].add(programme.topic)
            certificates.append(Certificate(
                registration=r, number=f"{start:%Y}/PLT-{batch.pk:04d}/{serial:04d}", holder_name=business[4],
                business_name=business[5], programme_title=programme.title, partner=programme.partner,
                batch_label=batch.label, start_date=batch.start_date, end_date=batch.end_date, issued_at=finished,
            ))  # fmt: skip
    Attendance.objects.bulk_create(attendances)
    Registration.objects.bulk_update([r for r in regs if r.completed is not None], ["completed"])
    Certificate.objects.bulk_create(certificates)
    # Simulation (registry/demo.py): graduates sell ~10 % more from the month after the batch ends.
    turnover_lift(
        [r.business_id for r in regs if r.completed], since=batch.end_date, percent=TRAINED_LIFT_PERCENT
    )
    batch.closed_at, batch.finished_at = closes, finished
    batch.save()


def _current_batch(ctx, plan, programme, number, start, *, state, applicants, demo_owner=False):
    rng = plan.rng
    now = timezone.now()
    capacity = _capacity(ctx)
    if state == BatchState.OPEN:
        opens, closes = now - datetime.timedelta(days=2), now + datetime.timedelta(days=7)
    else:
        opens, closes = now - datetime.timedelta(days=14), now - datetime.timedelta(days=1)
    batch = _make_batch(programme, number, start, SelectionMode.FAIR, state, [], capacity, opens, closes,
                        verified_only=state != BatchState.OPEN)  # fmt: skip
    _sessions(batch)
    demo_id = plan.demo_business[0] if plan.demo_business else None
    pool = [b for b in plan.eligible([]) if b[0] != demo_id]
    chosen = rng.sample(pool, k=min(len(pool), capacity * applicants))
    if demo_owner and plan.demo_business:
        chosen.insert(0, plan.demo_business)
    regs = _registrations(plan, batch, chosen, opens, min(closes, now), tz_now=now)
    if demo_owner and plan.demo_business:
        # Staff gave the demo owner priority (with a recorded reason), so the demo shows a seat.
        mine = next(r for r in regs if r.business_id == demo_id)
        mine.priority, mine.priority_reason = 1, _("Data demo: contoh prioritas dari staf")
    if state == BatchState.ALLOCATED:
        _allocate(plan, batch, regs, plan.eligible([]), seed=rng.randint(100_000, 999_999))
        batch.allocated_at = closes + datetime.timedelta(hours=3)
        batch.closed_at = closes
        for r in regs:
            r.decided_at = batch.allocated_at
        batch.save()
    elif state == BatchState.CLOSED:
        batch.closed_at = closes
        batch.save()
    Registration.objects.bulk_create(regs)
