"""Warning letters: refused for compliant stores, numbered uniquely and sequentially per year, safe
under concurrency, rendered as a PDF in formal Bahasa Indonesia on the agency letterhead."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import pdf_text
from binaumkm.partnerships import conf
from binaumkm.partnerships.events import Event
from binaumkm.partnerships.models import LetterCounter, WarningLetter
from binaumkm.partnerships.services import letters
from binaumkm.partnerships.tests.factories import StoreFactory, partners

D = datetime.date


@pytest.mark.django_db
def test_refused_for_a_compliant_store(staff_user, areas):
    store = StoreFactory()
    partners(store, 5)
    with pytest.raises(ValidationError, match="sudah patuh"):
        letters.letter_create(actor=staff_user, store=store)
    assert not WarningLetter.objects.exists() and not LetterCounter.objects.exists()


@pytest.mark.django_db
def test_refused_for_a_closed_store(staff_user, areas):
    store = StoreFactory(status="tutup", closed_on=D(2024, 1, 1))
    with pytest.raises(ValidationError, match="sudah tutup"):
        letters.letter_create(actor=staff_user, store=store)


@pytest.mark.django_db
def test_owner_cannot_issue_letters(owner_user, areas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        letters.letter_create(actor=owner_user, store=StoreFactory())


@pytest.mark.django_db
def test_numbers_are_sequential_per_year_and_unique(staff_user, areas):
    stores = [StoreFactory() for _ in range(3)]
    partners(stores[0], 2)
    issued = [letters.letter_create(actor=staff_user, store=s, today=D(2026, 3, 2)) for s in stores]
    issued.append(letters.letter_create(actor=staff_user, store=stores[0], today=D(2026, 12, 30)))
    next_year = letters.letter_create(actor=staff_user, store=stores[1], today=D(2027, 1, 4))
    assert [x.number for x in issued] == [
        "500.2/001/DKUKMP/2026", "500.2/002/DKUKMP/2026", "500.2/003/DKUKMP/2026", "500.2/004/DKUKMP/2026",
    ]  # fmt: skip
    assert next_year.number == "500.2/001/DKUKMP/2027"
    first = issued[0]
    assert (first.required, first.active_partners, first.shortfall, first.ordinal) == (5, 2, 3, 1)
    assert issued[3].ordinal == 2  # the store's second warning
    assert first.deadline == D(2026, 3, 2) + datetime.timedelta(days=conf.LETTER_DEADLINE_DAYS)
    assert AuditEntry.objects.filter(action=Event.LETTER_CREATED, object_id=str(stores[0].pk)).count() == 2


@pytest.mark.django_db
def test_pattern_is_configurable(staff_user, areas, settings):
    pattern = "SP-{seq:04d}/{month_roman}/{year}"
    settings.BINAUMKM = {**settings.BINAUMKM, "PARTNERSHIPS": {"LETTER_NUMBER_PATTERN": pattern}}
    letter = letters.letter_create(actor=staff_user, store=StoreFactory(), today=D(2026, 6, 5))
    assert letter.number == "SP-0001/VI/2026"


@pytest.mark.django_db
def test_database_refuses_a_duplicate_number(staff_user, areas):
    letter = letters.letter_create(actor=staff_user, store=StoreFactory(), today=D(2026, 3, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        WarningLetter.objects.create(
            store=letter.store, number="lain", year=2026, seq=letter.seq, issued_on=letter.issued_on,
            deadline=letter.deadline, required=5, active_partners=0, store_name="x", store_address="x",
        )  # fmt: skip


@pytest.mark.django_db
def test_deadline_must_follow_the_letter_date(staff_user, areas):
    with pytest.raises(ValidationError, match="Batas waktu"):
        letters.letter_create(
            actor=staff_user, store=StoreFactory(), deadline=D(2026, 3, 1), today=D(2026, 3, 2)
        )


@pytest.mark.django_db
def test_follow_up_status(staff_user, areas):
    letter = letters.letter_create(actor=staff_user, store=StoreFactory())
    letter = letters.letter_set_status(
        actor=staff_user, letter=letter, status="dijawab", note="Toko menjawab"
    )
    assert letter.answered_at and letter.follow_up_note == "Toko menjawab"
    letter = letters.letter_set_status(actor=staff_user, letter=letter, status="selesai")
    assert letter.resolved_at
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        letters.letter_set_status(actor=staff_user, letter=letter, status="dijawab")
    assert {Event.LETTER_ANSWERED, Event.LETTER_RESOLVED} <= set(
        AuditEntry.objects.filter(object_id=str(letter.pk)).values_list("action", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_store_and_managers_are_emailed(staff_user, areas, store_user):
    store = StoreFactory(email="toko@example.com")
    store.managers.add(store_user)
    letter = letters.letter_create(actor=staff_user, store=store)
    assert sorted(m.to[0] for m in mail.outbox) == ["manajer1@example.com", "toko@example.com"]
    assert letter.number in mail.outbox[0].subject


@pytest.mark.django_db
def test_pdf_is_a_formal_letter(staff_user, areas, tmp_path):
    store = StoreFactory(name="Alfamart Slamet Riyadi 45")
    partners(store, 3)
    letter = letters.letter_create(actor=staff_user, store=store, today=D(2026, 6, 5))
    pdf = letters.letter_pdf(letter)
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    for expected in ("500.2/001/DKUKMP/2026", "Alfamart Slamet Riyadi 45", "Surat Peringatan Pertama",
                     "5 (lima)", "2 (dua)", "5 Juni 2026", "5 Juli 2026", "Peraturan Daerah Kota Surakarta Nomor 5",
                     "Dinas Koperasi UKM dan Perindustrian Kota Surakarta", "Dengan hormat"):  # fmt: skip
        assert expected in text, expected


@pytest.mark.django_db
def test_letter_follows_tata_naskah_dinas_in_indonesian_with_english_selected(staff_user, areas, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "SIGNER_NAME": "Dra. Sri Wahyuni, M.Si.",
                         "SIGNER_RANK": "Pembina Tk. I (IV/b)", "SIGNER_NIP": "19690512 199403 2 004"}  # fmt: skip
    store = StoreFactory(name="Indomaret Kerten")
    letter = letters.letter_create(actor=staff_user, store=store, today=D(2026, 6, 5))
    with translation.override("en"):
        text = " ".join(pdf_text(letters.letter_pdf(letter)).split())
    for expected in ("PEMERINTAH KOTA SURAKARTA", "dinkopukm.surakarta.go.id", "Nomor :", "Sifat :", "Lampiran :",
                     "Hal :", "Yth. Pimpinan/Pengelola", "Dengan hormat", "5 Juni 2026",
                     "Kepala Dinas Koperasi UKM dan Perindustrian Kota Surakarta,", "Dra. Sri Wahyuni, M.Si.",
                     "Pembina Tk. I (IV/b)", "NIP. 19690512 199403 2 004", "Tembusan"):  # fmt: skip
        assert expected in text, expected
    for english in ("Warning", "Subject", "June", "Dear", "Head of"):
        assert english not in text, english
    assert "Perihal" not in text and "……" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["SIGNER_NAME", "SIGNER_NIP"])
def test_no_letter_without_a_signer_name_and_nip(staff_user, areas, settings, missing):
    settings.BINAUMKM = {**settings.BINAUMKM, missing: ""}
    with pytest.raises(ValidationError, match="penanda tangan belum diatur"):
        letters.letter_create(actor=staff_user, store=StoreFactory())
    assert not WarningLetter.objects.exists() and not LetterCounter.objects.exists() and not mail.outbox


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_letters_get_distinct_sequential_numbers(staff_user, areas):
    """Twelve staff issue letters at the same moment, on PostgreSQL with real row locks."""
    stores = [StoreFactory() for _ in range(12)]
    barrier = threading.Barrier(len(stores))
    numbers, errors = [], []

    def issue(store):
        try:
            barrier.wait()
            numbers.append(letters.letter_create(actor=staff_user, store=store, today=D(2026, 4, 1)).seq)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == list(range(1, 13))
    assert LetterCounter.objects.get(year=2026).last_seq == 12
