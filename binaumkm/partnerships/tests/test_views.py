"""Pages: permissions per role (another store's or owner's object is a 404), clear refusals that keep
the input, the dashboard's constant query count, filters, navigation."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.partnerships.models import Partnership, PartnershipStatus, Store, WarningLetter
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory, partners
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(areas, store_user, other_store_user):
    """Two stores with their managers, and an owner with an offer from the first store."""
    store, other = StoreFactory(name="Indomaret Veteran"), StoreFactory(name="Alfamart Kauman")
    store.managers.add(store_user)
    other.managers.add(other_store_user)
    owner_account = make_user("pemilik_umkm", username="+6281255550000", phone="+6281255550000")
    business = BusinessFactory(owner=OwnerFactory(user=owner_account), name="Serabi Bu Sri")
    offer = PartnershipFactory(store=store, business=business, status=PartnershipStatus.PROPOSED,
                               reasons=[["same_kelurahan", {}], ["exposure", {"n": 0}]])  # fmt: skip
    return {"store": store, "other": other, "owner": owner_account, "offer": offer, "business": business}


# --- Permissions ------------------------------------------------------------------------------------

STAFF_URLS = [
    ("partnerships:dashboard", []), ("partnerships:store_create", []), ("partnerships:letter_list", []),
    ("partnerships:store_detail", ["store"]), ("partnerships:store_edit", ["store"]),
    ("partnerships:store_history", ["store"]), ("partnerships:partnership_create", ["store"]),
    ("partnerships:partnership_detail", ["offer"]), ("partnerships:partnership_edit", ["offer"]),
]  # fmt: skip


def _url(world, name, args):
    return reverse(name, args=[world[a].pk for a in args])


def test_anonymous_is_sent_to_login(client, world):
    for name, args in [*STAFF_URLS, ("partnerships:portal", []), ("partnerships:my_offers", [])]:
        response = client.get(_url(world, name, args))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], name


def test_owner_and_store_manager_cannot_open_the_back_office(client, world, store_user):
    for user in (world["owner"], store_user):
        client.force_login(user)
        for name, args in STAFF_URLS:
            assert client.get(_url(world, name, args)).status_code == 403, name
        assert client.post(reverse("partnerships:match_all")).status_code == 403
        assert client.post(reverse("partnerships:letter_create", args=[world["store"].pk])).status_code == 403


def test_staff_sees_every_page(staff_client, world):
    for name, args in STAFF_URLS:
        assert staff_client.get(_url(world, name, args)).status_code == 200, name


def test_store_manager_gets_404_for_another_store(client, world, store_user):
    client.force_login(store_user)
    other, offer = world["other"], world["offer"]
    other_partnership = PartnershipFactory(store=other, status=PartnershipStatus.ACCEPTED)
    assert client.get(reverse("partnerships:store_home", args=[other.pk])).status_code == 404
    for name in ("store_confirm", "store_decline", "store_end", "store_agreement"):
        assert (
            client.get(reverse(f"partnerships:{name}", args=[other.pk, other_partnership.pk])).status_code
            == 404
        )
        # Own store, but the partnership belongs to the other store: also 404.
        assert (
            client.get(
                reverse(f"partnerships:{name}", args=[world["store"].pk, other_partnership.pk])
            ).status_code
            == 404
        )
    assert (
        client.post(reverse("partnerships:store_display", args=[other.pk, other_partnership.pk])).status_code
        == 404
    )
    letter = WarningLetter.objects.create(store=other, number="X/1", year=2026, seq=1, issued_on=datetime.date(2026, 1, 1),
                                          deadline=datetime.date(2026, 2, 1), required=5, active_partners=0,
                                          store_name=other.name, store_address="x")  # fmt: skip
    assert client.get(reverse("partnerships:letter_pdf", args=[letter.pk])).status_code == 404
    assert client.get(reverse("partnerships:agreement", args=[other_partnership.pk])).status_code == 404
    # Their own store works, and the portal sends them straight to it.
    assert client.get(reverse("partnerships:portal"))["Location"] == reverse(
        "partnerships:store_home", args=[world["store"].pk]
    )
    html = client.get(reverse("partnerships:store_home", args=[world["store"].pk])).content.decode()
    assert "Indomaret Veteran" in html and "Serabi Bu Sri" in html and offer.business.name in html


def test_owner_gets_404_for_another_owners_offer(client, world):
    stranger = make_user("pemilik_umkm", username="+6281255550001", phone="+6281255550001")
    OwnerFactory(user=stranger)
    client.force_login(stranger)
    offer = world["offer"]
    assert client.get(reverse("partnerships:my_offer", args=[offer.pk])).status_code == 404
    assert client.post(reverse("partnerships:my_offer_accept", args=[offer.pk])).status_code == 404
    assert (
        client.post(reverse("partnerships:my_offer_decline", args=[offer.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert "Serabi Bu Sri" not in client.get(reverse("partnerships:my_offers")).content.decode()


def test_store_manager_cannot_use_owner_pages_and_vice_versa(client, world, store_user):
    client.force_login(store_user)
    assert client.get(reverse("partnerships:my_offers")).status_code == 403
    client.force_login(world["owner"])
    assert client.get(reverse("partnerships:portal")).status_code == 403


# --- The offer's way through the portals ---------------------------------------------------------------


def test_owner_accepts_then_store_confirms_and_store_turns_compliant(client, world, store_user):
    store = world["store"]
    partners(store, 4)
    client.force_login(world["owner"])
    html = client.get(reverse("partnerships:my_offer", args=[world["offer"].pk])).content.decode()
    assert "Satu kelurahan dengan toko" in html  # why this UMKM
    assert client.post(reverse("partnerships:my_offer_accept", args=[world["offer"].pk])).status_code == 302
    client.force_login(store_user)
    response = client.post(reverse("partnerships:store_confirm", args=[store.pk, world["offer"].pk]),
                           {"shelf": "Rak UMKM dekat kasir", "display_ready": "on"})  # fmt: skip
    assert response.status_code == 302
    world["offer"].refresh_from_db()
    assert (
        world["offer"].status == PartnershipStatus.ACTIVE and world["offer"].shelf == "Rak UMKM dekat kasir"
    )
    html = client.get(reverse("partnerships:store_home", args=[store.pk])).content.decode()
    assert "5/5" in html and "Patuh" in html


def test_owner_decline_needs_a_reason_and_keeps_the_page(client, world):
    client.force_login(world["owner"])
    response = client.post(reverse("partnerships:my_offer_decline", args=[world["offer"].pk]), {"reason": ""})
    assert response.status_code == 400 and "Alasan wajib diisi." in response.content.decode()
    client.post(
        reverse("partnerships:my_offer_decline", args=[world["offer"].pk]), {"reason": "Kapasitas produksi"}
    )
    world["offer"].refresh_from_db()
    assert world["offer"].status == PartnershipStatus.DECLINED


def test_store_ends_a_partnership_with_reason(client, world, store_user):
    p = partners(world["store"], 1)[0]
    client.force_login(store_user)
    url = reverse("partnerships:store_end", args=[world["store"].pk, p.pk])
    response = client.post(url, {"end_date": "2099-01-01", "reason": "Tidak laku"})
    assert response.status_code == 200 and "masa depan" in response.content.decode()
    assert "Tidak laku" in response.content.decode()  # the input is kept
    today = timezone.localdate().isoformat()
    assert client.post(url, {"end_date": today, "reason": "Tidak laku"}).status_code == 302
    p.refresh_from_db()
    assert p.status == PartnershipStatus.ENDED


def test_agreement_upload_checks_it_is_a_pdf(client, world, store_user):
    p = partners(world["store"], 1)[0]
    client.force_login(store_user)
    url = reverse("partnerships:store_agreement", args=[world["store"].pk, p.pk])
    response = client.post(
        url, {"agreement": SimpleUploadedFile("perjanjian.pdf", b"<html>bukan pdf</html>")}
    )
    assert response.status_code == 200 and "harus berupa PDF" in response.content.decode()
    assert (
        client.post(url, {"agreement": SimpleUploadedFile("p.pdf", PDF, "application/pdf")}).status_code
        == 302
    )
    response = client.get(reverse("partnerships:agreement", args=[p.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


# --- Staff forms: refusals keep the input ------------------------------------------------------------


def test_partnership_form_refuses_unverified_business_and_keeps_input(staff_client, world):
    unverified = BusinessFactory(verification="baru", name="Keripik Belum Verif")
    url = reverse("partnerships:partnership_create", args=[world["store"].pk])
    response = staff_client.post(url, {"business": unverified.reference, "form": "pasokan", "start_date": "2026-01-10",
                                       "listing_fee": "20.000", "shelf": "Rak 3"})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and "belum terverifikasi" in html
    assert 'value="Rak 3"' in html and 'value="20.000"' in html


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "sesudah tanggal mulai"),
        ({"business": "UMKM-999999"}, "UMKM tidak ditemukan"),
        ({"listing_fee": "lima puluh ribu"}, "Tulis nilai rupiah dengan angka"),
        ({"start_date": "kemarin"}, "tanggal yang valid"),
        ({"shelf": "<script>alert(1)</script>"}, "kode HTML"),
    ],
)
def test_partnership_form_bad_input(staff_client, world, post, message):
    business = BusinessFactory()
    data = {"business": business.reference, "form": "pasokan", "start_date": "2026-01-10", **post}
    response = staff_client.post(reverse("partnerships:partnership_create", args=[world["store"].pk]), data)
    assert response.status_code == 200 and message in response.content.decode()


def test_same_business_twice_is_refused_in_the_form(staff_client, world):
    data = {"business": world["business"].reference, "form": "pasokan", "start_date": "2026-01-10"}
    response = staff_client.post(reverse("partnerships:partnership_create", args=[world["store"].pk]), data)
    assert "sudah bermitra atau sedang ditawari" in response.content.decode()


def test_listing_fee_over_cap_warns_after_save(staff_client, world):
    business = BusinessFactory()
    data = {"business": business.nib or business.reference, "form": "pasokan", "start_date": "2026-01-10",
            "listing_fee": "Rp 60.000", "running": "on"}  # fmt: skip
    response = staff_client.post(
        reverse("partnerships:partnership_create", args=[world["store"].pk]), data, follow=True
    )
    assert "melebihi batas Permendag 23/2021" in response.content.decode()
    assert Partnership.objects.get(business=business).status == PartnershipStatus.ACTIVE


def test_store_form_errors(staff_client, areas):
    response = staff_client.post(reverse("partnerships:store_create"), {
        "name": "Indomaret Baru", "brand": "Indomaret", "store_type": "minimarket", "address": "Jl. Adi Sucipto 5",
        "kelurahan": Kelurahan.objects.first().pk, "opened_on": "2030-01-01", "status": "buka", "nib": "123",
    })  # fmt: skip
    html = response.content.decode()
    assert "NIB harus 13 digit" in html and 'value="Jl. Adi Sucipto 5"' in html
    response = staff_client.post(reverse("partnerships:store_create"), {
        "name": "Indomaret Baru", "brand": "Indomaret", "store_type": "minimarket", "address": "Jl. Adi Sucipto 5",
        "kelurahan": Kelurahan.objects.first().pk, "opened_on": "2030-01-01", "status": "buka",
    })  # fmt: skip
    assert "masa depan" in response.content.decode()
    response = staff_client.post(reverse("partnerships:store_create"), {
        "name": "Indomaret Baru", "brand": "Indomaret", "store_type": "minimarket", "address": "Jl. Adi Sucipto 5",
        "kelurahan": Kelurahan.objects.first().pk, "opened_on": "2025-08-01", "status": "buka",
    }, follow=True)  # fmt: skip
    assert "menangguhkan izin toko modern baru" in response.content.decode()
    assert Store.objects.filter(name="Indomaret Baru").exists()


def test_manager_add_gives_a_set_password_link_never_a_password(staff_client, world):
    url = reverse("partnerships:manager_add", args=[world["store"].pk])
    response = staff_client.post(url, {"full_name": "Dewi", "phone": "0812 7777 8888"})
    html = response.content.decode()
    assert response.status_code == 200 and "Tautan atur kata sandi" in html
    dewi = User.objects.get(phone="+6281277778888")
    assert world["store"].managers.filter(pk=dewi.pk).exists() and not dewi.has_usable_password()
    assert "sandi sementara" not in html.lower() and "messages" not in response.cookies
    link = urlsplit(re.search(r'value="(https?://[^"]+/akun/sandi/atur/[^"]+)"', html).group(1)).path
    # The manager sets their own password through the link, which then works no more.
    client = Client()
    form_url = client.get(link)["Location"]
    assert (
        client.post(
            form_url, {"new_password1": "rak-lokal-2026", "new_password2": "rak-lokal-2026"}
        ).status_code
        == 302
    )
    client.logout()
    assert "Tautan tidak berlaku" in client.get(link, follow=True).content.decode()
    assert client.login(username="+6281277778888", password="rak-lokal-2026")
    # The store page offers a new link next to each linked account.
    detail = staff_client.get(reverse("partnerships:store_detail", args=[world["store"].pk])).content.decode()
    assert reverse("accounts:user_invite", args=[dewi.pk]) in detail
    response = staff_client.post(url, {"full_name": "Dewi"})
    assert response.status_code == 400 and "Isi nomor HP atau e-mail" in response.content.decode()


def test_linking_an_existing_account_says_so_without_a_link(staff_client, world, store_user):
    other = world["other"]
    response = staff_client.post(
        reverse("partnerships:manager_add", args=[other.pk]),
        {"full_name": "Manajer Toko", "email": store_user.email},
        follow=True,
    )
    assert "menjadi pengelola toko ini" in response.content.decode()
    assert other.managers.filter(pk=store_user.pk).exists()


# --- Letters ------------------------------------------------------------------------------------------


def test_one_click_letter_from_the_dashboard_and_refusal_for_compliant(staff_client, world):
    store = world["store"]
    dashboard = reverse("partnerships:dashboard")
    response = staff_client.post(
        reverse("partnerships:letter_create", args=[store.pk]), {"next": dashboard}, follow=True
    )
    letter = WarningLetter.objects.get(store=store)
    assert response.redirect_chain[-1][0] == dashboard and letter.number in response.content.decode()
    pdf = staff_client.get(reverse("partnerships:letter_pdf", args=[letter.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    compliant = StoreFactory()
    partners(compliant, 5)
    response = staff_client.post(reverse("partnerships:letter_create", args=[compliant.pk]), follow=True)
    assert "sudah patuh" in response.content.decode() and not compliant.letters.exists()
    # External 'next' is ignored.
    response = staff_client.post(
        reverse("partnerships:letter_create", args=[store.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("partnerships:store_detail", args=[store.pk])


def test_manager_downloads_own_letter(client, world, store_user, staff_user):
    from binaumkm.partnerships.services import letters

    letter = letters.letter_create(actor=staff_user, store=world["store"])
    client.force_login(store_user)
    assert client.get(reverse("partnerships:letter_pdf", args=[letter.pk])).content.startswith(b"%PDF")


def test_letter_follow_up(staff_client, world, staff_user):
    from binaumkm.partnerships.services import letters

    letter = letters.letter_create(actor=staff_user, store=world["store"])
    staff_client.post(reverse("partnerships:letter_status", args=[letter.pk]), {"status": "selesai"})
    letter.refresh_from_db()
    assert letter.status == "selesai"
    response = staff_client.post(
        reverse("partnerships:letter_status", args=[letter.pk]), {"status": "dijawab"}, follow=True
    )
    assert "tidak dapat diubah" in response.content.decode()


# --- Matchmaking screens --------------------------------------------------------------------------------


def test_match_and_offer_from_the_store_page(staff_client, world):
    store = world["store"]
    for _ in range(3):
        b = BusinessFactory()
        ProductFactory(business=b, category="rumah_tangga")
    response = staff_client.post(reverse("partnerships:match_store", args=[store.pk]), follow=True)
    html = response.content.decode()
    assert "Mengapa" in html and "kurang" in html  # 5 needed, 1 offer under way, 3 found: 1 left open
    run_url = response.redirect_chain[-1][0]
    response = staff_client.post(run_url + "tawarkan/", {"all": "1", "form": "pemasaran_bersama", "start_date": "2026-07-01"},
                                 follow=True)  # fmt: skip
    assert "3 tawaran kemitraan dikirim" in response.content.decode()
    assert store.partnerships.filter(status=PartnershipStatus.PROPOSED, form="pemasaran_bersama").count() == 3
    assert store.partnerships.filter(status=PartnershipStatus.PROPOSED).count() == 4


def test_match_all_when_nothing_to_do(staff_client, areas):
    partners(StoreFactory(), 5)
    response = staff_client.post(reverse("partnerships:match_all"), follow=True)
    assert "Tidak ada toko terbuka yang perlu dicarikan mitra" in response.content.decode()


# --- Dashboard ------------------------------------------------------------------------------------------


def test_dashboard_query_count_does_not_grow_with_stores(staff_client, areas):
    def grow(n):
        for i in range(n - Store.objects.count()):
            store = StoreFactory(brand="Alfamart" if i % 2 else "Indomaret")
            partners(store, i % 7)
            if i % 5 == 0:
                PartnershipFactory(store=store, status=PartnershipStatus.PROPOSED)
            if i % 3 == 0:
                WarningLetter.objects.create(store=store, number=f"N/{store.pk}", year=2026, seq=store.pk,
                                             issued_on=datetime.date(2026, 1, 1), deadline=datetime.date(2026, 2, 1),
                                             required=5, active_partners=0, store_name="x", store_address="x")  # fmt: skip
        call_command(
            "compliance_refresh", stdout=io.StringIO()
        )  # the daily refresh keeps every store current

    def fetch():
        assert staff_client.get(reverse("partnerships:dashboard"), {"sort": "mitra"}).status_code == 200

    assert_constant_queries(fetch, grow, small=10, large=120)


def test_dashboard_lists_sorted_by_days_out_of_compliance_and_filters(staff_client, areas):
    laweyan = Kecamatan.objects.get(name="Laweyan")
    jebres = Kecamatan.objects.get(name="Jebres")
    old = StoreFactory(name="Toko Lama Tidak Patuh", opened_on=datetime.date(2015, 1, 1),
                       kelurahan=laweyan.kelurahan_set.first())  # fmt: skip
    new = StoreFactory(name="Toko Baru Tidak Patuh", opened_on=datetime.date(2024, 1, 1),
                       kelurahan=jebres.kelurahan_set.first(), brand="Alfamart", store_type="supermarket")  # fmt: skip
    ok = StoreFactory(name="Toko Patuh", kelurahan=laweyan.kelurahan_set.first())
    partners(ok, 5)
    html = staff_client.get(reverse("partnerships:dashboard")).content.decode()
    assert html.index(old.name) < html.index(new.name) < html.index(ok.name)
    assert "<svg" in html and "Toko patuh dan belum patuh" in html
    get = staff_client.get
    assert new.name not in get(reverse("partnerships:dashboard"), {"kecamatan": laweyan.pk}).content.decode()
    assert ok.name not in get(reverse("partnerships:dashboard"), {"brand": "Alfamart"}).content.decode()
    assert (
        old.name not in get(reverse("partnerships:dashboard"), {"store_type": "supermarket"}).content.decode()
    )
    assert ok.name not in get(reverse("partnerships:dashboard"), {"state": "tidak"}).content.decode()
    html = get(reverse("partnerships:dashboard"), {"state": "patuh"}).content.decode()
    assert ok.name in html and old.name not in html
    html = get(reverse("partnerships:dashboard"), {"sort": "nama"}).content.decode()
    assert html.index(new.name) < html.index(old.name) < html.index(ok.name)
    # Nonsense in the query string is ignored, not a 500.
    assert (
        get(
            reverse("partnerships:dashboard"), {"kecamatan": "x", "brand": "<b>", "sort": "y", "page": "z"}
        ).status_code
        == 200
    )


# --- Navigation -------------------------------------------------------------------------------------------


def test_navigation_and_home_per_role(client, world, store_user, staff_user):
    client.force_login(store_user)
    assert client.get("/")["Location"] == reverse("partnerships:portal")
    assert "Toko saya" in client.get(reverse("partnerships:portal"), follow=True).content.decode()
    client.force_login(staff_user)
    assert "Toko modern" in client.get(reverse("partnerships:dashboard")).content.decode()
    client.force_login(world["owner"])
    assert ">Kemitraan<" in client.get(reverse("partnerships:my_offers")).content.decode()


def test_pages_in_english(staff_client, world, store_user, client):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(reverse("partnerships:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Modern-store compliance" in html and "Not compliant" in html
    client.force_login(world["owner"])
    html = client.get(
        reverse("partnerships:my_offer", args=[world["offer"].pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Why your business was proposed" in html and "Same kelurahan as the store" in html


# --- Query counts of the other list pages (10 vs 300 rows) ---------------------------------------------


def _letter(store, seq):
    return WarningLetter.objects.create(store=store, number=f"T/{seq}", year=2026, seq=seq, issued_on=datetime.date(2026, 1, 1),
                                        deadline=datetime.date(2026, 2, 1), required=5, active_partners=0,
                                        store_name=store.name, store_address="x")  # fmt: skip


def test_letter_list_query_count(staff_client, areas):
    def grow(n):
        for seq in range(WarningLetter.objects.count() + 1, n + 1):
            _letter(StoreFactory(), seq)

    assert_constant_queries(
        lambda: staff_client.get(reverse("partnerships:letter_list")), grow, small=10, large=60
    )


def test_store_pages_query_count(client, staff_user, world, store_user):
    store = world["store"]

    def grow(n):
        for _ in range(n - store.partnerships.count()):
            p = PartnershipFactory(store=store, status=PartnershipStatus.ACTIVE)
            p.products.add(ProductFactory(business=p.business))
            PartnershipFactory(
                store=store, status=PartnershipStatus.ENDED, end_date=datetime.date(2021, 1, 1)
            )

    staff_client = Client()
    staff_client.force_login(staff_user)
    client.force_login(store_user)

    def portal():
        assert client.get(reverse("partnerships:store_home", args=[store.pk])).status_code == 200

    def staff_page():
        assert staff_client.get(reverse("partnerships:store_detail", args=[store.pk])).status_code == 200

    assert_constant_queries(portal, grow, small=10, large=80)
    assert_constant_queries(staff_page, grow, small=100, large=160)


def test_owner_list_query_count(client, world):
    owner_business = world["business"]

    def grow(n):
        for _ in range(n - owner_business.store_partnerships.count()):
            p = PartnershipFactory(business=owner_business, status=PartnershipStatus.ACTIVE)
            p.products.add(ProductFactory(business=owner_business))

    client.force_login(world["owner"])

    def fetch():
        assert client.get(reverse("partnerships:my_offers")).status_code == 200

    assert_constant_queries(fetch, grow, small=10, large=60)
