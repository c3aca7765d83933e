"""Financing speed target: the pre-check of 100,000 UMKM against 5 schemes (every rule, every paper,
other modules' facts through the hooks), as the group pre-check and nomination work run it."""

import datetime
import os
import random
import time

from binaumkm.core.bench import benchmark
from binaumkm.core.webbench import web_page
from binaumkm.registry.bench import bench_staff, ensure_businesses
from binaumkm.registry.models import Business

from . import selectors
from .demo import SCHEMES, SUMMARIES
from .models import Document, Provider, Scheme

UMKM = 100_000
PREFIX = "bench-"


def ensure_schemes() -> list[Scheme]:
    """Solo's five demo schemes (KUR Super Mikro, Mikro, Kecil, Kredit Melati, BPUM) under bench codes."""
    provider, _ = Provider.objects.get_or_create(name="Bench Bank", defaults={"short_name": "Bench"})
    schemes = []
    for code, name, _prov, family, kind, low, high, rate, tenor, collateral, rules, docs, regulation, confirmed, sla, _b in SCHEMES:  # fmt: skip
        scheme, _ = Scheme.objects.get_or_create(code=PREFIX + code, defaults={
            "provider": provider, "name": name, "family": family, "kind": kind, "summary": SUMMARIES[code],
            "amount_min": low, "amount_max": high, "rate": rate, "tenor_months_max": tenor, "collateral": collateral,
            "rules": rules, "documents": docs, "regulation": regulation, "terms_confirmed_on": confirmed,
            "service_level_days": sla})  # fmt: skip
        schemes.append(scheme)
    return schemes


def ensure_papers(ctx) -> None:
    """Papers for about a third of the businesses (metadata only: the pre-check never opens files)."""
    if Document.objects.filter(original_name="bench.pdf").exists():
        return
    ctx.log("membuat dokumen untuk sepertiga UMKM ...")
    rng = random.Random(11)
    rows = []
    for pk in Business.objects.order_by("pk").values_list("pk", flat=True):
        if rng.random() < 0.35:
            for kind in ("ktp", "kk", "nib") if rng.random() < 0.7 else ("ktp",):
                rows.append(Document(business_id=pk, kind=kind, file=f"berkas/{pk}/{kind}.pdf", original_name="bench.pdf",
                                     content_type="application/pdf", size=1000, state="terverifikasi",
                                     issued_on=datetime.date(2019, 5, 1) if kind == "nib" else None))  # fmt: skip
        if len(rows) >= 20_000:
            Document.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Document.objects.bulk_create(rows, batch_size=5000)


@benchmark("financing_precheck_100k_s", unit="s", target="< 5")
def precheck_100k(ctx):
    """Eligibility of 100,000 UMKM against 5 schemes: evidence loaded in a few queries, then the
    status of every pair (best of 3)."""
    ensure_businesses(ctx, UMKM)
    schemes = ensure_schemes()
    ensure_papers(ctx)
    businesses = Business.objects.all()
    counts = {}

    def run():
        _applicants, statuses = selectors.group_statuses(businesses, schemes)
        counts.update({s.name: selectors.status_counts(statuses[s.pk]) for s in schemes})

    cpu = time.process_time()
    seconds = ctx.best_of(run, runs=3)
    cpu = (time.process_time() - cpu) / 4  # four runs: a warm-up and three timed
    ctx.log(f"{businesses.count()} UMKM x {len(schemes)} skema; {counts}")
    ctx.log(f"waktu CPU rata-rata {cpu:.2f} s per putaran; beban mesin {os.getloadavg()[0]:.1f}")
    return seconds


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


@web_page("financing_staff")
def web_financing_staff(ctx):
    ensure_businesses(ctx, 100_000)
    return "/pembiayaan/staf/", bench_staff()
