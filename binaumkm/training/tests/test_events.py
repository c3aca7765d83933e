"""Every training audit event is recorded by its service, and history pages show readable labels
with the actor's display name, never a raw code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.models import AuditEntry, Kelurahan
from binaumkm.core.testing import make_user
from binaumkm.training import services
from binaumkm.training.events import Event
from binaumkm.training.models import Registration, RegistrationStatus, SelectionMode
from binaumkm.training.tests.factories import (
    BatchFactory,
    ProgrammeFactory,
    close_window,
    owner_with_business,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def recorded() -> set[str]:
    return set(AuditEntry.objects.values_list("action", flat=True))


def test_each_service_records_its_event(areas):
    staff = make_user("staf_dinas", username="staf.ev", full_name="Rina Kurniawati")
    now, today = timezone.now(), timezone.localdate()
    programme = services.programme_create(actor=staff, data={"title": "Foto", "topic": "foto_produk"})
    services.programme_update(actor=staff, programme=programme, data={"partner": "Solo Technopark"})
    assert {Event.PROGRAMME_CREATED, Event.PROGRAMME_UPDATED} <= recorded()

    data = {
        "number": 1,
        "selection_mode": SelectionMode.FCFS,
        "capacity": 1,
        "registration_opens_at": now,
        "registration_closes_at": now + datetime.timedelta(days=3),
        "start_date": today + datetime.timedelta(days=5),
        "end_date": today + datetime.timedelta(days=5),
        "delivery": "tatap_muka",
        "venue_kelurahan": Kelurahan.objects.first(),
        "verified_only": True,
        "completion_percent": 50,
    }
    spare = services.batch_create(actor=staff, programme=programme, data=data)
    services.batch_delete(actor=staff, batch=spare)
    batch = services.batch_create(actor=staff, programme=programme, data=data)
    services.batch_update(actor=staff, batch=batch, data={"capacity": 2})
    session = services.session_add(
        actor=staff,
        batch=batch,
        data={"date": today, "start_time": datetime.time(9), "end_time": datetime.time(11), "title": ""},
    )
    extra = services.session_add(
        actor=staff,
        batch=batch,
        data={"date": today, "start_time": datetime.time(13), "end_time": datetime.time(15), "title": ""},
    )
    services.session_delete(actor=staff, session=extra)
    services.batch_open(actor=staff, batch=batch)
    assert {
        Event.BATCH_CREATED,
        Event.BATCH_DELETED,
        Event.BATCH_UPDATED,
        Event.SESSION_CREATED,
        Event.SESSION_DELETED,
        Event.BATCH_OPENED,
    } <= recorded()

    people = [owner_with_business() for _ in range(5)]
    a, b, c, d, e = (services.registration_create(actor=u, batch=batch, business=biz) for u, biz in people)
    assert (a.status, b.status, c.status) == (S.ACCEPTED, S.ACCEPTED, S.WAITLISTED)
    services.registration_set_priority(actor=staff, registration=e, priority=1, reason="rekomendasi lurah")
    services.registration_cancel(actor=people[0][0], registration=a)  # e is offered the seat
    services.offer_decline(actor=people[4][0], registration=e)  # c is offered it
    services.registration_cancel(actor=staff, registration=b, reason="sakit")  # d is offered that one
    services.offer_accept(actor=people[2][0], registration=c)
    Registration.objects.filter(pk=d.pk).update(offer_expires_at=now - datetime.timedelta(minutes=1))
    assert services.offers_expire() == 1
    assert {
        Event.REGISTRATION_CREATED,
        Event.PRIORITY_CHANGED,
        Event.REGISTRATION_CANCELLED,
        Event.OFFER_MADE,
        Event.OFFER_DECLINED,
        Event.OFFER_ACCEPTED,
        Event.OFFER_EXPIRED,
    } <= recorded()

    c.refresh_from_db()
    attendance = services.attendance_check_in(actor=staff, registration=c, session=session)
    services.attendance_undo(actor=staff, attendance=attendance)
    services.attendance_check_in(actor=staff, registration=c, session=session)
    services.batch_close_registration(actor=staff, batch=batch)
    services.batch_finish(actor=staff, batch=batch)
    services.coverage_export(actor=staff, year=today.year)
    assert {
        Event.CHECKED_IN,
        Event.CHECK_IN_REMOVED,
        Event.BATCH_CLOSED,
        Event.BATCH_FINISHED,
        Event.COMPLETION_APPLIED,
        Event.CERTIFICATE_ISSUED,
        Event.COVERAGE_EXPORTED,
    } <= recorded()

    fair = BatchFactory(programme=ProgrammeFactory(), capacity=1)
    user, business = owner_with_business()
    services.registration_create(actor=user, batch=fair, business=business)
    close_window(fair)
    services.allocation_publish(actor=staff, batch=fair, seed=3)
    doomed = ProgrammeFactory()
    services.programme_delete(actor=staff, programme=doomed)
    assert Event.PROGRAMME_DELETED in recorded()
    assert set(Event.values) == recorded() & set(Event.values)
    # Every entry carries the actor's display name, never a phone number.
    labels = set(AuditEntry.objects.exclude(actor=None).values_list("actor_label", flat=True))
    assert "Rina Kurniawati" in labels and not labels & {u.phone for u, _b in people}


def test_history_on_staff_pages_is_readable(client, areas):
    staff = make_user("staf_dinas", username="staf.hist", full_name="Rina Kurniawati")
    user, business = owner_with_business()
    batch = BatchFactory()
    registration = services.registration_create(actor=user, batch=batch, business=business)
    services.registration_set_priority(
        actor=staff, registration=registration, priority=2, reason="korban banjir"
    )
    client.force_login(staff)
    html = client.get(reverse("training:registration_detail", args=[registration.pk])).content.decode()
    assert "Prioritas pendaftar diubah oleh Rina Kurniawati" in html
    assert "Pendaftaran pelatihan dibuat oleh" in html
    assert "training.registration" not in html and user.username not in html
    services.batch_close_registration(actor=staff, batch=batch)
    html = client.get(reverse("training:batch_detail", args=[batch.pk])).content.decode()
    assert "Pendaftaran angkatan ditutup oleh Rina Kurniawati" in html and "training.batch" not in html


def test_coverage_export_is_recorded_by_the_service(client, areas):
    staff = make_user("staf_dinas", username="staf.cov")
    client.force_login(staff)
    response = client.get(reverse("training:coverage_export"), {"year": "2026", "topic": "foto_produk"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    entry = AuditEntry.objects.get(action=Event.COVERAGE_EXPORTED)
    assert entry.actor == staff and entry.data == {"year": 2026, "topic": "foto_produk"}
