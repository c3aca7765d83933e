"""Registry speed targets, and ``ensure_businesses`` for other apps' benchmarks."""

from binaumkm.core.demo import DemoContext
from binaumkm.core.demo import seed as seed_areas

from . import demo
from .models import Business


def ensure_businesses(ctx, n: int) -> None:
    """At least ``n`` businesses in the bench database (demo generator, no turnover history)."""
    have = Business.objects.count()
    if have >= n:
        return
    ctx.log(f"mengisi {n - have} UMKM untuk benchmark ...")
    demo_ctx = DemoContext(umkm=n - have, seed=7000 + have)
    seed_areas(demo_ctx)
    demo.seed(demo_ctx, turnover_months=0, batch_size=5000)
