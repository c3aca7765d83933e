"""Mentoring's main path in Chromium on a 360 px phone: staff balance the stagnant UMKM of one
kecamatan and confirm; the mentor starts the engagement and logs a visit with a shared summary and a
private note; the owner sees the summary (never the note) and confirms the visit; entering the NIB
ticks the NIB goal by itself. Screenshots go to var/screenshots/ for review."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from binaumkm.accounts.roles import Role
from binaumkm.core.models import Kecamatan
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible_once,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.mentoring.models import Engagement, EngagementState, GoalTemplate, Mentor, Session
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

from .factories import ProgrammeFactory, kelurahan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
NOTE = "Pemilik ragu soal modal, jangan dibahas di depan keluarga."
SUMMARY = "Menyusun buku kas harian dan memisahkan uang usaha."


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"mentoring-{name}.png"), full_page=True)


def test_balance_visit_confirm_and_an_automatic_goal(page, live_server, areas):
    base = live_server.url
    page.set_viewport_size(PHONE)
    staff = make_user(Role.STAFF, username="staf.pd", full_name="Rina Staf")
    mentor_user = make_user(Role.MENTOR, username="pendamping.pd", full_name="Bambang Hartono")
    mentor = Mentor.objects.create(user=mentor_user, expertise=["pembukuan", "perizinan"], sectors=["C"],
                                   home_kelurahan=kelurahan("Pajang"), capacity=5)  # fmt: skip
    mentor.kecamatan.set([Kecamatan.objects.get(name="Laweyan")])
    programme = ProgrammeFactory(name="Naik Kelas UMKM Stagnan")
    GoalTemplate.objects.create(programme=programme, title="NIB terbit", day_offset=30, fact="nib")
    owner_user = make_user(
        Role.OWNER, username="+6281211110000", phone="+6281211110000", full_name="Sri Lestari"
    )
    owner = OwnerFactory(user=owner_user, full_name="Sri Lestari")
    business = BusinessFactory(
        owner=owner, name="Batik Sri", kelurahan=kelurahan("Pajang"), status="stagnan", nib=None
    )
    BusinessFactory(name="Wedang Uwuh Laweyan", kelurahan=kelurahan("Laweyan"), status="stagnan")
    BusinessFactory(name="Soto Jebres", kelurahan=kelurahan("Jebres"), status="stagnan")  # another kecamatan

    # 1. Staff balance the stagnant UMKM of Laweyan and confirm the proposal.
    browser_login(page, base, staff.username)
    page.goto(f"{base}/pendampingan/staf/bagi/")
    page.get_by_label("Kecamatan").select_option(label="Laweyan")
    page.get_by_role("button", name="Hitung UMKM").click()
    expect(page.locator("#balance-count")).to_have_text("2 UMKM perlu pendamping")
    assert_no_sideways_scroll(page)
    assert_accessible_once(page)
    page.get_by_role("button", name="Usulkan pembagian").click()
    expect(page.get_by_text("Tinggal di kelurahan yang sama")).to_be_visible()  # Batik Sri is in Pajang
    assert_no_sideways_scroll(page)
    shot(page, "balance-run-360")
    assert_accessible_once(page)
    page.get_by_role("button", name=re.compile(r"Konfirmasi semua \(2\)")).click()
    expect(page.get_by_text("2 UMKM dirujuk ke pendamping")).to_be_visible()
    assert_accessible_once(page)
    engagement = Engagement.objects.get(business=business)
    assert engagement.mentor == mentor and engagement.state == EngagementState.REFERRED

    # 2. The mentor starts the engagement and logs a visit from the phone portal.
    browser_login(page, base, mentor_user.username)
    expect(page).to_have_url(re.compile(r"/pendampingan/portal/$"))
    expect(page.get_by_role("heading", name="Dampingan saya")).to_be_visible()
    assert_no_sideways_scroll(page)
    page.get_by_role("link", name="Batik Sri").click()
    assert_accessible_once(page)
    page.get_by_role("button", name="Asesmen awal: catat kondisi awal").click()
    page.get_by_role("button", name="Mulai pendampingan").click()
    expect(page.locator("#goals")).to_contain_text("NIB terbit")
    page.get_by_role("link", name="+ Catat sesi").click()
    assert_no_sideways_scroll(page)
    page.get_by_label("Durasi (menit)").fill("90")
    page.get_by_label("Ringkasan untuk pemilik").fill(SUMMARY)
    page.get_by_label("Catatan pribadi").fill(NOTE)
    expect(page.locator("[data-draft-status]")).to_contain_text("Draf tersimpan di ponsel ini")
    shot(page, "session-form-360")
    assert_accessible_once(page)
    page.get_by_role("button", name="Simpan sesi").click()
    expect(page.get_by_text("Sesi tersimpan")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_be_visible()  # the mentor sees their note
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('binaumkm:draft:')).length") == 0
    page.goto(f"{base}/pendampingan/portal/")
    shot(page, "portal-360")

    # 3. The owner sees the summary, not the note, and confirms the visit.
    browser_login(page, base, owner_user.username)
    page.goto(f"{base}/usaha-saya/")
    assert_accessible_once(page)
    page.get_by_role("link", name=re.compile("Konfirmasi sesi pendampingan")).click()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    assert NOTE not in page.content()
    assert_no_sideways_scroll(page)
    shot(page, "owner-engagement-360")
    assert_accessible_once(page)
    page.get_by_role("button", name="Ya, sesi ini terjadi").click()
    expect(page.get_by_text("sesi pendampingan dikonfirmasi")).to_be_visible()
    assert_accessible_once(page)
    assert Session.objects.get().confirmed_at is not None

    # 4. Entering the NIB ticks the NIB goal by itself.
    page.goto(f"{base}/usaha-saya/{business.pk}/ubah/")
    assert_accessible_once(page)
    page.get_by_label("NIB", exact=True).fill("1234567890123")
    page.get_by_role("button", name=re.compile("Simpan")).click()
    page.wait_for_load_state()
    assert_accessible_once(page)
    page.goto(f"{base}/pendampingan/saya/{engagement.pk}/")
    expect(page.locator("#goals")).to_contain_text("tercapai otomatis: NIB tercatat")
    shot(page, "owner-goal-360")
    assert_accessible_once(page)

    # 5. The supervisor's view, on the phone and on a desktop.
    browser_login(page, base, staff.username)
    page.goto(f"{base}/pendampingan/staf/pengawasan/")
    expect(page.get_by_role("heading", name="Beban per pendamping")).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "supervision-360")
    assert_accessible_once(page)
    page.set_viewport_size(DESKTOP)
    shot(page, "supervision-desktop")
