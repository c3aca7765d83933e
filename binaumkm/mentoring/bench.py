"""Mentoring speed target: one exact, balanced assignment of 10,000 UMKM to 200 mentors with
capacities — the whole proposal as staff run it (load the UMKM and their needs, the mentors with their
load and area, the neighbouring kelurahan; solve; explain), without writing."""

import random
import statistics
from collections import Counter

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role
from binaumkm.core.bench import benchmark
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.core.webbench import web_page
from binaumkm.registry.bench import bench_staff, ensure_businesses
from binaumkm.registry.selectors import business_eligible

from .models import Mentor, Topic
from .services import balance_propose

MENTORS = 200
UMKM = 10_000
REGISTRY = 14_000  # about three in four demo UMKM are verified and open: 10,000 of them to balance
PREFIX = "bench-pendamping-"


def ensure_mentors(ctx, n: int = MENTORS) -> None:
    """``n`` active mentors: 2-4 topics, 1-2 sectors, home kelurahan spread over the city, their home
    kecamatan served (a third also serve a second one), capacity 50-100 (15,000 slots for 10,000 UMKM)."""
    have = Mentor.objects.filter(user__username__startswith=PREFIX).count()
    if have >= n:
        return
    ctx.log(f"membuat {n - have} pendamping untuk benchmark ...")
    rng = random.Random(1212 + have)
    kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("code"))
    kecamatan = list(Kecamatan.objects.order_by("code"))
    for i in range(have, n):
        user = User.objects.create(username=f"{PREFIX}{i:03d}", full_name=f"Pendamping Bench {i:03d}")
        assign_role(user, Role.MENTOR)
        home = kelurahan[i % len(kelurahan)]
        mentor = Mentor.objects.create(
            user=user, expertise=rng.sample(Topic.values, rng.randint(2, 4)),
            sectors=rng.sample(["C", "G", "I", "S"], rng.randint(1, 2)), home_kelurahan=home,
            capacity=rng.randint(50, 100),
        )  # fmt: skip
        served = {home.kecamatan_id} | ({rng.choice(kecamatan).pk} if rng.random() < 0.33 else set())
        mentor.kecamatan.set(served)


@benchmark("mentoring_balance_200x10000_s", unit="s", target="< 10")
def balance_200x10000(ctx):
    ensure_businesses(ctx, REGISTRY)
    ensure_mentors(ctx)
    # Only the bench mentors take part.
    Mentor.objects.exclude(user__username__startswith=PREFIX).update(is_active=False)
    ids = list(business_eligible().order_by("pk").values_list("pk", flat=True)[:UMKM])
    assert len(ids) == UMKM, f"only {len(ids)} eligible UMKM in the bench database"
    with ctx.timer() as timer:
        result, _businesses, _mentors = balance_propose(ids)
    loads = Counter(p.mentor_id for p in result.proposals)
    bench_mentors = Mentor.objects.filter(user__username__startswith=PREFIX)
    shares = [loads.get(m.pk, 0) / m.capacity for m in bench_mentors]
    stats = result.stats
    ctx.log(
        f"{len(ids)} UMKM, {stats['mentors']} pendamping: {stats['placed']} ditempatkan, {len(result.unfilled)} "
        f"tidak tertampung; biaya {stats['cost']}; {stats['rounds']} putaran, {stats['arcs']} busur "
        f"({stats['profiles']} profil); pemecah {stats['seconds']} s dari {timer.seconds:.2f} s; beban/kapasitas "
        f"{min(shares):.2f}–{max(shares):.2f} (median {statistics.median(shares):.2f})"
    )
    return timer.seconds


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


@web_page("mentoring_staff")
def web_mentoring_staff(ctx):
    ensure_businesses(ctx, 100_000)
    return "/pendampingan/staf/", bench_staff()
