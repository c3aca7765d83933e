"""Demo registry: UMKM binaan spread over every kelurahan, with products and monthly turnover from
January 2019 (the pre-pandemic baseline year) to last month, relative to the day the demo is seeded.

The turnover is a **simulation**, not data: the 2020 dip (from April), the PPKM wave of July–September
2021, then a recovery whose pace differs by kecamatan and sector (``RECOVERY_BY_KECAMATAN``,
``RECOVERY_BY_SECTOR``) and by each business's own resilience, so some are back above 2019 and some
never return. Modules add the effect of their help on top (financing's lift after disbursement,
mentoring's engagements, training's graduates: ``turnover_lift``). About 3 % of months are not
reported, so charts show gaps; closed businesses stop reporting when they close.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.roles import Role
from binaumkm.core.models import Kelurahan

from . import demo_names as names
from .choices import BusinessStatus, Verification
from .models import (
    Business,
    BusinessStatusChange,
    BusinessVerificationChange,
    Owner,
    Presence,
    Product,
    TurnoverReport,
)
from .platforms import Platform, Stage
from .sizing import classify_size

DEMO_OWNER_PHONE = "+6281234567890"
NEIGHBOUR_REGENCIES = ["3311", "3313", "3309", "3310"]  # Sukoharjo, Karanganyar, Boyolali, Klaten
TURNOVER_START = datetime.date(2019, 1, 1)  # the baseline year before the pandemic
# Simulated pace of recovery after October 2021 (1.0 = the city's average), per kecamatan code and
# KBLI section: trade and manufacturing sold online sooner; tourism-dependent Pasar Kliwon and
# Serengan and accommodation/food (I) waited for visitors to return.
RECOVERY_BY_KECAMATAN = {
    "33.72.01": 1.0,
    "33.72.02": 0.85,
    "33.72.03": 0.75,
    "33.72.04": 1.1,
    "33.72.05": 1.2,
}
RECOVERY_BY_SECTOR = {"C": 1.05, "G": 1.15, "I": 0.8, "S": 0.9}
# Lebaran (Idul Fitri) month of each year: a sales peak for most UMKM.
LEBARAN = {2019: 6, 2020: 5, 2021: 5, 2022: 5, 2023: 4, 2024: 4, 2025: 3, 2026: 3, 2027: 3, 2028: 2, 2029: 2}
UNREPORTED_SHARE = 0.03


def last_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(datetime.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def synthetic_nik(rng, kecamatan_code: str, female: bool, serial: int) -> str:
    """A structurally valid NIK: area + DDMMYY (+40 for women) + serial. Not a real person's."""
    area = (
        "3372" + kecamatan_code[-2:]
        if rng.random() < 0.88
        else rng.choice(NEIGHBOUR_REGENCIES) + f"{rng.randint(1, 19):02d}"
    )
    birth = datetime.date(1955, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 47))
    day = birth.day + (40 if female else 0)
    return f"{area}{day:02d}{birth:%m%y}{serial % 9999 + 1:04d}"


def pandemic_factor(period: datetime.date, resilience: float, pace: float = 1.0) -> float:
    """Simulated turnover relative to the business's 2019 level, before seasonality: the dip from
    April 2020, a slow climb, the PPKM wave of July–September 2021, then recovery from October 2021 at
    ``pace`` towards a ceiling set by ``resilience`` (0–1) and ``pace``: at the city's pace a business
    below ~0.55 resilience never gets back to 90 % of 2019, one above ~0.75 ends above 2019."""
    index = (period.year - 2020) * 12 + period.month - 1  # 0 = January 2020
    if index < 2:
        return 1.0
    if index == 2:
        return 0.85
    if index < 6:
        return 0.35 + 0.2 * resilience
    if index < 18:
        return 0.45 + 0.25 * resilience + 0.01 * (index - 6)
    if index < 21:
        return 0.4 + 0.25 * resilience
    ceiling = (0.6 + 0.55 * resilience) * min(pace, 1.3) ** 0.5  # slower places also settle lower
    return min(ceiling, 0.55 + 0.25 * resilience + 0.012 * pace * (index - 21))


def seasonal(period: datetime.date) -> float:
    if LEBARAN.get(period.year) == period.month:
        return 1.2
    return 1.08 if period.month == 12 else 1.0


def turnover_lift(business_ids, *, since: datetime.date, percent: int) -> int:
    """Demo only: the reports of these businesses after ``since``'s month rise by ``percent`` % (a
    module simulating the effect of its help). One query; returns the rows changed."""
    from django.db.models import BigIntegerField, F
    from django.db.models.functions import Cast

    return TurnoverReport.objects.filter(
        business_id__in=business_ids, period__gt=since.replace(day=1)
    ).update(turnover=Cast(F("turnover") * (100 + percent) / 100, BigIntegerField()))


def _pick_line(rng):
    total = sum(weight for weight, *_rest in names.LINES)
    roll = rng.uniform(0, total)
    for line in names.LINES:
        roll -= line[0]
        if roll <= 0:
            return line
    return names.LINES[-1]


def seed(ctx, *, turnover_months: int | None = None, batch_size: int = 2000):
    """``turnover_months``: None, every month from January 2019 to last month; n, only the last n."""
    rng = ctx.rng("registry")
    kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("code"))
    if not kelurahan:
        raise RuntimeError("Muat wilayah dahulu (manage.py load_wilayah).")
    now = timezone.now()
    used_niks = set(Owner.objects.values_list("nik", flat=True))
    start_index = Business.objects.count()
    periods = months_between(TURNOVER_START, last_month(ctx.today))
    periods = periods[len(periods) - turnover_months :] if turnover_months is not None else periods
    periods = periods if turnover_months != 0 else []
    for offset in range(0, ctx.umkm, batch_size):
        count = min(batch_size, ctx.umkm - offset)
        _seed_batch(ctx, rng, kelurahan, used_niks, start_index + offset, count, now, periods)
        ctx.log(f"registry: {offset + count} / {ctx.umkm} UMKM")
    seed_demo_owner(ctx)


def _seed_batch(ctx, rng, kelurahan, used_niks, first, count, now, periods):
    owners, businesses, plans = [], [], []
    shops: list[list[tuple[str, str]]] = []
    for i in range(first, first + count):
        # Round-robin first so every kelurahan has businesses, then weighted at random.
        kel = kelurahan[i % len(kelurahan)] if i < len(kelurahan) * 3 else rng.choice(kelurahan)
        female = rng.random() < 0.62  # most Solo UMKM owners in the programme are women
        first_name = rng.choice(names.FEMALE if female else names.MALE)
        full_name = f"{first_name} {rng.choice(names.SURNAMES)}"
        nik = synthetic_nik(rng, kel.kecamatan.code, female, i)
        while nik in used_niks:
            nik = synthetic_nik(rng, kel.kecamatan.code, female, i + rng.randint(1, 9999))
        used_niks.add(nik)
        phone = f"+628{rng.choice(['12', '13', '21', '22', '52', '56', '57', '77', '78', '95', '96'])}{rng.randint(10**6, 10**8 - 1)}"
        owners.append(Owner(full_name=full_name, nik=nik, phone=phone, gender="P" if female else "L",
                            email="" if rng.random() < 0.6 else f"{first_name.lower()}{i}@example.com",
                            created_at=now))  # fmt: skip
        weight, patterns, section, codes, products = _pick_line(rng)
        roll = rng.random()
        annual_sales = (
            rng.randint(24, 1_800) * 1_000_000 if roll < 0.93
            else rng.randint(2_100, 14_000) * 1_000_000 if roll < 0.99
            else rng.randint(15_500, 45_000) * 1_000_000
        )  # fmt: skip
        year = rng.choice([*range(1990, 2021), *range(2005, 2021), 2021, 2022, 2023])
        capital = max(5_000_000, int(annual_sales * rng.uniform(0.2, 0.6)) // 100_000 * 100_000)
        status_roll = rng.random()
        status = (
            BusinessStatus.ACTIVE
            if status_roll < 0.62
            else BusinessStatus.STAGNANT
            if status_roll < 0.9
            else BusinessStatus.CLOSED
        )
        ver_roll = rng.random()
        verification = (
            Verification.VERIFIED
            if ver_roll < 0.86
            else Verification.NEW
            if ver_roll < 0.96
            else Verification.REJECTED
        )
        food = section in ("C", "I") and products[0][1] in ("makanan", "minuman")
        online = rng.random() < 0.38
        binaan = datetime.date(2021, rng.randint(1, 12), rng.randint(1, 28))
        registered = timezone.make_aware(
            datetime.datetime.combine(binaan, datetime.time(9, rng.randint(0, 59)))
        )
        businesses.append(Business(
            name=f"{rng.choice(patterns).format(w=rng.choice(names.PLACE_WORDS))} {rng.choice(names.PLACE_WORDS)}",
            nib=f"{9120000000000 + i * 7919 % 879999999999:013d}" if rng.random() < 0.7 else None,
            address=f"{rng.choice(names.STREETS)} No. {rng.randint(1, 250)}, RT {rng.randint(1, 9):02d}/RW {rng.randint(1, 15):02d}",
            kelurahan=kel, kbli_section=section, kbli_code=rng.choice(codes), capital=capital,
            annual_sales=annual_sales, year_founded=year, employees=rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 12]),
            size_class=classify_size(capital=capital, annual_sales=annual_sales, year_founded=year),
            binaan_since=binaan, status=status, verification=verification,
            verification_note=_("Foto KTP tidak terbaca; unggah ulang.") if verification == Verification.REJECTED else "",
            verified_at=registered + datetime.timedelta(days=rng.randint(1, 20)) if verification != Verification.NEW else None,
            **_draw_shops(shops, rng, i, online),  # here: the random draws stay in their old order
            instagram=f"@umkm.solo{i}" if rng.random() < 0.6 else "",
            whatsapp=phone if rng.random() < 0.85 else "",
            pirt_number=f"{rng.randint(1, 5)}0{rng.randint(1, 9)}3372{rng.randint(10000, 99999)}{rng.randint(21, 28)}" if food and rng.random() < 0.6 else "",
            halal_number=f"ID3372{rng.randint(10**10, 10**11 - 1)}" if food and rng.random() < 0.35 else "",
            bpom_number=f"MD{rng.randint(10**11, 10**12 - 1)}" if food and rng.random() < 0.08 else "",
            created_at=registered,
        ))  # fmt: skip
        plans.append((products, rng.random(), annual_sales))
    Owner.objects.bulk_create(owners, batch_size=1000)
    for owner, business in zip(owners, businesses, strict=True):
        business.owner = owner
    Business.objects.bulk_create(businesses, batch_size=1000)
    Presence.objects.bulk_create(
        [Presence(business=b, platform=platform, url=url, stage=Stage.ACCOUNT, account_on=b.binaan_since)
         for b, found in zip(businesses, shops, strict=True) for platform, url in found],
        batch_size=2000,
    )  # fmt: skip

    product_rows, history_rows, verification_rows, turnover_rows = [], [], [], []
    for business, (products, resilience, annual_sales) in zip(businesses, plans, strict=True):
        for name, category, unit, low, high in rng.sample(products, k=min(len(products), rng.randint(1, 4))):
            price = rng.randint(low // 1000, high // 1000) * 1000
            product_rows.append(Product(business=business, name=name, category=category, unit=unit, price=price,
                                        description=_("Produk khas Solo buatan %(name)s.") % {"name": business.name},
                                        created_at=now))  # fmt: skip
        history_rows.append(BusinessStatusChange(business=business, old_status="", new_status=BusinessStatus.ACTIVE,
                                                 reason=_("Pendaftaran"), changed_at=business.created_at))  # fmt: skip
        verification_rows.append(BusinessVerificationChange(
            business=business, old_verification="", new_verification=Verification.NEW, changed_at=business.created_at))  # fmt: skip
        if business.verification != Verification.NEW:
            verification_rows.append(BusinessVerificationChange(
                business=business, old_verification=Verification.NEW, new_verification=business.verification,
                note=business.verification_note, changed_at=business.verified_at or business.created_at))  # fmt: skip
        closed_on = None
        if business.status != BusinessStatus.ACTIVE:
            changed = business.created_at + datetime.timedelta(days=rng.randint(30, 300))
            history_rows.append(BusinessStatusChange(business=business, old_status=BusinessStatus.ACTIVE,
                                                     new_status=business.status, reason=_("Dampak pandemi"),
                                                     changed_at=changed))  # fmt: skip
            closed_on = changed.date() if business.status == BusinessStatus.CLOSED else None
        base = annual_sales / 12
        if business.status == BusinessStatus.STAGNANT:
            resilience *= 0.4
        pace = (RECOVERY_BY_KECAMATAN.get(business.kelurahan.kecamatan.code, 1.0)
                * RECOVERY_BY_SECTOR.get(business.kbli_section, 1.0) * rng.uniform(0.7, 1.3))  # fmt: skip
        opened = datetime.date(max(business.year_founded or 0, TURNOVER_START.year), 1, 1)
        for period in periods:
            if period < opened or rng.random() < UNREPORTED_SHARE:
                continue
            if closed_on and period > closed_on:
                break
            factor = pandemic_factor(period, resilience, pace) * seasonal(period) * rng.uniform(0.9, 1.1)
            turnover_rows.append(TurnoverReport(business=business, period=period,
                                                turnover=int(base * factor) // 1000 * 1000, created_at=now))  # fmt: skip
    Product.objects.bulk_create(product_rows, batch_size=2000)
    BusinessStatusChange.objects.bulk_create(history_rows, batch_size=2000)
    BusinessVerificationChange.objects.bulk_create(verification_rows, batch_size=2000)
    TurnoverReport.objects.bulk_create(turnover_rows, batch_size=5000)


def seed_demo_owner(ctx):
    """The demo owner account owns the first two demo businesses' owner record."""
    owner = (
        Owner.objects.filter(
            businesses__status=BusinessStatus.ACTIVE, businesses__verification=Verification.VERIFIED
        )
        .order_by("pk")
        .first()
    )
    if owner is None or owner.user_id:
        return
    user = demo_user(DEMO_OWNER_PHONE, full_name=owner.full_name, role=Role.OWNER, phone=DEMO_OWNER_PHONE)
    owner.user = user
    owner.phone = DEMO_OWNER_PHONE
    owner.save(update_fields=["user", "phone"])


def logins(ctx):
    ctx.add_login(_("Pemilik UMKM"), "0812 3456 7890")


def _draw_shops(shops: list, rng, i: int, online: bool) -> dict:
    """The business's shop addresses (a Shopee shop, half of them a Tokopedia one too), kept aside to
    become "account created" presences; returns no Business field."""
    found = [(Platform.SHOPEE, f"https://shopee.co.id/umkm{i}")] if online else []
    if online and rng.random() < 0.5:
        found.append((Platform.TOKOPEDIA, f"https://www.tokopedia.com/umkm{i}"))
    shops.append(found)
    return {}
