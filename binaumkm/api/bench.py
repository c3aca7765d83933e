"""API speed target: one page of 100 businesses through the API with 100,000 in the database."""

from django.test import Client

from binaumkm.core.bench import benchmark
from binaumkm.registry.bench import bench_staff, ensure_businesses
from binaumkm.registry.models import Business

from .services import token_create


@benchmark("api_registry_page_ms", unit="ms", target="< 50")
def registry_page(ctx):
    """Server time of GET /api/v1/registry/businesses?limit=100 deep in the list (a cursor half-way),
    as staff with a bearer token, with 100,000 UMKM."""
    ensure_businesses(ctx, 100_000)
    _token, raw = token_create(actor=bench_staff(), name="bench", days=1)
    client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {raw}")
    first = client.get("/api/v1/registry/businesses?limit=100")
    assert first.status_code == 200, first.status_code
    middle = Business.objects.order_by("pk").values_list("pk", flat=True)[50_000]
    from .pagination import encode

    url = f"/api/v1/registry/businesses?limit=100&cursor={encode(middle)}"

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        assert len(response.json()["results"]) == 100

    ctx.log(f"{Business.objects.count()} UMKM; GET {url}")
    return ctx.best_of(fetch, runs=7) * 1000
