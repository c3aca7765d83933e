"""Every setup step records its audit event, and the exhibition page shows readable labels with the
actor's name, never a raw code. (The other events are asserted where their rule is tested.)"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.exhibitions import services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import Exhibition, State
from binaumkm.exhibitions.tests.factories import apply, exhibition_with_booths, owner_with_business

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def recorded() -> set[str]:
    return set(AuditEntry.objects.values_list("action", flat=True))


def test_setting_an_exhibition_up_records_each_step(areas, client):
    staff = make_user("staf_dinas", username="staf.ev", full_name="Rina Kurniawati")
    exhibition = services.exhibition_create(actor=staff, data={"name": "Solo Expo", "kind": "expo"})
    services.exhibition_update(actor=staff, exhibition=exhibition, data={"co_hosts": ["Bank Indonesia"]})
    start = datetime.date(2026, 8, 1)
    venue = services.venue_save(actor=staff, exhibition=exhibition, data={
        "name": "Pamedan Pura Mangkunegaran", "start_date": start, "end_date": start, "columns": 6, "rows": 3})  # fmt: skip
    category = services.category_save(actor=staff, exhibition=exhibition, data={
        "name": "Kuliner", "size": "2 × 2 m", "fee": 150_000, "electricity_watts": 900, "sectors": ["makanan"]})  # fmt: skip
    booth = services.booth_save(
        actor=staff, venue=venue, data={"category": category, "code": "k-1", "x": 0, "y": 0}
    )
    assert booth.code == "K-1"
    services.booth_set_blocked(actor=staff, booth=booth, blocked=True)
    services.booth_set_blocked(actor=staff, booth=booth, blocked=False)
    criterion = services.criterion_add(actor=staff, exhibition=exhibition, name="Kemasan", weight=2)
    services.criterion_delete(actor=staff, criterion=criterion)
    mentor = make_user("pendamping", username="mentor.ev", full_name="Bu Kurator")
    curator = services.curator_add(actor=staff, exhibition=exhibition, user=mentor)
    services.curator_remove(actor=staff, curator=curator)
    services.budget_line_save(actor=staff, exhibition=exhibition, data={
        "activity_code": "2.17.02.2.01", "account_code": "5.1.02.01.01.0024", "description": "Tenda", "planned": 1})  # fmt: skip
    assert {Event.EXHIBITION_CREATED, Event.EXHIBITION_UPDATED, Event.VENUE_SAVED, Event.CATEGORY_SAVED,
            Event.BOOTH_SAVED, Event.BOOTH_BLOCKED, Event.CRITERION_SAVED, Event.CRITERION_DELETED,
            Event.CURATOR_ADDED, Event.CURATOR_REMOVED, Event.BUDGET_LINE_SAVED} <= recorded()  # fmt: skip

    client.force_login(staff)
    html = client.get(reverse("exhibitions:exhibition_detail", args=[exhibition.pk])).content.decode()
    assert "Kurator ditambahkan oleh Rina Kurniawati" in html and "exhibitions.curator.added" not in html


def test_refusals_of_the_setup(areas, staff_user):
    exhibition = exhibition_with_booths(1, state=State.PLANNING)
    owner, _business = owner_with_business()
    with pytest.raises(ValidationError, match="tidak memegang izin kurator"):
        services.curator_add(actor=staff_user, exhibition=exhibition, user=owner)
    category = exhibition.booth_categories.get()
    with pytest.raises(ValidationError, match="sudah ada"):
        services.category_save(
            actor=staff_user, exhibition=exhibition, data={"name": category.name, "size": "1"}
        )
    with pytest.raises(ValidationError, match="Kode A-01 sudah dipakai"):
        services.booth_save(actor=staff_user, venue=exhibition.venues.get(),
                            data={"category": category, "code": "a-01", "x": 5, "y": 5})  # fmt: skip
    with pytest.raises(ValidationError, match="tidak boleh negatif"):
        services.category_save(
            actor=staff_user, exhibition=exhibition, data={"name": "X", "size": "1", "fee": -1}
        )


def test_deleting_a_planned_exhibition(areas, staff_user):
    exhibition = exhibition_with_booths(2, state=State.PLANNING)
    services.exhibition_delete(actor=staff_user, exhibition=exhibition)
    assert not Exhibition.objects.exists() and Event.EXHIBITION_DELETED in recorded()
    busy = exhibition_with_booths(1)
    apply(*owner_with_business(), busy)
    with pytest.raises(ValidationError, match="Hanya pameran dalam perencanaan"):
        services.exhibition_delete(actor=staff_user, exhibition=busy)


def test_photos_are_checked_and_logged(areas, staff_user):
    exhibition = exhibition_with_booths(1, state=State.RUNNING)
    with pytest.raises(ValidationError, match="Jenis berkas"):
        services.photo_add(
            actor=staff_user, exhibition=exhibition, upload=SimpleUploadedFile("a.png", b"not an image")
        )
    photo = services.photo_add(actor=staff_user, exhibition=exhibition, upload=SimpleUploadedFile("a.png", PNG),
                               caption="Pembukaan oleh Wali Kota")  # fmt: skip
    assert photo.image.name.endswith(".png") and photo.extension == "png"
    services.photo_delete(actor=staff_user, photo=photo)
    assert {Event.PHOTO_ADDED, Event.PHOTO_DELETED} <= recorded()


def test_a_review_and_the_curation_close_are_recorded(areas, staff_user):
    exhibition = exhibition_with_booths(1)
    curator = make_user("pendamping", username="kurator.ev")
    exhibition.curators.create(user=curator)
    application = apply(*owner_with_business(), exhibition)
    services.exhibition_close_call(actor=staff_user, exhibition=exhibition)
    scores = dict.fromkeys(exhibition.criteria.values_list("pk", flat=True), 3)
    services.review_save(actor=curator, application=application, scores=scores, comment="Cukup")
    services.review_save(actor=curator, application=application, scores={**scores, min(scores): 5})
    entries = AuditEntry.objects.filter(action=Event.REVIEW_SAVED).order_by("id")
    assert entries.count() == 2 and entries.last().changes == {str(min(scores)): [3, 5]}
    services.curation_close(actor=staff_user, exhibition=exhibition)
    assert AuditEntry.objects.get(action=Event.CURATION_CLOSED).data == {
        "passed": 1,
        "not_passed": 0,
        "threshold": 0,
    }
