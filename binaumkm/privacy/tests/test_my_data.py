"""'Data saya': everything held about the owner, gathered from every module's selectors, their own NIK
in full (the display logged), downloadable as .xlsx and JSON; correction and deletion requests."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from binaumkm.core.models import AuditEntry
from binaumkm.core.templatetags.ui import rupiah
from binaumkm.privacy.models import DataRequest
from binaumkm.training.tests.factories import RegistrationFactory

from .conftest import NIK, PHONE, settle_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, owner, staff_user):
    settle_for(owner, staff_user)
    RegistrationFactory(
        business=owner.businesses.first(), batch__programme__title="Foto Produk untuk Toko Daring"
    )
    client.force_login(owner.user)
    return client


def test_page_shows_every_module_and_the_own_nik_in_full(logged_in, owner):
    page = logged_in.get(reverse("privacy:my_data")).content.decode()
    for expected in (NIK, PHONE, "sri@example.com", "Batik Sri", "Foto Produk untuk Toko Daring",
                     "Rekap pembayaran titip jual", "STL-", rupiah(120_000), "Penjualan titip jual", "Kemitraan toko modern",
                     "Rujukan pembiayaan", "wajib disimpan"):  # fmt: skip
        assert expected in page, expected
    reveals = AuditEntry.objects.filter(action="registry.owner.nik_revealed", object_id=str(owner.pk))
    assert sorted(reveals.values_list("data__field", flat=True)) == ["nik", "phone"]


def test_xlsx_download_has_a_sheet_per_table_and_is_logged(logged_in, owner):
    owner.businesses.update(name='=HYPERLINK("http://x","klik")')
    response = logged_in.get(reverse("privacy:my_data_xlsx"))
    assert response["Content-Disposition"].endswith('data-saya.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert {"Identitas", "Usaha", "Rekap pembayaran titip jual", "Pendaftaran pelatihan"} <= set(
        book.sheetnames
    )
    identity = [[c.value for c in row] for row in book["Identitas"].iter_rows()]
    assert identity[1][:3] == ["Sri Rahayu", NIK, PHONE]
    business = book["Usaha"].cell(row=2, column=2)
    assert business.data_type == "s" and business.quotePrefix  # hostile text stays inert
    assert AuditEntry.objects.filter(action="privacy.data.downloaded", data__format="xlsx").exists()


def test_json_download_names_each_table_and_column(logged_in):
    response = logged_in.get(reverse("privacy:my_data_json"))
    data = json.loads(response.content)
    assert data["registry.owner"]["baris"][0]["NIK"] == NIK
    line = data["consignment.settlements"]["baris"][0]
    assert line["Hak UMKM (Rp)"] == 120_000 and line["Dibayar"]
    assert "wajib disimpan" in data["consignment.settlements"]["alasan_disimpan"]
    assert AuditEntry.objects.filter(action="privacy.data.downloaded", data__format="json").exists()


def test_correction_form_keeps_input_on_error_and_files_the_request(logged_in, owner):
    url = reverse("privacy:correction")
    response = logged_in.post(url, {"fields_to_fix": ["full_name"], "message": ""})
    assert response.status_code == 200 and "wajib diisi" in response.content.decode()
    response = logged_in.post(url, {"fields_to_fix": ["full_name", "phone"], "message": "Sri Rahayu Ningsih"})
    assert response.status_code == 302
    request = DataRequest.objects.get(owner=owner)
    assert (request.kind, request.fields, request.message) == (
        "koreksi",
        ["full_name", "phone"],
        "Sri Rahayu Ningsih",
    )


def test_deletion_needs_the_box_ticked(logged_in, owner):
    url = reverse("privacy:deletion")
    assert logged_in.post(url, {"message": "tutup"}).status_code == 200
    assert not DataRequest.objects.exists()
    assert logged_in.post(url, {"message": "tutup", "understood": "on"}).status_code == 302
    assert DataRequest.objects.get(owner=owner).kind == "hapus"


def test_bad_field_names_are_a_form_error_not_a_500(logged_in):
    response = logged_in.post(reverse("privacy:correction"), {"fields_to_fix": ["password"], "message": "x"})
    assert response.status_code == 200 and not DataRequest.objects.exists()


def test_mentoring_and_exhibitions_contribute_without_private_notes(areas):
    from binaumkm.core.hooks import personal_data
    from binaumkm.exhibitions.tests.factories import ExhibitionFactory, apply, owner_with_business
    from binaumkm.mentoring.tests.factories import EngagementFactory, SessionFactory

    user, business = owner_with_business()
    apply(user, business, ExhibitionFactory(name="Solo Batik Fair"))
    SessionFactory(engagement=EngagementFactory(business=business), summary="Belajar mencatat kas",
                   private_notes="CATATAN-RAHASIA")  # fmt: skip
    tables = {t.key: t for t in personal_data(business.owner)}
    assert tables["exhibitions.applications"].rows[0][1] == "Solo Batik Fair"
    assert tables["mentoring.sessions"].rows[0][2] == "Belajar mencatat kas"
    assert "CATATAN-RAHASIA" not in repr([t.rows for t in tables.values()])
    assert len(tables["mentoring.engagements"].rows) == 1
