"""Access declarations of training's URLs, and the training part of the shared world: the "owner"'s
business holds an open offer in a published batch and a certificate from a finished one, so the
other owner meets a 404 on each."""

import datetime

from binaumkm.core.tests.site_access import OK, OWNER_OBJECT, PUBLIC, STAFF, Url, rule


def build(world):
    from django.utils import timezone

    from binaumkm.registry.tests.factories import BusinessFactory
    from binaumkm.training.models import (
        Attendance,
        BatchState,
        Certificate,
        RegistrationStatus,
        SelectionMode,
    )
    from binaumkm.training.tests.factories import (
        BatchFactory,
        ProgrammeFactory,
        RegistrationFactory,
        SessionFactory,
    )

    now, today = timezone.now(), timezone.localdate()
    world.programme = ProgrammeFactory(title="Foto Produk")
    world.open_batch = BatchFactory(programme=world.programme, number=1)
    world.batch = BatchFactory(
        programme=world.programme,
        number=2,
        state=BatchState.ALLOCATED,
        selection_mode=SelectionMode.FAIR,
        registration_opens_at=now - datetime.timedelta(days=5),
        registration_closes_at=now - datetime.timedelta(days=2),
        capacity=2,
    )
    world.session = SessionFactory(batch=world.batch, number=1)
    # Registration closed, awaiting the fair allocation.
    world.closed_batch = BatchFactory(
        programme=world.programme,
        number=4,
        state=BatchState.CLOSED,
        registration_opens_at=now - datetime.timedelta(days=5),
        registration_closes_at=now - datetime.timedelta(days=1),
    )
    RegistrationFactory(batch=world.closed_batch, business=BusinessFactory())
    world.registration = RegistrationFactory(
        batch=world.batch,
        business=world.business,
        status=RegistrationStatus.OFFERED,
        offered_at=now,
        offer_expires_at=now + datetime.timedelta(hours=24),
    )
    world.participant = RegistrationFactory(
        batch=world.batch, business=BusinessFactory(), status=RegistrationStatus.ACCEPTED
    )
    world.attendance = Attendance.objects.create(registration=world.participant, session=world.session)
    finished = BatchFactory(
        programme=world.programme,
        number=3,
        state=BatchState.FINISHED,
        registration_opens_at=now - datetime.timedelta(days=60),
        registration_closes_at=now - datetime.timedelta(days=50),
        start_date=today - datetime.timedelta(days=40),
        end_date=today - datetime.timedelta(days=39),
    )
    world.graduate = RegistrationFactory(
        batch=finished, business=world.business, status=RegistrationStatus.ACCEPTED, completed=True
    )
    world.certificate = Certificate.objects.create(
        registration=world.graduate,
        number="2026/PLT-0001/0001",
        holder_name="Sri",
        business_name=world.business.name,
        programme_title=world.programme.title,
        batch_label="Angkatan 3",
        start_date=finished.start_date,
        end_date=finished.end_date,
    )


def registration(world):
    return {"pk": world.registration.pk}


def batch(world):
    return {"pk": world.batch.pk}


def closed_batch(world):
    return {"pk": world.closed_batch.pk}


def programme(world):
    return {"pk": world.programme.pk}


# /pelatihan/: staff are sent to the back office; everyone else sees the open batches.
INDEX = rule(default=OK, anonymous=OK, staff=302, admin=302)
# The public batch page: owners register from it; a visitor's POST is sent to the login page and
# others' POSTs only show the page again (nothing written).
BATCH_PUBLIC_POST = rule(default=OK)

URLS = {
    "training:index": Url(INDEX),
    "training:batch_public": Url(
        PUBLIC,
        kwargs=lambda w: {"pk": w.open_batch.pk},
        methods=("GET", "POST"),
        data=lambda w: {"business": w.business.pk},
        post_access=BATCH_PUBLIC_POST,
    ),
    "training:my_registration": Url(OWNER_OBJECT, kwargs=registration),
    "training:my_registration_cancel": Url(OWNER_OBJECT, kwargs=registration, methods=("POST",)),
    "training:offer_accept": Url(OWNER_OBJECT, kwargs=registration, methods=("POST",)),
    "training:offer_decline": Url(OWNER_OBJECT, kwargs=registration, methods=("POST",)),
    "training:my_certificate": Url(OWNER_OBJECT, kwargs=lambda w: {"pk": w.graduate.pk}),
    "training:certificate_verify": Url(PUBLIC, kwargs=lambda w: {"code": w.certificate.code}),
    "training:certificate_check": Url(PUBLIC),
    # Back office
    "training:programme_list": Url(STAFF, query="?q=foto&topic=foto_produk&page=2"),
    "training:programme_create": Url(STAFF, methods=("GET", "POST")),
    "training:programme_detail": Url(STAFF, kwargs=programme),
    "training:programme_edit": Url(STAFF, kwargs=programme, methods=("GET", "POST")),
    "training:programme_delete": Url(STAFF, kwargs=programme, methods=("POST",)),
    "training:batch_create": Url(
        STAFF, kwargs=lambda w: {"programme_pk": w.programme.pk}, methods=("GET", "POST")
    ),
    "training:batch_detail": Url(STAFF, kwargs=batch, query="?status=diterima&q=usaha"),
    "training:batch_edit": Url(STAFF, kwargs=batch, methods=("GET", "POST")),
    "training:batch_delete": Url(STAFF, kwargs=batch, methods=("POST",)),
    "training:batch_open": Url(STAFF, kwargs=lambda w: {"pk": w.open_batch.pk}, methods=("POST",)),
    "training:batch_close": Url(STAFF, kwargs=lambda w: {"pk": w.open_batch.pk}, methods=("POST",)),
    "training:batch_finish": Url(STAFF, kwargs=batch, methods=("POST",)),
    "training:session_add": Url(
        STAFF,
        kwargs=batch,
        methods=("POST",),
        data=lambda w: {"date": w.batch.start_date.isoformat(), "start_time": "13:00", "end_time": "15:00"},
    ),
    "training:session_delete": Url(STAFF, kwargs=lambda w: {"pk": w.session.pk}, methods=("POST",)),
    "training:allocation_preview": Url(STAFF, kwargs=closed_batch, query="?seed=7"),
    "training:allocation_publish": Url(
        STAFF, kwargs=closed_batch, methods=("POST",), data=lambda w: {"seed": "7"}
    ),
    "training:registration_detail": Url(STAFF, kwargs=registration),
    "training:registration_priority": Url(
        STAFF,
        kwargs=registration,
        methods=("POST",),
        data=lambda w: {"priority": "1", "reason": "rekomendasi"},
    ),
    "training:registration_cancel": Url(STAFF, kwargs=registration, methods=("POST",)),
    "training:registration_certificate": Url(STAFF, kwargs=lambda w: {"pk": w.graduate.pk}),
    "training:session_checkin": Url(STAFF, kwargs=lambda w: {"pk": w.session.pk}, query="?q=usaha"),
    "training:check_in": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.session.pk, "registration_pk": w.participant.pk},
        methods=("POST",),
    ),
    "training:attendance_undo": Url(STAFF, kwargs=lambda w: {"pk": w.attendance.pk}, methods=("POST",)),
    "training:participant_scan": Url(STAFF, kwargs=lambda w: {"code": w.participant.code}),
    "training:coverage": Url(STAFF, query="?year=2026&topic=foto_produk"),
    "training:coverage_export": Url(STAFF, query="?year=2026"),
}
