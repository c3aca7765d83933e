"""Factories and helpers for training tests."""

import datetime
import itertools

import factory
from django.utils import timezone

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory
from binaumkm.training.models import (
    Batch,
    BatchState,
    Programme,
    Registration,
    RegistrationStatus,
    SelectionMode,
    Session,
    Topic,
)

_phones = itertools.count(1)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Pemasaran Digital {n}")
    topic = Topic.DIGITAL_MARKETING
    partner = "Shopee"


class BatchFactory(factory.django.DjangoModelFactory):
    """An open fair-allocation batch whose registration window is open now."""

    class Meta:
        model = Batch

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    state = BatchState.OPEN
    selection_mode = SelectionMode.FAIR
    capacity = 10
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=8))
    verified_only = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    batch = factory.SubFactory(BatchFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = factory.LazyAttribute(lambda o: o.batch.start_date)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(12, 0)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    batch = factory.SubFactory(BatchFactory)
    business = factory.SubFactory(BusinessFactory)
    status = RegistrationStatus.PENDING
    kecamatan = factory.LazyAttribute(lambda o: o.business.kelurahan.kecamatan)


def owner_with_business(*, kelurahan: Kelurahan | None = None, email: str = "", **business_fields):
    """An owner account with one business: (user, business)."""
    n = next(_phones)
    phone = f"+62813{n:08d}"
    user = make_user("pemilik_umkm", username=phone, phone=phone)
    owner = OwnerFactory(user=user, email=email or f"pemilik{n}@example.com")
    if kelurahan is not None:
        business_fields["kelurahan"] = kelurahan
    return user, BusinessFactory(owner=owner, **business_fields)


def close_window(batch: Batch) -> Batch:
    """Move the registration window into the past (registration closed by time)."""
    now = timezone.now()
    Batch.objects.filter(pk=batch.pk).update(
        registration_opens_at=now - datetime.timedelta(days=3),
        registration_closes_at=now - datetime.timedelta(minutes=1),
    )
    batch.refresh_from_db()
    return batch
