"""Batch lifecycle, capacity, deletion, attendance, completion, certificates and coverage."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from binaumkm.core.models import AuditEntry, Kelurahan
from binaumkm.core.official import rentang_tanggal
from binaumkm.core.testing import pdf_text
from binaumkm.training import certificates, services
from binaumkm.training.coverage import coverage_report, gini
from binaumkm.training.models import (
    Batch,
    BatchState,
    Certificate,
    Programme,
    RegistrationStatus,
    SelectionMode,
)
from binaumkm.training.tests.factories import (
    BatchFactory,
    ProgrammeFactory,
    RegistrationFactory,
    SessionFactory,
    owner_with_business,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def batch_data(**overrides):
    now = timezone.now()
    today = timezone.localdate()
    data = {
        "number": 1, "selection_mode": SelectionMode.FAIR, "capacity": 20,
        "registration_opens_at": now, "registration_closes_at": now + datetime.timedelta(days=5),
        "start_date": today + datetime.timedelta(days=10), "end_date": today + datetime.timedelta(days=11),
        "delivery": "tatap_muka", "venue_kelurahan": Kelurahan.objects.first(), "venue_address": "Solo Technopark",
        "online_link": "", "questions": [], "sectors": ["C"], "size_classes": [], "statuses": [],
        "verified_only": True, "new_to_topic_only": False, "completion_percent": 80, "kecamatan": [],
    }  # fmt: skip
    return {**data, **overrides}


def test_programme_and_batch_lifecycle_is_audited(areas, staff_user):
    programme = services.programme_create(
        actor=staff_user, data={"title": "Foto Produk", "topic": "foto_produk", "partner": "Solo Technopark"}
    )
    batch = services.batch_create(actor=staff_user, programme=programme, data=batch_data())
    assert batch.state == BatchState.DRAFT and batch.sectors == ["C"]
    services.batch_open(actor=staff_user, batch=batch)
    services.batch_close_registration(actor=staff_user, batch=batch)
    batch.refresh_from_db()
    assert batch.state == BatchState.CLOSED and batch.closed_at
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"training.programme.created", "training.batch.created", "training.batch.opened",
            "training.batch.closed"} <= actions  # fmt: skip
    with pytest.raises(ValidationError, match="Angkatan 1 sudah ada"):
        services.batch_create(actor=staff_user, programme=programme, data=batch_data())


def test_capacity_below_confirmed_seats_is_refused_and_raise_offers(areas, staff_user):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=2)
    regs = []
    for _ in range(3):
        user, business = owner_with_business()
        regs.append(services.registration_create(actor=user, batch=batch, business=business))
    with pytest.raises(ValidationError) as info:
        services.batch_update(actor=staff_user, batch=batch, data={"capacity": 1})
    assert "tidak boleh kurang dari 2 kursi" in info.value.message_dict["capacity"][0]
    services.batch_update(actor=staff_user, batch=batch, data={"capacity": 3})
    regs[2].refresh_from_db()
    assert regs[2].status == S.OFFERED


def test_selection_mode_is_fixed_once_people_registered(areas, staff_user):
    batch = BatchFactory()
    user, business = owner_with_business()
    services.registration_create(actor=user, batch=batch, business=business)
    with pytest.raises(ValidationError, match="Cara seleksi tidak dapat diubah"):
        services.batch_update(actor=staff_user, batch=batch, data={"selection_mode": SelectionMode.FCFS})


def test_batch_with_registrations_cannot_be_deleted(areas, staff_user):
    batch = RegistrationFactory().batch
    with pytest.raises(ValidationError, match="sudah ada 1 pendaftar"):
        services.batch_delete(actor=staff_user, batch=batch)
    with pytest.raises(ValidationError, match="sudah ada 1 pendaftar"):
        services.programme_delete(actor=staff_user, programme=batch.programme)
    empty = BatchFactory()
    SessionFactory(batch=empty)
    services.batch_delete(actor=staff_user, batch=empty)
    assert not Batch.objects.filter(pk=empty.pk).exists()
    programme = ProgrammeFactory()
    BatchFactory(programme=programme)
    services.programme_delete(actor=staff_user, programme=programme)
    assert not Programme.objects.filter(pk=programme.pk).exists()


@pytest.fixture
def running(areas, staff_user):
    """A first-come batch with 5 sessions, 3 participants, registration closed."""
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=3, completion_percent=80)
    sessions = [SessionFactory(batch=batch, number=i) for i in range(1, 6)]
    people = []
    for _ in range(3):
        user, business = owner_with_business()
        people.append(services.registration_create(actor=user, batch=batch, business=business))
    services.batch_close_registration(actor=staff_user, batch=batch)
    return batch, sessions, people


def test_check_in_rules(running, staff_user):
    batch, sessions, (a, b, c) = running
    services.attendance_check_in(actor=staff_user, registration=a, session=sessions[0])
    with pytest.raises(ValidationError, match="sudah tercatat hadir di Sesi 1"):
        services.attendance_check_in(actor=staff_user, registration=a, session=sessions[0])
    services.registration_cancel(actor=staff_user, registration=c, reason="sakit")
    c.refresh_from_db()
    with pytest.raises(ValidationError, match="bukan peserta yang diterima"):
        services.attendance_check_in(actor=staff_user, registration=c, session=sessions[0])
    other_session = SessionFactory()
    with pytest.raises(ValidationError, match="bukan bagian dari angkatan"):
        services.attendance_check_in(actor=staff_user, registration=a, session=other_session)
    assert AuditEntry.objects.filter(action="training.attendance.checked_in").count() == 1


def test_finish_applies_completion_rule_and_issues_certificates(running, staff_user, client):
    batch, sessions, (a, b, c) = running
    for s in sessions[:4]:  # 4 of 5 = 80%: passes
        services.attendance_check_in(actor=staff_user, registration=a, session=s)
    for s in sessions[:3]:  # 60%: does not
        services.attendance_check_in(actor=staff_user, registration=b, session=s)
    mail.outbox.clear()
    services.batch_finish(actor=staff_user, batch=batch)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.completed, b.completed) == (True, False)
    cert = Certificate.objects.get()
    assert cert.registration == a and cert.holder_name == a.business.owner.full_name
    assert cert.number.endswith("/0001")
    assert [m.subject for m in mail.outbox] == [f"Sertifikat pelatihan Anda: {batch}"]
    batch.refresh_from_db()
    assert batch.state == BatchState.FINISHED
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.attendance_check_in(actor=staff_user, registration=b, session=sessions[4])


def test_certificate_pdf_and_public_verification(running, staff_user, client, monkeypatch):
    batch, sessions, (a, b, c) = running
    for s in sessions:
        services.attendance_check_in(actor=staff_user, registration=a, session=s)
    services.batch_finish(actor=staff_user, batch=batch)
    cert = Certificate.objects.get()
    encoded = []
    real = certificates.qr_data_uri
    monkeypatch.setattr(certificates, "qr_data_uri", lambda url, **kw: encoded.append(url) or real(url, **kw))
    pdf = certificates.certificate_pdf(cert)
    assert pdf.startswith(b"%PDF")
    # The QR holds the verification URL; anyone can open it, without logging in.
    (url,) = encoded
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    html = response.content.decode()
    assert response.status_code == 200
    assert cert.holder_name in html and batch.programme.title in html and "Angkatan" in html
    owner = a.business.owner
    assert owner.nik not in html and owner.phone not in html and a.business.address not in html
    assert owner.email not in html
    assert client.get(reverse("training:certificate_verify", args=["tidak-ada"])).status_code == 404


def test_certificate_is_signed_and_in_indonesian_with_english_selected(running, staff_user, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "SIGNER_NAME": "Dra. Sri Wahyuni, M.Si.",
                         "SIGNER_RANK": "Pembina Tk. I (IV/b)", "SIGNER_NIP": "19690512 199403 2 004"}  # fmt: skip
    batch, sessions, (a, _b, _c) = running
    for s in sessions:
        services.attendance_check_in(actor=staff_user, registration=a, session=s)
    services.batch_finish(actor=staff_user, batch=batch)
    cert = Certificate.objects.get()
    with translation.override("en"):
        text = " ".join(pdf_text(certificates.certificate_pdf(cert)).split())
    for expected in ("PEMERINTAH KOTA SURAKARTA", "SERTIFIKAT", "diberikan kepada", cert.holder_name,
                     rentang_tanggal(cert.start_date, cert.end_date), "Dra. Sri Wahyuni, M.Si.",
                     "Pembina Tk. I (IV/b)", "NIP. 19690512 199403 2 004", "Pindai untuk memeriksa keaslian"):  # fmt: skip
        assert expected in text, expected
    for english in ("CERTIFICATE", "awarded to", "Scan to"):
        assert english not in text, english


def test_no_certificates_without_a_signer(running, staff_user, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "SIGNER_NIP": ""}
    batch, sessions, (a, _b, _c) = running
    for s in sessions:
        services.attendance_check_in(actor=staff_user, registration=a, session=s)
    with pytest.raises(ValidationError, match="penanda tangan belum diatur"):
        services.batch_finish(actor=staff_user, batch=batch)
    assert not Certificate.objects.exists()


def test_gini():
    assert gini([]) == 0.0
    assert gini([1, 1, 1]) == 0.0
    assert gini([0, 0, 1]) == pytest.approx(2 / 3)
    assert gini([0, 0, 0]) == 0.0


def test_coverage_report_counts(areas, staff_user):
    kel_a, kel_b = Kelurahan.objects.order_by("code")[:2]
    done = owner_with_business(kelurahan=kel_a)[1]
    owner_with_business(kelurahan=kel_a)
    owner_with_business(kelurahan=kel_b)
    past = BatchFactory(state=BatchState.FINISHED)
    RegistrationFactory(batch=past, business=done, status=S.ACCEPTED, completed=True, tier=1)
    report = coverage_report()
    row_a = next(r for r in report.kelurahan if r.name == kel_a.name)
    assert (row_a.binaan, row_a.trained, row_a.seats, row_a.first_seats) == (2, 1, 1, 1)
    assert row_a.trained_share == 0.5
    assert report.total.binaan == 3 and report.total.first_share == 1.0
    assert 0 < report.gini <= 1
    assert coverage_report(year=1999).total.seats == 0
