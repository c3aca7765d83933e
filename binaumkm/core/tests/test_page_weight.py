"""Light pages on a cheap phone: what a first visit (empty cache) at 360 px transfers, served as in
production (hashed, compressed static files through WhiteNoise; gzip for HTML), and the caching
headers that make the second visit free. The figures are written to var/page-weight.json and
recorded in docs/benchmarks.md."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django.test.testcases import LiveServerThread

from binaumkm.core.testing import PHONE, assert_accessible, make_user
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory
from binaumkm.training.tests.factories import BatchFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = 100 * 1024  # bytes: the target for any public or owner page
RESULTS = Path(settings.BASE_DIR) / "var" / "page-weight.json"
# transferSize of the page and everything it loaded (headers included), as Chromium counted it.
TRANSFERRED_JS = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return entries.map(e => ({url: e.name, bytes: e.transferSize}));
}"""


@pytest.fixture
def production_like_server(tmp_path, transactional_db):
    """A live server whose static files are collected with the production storage and served by
    WhiteNoise (the test live_server serves them uncompressed from the finders)."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
        thread = LiveServerThread(
            "localhost", static_handler=lambda handler: handler, connections_override=shared
        )
        thread.daemon = True
        for connection in shared.values():
            connection.inc_thread_sharing()
        thread.start()
        thread.is_ready.wait()
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "localhost"]):
            yield f"http://localhost:{thread.port}"
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


def first_load(browser, base: str, path: str, session: str | None = None) -> tuple[int, list]:
    context = browser.new_context(viewport=PHONE, locale="id-ID")  # a fresh context: empty cache
    if session:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{base}{path}", wait_until="networkidle")
    assert page.url == f"{base}{path}", page.url
    entries = page.evaluate(TRANSFERRED_JS)
    assert_accessible(page)
    headers = [(r.url, r.all_headers()) for r in responses]
    context.close()
    return sum(e["bytes"] for e in entries), headers


def session_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_first_load_of_public_and_owner_pages_fits_a_phone(browser, production_like_server, areas):
    base = production_like_server
    owner = make_user("pemilik_umkm", username="+6281234567890", phone="+6281234567890")
    ProductFactory.create_batch(3, business=BusinessFactory(owner=OwnerFactory(user=owner)))
    BusinessFactory.create_batch(30)
    BatchFactory.create_batch(3)
    staff = make_user("staf_dinas", username="staf.ukur")

    pages = {
        "public home": ("/", None),
        "sign-up": ("/daftar/", None),
        "login": ("/akun/masuk/", None),
        "training list": ("/pelatihan/", None),
        "owner home": ("/usaha-saya/", session_for(owner)),
        "staff list": ("/staf/umkm/", session_for(staff)),
    }
    measured, all_headers = {}, []
    for label, (path, session) in pages.items():
        measured[label], headers = first_load(browser, base, path, session)
        all_headers += headers
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(measured, indent=2))
    print("\n".join(f"page-weight {label}: {n:,} bytes" for label, n in measured.items()))

    over = {label: n for label, n in measured.items() if label != "staff list" and n > BUDGET}
    assert not over, f"over {BUDGET:,} bytes on a first visit: {over}"

    # Static files: hashed names, compressed, cached for a year or more; HTML compressed.
    statics = [(url, h) for url, h in all_headers if "/static/" in url]
    assert statics
    for url, h in statics:
        assert h.get("content-encoding") in ("br", "gzip"), url
        assert "immutable" in h["cache-control"], url
        assert int(h["cache-control"].split("max-age=")[1].split(",")[0]) >= 365 * 24 * 3600, url
        assert any(part.count(".") >= 2 for part in url.rsplit("/", 1)[1:]), f"not a hashed name: {url}"
    documents = [h for url, h in all_headers if url.rstrip("/").endswith(("/daftar", "/pelatihan"))]
    assert documents and all(h.get("content-encoding") == "gzip" for h in documents)
    # Only the JavaScript a page uses: no Bootstrap bundle, no htmx on these pages.
    scripts = {url.rsplit("/", 1)[1].split(".")[0] for url, h in statics if ".js" in url}
    assert scripts == {"app"}, scripts
