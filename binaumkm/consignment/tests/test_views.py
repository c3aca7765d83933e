"""Pages: what each role can reach, forms that refuse bad input in Indonesian and keep it, and the
main staff / outlet / owner flows through the Django test client."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from binaumkm.accounts.events import Event as AccountEvent
from binaumkm.accounts.models import User
from binaumkm.consignment.events import Event
from binaumkm.consignment.models import Agreement, AgreementProduct, Delivery, Outlet, Sale, Settlement
from binaumkm.consignment.services import ledger, settlement
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user, pdf_text
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

from .factories import AgreementProductFactory, OutletFactory, days_ago, deliver, last_month

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def stocked(staff_user, item):
    deliver(staff_user, item, 10, on=last_month()[0])
    return item


@pytest.fixture
def owner_of(stocked):
    user = make_user("pemilik_umkm", username="+6281299990000", phone="+6281299990000")
    owner = stocked.agreement.business.owner
    owner.user = user
    owner.save()
    return user


# --- Access ---------------------------------------------------------------------------------------


def outlet_urls(outlet, batch_id=1, sale_id=1):
    return [
        reverse("consignment:outlet_stock", args=[outlet.pk]),
        reverse("consignment:sales_entry", args=[outlet.pk]),
        reverse("consignment:sales_upload", args=[outlet.pk]),
        reverse("consignment:upload_template", args=[outlet.pk]),
        reverse("consignment:sales_list", args=[outlet.pk]),
        reverse("consignment:ledger", args=[outlet.pk]),
        reverse("consignment:outlet_settlements", args=[outlet.pk]),
        reverse("consignment:return_create", args=[outlet.pk, batch_id]),
        reverse("consignment:sale_cancel", args=[outlet.pk, sale_id]),
    ]


def test_outlet_partner_sees_only_their_outlet(client, partner_user, stocked, areas):
    outlet = stocked.agreement.outlet
    other = OutletFactory()
    client.force_login(partner_user)
    assert client.get(reverse("consignment:outlet_stock", args=[outlet.pk])).status_code == 200
    for url in outlet_urls(other):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"sold_on": days_ago(1)}).status_code == 404, url
    # the other outlet's documents too
    other_item = AgreementProductFactory(agreement__outlet=other)
    delivery = deliver(make_user("staf_dinas", username="staf2"), other_item, 3)
    assert client.get(reverse("consignment:delivery_pdf", args=[delivery.pk])).status_code == 404
    # and a batch of another outlet through this outlet's URL
    batch = delivery.batches.get()
    assert client.get(reverse("consignment:return_create", args=[outlet.pk, batch.pk])).status_code == 404


def test_outlet_partner_cannot_open_the_back_office(client, partner_user, stocked):
    outlet = stocked.agreement.outlet
    client.force_login(partner_user)
    for url in (
        reverse("consignment:outlet_list"),
        reverse("consignment:outlet_detail", args=[outlet.pk]),
        reverse("consignment:settlement_create", args=[outlet.pk]),
        reverse("consignment:report"),
        reverse("consignment:adjustment_create", args=[outlet.pk, 1]),
    ):
        assert client.get(url).status_code == 403, url


def test_owner_sees_own_statements_only(client, owner_of, stocked, staff_user, areas):
    start, end = last_month()
    ledger.sale_record(
        actor=staff_user, outlet=stocked.agreement.outlet, product=stocked.product, quantity=2, sold_on=start
    )
    other = AgreementProductFactory(agreement__outlet=stocked.agreement.outlet)
    deliver(staff_user, other, 3, on=start)
    ledger.sale_record(
        actor=staff_user, outlet=other.agreement.outlet, product=other.product, quantity=1, sold_on=start
    )
    made = settlement.settlement_create(
        actor=staff_user, outlet=stocked.agreement.outlet, period_start=start, period_end=end
    )
    mine = made.lines.get(business=stocked.agreement.business)
    theirs = made.lines.get(business=other.agreement.business)
    client.force_login(owner_of)
    response = client.get(reverse("consignment:owner_overview"))
    assert response.status_code == 200
    assert "Rp80.000" in html(response)  # 2 × 50.000 less 20 %
    assert (
        client.get(reverse("consignment:statement_pdf", args=[mine.pk]))["Content-Type"] == "application/pdf"
    )
    assert client.get(reverse("consignment:statement_pdf", args=[theirs.pk])).status_code == 404
    # An official document: in Bahasa Indonesia even for an owner who reads the screens in English.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'lang="en"' in html(client.get(reverse("consignment:owner_overview")))
    statement = " ".join(
        pdf_text(client.get(reverse("consignment:statement_pdf", args=[mine.pk])).content).split()
    )
    assert "PERNYATAAN REKAP PEMBAYARAN TITIP JUAL" in statement and "Rp80.000" in statement, statement
    assert "STATEMENT" not in statement.upper().replace("PERNYATAAN", "")
    # The outlet's summary and pages are no owner's: their role holds no permission for them (403).
    assert client.get(reverse("consignment:summary_pdf", args=[made.pk])).status_code == 403
    assert (
        client.get(reverse("consignment:outlet_stock", args=[stocked.agreement.outlet_id])).status_code == 403
    )


def test_anonymous_goes_to_login(client, stocked):
    for url in (
        reverse("consignment:outlet_list"),
        reverse("consignment:outlet_stock", args=[stocked.agreement.outlet_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_navigation_and_home(client, partner_user, staff_user, stocked, owner_of):
    from django.apps import apps

    config = apps.get_app_config("consignment")
    assert config.navigation(staff_user) == [("Titip jual", reverse("consignment:outlet_list"))]
    assert config.navigation(partner_user)[0][1] == reverse("consignment:index")
    assert config.navigation(owner_of)[0][1] == reverse("consignment:owner_overview")
    assert config.home_url(staff_user) is None and config.home_url(owner_of) is None
    client.force_login(partner_user)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "consignment:outlet_stock", args=[stocked.agreement.outlet_id]
    )


# --- Staff: outlets, partners, agreements, deliveries -----------------------------------------------


def test_staff_creates_outlet_with_percent_commission(staff_client, areas):
    from binaumkm.core.models import Kelurahan

    kel = Kelurahan.objects.get(name="Purwosari")
    data = {"name": "Hotel Sriwedari", "kind": "hotel", "star_rating": "", "address": "Jl. Slamet Riyadi 1",
            "kelurahan": kel.pk, "contact_name": "Bu Rina", "commission_bp": "17,5", "settlement_period": "bulanan",
            "is_active": "on"}  # fmt: skip
    response = staff_client.post(reverse("consignment:outlet_create"), data)
    assert response.status_code == 200
    assert "Isi jumlah bintang hotel" in html(response) and 'value="Hotel Sriwedari"' in html(response)
    response = staff_client.post(
        reverse("consignment:outlet_create"), {**data, "commission_bp": "abc", "star_rating": 4}
    )
    assert "Tulis persentase dengan angka" in html(response)
    response = staff_client.post(reverse("consignment:outlet_create"), {**data, "star_rating": 4})
    assert response.status_code == 302
    outlet = Outlet.objects.get(name="Hotel Sriwedari")
    assert (outlet.commission_bp, outlet.star_rating, outlet.kind_label) == (1750, 4, "Hotel ★★★★")
    assert AuditEntry.objects.filter(action="consignment.outlet.created").exists()


def test_staff_links_a_new_partner_account_who_sets_their_own_password(client, staff_client, outlet):
    """No password is typed by staff, shown, or put in a cookie: the new account gets a one-time link."""
    detail = html(staff_client.get(reverse("consignment:outlet_detail", args=[outlet.pk])))
    assert 'type="password"' not in detail and 'name="password"' not in detail
    url = reverse("consignment:partner_add", args=[outlet.pk])
    response = staff_client.post(url, {"full_name": "Mbak Ani", "phone": "0813 1111 2222", "password": "x"})
    assert response.status_code == 200
    user = User.objects.get(phone="+6281311112222")
    assert outlet.partners.filter(pk=user.pk).exists() and user.groups.filter(name="mitra_outlet").exists()
    assert not user.has_usable_password()
    page = html(response)
    link = re.search(r"https?://[^/\s\"]+(/akun/sandi/atur/[^\s\"<]+)", page).group(1)
    assert "Tautan atur kata sandi" in page
    assert "messages" not in response.cookies and link not in str(response.cookies)
    assert AuditEntry.objects.filter(action=Event.PARTNER_ADDED, object_id=str(outlet.pk)).exists()
    assert AuditEntry.objects.filter(action=AccountEvent.INVITATION_CREATED, object_id=str(user.pk)).exists()
    # The partner sets their own password through the link, once.
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "serabi-notosuman-7", "new_password2": "serabi-notosuman-7"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("serabi-notosuman-7")
    again = client.get(link)
    assert again.status_code == 200 and "Tautan tidak berlaku" in html(again)
    # Linked again: refused. Linked elsewhere with a password already set: no new link, a message.
    assert "sudah terhubung" in html(
        staff_client.post(url, {"full_name": "Mbak Ani", "phone": "081311112222"})
    )
    second = OutletFactory()
    response = staff_client.post(
        reverse("consignment:partner_add", args=[second.pk]),
        {"full_name": "Mbak Ani", "phone": "081311112222"},
    )
    assert response.status_code == 302 and second.partners.filter(pk=user.pk).exists()
    # Next to each linked account: a button for a new set-password link.
    detail = html(staff_client.get(reverse("consignment:outlet_detail", args=[outlet.pk])))
    assert reverse("accounts:user_invite", args=[user.pk]) in detail and "tautan atur kata sandi" in detail
    assert staff_client.post(reverse("accounts:user_invite", args=[user.pk])).status_code == 200
    staff_client.post(reverse("consignment:partner_remove", args=[outlet.pk, user.pk]))
    assert not outlet.partners.exists()
    assert AuditEntry.objects.filter(action=Event.PARTNER_REMOVED, object_id=str(outlet.pk)).exists()


def test_an_agency_account_is_never_linked_as_partner(staff_client, staff_user, outlet):
    staff_user.phone = "+6281399990000"
    staff_user.save()
    url = reverse("consignment:partner_add", args=[outlet.pk])
    response = staff_client.post(url, {"full_name": "Rina", "phone": "0813 9999 0000"})
    assert response.status_code == 200 and "milik akun pegawai dinas" in html(response)
    assert 'value="Rina"' in html(response) and not outlet.partners.exists()


def test_agreement_needs_a_verified_business_and_defaults_commission(staff_client, outlet):
    unverified = BusinessFactory(verification="baru", name="Batik Belum")
    verified = BusinessFactory(name="Batik Sudah")
    url = reverse("consignment:agreement_create", args=[outlet.pk])
    response = staff_client.get(url, {"q": "Batik"})
    assert "Batik Sudah" in html(response) and "Batik Belum" not in html(response)
    response = staff_client.post(url, {"business": unverified.pk, "starts_on": days_ago(5)})
    assert Agreement.objects.count() == 0
    response = staff_client.post(url + f"?business={verified.pk}", {"business": verified.pk, "starts_on": days_ago(5),
                                                                   "commission_bp": "", "expiry_handling": "retur"})  # fmt: skip
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.commission_bp == outlet.commission_bp
    response = staff_client.post(
        url, {"business": verified.pk, "starts_on": days_ago(1), "expiry_handling": "retur"}
    )
    assert "bertumpuk" in html(response)


def test_agreement_product_must_belong_to_the_business(staff_client, item):
    stranger = ProductFactory()
    url = reverse("consignment:agreement_item_save", args=[item.agreement_id])
    response = staff_client.post(url, {"product": stranger.pk, "price": "10.000", "is_active": "on"})
    assert response.status_code == 200 and "is-invalid" in html(response)
    assert not AgreementProduct.objects.filter(product=stranger).exists()
    own = ProductFactory(business=item.agreement.business, name="Blangkon")
    response = staff_client.post(url, {"product": own.pk, "price": "Rp 85.000", "is_active": "on"})
    assert response.status_code == 302
    assert AgreementProduct.objects.get(product=own).price == 85_000


def test_staff_records_delivery_and_prints_numbered_note(staff_client, item):
    url = reverse("consignment:delivery_create", args=[item.agreement_id])
    data = {"delivered_on": days_ago(2).isoformat(), "sender_name": "Bu Sri Lestari", "receiver_name": "Pak Joko",
            f"qty_{item.pk}": "0"}  # fmt: skip
    response = staff_client.post(url, data)
    assert "lebih dari nol" in html(response) and 'value="Bu Sri Lestari"' in html(response)
    response = staff_client.post(url, {**data, f"qty_{item.pk}": ""})
    assert "sedikitnya satu produk" in html(response)
    response = staff_client.post(url, {**data, f"qty_{item.pk}": "12"})
    delivery = Delivery.objects.get()
    assert response["Location"] == reverse("consignment:delivery_detail", args=[delivery.pk])
    pdf = staff_client.get(reverse("consignment:delivery_pdf", args=[delivery.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    for expected in (
        delivery.number,
        "Bu Sri Lestari",
        "Pak Joko",
        "Yang menyerahkan",
        "Yang menerima",
        "Rp600.000",
    ):
        assert expected in text


# --- Outlet: sales, cancellation, returns -------------------------------------------------------------


def test_outlet_records_sales_on_the_phone_form(client, partner_user, stocked):
    outlet = stocked.agreement.outlet
    client.force_login(partner_user)
    url = reverse("consignment:sales_entry", args=[outlet.pk])
    field = f"qty_{stocked.product_id}"
    assert field in html(client.get(url))
    response = client.post(url, {"sold_on": days_ago(1).isoformat(), field: "11"})
    assert response.status_code == 200
    assert "hanya 10" in html(response) and 'value="11"' in html(response)
    response = client.post(url, {"sold_on": days_ago(1).isoformat(), field: "-1"})
    assert "lebih dari nol" in html(response)
    response = client.post(url, {"sold_on": days_ago(1).isoformat()})
    assert "sedikitnya satu produk" in html(response)
    response = client.post(url, {"sold_on": days_ago(1).isoformat(), field: "3"})
    assert response.status_code == 302
    sale = Sale.objects.get()
    assert (sale.quantity, sale.recorded_by, sale.gross) == (3, partner_user, 150_000)


def test_sale_before_delivery_is_refused_on_the_form(staff_client, stocked):
    outlet = stocked.agreement.outlet
    before = last_month()[0].replace(day=1) - __import__("datetime").timedelta(days=1)
    response = staff_client.post(
        reverse("consignment:sales_entry", args=[outlet.pk]),
        {"sold_on": before.isoformat(), f"qty_{stocked.product_id}": "1"},
    )
    assert "sebelum barang dititipkan" in html(response)


def test_cancel_sale_and_refuse_editing_a_settled_sale(client, partner_user, staff_user, stocked):
    outlet = stocked.agreement.outlet
    start, end = last_month()
    (sale,) = ledger.sale_record(
        actor=staff_user, outlet=outlet, product=stocked.product, quantity=2, sold_on=start
    )
    client.force_login(partner_user)
    url = reverse("consignment:sale_cancel", args=[outlet.pk, sale.pk])
    assert "Alasan wajib diisi." in html(client.post(url, {"reason": ""}))
    (settled,) = ledger.sale_record(
        actor=staff_user, outlet=outlet, product=stocked.product, quantity=1, sold_on=end
    )
    assert client.post(url, {"reason": "salah ketik"}).status_code == 302
    settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=start, period_end=end)
    response = client.post(
        reverse("consignment:sale_cancel", args=[outlet.pk, settled.pk]), {"reason": "ubah"}
    )
    assert response.status_code == 200 and "sudah masuk rekap pembayaran" in html(response)
    assert Sale.objects.get(pk=settled.pk).cancelled_at is None


def test_return_larger_than_stock_is_refused_on_the_form(client, partner_user, stocked):
    outlet = stocked.agreement.outlet
    batch = stocked.batches.get()
    client.force_login(partner_user)
    url = reverse("consignment:return_create", args=[outlet.pk, batch.pk])
    response = client.post(
        url, {"quantity": "11", "returned_on": days_ago(1).isoformat(), "reason_code": "rusak"}
    )
    assert "melebihi stok" in html(response) and 'value="11"' in html(response)
    response = client.post(
        url, {"quantity": "4", "returned_on": days_ago(1).isoformat(), "reason_code": "rusak"}
    )
    assert response.status_code == 302
    assert batch.balance.__class__.objects.get(pk=batch.pk).on_hand == 6


def test_staff_adjusts_stock_with_a_reason(staff_client, stocked):
    batch = stocked.batches.get()
    url = reverse("consignment:adjustment_create", args=[stocked.agreement.outlet_id, batch.pk])
    response = staff_client.post(
        url, {"quantity": "-11", "counted_on": days_ago(1).isoformat(), "reason": "opname"}
    )
    assert "minus" in html(response)
    response = staff_client.post(
        url, {"quantity": "-1", "counted_on": days_ago(1).isoformat(), "reason": "hilang"}
    )
    assert response.status_code == 302


# --- Settlement through the pages ---------------------------------------------------------------------


def test_staff_settles_pays_and_cannot_pay_twice(staff_client, staff_user, stocked):
    outlet = stocked.agreement.outlet
    start, end = last_month()
    ledger.sale_record(actor=staff_user, outlet=outlet, product=stocked.product, quantity=3, sold_on=start)
    url = reverse("consignment:settlement_create", args=[outlet.pk])
    assert start.isoformat() in html(staff_client.get(url))
    response = staff_client.post(url, {"period": start.isoformat()})
    made = Settlement.objects.get()
    assert response["Location"] == reverse("consignment:settlement_detail", args=[made.pk])
    response = staff_client.post(url, {"period": start.isoformat()})
    assert "sudah dibayarkan" in html(response)
    line = made.lines.get()
    pay = reverse("consignment:line_pay", args=[made.pk, line.pk])
    response = staff_client.post(pay, {"paid_on": days_ago(0).isoformat(), "reference": ""})
    assert response.status_code == 200 and "Referensi pembayaran wajib diisi." in html(response)
    assert (
        staff_client.post(pay, {"paid_on": days_ago(0).isoformat(), "reference": "BRI-778"}).status_code
        == 302
    )
    response = staff_client.post(pay, {"paid_on": days_ago(0).isoformat(), "reference": "BRI-779"})
    assert "sudah dicatat" in html(response)
    made.refresh_from_db()
    assert made.state == "lunas" and made.lines.get().payment_reference == "BRI-778"
    response = staff_client.post(
        reverse("consignment:settlement_void", args=[made.pk]), {"void-reason": "salah"}
    )
    assert "sudah dibayar" in html(response)
    summary = staff_client.get(reverse("consignment:summary_pdf", args=[made.pk]))
    assert "BRI-778" in pdf_text(summary.content)


def test_staff_voids_a_settlement_with_reason(staff_client, staff_user, stocked):
    outlet = stocked.agreement.outlet
    start, end = last_month()
    ledger.sale_record(actor=staff_user, outlet=outlet, product=stocked.product, quantity=3, sold_on=start)
    made = settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=start, period_end=end)
    url = reverse("consignment:settlement_void", args=[made.pk])
    assert "Alasan wajib diisi." in html(staff_client.post(url, {"void-reason": ""}))
    assert staff_client.post(url, {"void-reason": "Harga salah"}).status_code == 302
    assert Sale.objects.filter(settlement__isnull=True).count() == 1


# --- Reports ------------------------------------------------------------------------------------------


def test_report_page_and_xlsx_export(staff_client, staff_user, stocked):
    from python_calamine import CalamineWorkbook

    ledger.sale_record(actor=staff_user, outlet=stocked.agreement.outlet, product=stocked.product, quantity=3,
                       sold_on=days_ago(1))  # fmt: skip
    response = staff_client.get(reverse("consignment:report"))
    assert response.status_code == 200 and "<svg" in html(response) and "Rp150.000" in html(response)
    response = staff_client.get(
        reverse("consignment:report"), {"date_from": "2025-05-01", "date_to": "2025-01-01"}
    )
    assert "sebelum tanggal awal" in html(response)
    response = staff_client.get(reverse("consignment:report_export"))
    import io

    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names[:2] == ["Per bulan", "Per outlet"]
    rows = book.get_sheet_by_name("Per outlet").to_python()
    assert rows[1][0] == stocked.agreement.outlet.name and rows[1][1] == 150_000


def test_slow_moving_stock_shows_in_report(staff_user, item):
    from binaumkm.consignment import selectors

    deliver(staff_user, item, 4, on=days_ago(90))
    rows = selectors.report_slow_moving(actor=staff_user, filters={})
    assert len(rows) == 1 and rows[0]["age_days"] == 90 and rows[0]["last_sale_on"] is None


def test_owner_without_consignment_sees_empty_page(client, areas):
    user = make_user("pemilik_umkm", username="+6281200001111", phone="+6281200001111")
    OwnerFactory(user=user)
    client.force_login(user)
    response = client.get(reverse("consignment:owner_overview"))
    assert response.status_code == 200 and "Belum ada rekap pembayaran" in html(response)


def test_pages_speak_english_when_chosen(client, partner_user, stocked):
    from django.conf import settings

    client.force_login(partner_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html(client.get(reverse("consignment:outlet_stock", args=[stocked.agreement.outlet_id])))
    assert "Record sales" in page and "Stock at the outlet" in page and "Catat penjualan" not in page
