"""Partnership speed targets: matchmaking for 1,000 stores over 20,000 UMKM in one run (load, solve,
keep the run), and the compliance dashboard's computation for those 1,000 stores.

Fairness figures of the matchmaking on the same stores (``partnerships_match_distinct_umkm``,
``partnerships_match_vs_greedy_penalty_cost``), against two baselines computed here: *greedy* (stores
in id order, each takes the best-fitting UMKM with capacity left) and *greedy with penalty* (the
same, but each choice minimises the solver's own cost: fit, fairness for existing partnerships and
for the stores already given in this run). All three are scored with the solver's objective."""

import datetime
import random
import time
from collections import Counter
from dataclasses import replace

from django.test import Client
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role
from binaumkm.core.bench import benchmark
from binaumkm.core.models import Kelurahan
from binaumkm.core.webbench import session_cookie, web_page
from binaumkm.registry.bench import bench_staff, ensure_businesses
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business

from . import conf, matching, selectors
from .models import MatchRun, Partnership, PartnershipStatus, Store
from .services import matchmaking

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


@benchmark("partnerships_dashboard_page_1000_stores_ms", unit="ms", target="< 50")
def bench_dashboard_page(ctx) -> float:
    """Server time of the whole compliance dashboard page (selector, chart, template) at 1,000 stores."""
    ensure_stores(ctx)
    client = Client(HTTP_HOST="localhost", HTTP_COOKIE=session_cookie(_staff()))  # with the second factor

    def fetch():
        response = client.get("/kemitraan/staf/")
        assert response.status_code == 200, response.status_code

    return 1000 * ctx.best_of(fetch, runs=7)


def greedy(needs, candidates, w: matching.Weights, *, penalty: bool) -> list[tuple[int, int]]:
    """(store id, business id) pairs: stores in id order, one place at a time, each taking the UMKM
    that fits best (``penalty``: of least cost −fit + fairness × (existing + given in this run)),
    with capacity left and not excluded. Uses the matcher's own candidate index and costs."""
    needs = sorted((n for n in needs if n.shortfall > 0), key=lambda n: n.store_id)
    index = matching._Index(
        candidates, {n.store_type for n in needs}, w if penalty else replace(w, fairness=0)
    )
    given, pairs = [0] * len(candidates), []
    for need in needs:
        taken = set()
        for _place in range(need.shortfall):
            best, best_cost = None, None
            for i, cost in index.stream(need):  # cheapest static cost first; loads only add to it
                if best_cost is not None and cost >= best_cost:
                    break
                if i in taken or given[i] >= candidates[i].capacity:
                    continue
                total = cost + (w.fairness * given[i] if penalty else 0)
                if best_cost is None or total < best_cost:
                    best, best_cost = i, total
                if not penalty:
                    break
            if best is None:
                break
            taken.add(best)
            given[best] += 1
            pairs.append((need.store_id, candidates[best].business_id))
    return pairs


def gini(values) -> float:
    values = sorted(values)
    total = sum(values)
    if not total:
        return 0.0
    weighted = sum(rank * v for rank, v in enumerate(values, start=1))
    return 2 * weighted / (len(values) * total) - (len(values) + 1) / len(values)


def scores(pairs, needs, candidates, w: matching.Weights) -> dict:
    """The solver's objective of an assignment and how it spreads: distinct UMKM given a store, UMKM
    given two or more, Gini of partnerships per candidate UMKM after (existing + new)."""
    by_id = {c.business_id: c for c in candidates}
    need_of = {n.store_id: n for n in needs}
    new = Counter(b for _s, b in pairs)
    cost = 0
    for store_id, business_id in pairs:
        cand, need = by_id[business_id], need_of[store_id]
        fit = matching.base_fit(cand, need.store_type, w) + matching.distance_bonus(cand, need, w)
        cost += -fit + w.fairness * cand.existing
    cost += sum(w.fairness * n * (n - 1) // 2 for n in new.values())
    return {
        "cost": cost,
        "filled": len(pairs),
        "distinct": len(new),
        "two_or_more": sum(1 for n in new.values() if n >= 2),
        "gini": gini([c.existing + new.get(c.business_id, 0) for c in candidates]),
    }


_FAIRNESS = {}


def fairness_figures(ctx) -> dict:
    """Solver and both greedy baselines on the benchmark stores (computed once per bench run)."""
    if id(ctx) in _FAIRNESS:
        return _FAIRNESS[id(ctx)]
    stores = ensure_stores(ctx)
    today = timezone.localdate()
    needs = matchmaking.load_needs(stores, today)
    candidates, _info = matchmaking.load_candidates(today)
    w = matching.Weights.from_conf()
    ctx.log(f"{len(stores)} toko, {sum(n.shortfall for n in needs)} tempat, {len(candidates)} UMKM kandidat, "
            f"keadilan {w.fairness}")  # fmt: skip
    figures = {}
    for label, run in (
        (
            "solver",
            lambda: matching.solve(needs, candidates, w, k=conf.MATCH_CANDIDATES_PER_STORE),
        ),
        ("greedy", lambda: greedy(needs, candidates, w, penalty=False)),
        ("greedy+penalty", lambda: greedy(needs, candidates, w, penalty=True)),
    ):
        started = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - started
        pairs = [(p.store_id, p.business_id) for p in result.proposals] if label == "solver" else result
        figures[label] = {**scores(pairs, needs, candidates, w), "seconds": seconds}
        extra = ""
        if label == "solver":
            assert figures[label]["cost"] == result.stats["cost"]  # one objective, scored twice
            extra = f", {result.stats['rounds']} putaran, {result.stats['edges']} sisi"
        f = figures[label]
        ctx.log(f"{label:15} biaya {f['cost']:>9} | terisi {f['filled']} | UMKM berbeda {f['distinct']} | "
                f"UMKM dapat ≥2 toko {f['two_or_more']} | Gini {f['gini']:.4f} | {seconds:.2f} s{extra}")  # fmt: skip
    _FAIRNESS[id(ctx)] = figures
    return figures


@benchmark("partnerships_match_distinct_umkm", unit="UMKM", target="≥ greedy+penalty")
def bench_match_distinct(ctx) -> float:
    figures = fairness_figures(ctx)
    ctx.log(f"greedy+penalty: {figures['greedy+penalty']['distinct']} UMKM berbeda")
    return figures["solver"]["distinct"]


@benchmark("partnerships_match_vs_greedy_penalty_cost", unit="points", target="≤ 0")
def bench_match_vs_greedy_penalty(ctx) -> float:
    """The solver's cost minus the penalised greedy's, on the solver's own objective."""
    figures = fairness_figures(ctx)
    return figures["solver"]["cost"] - figures["greedy+penalty"]["cost"]


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


@web_page("compliance_dashboard")
def web_compliance_dashboard(ctx):
    ensure_stores(ctx)
    return "/kemitraan/staf/", bench_staff()
