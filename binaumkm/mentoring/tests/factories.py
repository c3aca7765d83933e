"""Factories for mentoring's tests: mentors with an account, programmes, engagements, sessions."""

import datetime

import factory
from django.utils import timezone

from binaumkm.accounts.roles import Role
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import BusinessFactory

from ..confirmation import new_nonce
from ..models import Engagement, EngagementState, Mentor, Programme, Session


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor
        skip_postgeneration_save = True

    user = factory.Sequence(
        lambda n: make_user(Role.MENTOR, username=f"pendamping{n}", full_name=f"Pendamping {n}")
    )
    expertise = factory.LazyFunction(lambda: ["pembukuan", "pemasaran_digital", "perizinan"])
    sectors = factory.LazyFunction(lambda: ["C", "I"])
    capacity = 10

    @factory.post_generation
    def kecamatan(self, create, extracted, **kwargs):
        if not create:
            return
        self.kecamatan.set(extracted if extracted is not None else Kecamatan.objects.all())


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Pendampingan Usaha {n}")


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    business = factory.SubFactory(BusinessFactory)
    mentor = factory.SubFactory(MentorFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    state = EngagementState.ACTIVE
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    baseline = factory.LazyFunction(dict)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    engagement = factory.SubFactory(EngagementFactory)
    mentor = factory.LazyAttribute(lambda s: s.engagement.mentor)
    held_on = factory.LazyFunction(timezone.localdate)
    mode = "kunjungan"
    minutes = 60
    summary = "Membahas pencatatan penjualan harian."
    private_notes = ""
    confirm_nonce = factory.LazyFunction(new_nonce)


def kelurahan(name: str) -> Kelurahan:
    return Kelurahan.objects.get(name=name)
