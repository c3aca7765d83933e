"""Factories for partnership models."""

import datetime

import factory

from binaumkm.partnerships.models import Partnership, PartnershipStatus, Store
from binaumkm.registry.tests.factories import BusinessFactory, kelurahan


class StoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Store

    name = factory.Sequence(lambda n: f"Indomaret Uji {n}")
    brand = "Indomaret"
    store_type = "minimarket"
    address = factory.Sequence(lambda n: f"Jl. Slamet Riyadi No. {n + 1}")
    kelurahan = factory.LazyFunction(kelurahan)
    opened_on = datetime.date(2019, 1, 1)


class PartnershipFactory(factory.django.DjangoModelFactory):
    """An active partnership with a verified UMKM, counting from its start date."""

    class Meta:
        model = Partnership

    store = factory.SubFactory(StoreFactory)
    business = factory.SubFactory(BusinessFactory)
    form = "konsinyasi"
    start_date = datetime.date(2020, 1, 1)
    status = PartnershipStatus.ACTIVE


def partners(store, n, *, start=datetime.date(2020, 1, 1), **kwargs):
    return [PartnershipFactory(store=store, start_date=start, **kwargs) for _ in range(n)]
