"""Demo exhibitions of Solo (facts in ../shared/domain/FACTS.md): the UKM Expo 2019 (curated UKM from
across the city's kelurahan), the bazaar of the ASEAN Para Games 2022 at several venues (one UMKM may
serve several), a G20 side event at Loji Gandrung co-hosted with Bank Indonesia — each with its
budget, booths, the real fair allocation, check-ins and daily sales, closed and reported — and one
open call in progress that the demo owner can apply to.

Past events are written directly (their calls closed years ago), but the draw is the real one
(``services.allocation._draw``: the same engine, quotas and booth choice as the publish button) and
closing, the budget and the report go through the services."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.roles import Role
from binaumkm.registry.demo import DEMO_OWNER_PHONE
from binaumkm.registry.models import Business, Product

from . import curation, services
from .eligibility import sector_of
from .models import (
    Application,
    Assignment,
    AssignmentState,
    Booth,
    BoothCategory,
    CheckIn,
    CurationCriterion,
    CurationReview,
    CurationScore,
    Curator,
    Exhibition,
    ExhibitionPhoto,
    Kind,
    Pool,
    Release,
    SalesReport,
    State,
    Status,
    Venue,
)
from .services.allocation import _draw

PDF = b"%PDF-1.4\n% kuitansi demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PAST = [
    # name, kind, co-hosts, (venue, first day, days, columns, rows, booths), sectors, budget lines, daily sales (Rp, median)
    ("UKM Expo 2019", Kind.EXPO, [], [("Pendhapi Gede Balai Kota Surakarta", datetime.date(2019, 10, 24), 3, 13, 5, 52)],
     [], [("Sewa tenda dan panggung", 85_000_000, 1.0), ("Dekorasi dan booth", 60_000_000, 0.97),
          ("Publikasi dan promosi", 25_000_000, 1.06), ("Konsumsi panitia", 12_000_000, 0.9)], 3_200_000),
    ("Bazar UMKM ASEAN Para Games 2022", Kind.BAZAAR, ["Panitia Nasional ASEAN Para Games (INASPOC)"],
     [("Stadion Manahan", datetime.date(2022, 7, 30), 7, 6, 3, 12), ("Stadion Sriwedari", datetime.date(2022, 7, 31), 6, 5, 2, 8),
      ("GOR Sritex Arena", datetime.date(2022, 8, 1), 5, 5, 2, 8), ("Solo Technopark", datetime.date(2022, 8, 1), 5, 4, 2, 6)],
     ["makanan", "minuman", "batik", "kerajinan"], [("Sewa tenda dan listrik", 70_000_000, 0.96),
     ("Transportasi barang peserta", 15_000_000, 0.88), ("Publikasi", 10_000_000, 1.0)], 1_400_000),
    ("Pameran UMKM G20 Loji Gandrung", Kind.EXHIBITION, ["Bank Indonesia Solo"],
     [("Loji Gandrung", datetime.date(2022, 10, 13), 2, 6, 3, 17)], [],
     [("Booth dan dekorasi", 30_000_000, 0.99), ("Kurasi dan pendampingan peserta", 8_000_000, 1.0)], 2_600_000),
]  # fmt: skip


def _recent(today: datetime.date) -> tuple:
    """A bazaar two and a half months before the seeding day, reported since: the historic events
    above stop in 2022, and a demo seeded any year should show last season's exhibition too."""
    first = today - datetime.timedelta(days=75)
    return (f"Bazar UMKM Benteng Vastenburg {first.year}", Kind.BAZAAR, [],
            [("Benteng Vastenburg", first, 3, 6, 3, 16)], ["makanan", "minuman", "batik", "kerajinan"],
            [("Sewa tenda dan listrik", 40_000_000, 0.95), ("Publikasi", 8_000_000, 1.0)], 1_800_000)  # fmt: skip


def seed(ctx):
    rng = ctx.rng("exhibitions")
    staff = demo_user("staf", full_name="Rina Kurniawati", role=Role.STAFF, email="staf@example.com")
    admin = demo_user("admin", full_name="Admin Dinas", role=Role.ADMIN, email="admin@example.com")
    curators = [
        demo_user(
            "kurator.pameran", full_name="Sekar Ayu (kurator)", role=Role.MENTOR, email="kurator@example.com"
        ),
        demo_user(
            "pendamping", full_name="Bambang Hartono", role=Role.MENTOR, email="pendamping@example.com"
        ),
    ]
    businesses = list(
        Business.objects.filter(verification="terverifikasi").exclude(status="tutup")
        .exclude(owner__user__phone=DEMO_OWNER_PHONE).values_list("pk", flat=True)
    )  # fmt: skip
    if not businesses:
        return
    products: dict[int, list[tuple[int, str]]] = {}
    for pk, business, category in Product.objects.filter(business__in=businesses, is_active=True).values_list(
        "pk", "business_id", "category"
    ):
        products.setdefault(business, []).append((pk, category))
    pool = [b for b in businesses if b in products]
    exhibited: list[int] = []  # who came before: returning exhibitors, and rotation within 12 months
    for spec in [*PAST, _recent(ctx.today)]:
        _past(ctx, rng, spec, pool, products, staff, admin, curators, exhibited)
    _open_call(ctx, rng, pool, staff, curators)
    ctx.log(f"exhibitions: {Exhibition.objects.count()} pameran, {Application.objects.count()} pendaftaran")


def logins(ctx):
    ctx.add_login("Kurator pameran", "kurator.pameran")


def _tz(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _venues(exhibition, specs):
    """Venues with their booths laid out in rows on the grid; one category with power for food."""
    food = BoothCategory.objects.create(exhibition=exhibition, name="Kuliner", size="2 × 2 m", zone="Zona kuliner",
                                        electricity_watts=900, sectors=["makanan", "minuman"])  # fmt: skip
    craft = BoothCategory.objects.create(
        exhibition=exhibition, name="Standar", size="3 × 3 m", zone="Zona utama"
    )
    venues = []
    for name, first, days, columns, rows, n in specs:
        venue = Venue.objects.create(exhibition=exhibition, name=name, start_date=first,
                                     end_date=first + datetime.timedelta(days=days - 1), columns=columns, rows=rows)  # fmt: skip
        cells = [(x, y) for y in range(rows) for x in range(columns)]
        letter = "ABCDEFGH"[len(venues)]
        booths = [Booth(venue=venue, category=food if i % 3 == 0 else craft, code=f"{letter}-{i + 1:02d}", x=x, y=y)
                  for i, (x, y) in enumerate(cells[:n])]  # fmt: skip
        Booth.objects.bulk_create(booths)
        venues.append(venue)
    return venues


def _applications(rng, exhibition, chosen, products, submitted_at):
    apps = []
    for business in chosen:
        items = products[business][:3]
        categories = [c for _pk, c in items]
        apps.append(Application(
            exhibition=exhibition, business_id=business, sector=sector_of(categories),
            status=Status.ELIGIBLE, submitted_at=submitted_at - datetime.timedelta(hours=rng.randint(1, 300)),
            needs_electricity=categories[0] in ("makanan", "minuman"), checked_at=submitted_at,
        ))  # fmt: skip
    Application.objects.bulk_create(apps)
    through = Application.products.through
    through.objects.bulk_create(
        [through(application_id=a.pk, product_id=pk) for a in apps for pk, _c in products[a.business_id][:3]]
    )
    return apps


def _curate(rng, exhibition, apps, curators):
    """Each curator scores each application; the combined score as the curation close computes it."""
    criteria = list(exhibition.criteria.all())
    weights = {c.pk: c.weight for c in criteria}
    reviews = [CurationReview(application=a, curator=u, comment="") for a in apps for u in curators]
    CurationReview.objects.bulk_create(reviews)
    scores, per_app = [], {}
    for review in reviews:
        values = {c.pk: rng.choice((2, 3, 3, 4, 4, 4, 5, 5)) for c in criteria}
        scores += [CurationScore(review=review, criterion_id=pk, score=s) for pk, s in values.items()]
        per_app.setdefault(review.application_id, []).append(curation.review_score(values, weights))
    CurationScore.objects.bulk_create(scores)
    for a in apps:
        a.curation_score = curation.combined(per_app[a.pk])
        a.status = Status.NOT_PASSED if a.curation_score < exhibition.curation_threshold else Status.CURATED
    Application.objects.bulk_update(apps, ["curation_score", "status"])


def _allocate(rng, exhibition, published):
    """The real draw, then what the exhibitors answered: most accepted; those who declined passed
    their booth to the next on the waiting list, who accepted."""
    seed = rng.randint(100_000, 999_999)
    draw, kecamatan = _draw(exhibition, seed)
    apps = Application.objects.in_bulk([p.id for p in draw.result.placements])
    venue_of = dict(Booth.objects.filter(venue__exhibition=exhibition).values_list("pk", "venue_id"))
    waiting = [apps[p.id] for p in draw.result.waiting]
    assignments = []
    for p in draw.result.placements:
        a = apps[p.id]
        a.pool, a.rank, a.lottery_key, a.decided_at = p.pool, p.rank, p.key, published
        a.tier, a.weight, a.kecamatan_id = draw.tiers[p.id], draw.weights[p.id], kecamatan[p.id]
        a.status = Status.WAITLISTED
    for p in draw.result.selected:
        a, booth = apps[p.id], draw.booths[p.id]
        if rng.random() < 0.1 and waiting:
            a.status = Status.DECLINED
            assignments.append(Assignment(application=a, booth_id=booth, venue_id=venue_of[booth], offered_at=published,
                                          state=AssignmentState.RELEASED, release_reason=Release.DECLINED,
                                          released_at=published + datetime.timedelta(days=1)))  # fmt: skip
            a = waiting.pop(0)
            a.pool = Pool.WAITLIST
        a.status = Status.ACCEPTED
        assignments.append(Assignment(application=a, booth_id=booth, venue_id=venue_of[booth], offered_at=published,
                                      state=AssignmentState.ASSIGNED, assigned_at=published + datetime.timedelta(days=2)))  # fmt: skip
    Application.objects.bulk_update(apps.values(), ["status", "pool", "rank", "lottery_key", "decided_at", "tier",
                                                    "weight", "kecamatan"])  # fmt: skip
    Assignment.objects.bulk_create(assignments)
    exhibition.allocation_seed, exhibition.allocated_at = seed, published
    exhibition.allocation_summary = {
        "digest": draw.result.digest, "seats": draw.seats, "quota_seats": draw.quota_seats,
        "kecamatan": {str(k): v for k, v in draw.result.summary["kecamatan"].items()},
        "sektor": {str(k): v for k, v in draw.result.summary["sektor"].items()},
        "offered": len(draw.result.selected), "waiting": len(draw.result.waiting),
    }  # fmt: skip
    exhibition.state = State.CONFIRMED
    exhibition.save()


def _extra_booths(rng, exhibition, staff):
    """A few exhibitors also serve a second venue (a booth kept free for it)."""
    accepted = list(exhibition.applications.filter(status=Status.ACCEPTED).prefetch_related("assignments"))
    for booth in Booth.objects.filter(venue__exhibition=exhibition, blocked=True):
        Booth.objects.filter(pk=booth.pk).update(blocked=False)
        candidates = [a for a in accepted if all(x.venue_id != booth.venue_id for x in a.assignments.all())]
        if candidates:
            services.booth_assign_extra(actor=staff, application=rng.choice(candidates), booth=booth)


def _event(rng, exhibition, median):
    """Check-ins (a few never came) and each day's sales, reported from the exhibitors' phones."""
    check_ins, sales = [], []
    for assignment in Assignment.objects.filter(
        application__exhibition=exhibition, state=AssignmentState.ASSIGNED
    ).select_related("venue"):
        if rng.random() < 0.04:
            continue  # a no-show: closing records it
        day = assignment.venue.start_date
        while day <= assignment.venue.end_date:
            check_ins.append(CheckIn(assignment=assignment, date=day, at=_tz(day, 8), method="qr"))
            if rng.random() < 0.93:
                gross = round(median * rng.lognormvariate(0, 0.55), -3)
                qris = round(gross * rng.uniform(0.2, 0.75), -3)
                sales.append(SalesReport(assignment=assignment, date=day, gross=int(gross), cash=int(gross - qris),
                                         qris=int(qris), transactions=max(1, int(gross // rng.randint(35_000, 90_000))),
                                         leads=rng.randint(0, 8), reported_at=_tz(day, 20)))  # fmt: skip
            day += datetime.timedelta(days=1)
    CheckIn.objects.bulk_create(check_ins)
    SalesReport.objects.bulk_create(sales)
    came = {c.assignment.application_id for c in check_ins}
    Application.objects.filter(pk__in=came, status=Status.ACCEPTED).update(status=Status.CHECKED_IN)


def _budget(rng, exhibition, lines, staff, admin, day):
    for i, (description, planned, ratio) in enumerate(lines, start=1):
        line = services.budget_line_save(actor=staff, exhibition=exhibition, data={
            "activity_code": "2.17.02.2.01.0001", "account_code": f"5.1.02.01.01.{24 + i:04d}",
            "description": description, "planned": planned})  # fmt: skip
        amount = int(round(planned * ratio, -3))
        over = amount > planned
        services.realisation_add(
            actor=admin if over else staff, line=line, amount=amount, date=day, description=f"Kuitansi {description.lower()}",
            evidence=ContentFile(PDF, name="kuitansi.pdf"), override=over,
            reason="Harga naik menjelang acara; disetujui kepala bidang" if over else "",
        )  # fmt: skip


def _photos(exhibition, staff):
    from PIL import Image, ImageDraw

    for i, (caption, colour) in enumerate(
        (("Pembukaan oleh Wali Kota", (25, 135, 84)), ("Suasana booth peserta", (13, 110, 253)))
    ):
        image = Image.new("RGB", (640, 420), colour)
        draw = ImageDraw.Draw(image)
        for k in range(6):
            draw.rectangle(
                [40 + k * 95, 220, 115 + k * 95, 380], fill=(248, 249, 250), outline=(33, 37, 41), width=3
            )
        draw.text((40, 40), f"{exhibition.name}\n{caption}", fill=(255, 255, 255))
        out = io.BytesIO()
        image.save(out, format="PNG")
        photo = ExhibitionPhoto(exhibition=exhibition, caption=caption, extension="png", uploaded_by=staff)
        photo.image.save(f"foto{i}.png", ContentFile(out.getvalue()), save=True)


def _past(ctx, rng, spec, pool, products, staff, admin, curators, exhibited):
    name, kind, co_hosts, venue_specs, sectors, lines, median = spec
    first = min(v[1] for v in venue_specs)
    opens, closes = _tz(first - datetime.timedelta(days=45), 8), _tz(first - datetime.timedelta(days=21), 16)
    exhibition = Exhibition.objects.create(name=name, kind=kind, co_hosts=co_hosts, target_sectors=sectors,
                                           call_opens_at=opens, call_closes_at=closes, created_by=staff,
                                           state=State.ALLOCATION, curation_threshold=40, rotation_months=12)  # fmt: skip
    for criterion, weight in (
        ("Kapasitas produksi", 3),
        ("Pengelolaan limbah", 2),
        ("Pengetahuan produk", 2),
    ):
        CurationCriterion.objects.create(exhibition=exhibition, name=criterion, weight=weight)
    Curator.objects.bulk_create([Curator(exhibition=exhibition, user=u) for u in curators])
    venues = _venues(exhibition, venue_specs)
    if len(venues) > 1:  # booths kept for exhibitors who serve a second venue
        Booth.objects.filter(pk__in=[v.booths.order_by("-code").first().pk for v in venues[1:]]).update(
            blocked=True
        )
    n_booths = Booth.objects.filter(venue__exhibition=exhibition).count()
    eligible = [b for b in pool if not sectors or any(c in sectors for _p, c in products[b])]
    returning = list(
        dict.fromkeys(b for b in exhibited if b in set(eligible))
    )  # once, however often they came
    again = rng.sample(returning, k=min(len(returning), n_booths // 3))
    fresh = [b for b in eligible if b not in set(again)]
    chosen = again + rng.sample(fresh, k=min(len(fresh), n_booths * 2 + 6 - len(again)))
    apps = _applications(rng, exhibition, chosen, products, closes)
    _curate(rng, exhibition, apps, curators)
    _allocate(rng, exhibition, closes + datetime.timedelta(days=3))
    if len(venues) > 1:
        _extra_booths(rng, exhibition, staff)
    exhibition.state = State.RUNNING
    exhibition.save(update_fields=["state"])
    _event(rng, exhibition, median)
    exhibited += list(
        exhibition.applications.filter(status=Status.CHECKED_IN).values_list("business_id", flat=True)
    )
    services.exhibition_close(actor=staff, exhibition=exhibition)
    last = max(v.end_date for v in venues)
    _budget(rng, exhibition, lines, staff, admin, last)
    _photos(exhibition, staff)
    services.exhibition_report(actor=staff, exhibition=exhibition)
    Exhibition.objects.filter(pk=exhibition.pk).update(
        closed_at=_tz(last, 21), reported_at=_tz(last + datetime.timedelta(days=14), 10)
    )


def _open_call(ctx, rng, pool, staff, curators):
    """An open call in progress: a bazaar next month, applications coming in, the demo owner not yet."""
    today = timezone.now()
    first = ctx.today + datetime.timedelta(days=35)
    exhibition = services.exhibition_create(actor=staff, data={
        "name": "Bazar Kuliner dan Kriya Ngarsopuro", "kind": Kind.BAZAAR, "co_hosts": ["Bank Indonesia Solo"],
        "target_sectors": ["makanan", "minuman", "kerajinan", "batik"], "description":
        "Bazar malam di Ngarsopuro untuk UMKM kuliner dan kriya Solo. Booth dibagi dengan undian adil setelah kurasi.",
        "call_opens_at": today - datetime.timedelta(days=5), "call_closes_at": today + datetime.timedelta(days=14),
    })  # fmt: skip
    services.venue_save(actor=staff, exhibition=exhibition, data={
        "name": "Ngarsopuro", "address": "Jl. Diponegoro, Keprabon", "start_date": first,
        "end_date": first + datetime.timedelta(days=1), "columns": 10, "rows": 3})  # fmt: skip
    _open_call_booths(exhibition, staff)
    for curator in curators:
        services.curator_add(actor=staff, exhibition=exhibition, user=curator)
    services.budget_line_save(actor=staff, exhibition=exhibition, data={
        "activity_code": "2.17.02.2.01.0001", "account_code": "5.1.02.01.01.0026",
        "description": "Sewa tenda dan listrik", "planned": 45_000_000})  # fmt: skip
    services.exhibition_open_call(actor=staff, exhibition=exhibition)
    for business in Business.objects.filter(pk__in=rng.sample(pool, k=min(len(pool), 24))).select_related(
        "kelurahan"
    ):
        services.application_submit(actor=staff, exhibition=exhibition, business=business,
                                    products=list(business.products.filter(is_active=True)[:3]))  # fmt: skip


def _open_call_booths(exhibition, staff):
    venue = exhibition.venues.get()
    food = services.category_save(actor=staff, exhibition=exhibition, data={
        "name": "Kuliner", "size": "2 × 2 m", "zone": "Sisi barat", "fee": 0, "electricity_watts": 900,
        "sectors": ["makanan", "minuman"]})  # fmt: skip
    craft = services.category_save(actor=staff, exhibition=exhibition, data={
        "name": "Kriya", "size": "3 × 3 m", "zone": "Sisi timur", "fee": 0, "electricity_watts": 0, "sectors": []})  # fmt: skip
    for i in range(10):
        services.booth_save(
            actor=staff, venue=venue, data={"category": food, "code": f"K-{i + 1:02d}", "x": i, "y": 0}
        )
        services.booth_save(
            actor=staff, venue=venue, data={"category": craft, "code": f"R-{i + 1:02d}", "x": i, "y": 2}
        )
