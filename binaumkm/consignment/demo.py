"""Demo consignment: star hotels along Jl. Slamet Riyadi, souvenir centres (pusat oleh-oleh) and a
station kiosk in Solo, with agreements for verified, active UMKM selling food, crafts and batik,
and four months of deliveries, sales, returns, settlements and payments — all through the services,
so the ledger, balances and audit log are what real use would leave. Outlet names are invented."""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core.models import Kelurahan
from binaumkm.registry.choices import BusinessStatus, ProductCategory
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import eligible_q

from . import services
from .models import Outlet, StockBalance, StockEntry

PARTNER_USERNAME = "mitra.sriwedari"
MONTHS = 4
CATEGORIES = {"makanan", "minuman", "kerajinan", "batik", "fesyen"}
# name, kind, stars, address, kelurahan, contact, commission (bp), period, businesses at scale 1
OUTLETS = [
    ("Hotel Sriwedari Heritage", "hotel", 4, "Jl. Slamet Riyadi No. 372", "Sriwedari", "Dewi Anggraini", 2000, "bulanan", 10),
    ("Grand Purwosari Hotel", "hotel", 5, "Jl. Slamet Riyadi No. 541", "Purwosari", "Bambang Setiawan", 2500, "bulanan", 8),
    ("Hotel Penumping Asri", "hotel", 3, "Jl. Slamet Riyadi No. 214", "Penumping", "Rahayu Lestari", 1500, "dua_mingguan", 6),
    ("Pusat Oleh-oleh Solo Rasa", "oleh_oleh", None, "Jl. Dr. Radjiman No. 120", "Kauman", "Agus Prasetyo", 1500, "bulanan", 14),
    ("Galeri Oleh-oleh Pasar Gede", "oleh_oleh", None, "Jl. Urip Sumoharjo No. 9", "Sudiroprajan", "Lina Wijaya", 1250, "dua_mingguan", 12),
    ("Kios UMKM Stasiun Solo Balapan", "bandara_stasiun", None, "Jl. Wolter Monginsidi No. 112", "Kestalan", "Hendro Saputro", 1000, "mingguan", 6),
]  # fmt: skip


def _actor():
    return User.objects.filter(username="staf").first() or demo_user(
        "staf", full_name="Rina Kurniawati", role=Role.STAFF, email="staf@example.com"
    )


def _eligible_businesses():
    """Verified, active businesses with food, craft or batik products, the demo owner's first."""
    ids = (
        Product.objects.filter(is_active=True, category__in=CATEGORIES)
        .filter(eligible_q("business__"), business__status=BusinessStatus.ACTIVE)  # eligible, not stagnant
        .values_list("business_id", flat=True)
        .distinct()
    )
    businesses = list(Business.objects.filter(pk__in=ids).select_related("owner").order_by("pk")[:400])
    businesses.sort(key=lambda b: (b.owner.user_id is None, b.pk))  # the demo owner's business first
    return businesses


def seed(ctx):
    if Outlet.objects.exists():
        return
    rng = ctx.rng("consignment")
    actor = _actor()
    today = min(ctx.today, timezone.localdate())
    start = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for _i in range(MONTHS - 2):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    businesses = _eligible_businesses()
    if not businesses:
        ctx.log("consignment: tidak ada UMKM terverifikasi dengan produk yang cocok; dilewati.")
        return
    kelurahan = {k.name: k for k in Kelurahan.objects.all()}
    scale = min(1.0, max(ctx.scale, 0.2))
    outlets = []
    for index, (name, kind, stars, address, kel, contact, bp, period, size) in enumerate(OUTLETS):
        if scale < 0.5 and index % 2:
            continue
        outlet = services.outlet_create(actor=actor, data={
            "name": name, "kind": kind, "star_rating": stars, "address": address,
            "kelurahan": kelurahan.get(kel) or next(iter(kelurahan.values())), "contact_name": contact,
            "contact_phone": f"+62271{rng.randint(600000, 799999)}",
            "contact_email": f"titipjual.{name.split()[-1].lower()}@example.com", "commission_bp": bp,
            "settlement_period": period, "is_active": True,
        })  # fmt: skip
        chosen = [businesses[0]] if index in (0, 3) else []
        pool = [b for b in businesses if b not in chosen]
        chosen += rng.sample(pool, k=min(len(pool), max(2, round(size * scale)) - len(chosen)))
        outlets.append((outlet, _agreements(rng, actor, outlet, chosen, start)))
    partner = demo_user(PARTNER_USERNAME, full_name="Dewi Anggraini", role=Role.OUTLET_PARTNER,
                        email="mitra.sriwedari@example.com")  # fmt: skip
    services.outlet_partner_add(
        actor=actor, outlet=outlets[0][0], full_name=partner.full_name, phone="", email=partner.email
    )
    for outlet, items in outlets:
        _trade(rng, actor, partner if outlet == outlets[0][0] else actor, outlet, items, start, today)
        _settle(rng, actor, outlet, start, today)
    services.expiry_flag(actor=None, today=today, notify=False)
    ctx.log(f"consignment: {len(outlets)} outlet, {StockEntry.objects.count()} entri buku stok")


def _agreements(rng, actor, outlet, businesses, start):
    items = []
    for business in businesses:
        handling = "diskon" if rng.random() < 0.3 else "retur"
        agreement = services.agreement_create(actor=actor, outlet=outlet, business=business, data={
            "commission_bp": None if rng.random() < 0.8 else outlet.commission_bp + 500,
            "starts_on": start - datetime.timedelta(days=rng.randint(7, 60)), "ends_on": None,
            "expiry_handling": handling, "expiry_discount_bp": 2500 if handling == "diskon" else 0,
            "notes": "",
        })  # fmt: skip
        products = business.products.filter(is_active=True, category__in=CATEGORIES).order_by("pk")[:2]
        for product in products:
            markup = rng.choice([100, 110, 115, 120, 125])  # outlets often sell above the UMKM's own price
            price = max(1000, product.price * markup // 100 // 500 * 500)
            items.append(
                services.agreement_item_save(actor=actor, agreement=agreement, product=product, price=price)
            )
    return items


def _is_food(item) -> bool:
    return item.product.category in ProductCategory.food_like()


def _trade(rng, actor, seller, outlet, items, start, today):
    """Week by week: restock on Monday, sell during the week, take expired food back."""
    day = start - datetime.timedelta(days=start.weekday())
    week = 0
    while day <= today:
        if week % 2 == 0:
            by_agreement = {}
            for item in items:
                if rng.random() < 0.8:
                    by_agreement.setdefault(item.agreement_id, []).append(item)
            for lines in by_agreement.values():
                delivered_on = min(day + datetime.timedelta(days=rng.randint(0, 2)), today)
                services.delivery_create(
                    actor=actor, agreement=lines[0].agreement, delivered_on=delivered_on,
                    sender_name=lines[0].agreement.business.owner.full_name,
                    receiver_name=outlet.contact_name, lines=[
                        (item, rng.randint(8, 30) if _is_food(item) else rng.randint(3, 12),
                         delivered_on + datetime.timedelta(days=rng.randint(10, 35)) if _is_food(item) else None)
                        for item in lines
                    ],
                )  # fmt: skip
        in_stock = list(StockBalance.objects.filter(outlet=outlet, on_hand__gt=0))  # one query per week
        for item in items:
            sold_on = min(day + datetime.timedelta(days=rng.randint(1, 6)), today)
            available = _available(in_stock, item, sold_on)
            if available and rng.random() < 0.6:
                share = rng.uniform(0.25, 0.7) if _is_food(item) else rng.uniform(0.1, 0.4)
                quantity = max(1, min(available, round(available * share)))
                services.sale_record(
                    actor=seller, outlet=outlet, product=item.product, quantity=quantity, sold_on=sold_on
                )
        _returns(rng, actor, outlet, day, today)
        day += datetime.timedelta(days=7)
        week += 1


def _available(balances, item, day) -> int:
    return sum(
        b.on_hand
        for b in balances
        if b.product_id == item.product_id
        and b.delivered_on <= day
        and (b.expiry_date is None or b.expiry_date >= day)
    )


def _returns(rng, actor, outlet, day, today):
    week_end = min(day + datetime.timedelta(days=6), today)
    expired = StockBalance.objects.filter(
        outlet=outlet, on_hand__gt=0, expiry_date__lt=week_end
    ).select_related("batch")
    for balance in expired:
        returned_on = max(balance.expiry_date, balance.delivered_on)
        services.return_record(actor=actor, batch=balance.batch, quantity=balance.on_hand, returned_on=returned_on,
                             reason_code="kedaluwarsa", note=_("Diambil pemilik"))  # fmt: skip
    if rng.random() < 0.15:
        slow = (
            StockBalance.objects.filter(outlet=outlet, on_hand__gt=3, expiry_date__isnull=True)
            .order_by("delivered_on")
            .first()
        )
        if slow is not None and slow.delivered_on <= week_end:
            services.return_record(actor=actor, batch=slow.batch, quantity=2, returned_on=week_end, reason_code="tidak_laku",
                                 note=_("Rotasi pajangan"))  # fmt: skip
    if rng.random() < 0.05:
        balance = StockBalance.objects.filter(
            outlet=outlet, on_hand__gt=1, delivered_on__lte=week_end
        ).first()
        if balance is not None:
            services.adjustment_record(actor=actor, batch=balance.batch, quantity=-1, counted_on=week_end,
                                     reason=_("Hasil stok opname: 1 barang rusak kemasan"))  # fmt: skip


def _settle(rng, actor, outlet, start, today):
    """Settle every ended period; pay all but the latest; void and redo one as an example."""
    made = []
    period_start, period_end = services.period_bounds(outlet.settlement_period, start)
    while period_end < today:
        with contextlib.suppress(ValidationError):  # a period without sales is simply not settled
            made.append(
                services.settlement_create(
                    actor=actor, outlet=outlet, period_start=period_start, period_end=period_end
                )
            )
        period_start, period_end = services.period_bounds(
            outlet.settlement_period, period_end + datetime.timedelta(days=1)
        )
    if len(made) >= 3 and outlet.kind == Outlet.Kind.SOUVENIR:
        first = made[0]
        services.settlement_void(
            actor=actor, settlement=first, reason=_("Komisi salah hitung; dihitung ulang")
        )
        made[0] = services.settlement_create(actor=actor, outlet=outlet, period_start=first.period_start,
                                               period_end=first.period_end)  # fmt: skip
    for s in made[:-1]:
        paid_on = min(s.period_end + datetime.timedelta(days=rng.randint(3, 12)), today)
        services.settlement_pay_all(actor=actor, settlement=s, paid_on=paid_on,
                                      reference=f"TRF-{s.period_end:%y%m%d}-{s.pk:04d}")  # fmt: skip


def logins(ctx):
    ctx.add_login(_("Mitra outlet titip jual"), PARTNER_USERNAME)
