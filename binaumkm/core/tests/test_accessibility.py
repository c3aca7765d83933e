"""Every page usable with a screen reader: axe-core (WCAG 2.1 A/AA) on every role's main pages and
the public pages, at 360 and 1280 px, on the demo data; forms that guide after an error; the
helper itself fails on a violation."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    axe_checked_paths,
    browser_login,
    path_pattern,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_LOGINS = {  # role (group) -> demo username, as `manage.py seed_demo` prints them
    "admin_dinas": "admin",
    "staf_dinas": "staf",
    "pemilik_umkm": "0812 3456 7890",
    "mitra_toko": "manajer.toko",
    "mitra_outlet": "mitra.sriwedari",
    "pendamping": "pendamping",
    "petugas_bank": "bank.bri",
}
# Links that are not pages: downloads, a private paper shown inline (financing), the admin site
# (Django's, not ours), logout, language switch.
NOT_PAGES = re.compile(r"\.(pdf|xlsx|csv|zip)$|/pembiayaan/berkas/\d+/$|/admin/|/keluar/|/i18n/|/templat")
PAGES_PER_ROLE = 14


def check(page, problems: list[str]) -> None:
    try:
        assert_accessible(page)
    except AssertionError as exc:
        problems.append(str(exc))


def same_site_links(page, base: str, selector: str) -> list[str]:
    # From the attribute: an SVG link's .href is an object (the map of Solo's kelurahan are links).
    script = "links => links.map(a => new URL(a.getAttribute('href') || '', document.baseURI).href)"
    hrefs = page.eval_on_selector_all(selector, script)
    return [h.split("#")[0] for h in hrefs if h.startswith(base) and not NOT_PAGES.search(urlsplit(h).path)]


def visit_main_pages(page, base: str, problems: list[str], *, limit: int = PAGES_PER_ROLE,
                     deep: bool = True) -> list[str]:  # fmt: skip
    """The page the role lands on, each item of its menu, and (deep) from each of those the first
    link of every other kind of page (one per path pattern), each checked with axe."""
    start = page.url
    menu = same_site_links(page, base, "#nav .navbar-nav:first-child a.nav-link")
    queue, seen = [start, *menu], set()
    visited = []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        pattern = path_pattern(url)
        if pattern in seen:
            continue
        seen.add(pattern)
        if page.url != url:
            page.goto(url)
        check(page, problems)
        visited.append(pattern)
        if deep and (url == start or url in menu):  # one level below the menu
            queue += same_site_links(page, base, "main a[href]")
    return visited


@pytest.fixture
def demo(db):
    call_command("seed_demo", umkm=40, stdout=io.StringIO())


def test_every_role_main_pages_and_the_public_pages_pass_axe(page, live_server, demo):
    from binaumkm.training.models import Batch, Certificate

    base = live_server.url
    problems: list[str] = []
    page.set_viewport_size(PHONE)

    # Public pages, as a first visitor sees them (and the friendly 404).
    batch = Batch.objects.exclude(state="konsep").order_by("pk").first()
    certificate = Certificate.objects.order_by("pk").first()
    public = ["/", "/akun/masuk/", "/daftar/", "/akun/sandi/lupa/", "/pelatihan/",
              f"/pelatihan/tahap/{batch.pk}/", "/pelatihan/cek-sertifikat/?number=2020/X&name=Siapa"]  # fmt: skip
    if certificate:
        public.append(f"/pelatihan/sertifikat/{certificate.code}/")
    for path in public:
        page.goto(f"{base}{path}")
        check(page, problems)
    assert page.goto(f"{base}/halaman-yang-tidak-ada/").status == 404
    assert page.title().startswith("Tidak ditemukan")  # the app's own page, in Indonesian
    check(page, problems)

    visited = {}
    for role, username in DEMO_LOGINS.items():
        browser_login(page, base, username)
        # The admin has the staff's pages (checked below them) plus Django's admin site.
        visited[role] = visit_main_pages(page, base, problems, deep=role != "admin_dinas")

    # An owner's form after an empty submit: the error state is a page too.
    browser_login(page, base, DEMO_LOGINS["pemilik_umkm"])
    page.goto(f"{base}/usaha-saya/baru/")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check(page, problems)

    assert not problems, "\n\n".join(problems)
    # Every role saw its own pages, not only the home page.
    assert all(len(patterns) >= 2 for role, patterns in visited.items() if role != "pendamping"), visited
    assert "/staf/umkm/" in visited["staf_dinas"] and "/usaha-saya/" in visited["pemilik_umkm"]
    assert "/pembiayaan/bank/rujukan/N/" in visited["petugas_bank"]


def test_empty_sign_up_moves_focus_to_the_error_summary_linked_to_each_field(page, live_server):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/daftar/")
    assert_accessible(page)
    page.get_by_role("button", name="Buat akun").click()

    summary = page.get_by_role("alert").filter(has_text="perlu diperbaiki")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    assert links.count() == 7  # name, phone, NIK, gender, two passwords, consent
    expect(summary).to_contain_text("NIK wajib diisi.")
    expect(summary).to_contain_text("Pilih jenis kelamin.")
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1, target
    # Each invalid field names its error (and help) by ids that are on the page.
    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count() >= 7
    for i in range(invalid.count()):
        field = invalid.nth(i)
        described = field.get_attribute("aria-describedby") or field.locator(
            "xpath=ancestor::fieldset").get_attribute("aria-describedby")  # fmt: skip
        ids = described.split()
        assert any(i.endswith("_error") for i in ids), described
        for ref in ids:
            assert page.locator(f"#{ref}").count() == 1, f"{ref} is not on the page"
    expect(page.locator("#id_nik_error")).to_have_text("NIK wajib diisi.")
    expect(page.locator("#id_nik_helptext")).to_have_text("16 digit sesuai KTP.")

    # Following a link in the summary puts the cursor in that field.
    summary.get_by_role("link", name="NIK wajib diisi.").click()
    expect(page.locator("#id_nik")).to_be_focused()
    assert_accessible(page)


def test_the_axe_helper_fails_on_a_violation(page, live_server):
    page.goto(f"{live_server.url}/akun/masuk/")
    assert_accessible(page)  # the page as served passes

    # An input without a label, as a careless template would print it.
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input name=\"x\">')")
    before = page.viewport_size
    with pytest.raises(AssertionError, match=r"\[360 px\] label \(critical\)") as failure:
        assert_accessible(page)
    assert "[1280 px] label (critical)" in str(failure.value)
    assert page.viewport_size == before  # checked at both widths, then put back

    # A help text id that the template forgot to print.
    page.goto(f"{live_server.url}/akun/masuk/")
    page.evaluate(
        "document.getElementById('id_username').setAttribute('aria-describedby', 'id_username_gone')"
    )
    with pytest.raises(AssertionError, match="dangling id reference.*id_username_gone"):
        assert_accessible(page, widths=(DESKTOP,))
    assert path_pattern(page.url) in axe_checked_paths(page)
