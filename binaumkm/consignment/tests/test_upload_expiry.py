"""Sales upload (.xlsx, all or nothing, an error per row) and the daily expiry check."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from binaumkm.consignment.models import Agreement, ExpiryAlert, Sale
from binaumkm.consignment.services import expiry, ledger
from binaumkm.core.models import AuditEntry

from .factories import AgreementProductFactory, days_ago, deliver

pytestmark = pytest.mark.django_db


def xlsx(rows, headers=("tanggal", "kode_produk", "produk", "jumlah")) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("penjualan.xlsx", buffer.getvalue())


@pytest.fixture
def stocked(staff_user, item):
    deliver(staff_user, item, 10, on=days_ago(20))
    return item


def test_template_lists_the_outlet_products(client, partner_user, stocked):
    client.force_login(partner_user)
    response = client.get(reverse("consignment:upload_template", args=[stocked.agreement.outlet_id]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("tanggal", "kode_produk", "produk", "jumlah")
    assert rows[1][1] == stocked.product_id and rows[1][2] == stocked.product.name and rows[1][5] == 10


def test_upload_records_every_row(client, partner_user, stocked):
    client.force_login(partner_user)
    url = reverse("consignment:sales_upload", args=[stocked.agreement.outlet_id])
    upload = xlsx([(days_ago(3), stocked.product_id, "x", 2), (days_ago(2).strftime("%d/%m/%Y"), stocked.product_id, "", 3),
                   (None, stocked.product_id, "not sold", None)])  # fmt: skip
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert sorted(Sale.objects.values_list("quantity", flat=True)) == [2, 3]
    assert set(Sale.objects.values_list("source", flat=True)) == {"excel"}
    assert AuditEntry.objects.filter(action="consignment.sale.uploaded").exists()


def test_upload_is_all_or_nothing_with_an_error_per_row(client, partner_user, stocked):
    client.force_login(partner_user)
    url = reverse("consignment:sales_upload", args=[stocked.agreement.outlet_id])
    upload = xlsx([
        (days_ago(3), stocked.product_id, "ok", 4),
        (days_ago(3), stocked.product_id, "too many", 7),  # 4 + 7 > 10
        ("kemarin", stocked.product_id, "", 1),
        (days_ago(3), 999999, "", 1),
        (days_ago(3), stocked.product_id, "", 0),
        (days_ago(30), stocked.product_id, "", 1),  # before the delivery
        (days_ago(-2), stocked.product_id, "", 1),
    ])  # fmt: skip
    response = client.post(url, {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and not Sale.objects.exists()
    assert "Tidak ada yang dicatat" in page
    for row, text in ((3, "hanya 6"), (4, "Tanggal tidak dikenali"), (5, "Kode produk tidak ada"),
                      (6, "lebih dari nol"), (7, "sebelum barang dititipkan"), (8, "masa depan")):  # fmt: skip
        assert f"<td>{row}</td>" in page and text in page, (row, text)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.xlsx", b"not a zip"), "bukan .xlsx yang valid"),
        (SimpleUploadedFile("a.csv", b"a,b"), "berformat .xlsx"),
        (xlsx([(1, 2)], headers=("tanggal", "produk")), "Kolom wajib tidak ada"),
        (xlsx([]), "Tidak ada baris penjualan"),
    ],
)
def test_unusable_files_are_refused_clearly(client, partner_user, stocked, upload, message):
    client.force_login(partner_user)
    response = client.post(
        reverse("consignment:sales_upload", args=[stocked.agreement.outlet_id]), {"file": upload}
    )
    assert response.status_code == 200 and message in response.content.decode()


def food_item(outlet, staff_user, *, handling="retur"):
    item = AgreementProductFactory(agreement__outlet=outlet, price=25_000)
    item.product.category = "makanan"
    item.product.save()
    Agreement.objects.filter(pk=item.agreement_id).update(expiry_handling=handling, expiry_discount_bp=3000)
    return item


def test_expiry_check_flags_once_and_notifies_outlet_and_owner(staff_user, partner_user, outlet,
                                                               django_capture_on_commit_callbacks):  # fmt: skip
    partner_user.email = "mitra@example.com"
    partner_user.save()
    near = food_item(outlet, staff_user)
    near.agreement.business.owner.email = "pemilik@example.com"
    near.agreement.business.owner.save()
    far = food_item(outlet, staff_user, handling="diskon")
    deliver(staff_user, near, 5, on=days_ago(10), expiry=days_ago(-3))
    deliver(staff_user, far, 5, on=days_ago(10), expiry=days_ago(-30))
    with django_capture_on_commit_callbacks(execute=True):
        alerts = expiry.expiry_flag(days=7)
    assert [a.batch.product_id for a in alerts] == [near.product_id]
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([outlet.contact_email, "mitra@example.com", "pemilik@example.com"])
    assert all("retur" in m.body and near.product.name in m.body for m in mail.outbox)
    assert ExpiryAlert.objects.get().notified == 3
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert expiry.expiry_flag(days=7) == []  # flagged once
    assert mail.outbox == []


def test_expiry_command_and_discount_proposal(staff_user, outlet, django_capture_on_commit_callbacks):
    item = food_item(outlet, staff_user, handling="diskon")
    deliver(staff_user, item, 5, on=days_ago(10), expiry=days_ago(-20))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("flag_expiring_consignment", "--days", "7", stdout=io.StringIO())
    assert not ExpiryAlert.objects.exists()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("flag_expiring_consignment", "--days", "25", stdout=out)
    assert "1 batch" in out.getvalue()
    alert = ExpiryAlert.objects.get()
    assert alert.proposal == "diskon"
    assert "diskon 30 %" in mail.outbox[0].body


def test_expiry_task_runs_the_same_check(staff_user, outlet, django_capture_on_commit_callbacks):
    from binaumkm.consignment.tasks import flag_expiring_task

    item = food_item(outlet, staff_user)
    deliver(staff_user, item, 5, on=days_ago(10), expiry=days_ago(-2))
    with django_capture_on_commit_callbacks(execute=True):
        result = flag_expiring_task.enqueue(7)
    assert result.return_value == 1


def test_flagged_batch_shows_on_the_outlet_page_with_a_return_proposal(
    client, partner_user, staff_user, outlet
):
    item = food_item(outlet, staff_user)
    batch = deliver(staff_user, item, 5, on=days_ago(10), expiry=days_ago(-2)).batches.get()
    expiry.expiry_flag(days=7)
    client.force_login(partner_user)
    page = client.get(reverse("consignment:outlet_stock", args=[outlet.pk])).content.decode()
    assert "Mendekati kedaluwarsa" in page and "usulan: retur ke pemilik" in page
    assert reverse("consignment:return_create", args=[outlet.pk, batch.pk]) + "?alasan=kedaluwarsa" in page
    ledger.return_record(
        actor=partner_user, batch=batch, quantity=5, returned_on=days_ago(0), reason_code="kedaluwarsa"
    )
    page = client.get(reverse("consignment:outlet_stock", args=[outlet.pk])).content.decode()
    assert "Mendekati kedaluwarsa" not in page


def test_names_typed_by_users_are_written_inert_in_the_template_and_the_report(
    client, staff_user, partner_user, stocked
):
    stocked.product.name = '=HYPERLINK("http://contoh.invalid","klik")'
    stocked.product.save()
    client.force_login(partner_user)
    template = client.get(reverse("consignment:upload_template", args=[stocked.agreement.outlet_id]))
    cell = load_workbook(io.BytesIO(template.content)).active["C2"]
    assert cell.value == stocked.product.name and cell.data_type == "s"
    ledger.sale_record(
        actor=partner_user,
        outlet=stocked.agreement.outlet,
        product=stocked.product,
        quantity=1,
        sold_on=days_ago(1),
    )
    client.force_login(staff_user)
    report = client.get(reverse("consignment:report_export"))
    sheet = load_workbook(io.BytesIO(report.content))["Per produk"]
    assert sheet["A2"].value == stocked.product.name and sheet["A2"].data_type == "s"
