"""Demo data: the city's modern stores (mostly Indomaret and Alfamart minimarkets, a few supermarkets,
hypermarkets, department stores and wholesalers) with partnerships over the past years, so that some
stores comply and some do not, offers under way, warning letters, and a store-manager account."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core.models import Kelurahan
from binaumkm.registry.demo_names import STREETS
from binaumkm.registry.models import Business, Owner, Product
from binaumkm.registry.selectors import eligible_q

from . import conf
from .models import Partnership, PartnershipForm, PartnershipStatus, Store

# (brand, store type, number of stores at scale 1.0, years they opened)
CHAINS = [
    ("Indomaret", "minimarket", 105, (2006, 2025)),
    ("Alfamart", "minimarket", 95, (2006, 2025)),
    ("Alfamidi", "minimarket", 14, (2012, 2024)),
    ("Superindo", "supermarket", 5, (2008, 2022)),
    ("Luwes", "supermarket", 4, (1995, 2015)),
    ("Lotte Mart", "hypermarket", 1, (2010, 2012)),
    ("Hypermart", "hypermarket", 2, (2006, 2011)),
    ("Transmart", "hypermarket", 1, (2017, 2018)),
    ("Matahari", "department_store", 3, (1998, 2012)),
    ("Ramayana", "department_store", 1, (2000, 2005)),
    ("Lotte Grosir", "perkulakan", 1, (2008, 2010)),
    ("Indogrosir", "perkulakan", 1, (2012, 2014)),
]
MANAGER_USERNAME = "manajer.toko"
LAST_OPENING = datetime.date(2025, 5, 31)  # no new permits from 5 June 2025


def _date_between(rng, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _stores(ctx, rng, kelurahan):
    stores, used_names = [], set()
    serial = Store.objects.count()
    for brand, store_type, count, (first_year, last_year) in CHAINS:
        n = max(1, round(count * ctx.scale)) if count < 10 else max(3, round(count * ctx.scale))
        for _i in range(n):
            serial += 1
            kel = rng.choice(kelurahan)
            street = rng.choice(STREETS)
            base = f"{brand} {street.removeprefix('Jl. ')}"
            name, k = base, 1
            while name in used_names:
                k += 1
                name = f"{base} {k}"
            used_names.add(name)
            opened = _date_between(
                rng, datetime.date(first_year, 1, 1), min(datetime.date(last_year, 12, 31), LAST_OPENING)
            )
            stores.append(Store(
                name=name, brand=brand, store_type=store_type, kelurahan=kel,
                address=f"{street} No. {rng.randint(1, 400)}", opened_on=opened,
                permit_number=f"503/{serial:04d}/IUTM/{opened.year}",
                nib=f"{8120000000000 + serial * 7919:013d}", created_at=timezone.now(),
            ))  # fmt: skip
    closed = rng.sample(stores, k=max(1, len(stores) // 40))
    for store in closed:
        store.status = "tutup"
        store.closed_on = _date_between(
            rng, max(store.opened_on, datetime.date(2020, 4, 1)), datetime.date(2021, 12, 31)
        )
    Store.objects.bulk_create(stores, batch_size=500)
    return stores


def _pool(store_types):
    """Verified, open UMKM per store type (by their products' categories), with their products."""
    products = {}
    for pid, bid, category in Product.objects.filter(eligible_q("business__"), is_active=True).values_list(
        "id", "business_id", "category"
    ):
        products.setdefault(bid, []).append((pid, category))
    kecamatan_of = dict(Business.objects.filter(pk__in=products).values_list("id", "kelurahan__kecamatan_id"))
    pools = {}
    for store_type in store_types:
        suited = set(conf.SUITED_CATEGORIES.get(store_type, []))
        pools[store_type] = [
            (bid, kecamatan_of[bid], [pid for pid, cat in items if cat in suited])
            for bid, items in products.items()
            if any(cat in suited for _pid, cat in items)
        ]
    return pools


def seed(ctx):
    rng = ctx.rng("partnerships")
    today = ctx.today
    kelurahan = list(Kelurahan.objects.select_related("kecamatan"))
    if not kelurahan:
        return
    stores = _stores(ctx, rng, kelurahan)
    pools = _pool({s.store_type for s in stores})
    staff = User.objects.filter(username="staf").first()
    rows, product_links = [], []
    plans = []
    verified_on = {
        pk: timezone.localdate(at)
        for pk, at in Business.objects.exclude(verified_at=None).values_list("pk", "verified_at")
    }
    for store in stores:
        pool = pools.get(store.store_type) or []
        if not pool:
            continue
        required = conf.min_partners(store.store_type)
        compliant = rng.random() < 0.45
        active = rng.randint(required, required + 3) if compliant else rng.choice([0, 1, 2, 2, 3, 3, 4, 4, 4])
        # Stores short of partners often had enough once, until partnerships ended.
        ended = (
            rng.choice([0, 0, 1, 1, 2, 3])
            if compliant
            else rng.choice([0, 1, required - active, required - active + 1])
        )
        near = [b for b in pool if b[1] == store.kelurahan.kecamatan_id]
        chosen, seen = [], set()
        while len(chosen) < active + ended + 3 and len(seen) < len(pool):
            candidate = rng.choice(near if near and rng.random() < 0.6 else pool)
            if candidate[0] not in seen:
                seen.add(candidate[0])
                chosen.append(candidate)
        start_floor = max(store.opened_on, datetime.date(2012, 1, 1))
        horizon = store.closed_on or today
        middle = start_floor + (horizon - start_floor) / 2
        for i, (bid, _kec, pids) in enumerate(chosen[: active + ended]):
            # A partnership starts once its UMKM is verified in the registry (else it never counted).
            floor = max(start_floor, verified_on.get(bid, start_floor))
            if floor >= horizon - datetime.timedelta(days=1):
                continue
            end = None
            status = PartnershipStatus.ACTIVE
            start = _date_between(rng, floor, horizon - datetime.timedelta(days=45))
            if i >= active:  # an earlier partnership that has ended in the last years
                status = PartnershipStatus.ENDED
                start = _date_between(rng, floor, max(floor, middle))
                end = _date_between(rng, max(start + datetime.timedelta(days=30), horizon - datetime.timedelta(days=900)),
                                    horizon - datetime.timedelta(days=1))  # fmt: skip
                if end >= horizon:
                    continue
            stamp = timezone.make_aware(datetime.datetime.combine(start, datetime.time(10)))
            rows.append(Partnership(
                store=store, business_id=bid, form=rng.choice(PartnershipForm.values), start_date=start, end_date=end,
                shelf=rng.choice([_("Rak produk lokal"), _("Rak dekat kasir"), _("Gondola UMKM"), _("Meja pajang depan")]),
                payment_days=rng.choice([7, 14, 14, 30, 30, 45]), status=status,
                listing_fee=rng.choice([0, 0, 0, 25_000, 50_000, 60_000 if store.store_type == "minimarket" else 0]),
                accepted_at=stamp, confirmed_at=stamp, activated_at=stamp,
                ended_at=timezone.make_aware(datetime.datetime.combine(end, datetime.time(10))) if end else None,
                end_reason=rng.choice([_("Produk kurang laku"), _("Pemilik berhenti memasok"), _("Penataan ulang rak")])
                if end else "", created_at=stamp,
            ))  # fmt: skip
            plans.append(pids)
        # Some stores short of partners already have offers under way.
        if store.status == "buka" and not compliant and rng.random() < 0.3:
            for bid, _kec, pids in chosen[active + ended : active + ended + rng.randint(1, 2)]:
                status = rng.choice([PartnershipStatus.PROPOSED, PartnershipStatus.ACCEPTED])
                rows.append(Partnership(
                    store=store, business_id=bid, form=PartnershipForm.CONSIGNMENT, start_date=today, status=status,
                    proposed_by=staff, accepted_at=timezone.now() if status == PartnershipStatus.ACCEPTED else None,
                    reasons=[["same_kecamatan", {}], ["exposure", {"n": 0}]],
                ))  # fmt: skip
                plans.append(pids)
    Partnership.objects.bulk_create(rows, batch_size=1000)
    through = Partnership.products.through
    for partnership, pids in zip(rows, plans, strict=True):
        for pid in pids[: rng.randint(1, 3)]:
            product_links.append(through(partnership_id=partnership.pk, product_id=pid))
    through.objects.bulk_create(product_links, batch_size=2000)
    ctx.log(f"partnerships: {len(stores)} toko modern, {len(rows)} kemitraan")
    _manager_and_letters(ctx, rng, stores, staff, today)


def _manager_and_letters(ctx, rng, stores, staff, today):
    from . import selectors, services

    if staff is None:
        return
    overview = selectors.compliance_overview(actor=staff, today=today)
    short = [r for r in overview.rows if not r.state.compliant and r.store.status == "buka"]
    # The demo store manager runs a non-compliant Indomaret with offers waiting for the store.
    waiting = set(
        Partnership.objects.filter(status=PartnershipStatus.ACCEPTED).values_list("store_id", flat=True)
    )
    mine = next((r.store for r in short if r.store.brand == "Indomaret" and r.store.pk in waiting), None)
    mine = mine or (short[0].store if short else stores[0])
    manager = demo_user(MANAGER_USERNAME, full_name="Agus Setiawan", role=Role.STORE_PARTNER,
                        email="manajer.toko@example.com")  # fmt: skip
    mine.managers.add(manager)
    # The demo owner gets an offer from that store, so every demo account has something to do.
    demo_owner = Owner.objects.filter(user__isnull=False).order_by("pk").first()
    business = demo_owner.businesses.filter(eligible_q()).first() if demo_owner else None
    if business and not Partnership.objects.filter(store=mine, business=business).exists():
        offer = Partnership.objects.create(
            store=mine, business=business, form=PartnershipForm.CONSIGNMENT, start_date=today, proposed_by=staff,
            reasons=[["same_kecamatan", {}], ["exposure", {"n": 0}]],
        )  # fmt: skip
        offer.products.set(business.products.all()[:2])
    # Warning letters to the stores out of compliance longest (not the demo manager's store).
    targets = [
        r.store
        for r in short[: max(3, len(short) // 8)]
        if r.store.pk != mine.pk and r.state.days_in_state > 90
    ]
    days = sorted(today - datetime.timedelta(days=rng.randint(5, 40)) for _t in targets)
    for store, day in zip(targets, days, strict=True):
        services.letter_create(actor=staff, store=store, today=day)


def logins(ctx):
    ctx.add_login(_("Mitra toko modern"), MANAGER_USERNAME)
