"""Training's main path in Chromium: owners on a 360 px phone, staff on a desktop."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.training import services
from binaumkm.training.models import Certificate, Registration, RegistrationStatus
from binaumkm.training.tests.factories import (
    BatchFactory,
    ProgrammeFactory,
    RegistrationFactory,
    SessionFactory,
    owner_with_business,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_allocate_offer_check_in_certificate(page, live_server, areas):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # "Are you sure?" prompts
    make_user("staf_dinas", username="staf.pelatihan", full_name="Rina Staf")
    kel = Kelurahan.objects.get(name="Kauman")
    ana, ana_business = owner_with_business(kelurahan=kel)
    budi, budi_business = owner_with_business(kelurahan=kel)
    citra, citra_business = owner_with_business(kelurahan=kel)
    # Budi already completed another topic (tier 2): the two first-timers get the two seats.
    RegistrationFactory(business=budi_business, status=RegistrationStatus.ACCEPTED, completed=True,
                        batch=BatchFactory(programme=ProgrammeFactory(topic="ekspor")))  # fmt: skip
    batch = BatchFactory(capacity=2, questions=["Apa produk utama Anda?"],
                         programme=ProgrammeFactory(title="Jualan Online di Shopee", partner="Shopee"))  # fmt: skip
    SessionFactory(batch=batch, number=1)

    # 1. Ana registers from her phone.
    page.set_viewport_size(PHONE)
    browser_login(page, base, ana.username)
    page.goto(f"{base}/pelatihan/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Jualan Online di Shopee")).click()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.get_by_label("Apa produk utama Anda?").fill("Batik tulis")
    page.get_by_role("button", name="Kirim pendaftaran").click()
    expect(page.locator("#status")).to_contain_text("Menunggu seleksi")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    # Citra and Budi register too (the same form, no need to click through it again).
    for user, business in ((citra, citra_business), (budi, budi_business)):
        services.registration_create(actor=user, batch=batch, business=business, answers=["Wedang uwuh"])

    # 2. Staff close registration, preview with a seed and publish.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.pelatihan")
    page.goto(f"{base}/pelatihan/staf/tahap/{batch.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Tutup pendaftaran").click()
    expect(page.get_by_text("Pendaftaran ditutup.")).to_be_visible()
    page.get_by_role("link", name="Pratinjau seleksi").click()
    assert_accessible(page)
    page.get_by_label("Kode undian").fill("2021")
    page.get_by_role("button", name="Hitung ulang").click()
    expect(page.locator("#seed")).to_have_text("2021")
    expect(page.get_by_role("link", name="Diterima (2)")).to_be_visible()
    page.get_by_role("button", name="Umumkan hasil").click()
    expect(page.get_by_text("Hasil seleksi diumumkan (kode undian 2021)")).to_be_visible()
    assert_accessible(page)

    # 3. Ana sees "Diterima" and why.
    page.set_viewport_size(PHONE)
    browser_login(page, base, ana.username)
    page.goto(f"{base}/pelatihan/")
    page.get_by_role("link", name=re.compile("Jualan Online di Shopee")).first.click()
    expect(page.locator("#status")).to_contain_text("Diterima")
    expect(page.locator("#reasons")).to_contain_text("Tingkat prioritas 1")
    expect(page.locator("#reasons")).to_contain_text("kode undian 2021")
    assert_no_sideways_scroll(page)
    assert_accessible(page)

    # 4. Citra gives up her seat: Budi, first on the waiting list, is offered it and accepts.
    citra_reg = Registration.objects.get(business=citra_business, batch=batch)
    budi_reg = Registration.objects.get(business=budi_business, batch=batch)
    assert budi_reg.status == RegistrationStatus.WAITLISTED
    mail.outbox.clear()
    browser_login(page, base, citra.username)
    page.goto(f"{base}/pelatihan/pendaftaran/{citra_reg.pk}/")
    page.get_by_role("button", name="Batalkan kursi saya").click()
    expect(page.locator("#status")).to_contain_text("Dibatalkan")
    assert any("Ada kursi kosong" in m.subject and budi_business.owner.email in m.to for m in mail.outbox)
    browser_login(page, base, budi.username)
    page.goto(f"{base}/pelatihan/pendaftaran/{budi_reg.pk}/")
    expect(page.locator("#status")).to_contain_text("Ditawari kursi")
    page.get_by_role("button", name="Ya, saya ikut").click()
    expect(page.locator("#status")).to_contain_text("Diterima")
    expect(page.locator("#reasons")).to_contain_text("Kursi dari daftar tunggu")
    assert_no_sideways_scroll(page)

    # 5. Staff check Budi in (by search, as at the door) and finish the batch.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.pelatihan")
    page.goto(f"{base}/pelatihan/staf/tahap/{batch.pk}/")
    page.get_by_role("link", name="Presensi").click()
    assert_accessible(page)
    page.get_by_placeholder("Cari nama pemilik atau usaha").fill(budi_business.owner.full_name)
    row = page.locator("li", has_text=budi_business.owner.full_name)
    expect(row.get_by_role("button", name="Tandai hadir")).to_be_visible()
    assert_accessible(page)  # the list as htmx swapped it in
    row.get_by_role("button", name="Tandai hadir").click()
    expect(page.get_by_text(f"{budi_business.owner.full_name} hadir di Sesi 1")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/pelatihan/staf/tahap/{batch.pk}/")
    page.get_by_role("button", name="Selesaikan angkatan").click()
    expect(page.get_by_text("sertifikat diterbitkan")).to_be_visible()
    assert_accessible(page)

    # 6. Budi downloads his certificate; its QR link verifies for anyone.
    page.set_viewport_size(PHONE)
    browser_login(page, base, budi.username)
    page.goto(f"{base}/pelatihan/pendaftaran/{budi_reg.pk}/")
    assert_accessible(page)
    with page.expect_download() as info:
        page.locator("#certificate-download").click()
    with open(info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    certificate = Certificate.objects.get(registration=budi_reg)
    verify_path = urlparse(page.locator("#certificate-verify").get_attribute("href")).path
    assert verify_path == f"/pelatihan/sertifikat/{certificate.code}/"
    page.context.clear_cookies()  # anonymous, as whoever scans the QR
    page.goto(f"{base}{verify_path}")
    expect(page.locator("#verified")).to_be_visible()
    expect(page.get_by_text(budi_business.owner.full_name)).to_be_visible()
    assert budi_business.owner.nik not in page.content()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
