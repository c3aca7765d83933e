"""Partnership speed targets: matchmaking for 1,000 stores over 20,000 UMKM in one run (load, solve,
keep the run), and the compliance dashboard's computation for those 1,000 stores."""

import datetime
import random
import time

from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role
from binaumkm.core.bench import benchmark
from binaumkm.core.models import Kelurahan
from binaumkm.registry.bench import ensure_businesses
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business

from . import matchmaking, selectors
from .models import MatchRun, Partnership, PartnershipStatus, Store

STORES = 1_000
UMKM = 20_000
PREFIX = "Bench Toko"
TYPES = ["minimarket"] * 16 + ["supermarket", "supermarket", "hypermarket", "department_store", "perkulakan"]


def _staff() -> User:
    user, created = User.objects.get_or_create(username="bench-staf", defaults={"full_name": "Bench Staf"})
    if created:
        assign_role(user, Role.STAFF)
    return user


def ensure_stores(ctx, n: int = STORES) -> list[Store]:
    """``n`` open stores short of partners (0-4 active each), spread over every kelurahan."""
    ensure_businesses(ctx, UMKM)
    have = Store.objects.filter(name__startswith=PREFIX).count()
    if have < n:
        ctx.log(f"membuat {n - have} toko modern dan kemitraannya ...")
        rng = random.Random(4242 + have)
        kelurahan = list(Kelurahan.objects.all())
        stores = [
            Store(name=f"{PREFIX} {i:04d}", brand=rng.choice(["Indomaret", "Alfamart"]), store_type=rng.choice(TYPES),
                  address=f"Jl. Bench No. {i}", kelurahan=rng.choice(kelurahan),
                  opened_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3000)))
            for i in range(have, n)
        ]  # fmt: skip
        Store.objects.bulk_create(stores, batch_size=1000)
        partners = list(
            Business.objects.filter(verification=Verification.VERIFIED)
            .exclude(status=BusinessStatus.CLOSED)
            .values_list("pk", flat=True)
        )
        rows = []
        for store in stores:
            for business_id in rng.sample(partners, k=rng.randint(0, 4)):
                rows.append(Partnership(store=store, business_id=business_id, form="konsinyasi",
                                        start_date=store.opened_on, status=PartnershipStatus.ACTIVE))  # fmt: skip
        Partnership.objects.bulk_create(rows, batch_size=2000)
    return list(Store.objects.filter(name__startswith=PREFIX).select_related("kelurahan")[:n])


@benchmark("partnerships_match_1000x20000_s", unit="s", target="< 10")
def bench_match(ctx) -> float:
    stores = ensure_stores(ctx)
    staff = _staff()
    best = float("inf")
    for _run in range(2):
        started = time.perf_counter()
        run = matchmaking.match_run_create(actor=staff, stores=stores, today=timezone.localdate())
        best = min(best, time.perf_counter() - started)
        ctx.log(f"{run.stats['demand']} dicari, {run.stats['filled']} terisi, {run.stats['open']} terbuka, "
                f"{run.stats['edges']} sisi, optimasi {run.stats['seconds']} s")  # fmt: skip
        MatchRun.objects.filter(pk=run.pk).delete()
    return best


@benchmark("partnerships_dashboard_1000_stores_ms", unit="ms", target="< 1500")
def bench_dashboard(ctx) -> float:
    ensure_stores(ctx)
    staff = _staff()
    return 1000 * ctx.best_of(
        lambda: selectors.compliance_overview(actor=staff, filters={"q": PREFIX}), runs=3
    )
