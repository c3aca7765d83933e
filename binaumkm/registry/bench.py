"""Registry speed targets, and ``ensure_businesses`` for other apps' benchmarks."""

import io
import tempfile
from collections.abc import Callable

from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client
from openpyxl import Workbook

from binaumkm.core.bench import Figure, benchmark
from binaumkm.core.demo import DemoContext
from binaumkm.core.demo import seed as seed_areas
from binaumkm.core.models import Kecamatan
from binaumkm.core.pagination import paginate_by_ids
from binaumkm.core.webbench import session_cookie, web_page

from . import demo, importing
from .forms import BusinessFilterForm
from .models import Business, Owner
from .selectors import business_search_list
from .services import imports as import_jobs


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
    client = Client(
        HTTP_HOST="localhost", HTTP_COOKIE=session_cookie(bench_staff())
    )  # with the second factor
    kecamatan = Kecamatan.objects.order_by("code").first()
    assert kecamatan is not None
    url = f"/staf/umkm/?kecamatan={kecamatan.pk}&status=aktif&page=3"

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    ctx.log(f"{Business.objects.count()} UMKM; GET {url}")
    return ctx.best_of(fetch, runs=7) * 1000


@benchmark("staff_dashboard_100k_ms", unit="ms", target="< 50")
def staff_dashboard_100k(ctx):
    """Server time of the staff dashboard (where staff land) with 100,000 UMKM."""
    ensure_businesses(ctx, 100_000)
    client = Client(
        HTTP_HOST="localhost", HTTP_COOKIE=session_cookie(bench_staff())
    )  # with the second factor

    def fetch():
        response = client.get("/staf/")
        assert response.status_code == 200, response.status_code

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
            written = import_jobs.import_write(actor=None, rows=report.rows, source="bench")
            transaction.set_rollback(True)
    assert len(written) == 10_000
    _IMPORT_RESULT["rows_per_s"] = 10_000 / timer.seconds
    return timer.seconds


@benchmark("registry_import_rows_per_s", unit="rows/s", target="> 333")
def import_rate(ctx):
    if "rows_per_s" not in _IMPORT_RESULT:
        import_10k(ctx)
    return _IMPORT_RESULT["rows_per_s"]


def _agency_file(rows: int) -> bytes:
    """An agency-style sheet: title rows, the agency's own headers, values written every which way."""
    workbook = Workbook(write_only=True)
    workbook.create_sheet("Rekap").append(["REKAP", "per kecamatan"])
    sheet = workbook.create_sheet("Data UMKM")
    sheet.append(["DATA UMKM BINAAN DINAS KOPERASI UKM KOTA SURAKARTA TAHUN 2021"])
    sheet.append([])
    sheet.append(["No", "Nama Pemilik", "NIK", "L/P", "No. HP", "Nama Usaha", "Alamat", "Kelurahan", "Kecamatan",
                  "Jenis Usaha", "Omset per Tahun", "Th. Berdiri", "Nilai Investasi"])  # fmt: skip
    kelurahan = [("Kauman", "Pasar Kliwon"), ("Kel. Penumping", "Laweyan"), ("JEBRES", "Jebres"),
                 ("Kp. Baru", "Pasar Kliwon"), ("Kaumam", ""), ("Desa Mojosongo", "Jebres"), ("manahan", "Banjarsari")]  # fmt: skip
    kinds = ["Kuliner", "Batik", "Makanan ringan", "Bengkel", "Konveksi", "kuliner", "Warung makan", "Sablon kaos",
             "Kerajinan kayu", "Laundry", "Toko kelontong", "Jamu gendong"]  # fmt: skip
    genders = ["Perempuan", "Laki-laki", "P", "L", "Wanita", "Pria"]
    phones = ["0812-{:04d}-{:04d}", "+62 813 {:04d} {:04d}", "62856{:04d}{:04d}", "0857 {:04d} {:04d}"]
    money: list[Callable[[int], str]] = ["Rp {:,}".format, "{} juta".format, str]
    for i in range(rows):
        day = i % 28 + 1
        kel, kec = kelurahan[i % len(kelurahan)]
        amount = 60 + i % 500  # juta
        sheet.append([
            i + 1, f"Pemilik Dinas {i}", f"3310{i % 5 + 1:02d}{day + 40 * (i % 2):02d}0790{i % 9999 + 1:04d}",
            genders[i % len(genders)], phones[i % 4].format(i // 10000, i % 10000), f"Usaha Dinas {i}",
            f"Jl. Bench No. {i}", kel, kec, kinds[i % len(kinds)],
            money[i % 3](amount if i % 3 == 1 else amount * 1_000_000).replace(",", "."),
            f"th. {2000 + i % 20}" if i % 2 else 2000 + i % 20, f"Rp. {i % 50 + 1} juta",
        ])  # fmt: skip
    sheet.append(["", "JUMLAH", "", "", "", "", "", "", "", "", "=SUM(K4:K10003)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@benchmark("registry_import_agency_10k_s", unit="s", target="< 30")
def import_agency_10k(ctx):
    """A 10,000-row agency-style file mapped, cleaned and validated: read every sheet, find the table,
    propose the mapping (staff add one column), suggest sectors, clean and validate every row against
    the 100,000-UMKM registry. Writing is the template's bulk writer (``registry_import_10k_s``); it
    runs afterwards inside a rolled-back transaction and its time is logged, not counted."""
    from .importing import mapped as import_mapped
    from .importing import mapping as rules
    from .importing.workbook import read_sheets
    from .services import imports_mapped as import_mapped_jobs
    from .services.keywords import keyword_table

    ensure_businesses(ctx, 100_000)
    content = _agency_file(10_000)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(content)
        handle.flush()
        with transaction.atomic():
            with ctx.timer() as timer:
                matcher = import_mapped.area_matcher()
                analysis = import_mapped.analyse(
                    read_sheets(handle.name), sheet=None, saved_mapping=lambda headers: None, matcher=matcher
                )
                mapping = {c["index"]: c["field"] for c in analysis.columns}
                mapping[12] = "modal_usaha"  # "Nilai Investasi": the column staff map by hand
                problems = rules.mapping_problems(mapping) + import_mapped.type_problems(
                    analysis.columns, mapping, matcher
                )
                sectors = import_mapped.sector_values(analysis.table, 9, keyword_table(), {})
                decisions = {
                    s["key"]: s["suggestion"] or "S" for s in sectors
                }  # staff confirm the suggestions
                report = import_mapped.validate_mapped(
                    analysis.table, mapping=mapping, decisions=decisions, matcher=matcher
                )
            with ctx.timer() as writing:
                written, _updated = import_mapped_jobs.write_report(
                    actor=None, report=report, source="bench", update_existing=False
                )
            transaction.set_rollback(True)
    assert not problems and not report.errors, (problems, report.errors[:3])
    assert len(written) == 10_000 and analysis.table.header_row == 3
    ctx.log(
        f"{len(sectors)} nilai sektor; menulis 10.000 usaha sesudahnya: {writing.seconds:.1f} s (tidak dihitung)"
    )
    return timer.seconds


@benchmark("map_render_ms", unit="ms", target="< 50")
def map_render(ctx):
    """The kelurahan map (54 polygons, kecamatan outlines, legend, links, table) drawn from the UMKM
    binaan counts of 100,000 UMKM; the projection is cached per process, so this is a page's cost."""
    from binaumkm.core.maps import choropleth, projected_map

    from .selectors import binaan_by_kelurahan, kelurahan_list_links

    ensure_businesses(ctx, 100_000)
    values, links = binaan_by_kelurahan(bench_staff()), kelurahan_list_links()
    projected_map()  # once per process, as in the server

    def draw():
        svg = str(choropleth(values, title="UMKM binaan", links=links))
        assert svg.count("data-kode=") == 54

    ctx.log(f"{sum(values.values())} UMKM binaan in {len(values)} kelurahan")
    return ctx.best_of(draw, runs=15) * 1000


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


def bench_owner():
    """An owner account with two businesses among the 100,000 (the home lists both)."""
    from binaumkm.accounts.models import User
    from binaumkm.accounts.roles import Role, assign_role

    user, created = User.objects.get_or_create(
        username="bench-pemilik", defaults={"full_name": "Bench Pemilik"}
    )
    if created:
        assign_role(user, Role.OWNER)
        owner = Owner.objects.filter(user__isnull=True, businesses__isnull=False).order_by("pk").first()
        assert owner is not None
        owner.user = user
        owner.save(update_fields=["user"])
    return user


@web_page("staff_list", target=0.3)
def web_staff_list(ctx):
    ensure_businesses(ctx, 100_000)
    return "/staf/umkm/", bench_staff()


@web_page("staff_search")
def web_staff_search(ctx):
    ensure_businesses(ctx, 100_000)
    return "/staf/umkm/?q=batik", bench_staff()


@web_page("staff_dashboard")
def web_staff_dashboard(ctx):
    ensure_businesses(ctx, 100_000)
    return "/staf/", bench_staff()


@web_page("owner_home", target=0.5)
def web_owner_home(ctx):
    ensure_businesses(ctx, 100_000)
    return "/usaha-saya/", bench_owner()


@web_page("map")
def web_map(ctx):
    ensure_businesses(ctx, 100_000)
    return "/staf/peta/", bench_staff()


# --- Search (registry.search over core.search) ---------------------------------------------------------

SEARCHES = [
    "q=batik", "q=bati", "q=batik+tulis", "q=kue+lancar", "q=Wedang+Putri", "q=sekar&status=aktif",
    "q=9120000007", "q=UMKM-000123", "q=sri+wibowo&cari_di=pemilik", "q=batk",
]  # fmt: skip


def _p95(samples: list[float]) -> float:
    samples = sorted(samples)
    return samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def _search_figures(ctx, name: str, page_name: str, target: str, runs: int = 5) -> dict[str, Figure]:
    """p95 over ``SEARCHES``, each run ``runs`` times after a warm-up (common words, prefixes, two
    words, a filter, a NIB, a reference, an owner, a typo), of two things: ``name``, the search as
    the staff list runs it (selector, capped count, the page's 25 rows with their owners and areas:
    what the search costs), and ``page_name``, the server time of the whole page, which
    also renders the filter form (its kelurahan select alone takes ~15 ms) and the layout."""
    staff = bench_staff()
    client = Client(HTTP_HOST="localhost", HTTP_COOKIE=session_cookie(staff))  # with the second factor
    searches, pages = [], []
    for query in SEARCHES:
        url = f"/staf/umkm/?{query}"
        filters = BusinessFilterForm(QueryDict(query)).filters()

        def search(filters=filters):
            page = paginate_by_ids(business_search_list(actor=staff, filters=filters), "1", per_page=25)
            return [
                (b.name, b.owner.full_name, b.kelurahan.kecamatan.name) for b in page
            ], page.paginator.count

        assert client.get(url).status_code == 200
        search()
        these = []
        for _ in range(runs):
            with ctx.timer() as timer:
                search()
            searches.append(timer.ms)
            with ctx.timer() as timer:
                response = client.get(url)
            assert response.status_code == 200, response.status_code
            these.append(timer.ms)
        pages += these
        ctx.log(
            f"?{query}: {search()[1]} hasil; halaman terbaik {min(these):.1f} ms, terburuk {max(these):.1f} ms"
        )
    return {
        name: Figure(_p95(searches), "ms", target, note="search: selector, count, the page's rows"),
        page_name: Figure(_p95(pages), "ms", "", note="whole staff-list page"),
    }


@benchmark("registry_search_100k_ms", unit="ms", target="< 50")
def search_100k(ctx):
    """p95 of ten staff-list searches over 100,000 UMKM (ranked, with the list's count)."""
    ensure_businesses(ctx, 100_000)
    ctx.log(f"{Business.objects.count()} UMKM; {len(SEARCHES)} pencarian")
    return _search_figures(ctx, "registry_search_100k_ms", "registry_search_page_100k_ms", "< 50")


COPIES = 9  # 100,000 demo UMKM and owners become 1,000,000 with nine set-wise copies of each


def ensure_businesses_1m_pg(ctx) -> None:
    """1,000,000 UMKM (and as many owners) on PostgreSQL: the 100,000 demo rows copied nine times in
    two INSERT ... SELECT statements (copy g of row i gets id i + g * 1,000,000, a new NIK and NIB)."""
    if Business.objects.count() >= 1_000_000:
        return
    ensure_businesses(ctx, 100_000)
    ctx.log("menyalin UMKM sampai 1.000.000 ...")
    base = 1_000_000
    owner_cols = "created_at, updated_at, full_name, phone, email, gender"
    business_cols = (
        "created_at, updated_at, name, address, kbli_section, kbli_code, capital, annual_sales, size_class, "
        "employees, year_founded, binaan_since, status, verification, verification_note, verified_at, instagram, "
        "tiktok, facebook, whatsapp, pirt_number, pirt_expiry, halal_number, halal_expiry, bpom_number, bpom_expiry, "
        "kelurahan_id"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO registry_owner (id, nik, {owner_cols}) "
            f"SELECT o.id + g * {base}, lpad((o.id + g * {base})::text, 16, '8'), {owner_cols} "
            f"FROM registry_owner o CROSS JOIN generate_series(1, {COPIES}) g WHERE o.id < {base}"
        )
        cursor.execute(
            f"INSERT INTO registry_business (id, owner_id, nib, {business_cols}) "
            f"SELECT b.id + g * {base}, b.owner_id + g * {base}, "
            f"CASE WHEN b.nib IS NULL THEN NULL ELSE lpad((b.id + g * {base})::text, 13, '8') END, {business_cols} "
            f"FROM registry_business b CROSS JOIN generate_series(1, {COPIES}) g WHERE b.id < {base}"
        )
        for table in ("registry_owner", "registry_business"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE registry_owner")
        cursor.execute("VACUUM ANALYZE registry_business")


@benchmark("registry_search_1m_pg_ms", unit="ms", target="< 200")
def search_1m_pg(ctx):
    """p95 server time of the same searches over 1,000,000 UMKM on PostgreSQL (skipped elsewhere)."""
    if connection.vendor != "postgresql":
        ctx.log("hanya di PostgreSQL (BENCH_DATABASE_URL): dilewati")
        return {}
    with ctx.timer() as seeding:
        ensure_businesses_1m_pg(ctx)
    ctx.log(f"{Business.objects.count()} UMKM (pengisian {seeding.seconds:.0f} s)")
    return _search_figures(ctx, "registry_search_1m_pg_ms", "registry_search_page_1m_pg_ms", "< 200")
