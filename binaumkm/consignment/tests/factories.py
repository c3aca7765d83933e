"""Factories and helpers for consignment tests."""

import datetime

import factory
from django.utils import timezone

from binaumkm.consignment.models import Agreement, AgreementProduct, Outlet
from binaumkm.consignment.services import ledger
from binaumkm.registry.tests.factories import BusinessFactory, ProductFactory, kelurahan


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def last_month() -> tuple[datetime.date, datetime.date]:
    first_this = timezone.localdate().replace(day=1)
    end = first_this - datetime.timedelta(days=1)
    return end.replace(day=1), end


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Hotel Uji {n}")
    kind = Outlet.Kind.HOTEL
    star_rating = 4
    address = "Jl. Slamet Riyadi No. 300"
    kelurahan = factory.LazyFunction(kelurahan)
    contact_name = "Bu Manajer"
    contact_email = factory.Sequence(lambda n: f"outlet{n}@example.com")
    commission_bp = 2000
    settlement_period = Outlet.Period.MONTHLY


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    outlet = factory.SubFactory(OutletFactory)
    business = factory.SubFactory(BusinessFactory)
    commission_bp = factory.SelfAttribute("outlet.commission_bp")
    starts_on = factory.LazyFunction(lambda: days_ago(400))


class AgreementProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementProduct

    agreement = factory.SubFactory(AgreementFactory)
    product = factory.LazyAttribute(
        lambda o: ProductFactory(business=o.agreement.business, category="kerajinan")
    )
    price = 50_000


def deliver(actor, item, quantity, *, on=None, expiry=None, more=()):
    """A delivery of one (or more) lines; returns the Delivery."""
    lines = [(item, quantity, expiry), *more]
    return ledger.delivery_create(
        actor=actor, agreement=item.agreement, delivered_on=on or days_ago(60), sender_name="Bu Sri",
        receiver_name="Pak Budi", lines=lines,
    )  # fmt: skip
