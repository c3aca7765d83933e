"""Exhibition speed target: publishing the fair allocation of 5,000 curated applications to 300 booths
at three venues, with quotas by kecamatan and sector, first-timers first and rotation last, curation
score as weight — end to end (load, draw, choose booths, write every result and offer, audit), best
of three; and the same seed must give the same allocation every run."""

import datetime

from django.db import transaction
from django.utils import timezone

from binaumkm.core.bench import benchmark
from binaumkm.core.webbench import web_page
from binaumkm.registry.bench import bench_staff, ensure_businesses
from binaumkm.registry.models import Business

from . import services
from .models import (
    Application,
    Assignment,
    Booth,
    BoothCategory,
    Exhibition,
    State,
    Status,
    Venue,
)

APPLICATIONS = 5_000
BOOTHS_PER_VENUE = 100
NAME = "Benchmark alokasi pameran 5000"
SECTORS = ["makanan", "minuman", "batik", "kerajinan", "fesyen"]


def _history(businesses: list[int], first: datetime.date) -> None:
    """Two past exhibitions: 1,000 of the applicants exhibited 3 months ago (rotation), 1,000 two
    years ago (returning); the other 3,000 are first-timers."""
    for name, start, members in (
        ("Benchmark pameran lalu (3 bulan)", first - datetime.timedelta(days=90), businesses[:1000]),
        ("Benchmark pameran lalu (2 tahun)", first - datetime.timedelta(days=730), businesses[1000:2000]),
    ):
        past = Exhibition.objects.create(name=name, state=State.REPORTED)
        Venue.objects.create(exhibition=past, name="Balai Kota", start_date=start, end_date=start)
        Application.objects.bulk_create(
            [
                Application(exhibition=past, business_id=b, sector="batik", status=Status.CHECKED_IN)
                for b in members
            ],
            batch_size=2000,
        )


def _bench_exhibition(ctx) -> Exhibition:
    found = Exhibition.objects.filter(name=NAME).first()
    if found is not None:
        return found
    ctx.log("membuat pameran benchmark: 300 booth, 5.000 pendaftar ...")
    now, first = timezone.now(), timezone.localdate() + datetime.timedelta(days=30)
    exhibition = Exhibition.objects.create(
        name=NAME, state=State.ALLOCATION, call_opens_at=now - datetime.timedelta(days=30),
        call_closes_at=now - datetime.timedelta(days=10), target_sectors=SECTORS, kecamatan_quota_percent=50,
        sector_quota_percent=30, rotation_months=12, curation_weighted=True,
    )  # fmt: skip
    food = BoothCategory.objects.create(exhibition=exhibition, name="Kuliner", size="2 × 2 m", electricity_watts=900,
                                        sectors=["makanan", "minuman"])  # fmt: skip
    craft = BoothCategory.objects.create(exhibition=exhibition, name="Standar", size="3 × 3 m")
    for v in range(3):
        venue = Venue.objects.create(exhibition=exhibition, name=f"Tempat {v + 1}", start_date=first,
                                     end_date=first + datetime.timedelta(days=1), columns=20, rows=5)  # fmt: skip
        Booth.objects.bulk_create(
            [
                Booth(
                    venue=venue,
                    category=food if i % 4 == 0 else craft,
                    code=f"{'ABC'[v]}-{i + 1:03d}",
                    x=i % 20,
                    y=i // 20,
                )
                for i in range(BOOTHS_PER_VENUE)
            ]  # fmt: skip
        )
    businesses = list(Business.objects.order_by("pk").values_list("pk", flat=True)[:APPLICATIONS])
    Application.objects.bulk_create(
        [
            Application(
                exhibition=exhibition,
                business_id=b,
                sector=SECTORS[i % 5],
                status=Status.CURATED,
                curation_score=40 + (i * 37) % 61,
                needs_electricity=i % 5 < 2,
                preferred_venue=None,
            )
            for i, b in enumerate(businesses)
        ],  # fmt: skip
        batch_size=2000,
    )
    _history(businesses, first)
    return exhibition


def _reset(exhibition: Exhibition) -> None:
    Assignment.objects.filter(application__exhibition=exhibition).delete()
    exhibition.applications.update(status=Status.CURATED, pool="", rank=None, lottery_key=None, decided_at=None,
                                   tier=None, weight=None)  # fmt: skip
    Exhibition.objects.filter(pk=exhibition.pk).update(
        state=State.ALLOCATION, allocation_seed=None, allocation_summary={}, allocated_at=None
    )
    exhibition.refresh_from_db()


def _placements(exhibition: Exhibition) -> list[tuple]:
    return list(exhibition.applications.order_by("rank").values_list("id", "status", "pool"))


@benchmark("exhibitions_allocate_5000_s", unit="s", target="< 2")
def allocate_5000(ctx) -> float:
    from binaumkm.accounts.demo import demo_user
    from binaumkm.accounts.roles import Role

    ensure_businesses(ctx, APPLICATIONS)
    exhibition = _bench_exhibition(ctx)
    actor = demo_user("bench-staf", full_name="Benchmark", role=Role.STAFF)
    best, first = float("inf"), None
    for run in range(3):
        _reset(exhibition)
        with transaction.atomic():
            with ctx.timer() as t:
                draw = services.allocation_publish(actor=actor, exhibition=exhibition, seed=2024)
            placements = _placements(exhibition)
            transaction.set_rollback(True)  # the notifications queued on commit are not sent
        best = min(best, t.seconds)
        first = first or placements
        if placements != first:
            raise AssertionError("the same seed gave a different allocation")
        tiers = draw.result.by_tier
        ctx.log(f"run {run + 1}: {t.seconds:.2f} s, {len(draw.result.selected)} booth, tingkat {tiers}")
    _reset(exhibition)
    ctx.log("kode undian 2024 memberi alokasi yang sama di ketiga putaran")
    return best


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


@web_page("exhibitions_staff")
def web_exhibitions_staff(ctx):
    ensure_businesses(ctx, 100_000)
    return "/pameran/staf/", bench_staff()
