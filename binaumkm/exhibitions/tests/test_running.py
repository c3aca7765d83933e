"""At the exhibition and after: start, check-in by the booth's QR code, daily sales from the phone,
who has not reported, close, the report (sales per booth, sector, kecamatan; return per rupiah;
first-timers; spread), its PDF in Bahasa Indonesia whatever the language, and its .xlsx."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from binaumkm.core.models import AuditEntry, Kelurahan
from binaumkm.core.testing import pdf_text
from binaumkm.exhibitions import documents, selectors, services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import Assignment, AssignmentState, Booth, CheckIn, Release, State, Status
from binaumkm.exhibitions.tests.factories import (
    apply,
    curator_for,
    exhibition_with_booths,
    owner_with_business,
    to_allocation,
)

pytestmark = pytest.mark.django_db
S = Status


@pytest.fixture
def running(areas, staff_user):
    """A two-day bazaar today and tomorrow, 3 booths, 3 exhibitors who accepted their offers."""
    exhibition = exhibition_with_booths(3, name="Bazar Ngarsopuro")
    today = timezone.localdate()
    exhibition.venues.update(start_date=today, end_date=today + datetime.timedelta(days=1))
    curator = curator_for(exhibition)
    kelurahan = [Kelurahan.objects.filter(kecamatan__name=k).first() for k in ("Laweyan", "Jebres", "Jebres")]
    people = [
        owner_with_business(kelurahan=k, category=c)
        for k, c in zip(kelurahan, ("batik", "makanan", "batik"), strict=True)
    ]
    for user, business in people:
        apply(user, business, exhibition)
    to_allocation(staff_user, exhibition, curator)
    services.allocation_publish(actor=staff_user, exhibition=exhibition, seed=5)
    owners = {b.pk: u for u, b in people}
    for assignment in Assignment.objects.filter(state=AssignmentState.HELD).select_related("application"):
        services.offer_accept(actor=owners[assignment.application.business_id], assignment=assignment)
    exhibition.refresh_from_db()
    services.exhibition_start(actor=staff_user, exhibition=exhibition)
    exhibition.refresh_from_db()
    return exhibition, people


def _assignment(business):
    return Assignment.objects.select_related("booth").get(
        application__business=business, state=AssignmentState.ASSIGNED
    )


def test_start_waits_for_the_first_day(areas, staff_user):
    exhibition = exhibition_with_booths(1, state=State.CONFIRMED)
    with pytest.raises(ValidationError, match="baru dimulai pada"):
        services.exhibition_start(actor=staff_user, exhibition=exhibition)


def test_check_in_by_scanning_the_booth_qr(running, client):
    exhibition, people = running
    (ana, ana_business), (budi, _b), _c = people
    booth = _assignment(ana_business).booth
    url = reverse("exhibitions:booth_check_in", args=[booth.token])
    client.force_login(budi)
    assert client.get(url).status_code == 404  # another exhibitor's booth
    assert client.post(url).status_code == 404
    client.force_login(ana)
    assert "Saya sudah di booth" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Hadir tercatat di booth" in response.content.decode()
    assert CheckIn.objects.get().method == "qr"
    assert ana_business.exhibition_applications.get().status == S.CHECKED_IN
    with pytest.raises(ValidationError, match="Sudah tercatat hadir hari ini"):
        services.check_in_at_booth(actor=ana, booth=booth)
    with pytest.raises(PermissionDenied):  # the policy: only the exhibitor the booth is assigned to
        services.check_in_at_booth(actor=budi, booth=booth)
    assert AuditEntry.objects.filter(action=Event.CHECKED_IN).count() == 1


def test_staff_scanning_a_free_booth_are_told_it_has_no_exhibitor(areas, staff_client):
    exhibition = exhibition_with_booths(1, state=State.RUNNING)
    booth = Booth.objects.get(venue__exhibition=exhibition)
    url = reverse("exhibitions:booth_check_in", args=[booth.token])
    response = staff_client.post(url, follow=True)
    assert response.status_code == 200  # not a 403: staff may check exhibitors in, this booth has none
    assert "Booth ini belum ditetapkan untuk peserta." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_daily_sales_from_the_phone(running):
    exhibition, people = running
    ana, ana_business = people[0]
    assignment = _assignment(ana_business)
    today = timezone.localdate()
    data = {"gross": 1_500_000, "transactions": 30, "cash": 500_000, "qris": 1_000_000, "leads": 4}
    with pytest.raises(ValidationError, match="pindai QR"):
        services.sales_report_save(actor=ana, assignment=assignment, date=today, data=data)
    services.check_in_at_booth(actor=ana, booth=assignment.booth)
    with pytest.raises(ValidationError, match="Tunai \\+ QRIS"):
        services.sales_report_save(actor=ana, assignment=assignment, date=today, data={**data, "cash": 1})
    with pytest.raises(ValidationError, match="jumlah transaksinya"):
        services.sales_report_save(
            actor=ana, assignment=assignment, date=today, data={**data, "transactions": 0}
        )
    with pytest.raises(ValidationError):  # tomorrow has not come yet
        services.sales_report_save(
            actor=ana, assignment=assignment, date=today + datetime.timedelta(days=1), data=data
        )
    photo = SimpleUploadedFile("nota.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, content_type="image/jpeg")
    report = services.sales_report_save(
        actor=ana, assignment=assignment, date=today, data=data, receipt=photo
    )
    assert report.gross == 1_500_000 and report.receipt_type == "jpg"
    corrected = services.sales_report_save(
        actor=ana, assignment=assignment, date=today, data={**data, "gross": 1_600_000, "qris": 1_100_000}
    )
    assert corrected.pk == report.pk and corrected.gross == 1_600_000
    entries = AuditEntry.objects.filter(action=Event.SALES_REPORTED).order_by("id")
    assert entries.last().changes["gross"] == [1_500_000, 1_600_000]
    with pytest.raises(ValidationError, match="Jenis berkas"):
        services.sales_report_save(actor=ana, assignment=assignment, date=today, data=data,
                                   receipt=SimpleUploadedFile("x.gif", b"GIF89a", content_type="image/gif"))  # fmt: skip


def test_staff_see_who_has_not_reported(running, staff_user):
    exhibition, people = running
    (ana, ana_business), (budi, budi_business), _c = people
    today = timezone.localdate()
    for user, business in ((ana, ana_business), (budi, budi_business)):
        services.check_in_at_booth(actor=user, booth=_assignment(business).booth)
    services.sales_report_save(actor=ana, assignment=_assignment(ana_business), date=today,
                               data={"gross": 100_000, "transactions": 2, "cash": 100_000, "qris": 0, "leads": 0})  # fmt: skip
    rows = selectors.event_status(actor=staff_user, exhibition=exhibition, day=today)
    assert len(rows) == 3
    assert {r["assignment"].application.business_id for r in rows if not r["reported"]} == {
        budi_business.pk,
        people[2][1].pk,
    }
    assert [r["assignment"].application.business_id for r in rows if not r["here"]] == [people[2][1].pk]


def test_close_marks_no_shows_and_the_report_adds_up(running, staff_user, admin_user):
    exhibition, people = running
    (ana, ana_business), (budi, budi_business), (citra, citra_business) = people
    today = timezone.localdate()
    sales = {ana_business: (2_000_000, 40, 800_000), budi_business: (1_000_000, 25, 1_000_000)}
    for user, business in ((ana, ana_business), (budi, budi_business)):
        assignment = _assignment(business)
        services.check_in_at_booth(actor=user, booth=assignment.booth)
        gross, tx, qris = sales[business]
        services.sales_report_save(actor=user, assignment=assignment, date=today,
                                   data={"gross": gross, "transactions": tx, "cash": gross - qris, "qris": qris, "leads": 3})  # fmt: skip
    line = services.budget_line_save(actor=staff_user, exhibition=exhibition, data={
        "activity_code": "2.17.02.2.01", "account_code": "5.1.02.01.01.0024", "description": "Tenda", "planned": 1_000_000})  # fmt: skip
    services.realisation_add(actor=staff_user, line=line, amount=600_000, date=today)
    services.exhibition_close(actor=staff_user, exhibition=exhibition)
    exhibition.refresh_from_db()
    assert exhibition.state == State.CLOSED
    citra_assignment = Assignment.objects.get(application__business=citra_business)
    assert citra_assignment.release_reason == Release.NO_SHOW
    assert citra_business.exhibition_applications.get().status == S.NO_SHOW

    outcome = selectors.outcome(actor=staff_user, exhibition=exhibition)
    assert outcome.totals.gross == 3_000_000 and outcome.totals.transactions == 65
    assert outcome.return_per_rupiah == 5.0  # Rp3.000.000 of sales for Rp600.000 spent
    assert outcome.participants == 3 and outcome.first_timers == 3 and outcome.first_timer_share == 100.0
    assert {k: t.gross for k, t in outcome.by_sector} == {"Batik dan kain": 2_000_000, "Makanan": 1_000_000}
    assert {k: t.gross for k, t in outcome.by_kecamatan} == {"Laweyan": 2_000_000, "Jebres": 1_000_000}
    assert outcome.kecamatan_count == 2 and outcome.kecamatan_total == 5
    assert [p.business for p, _t in outcome.by_booth][0] == ana_business.name

    # The report cannot be final while a realisation has no receipt.
    with pytest.raises(ValidationError, match="belum dilampiri bukti"):
        services.exhibition_report(actor=staff_user, exhibition=exhibition)

    # The PDF is in Bahasa Indonesia even for a reader using English.
    with translation.override("en"):
        pdf = documents.accountability_pdf(actor=staff_user, exhibition=exhibition)
    text = pdf_text(pdf)
    assert "LAPORAN PERTANGGUNGJAWABAN" in text and "Realisasi anggaran" in text
    assert "Rp3.000.000" in text and ana_business.name in text and "Laweyan" in text
    assert "5.1.02.01.01.0024" in text

    book = load_workbook(io.BytesIO(documents.report_xlsx(actor=staff_user, exhibition=exhibition)))
    assert book.sheetnames == ["Anggaran", "Peserta", "Penjualan harian", "Ringkasan"]
    rows = list(book["Peserta"].iter_rows(values_only=True))
    assert rows[1][2] == ana_business.name and rows[1][8] == 2_000_000
    summary = {r[0]: r[1] for r in book["Ringkasan"].iter_rows(values_only=True)}
    assert summary["Penjualan per rupiah anggaran"] == 5.0


def test_report_downloads_are_logged(running, client, staff_user):
    exhibition, _people = running
    client.force_login(staff_user)
    response = client.get(reverse("exhibitions:report_pdf", args=[exhibition.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client.get(reverse("exhibitions:report_xlsx", args=[exhibition.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEntry.objects.filter(action=Event.REPORT_EXPORTED).count() == 2


def test_a_spreadsheet_never_runs_a_business_name(running, staff_user):
    exhibition, people = running
    _ana, business = people[0]
    business.name = '=HYPERLINK("http://x")'
    business.save()
    book = load_workbook(io.BytesIO(documents.report_xlsx(actor=staff_user, exhibition=exhibition)))
    cells = [c for row in book["Peserta"].iter_rows() for c in row if c.value == business.name]
    assert cells and all(c.data_type == "s" for c in cells)
