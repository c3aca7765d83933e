"""Registry speed targets, and ``ensure_businesses`` for other apps' benchmarks."""

import io
import tempfile

from django.db import transaction
from django.test import Client
from openpyxl import Workbook

from binaumkm.core.bench import benchmark
from binaumkm.core.demo import DemoContext
from binaumkm.core.demo import seed as seed_areas
from binaumkm.core.models import Kecamatan

from . import demo, importing
from .models import Business


def ensure_businesses(ctx, n: int) -> None:
    """At least ``n`` businesses in the bench database (demo generator, no turnover history)."""
    have = Business.objects.count()
    if have >= n:
        return
    ctx.log(f"mengisi {n - have} UMKM untuk benchmark ...")
    demo_ctx = DemoContext(umkm=n - have, seed=7000 + have)
    seed_areas(demo_ctx)
    with transaction.atomic():
        demo.seed(demo_ctx, turnover_months=0, batch_size=5000)


def bench_staff():
    from binaumkm.accounts.models import User
    from binaumkm.accounts.roles import Role, assign_role

    user, _ = User.objects.get_or_create(username="bench-staf", defaults={"full_name": "Bench"})
    assign_role(user, Role.STAFF)
    return user


@benchmark("registry_list_100k_ms", unit="ms", target="< 150")
def list_100k(ctx):
    """Server time of the staff list, filtered (kecamatan + status) and on page 3, with 100,000 UMKM."""
    ensure_businesses(ctx, 100_000)
    client = Client(HTTP_HOST="localhost")
    client.force_login(bench_staff())
    kecamatan = Kecamatan.objects.order_by("code").first()
    assert kecamatan is not None
    url = f"/staf/umkm/?kecamatan={kecamatan.pk}&status=aktif&page=3"

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    ctx.log(f"{Business.objects.count()} UMKM; GET {url}")
    return ctx.best_of(fetch, runs=7) * 1000


def _import_file(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("UMKM")
    sheet.append(importing.HEADERS)
    kelurahan = ["Kauman", "Laweyan", "Jebres", "Banjarsari", "Serengan", "Pajang", "Manahan", "Sriwedari"]
    for i in range(rows):
        day = i % 28 + 1
        values = {
            "nama_pemilik": f"Pemilik Impor {i}",
            "nik": f"3171{i % 40 + 1:02d}{day:02d}0690{i % 9999 + 1:04d}",
            "jenis_kelamin": "L",
            "hp_pemilik": f"0813{i:08d}",
            "nama_usaha": f"Usaha Impor {i}",
            "nib": f"8{i:012d}",
            "alamat": f"Jl. Bench No. {i}",
            "kelurahan": kelurahan[i % len(kelurahan)],
            "sektor_kbli": "C",
            "kode_kbli": "10710",
            "penjualan_tahunan": 120_000_000 + i,
            "tenaga_kerja": 2,
            "tahun_berdiri": 2010,
            "status": "aktif",
        }
        sheet.append([values.get(h, "") for h in importing.HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_IMPORT_RESULT = {}


@benchmark("registry_import_10k_s", unit="s", target="< 30")
def import_10k(ctx):
    """Read, validate and write a 10,000-row .xlsx (written inside a transaction, then rolled back)."""
    ensure_businesses(ctx, 100_000)
    content = _import_file(10_000)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(content)
        handle.flush()
        with ctx.timer() as timer, transaction.atomic():
            headers, rows = importing.read_rows(handle.name)
            report = importing.validate_rows(headers, rows)
            assert not report.errors, report.errors[:3]
            written = importing.import_write(actor=None, rows=report.rows, source="bench")
            transaction.set_rollback(True)
    assert len(written) == 10_000
    _IMPORT_RESULT["rows_per_s"] = 10_000 / timer.seconds
    return timer.seconds


@benchmark("registry_import_rows_per_s", unit="rows/s", target="> 333")
def import_rate(ctx):
    if "rows_per_s" not in _IMPORT_RESULT:
        import_10k(ctx)
    return _IMPORT_RESULT["rows_per_s"]
