"""Factories and helpers for exhibition tests."""

import datetime
import itertools

import factory
from django.utils import timezone

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import make_user
from binaumkm.exhibitions import services
from binaumkm.exhibitions.models import (
    Application,
    Booth,
    BoothCategory,
    CurationCriterion,
    Exhibition,
    State,
    Status,
    Venue,
)
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

_phones = itertools.count(1)


class ExhibitionFactory(factory.django.DjangoModelFactory):
    """An exhibition whose open call is open now."""

    class Meta:
        model = Exhibition

    name = factory.Sequence(lambda n: f"Bazar UMKM {n}")
    state = State.OPEN_CALL
    call_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    call_closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    rotation_months = 12


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    exhibition = factory.SubFactory(ExhibitionFactory)
    name = factory.Sequence(lambda n: f"Balai Kota {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    columns = 10
    rows = 6


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothCategory

    exhibition = factory.SubFactory(ExhibitionFactory)
    name = factory.Sequence(lambda n: f"Standar {n}")
    size = "3 × 3 m"
    fee = 0


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    venue = factory.SubFactory(VenueFactory)
    category = factory.LazyAttribute(lambda o: CategoryFactory(exhibition=o.venue.exhibition))
    code = factory.Sequence(lambda n: f"A-{n + 1:02d}")
    x = factory.Sequence(lambda n: n % 10)
    y = factory.Sequence(lambda n: (n // 10) % 6)


def exhibition_with_booths(n_booths: int = 4, *, venues: int = 1, **fields) -> Exhibition:
    """An exhibition with ``venues`` venues of ``n_booths`` booths each, one category, default criteria."""
    exhibition = ExhibitionFactory(**fields)
    category = CategoryFactory(exhibition=exhibition)
    for criterion in (("Kapasitas produksi", 3), ("Pengelolaan limbah", 2), ("Pengetahuan produk", 2)):
        CurationCriterion.objects.create(exhibition=exhibition, name=criterion[0], weight=criterion[1])
    for v in range(venues):
        venue = VenueFactory(exhibition=exhibition, name=f"Tempat {v + 1}")
        for i in range(n_booths):
            Booth.objects.create(
                venue=venue, category=category, code=f"{'ABCDEFGH'[v]}-{i + 1:02d}", x=i % 10, y=i // 10
            )
    return exhibition


def owner_with_business(*, kelurahan: Kelurahan | None = None, email: str = "", category: str = "kerajinan",
                        **business_fields):  # fmt: skip
    """An owner account with one business and one product of ``category``: (user, business)."""
    n = next(_phones)
    phone = f"+62817{n:08d}"
    user = make_user("pemilik_umkm", username=phone, phone=phone)
    owner = OwnerFactory(
        user=user, email=email or f"pameran{n}@example.com", full_name=f"Pemilik Pameran {n}"
    )
    if kelurahan is not None:
        business_fields["kelurahan"] = kelurahan
    business = BusinessFactory(owner=owner, **business_fields)
    ProductFactory(business=business, category=category, name=f"Produk {n}",
                   pirt_number="123456789012345" if category in ("makanan", "minuman") else "")  # fmt: skip
    return user, business


def apply(user, business, exhibition: Exhibition, **extra) -> Application:
    return services.application_submit(
        actor=user, exhibition=exhibition, business=business, products=list(business.products.all()), **extra
    )


def score_all(curator, exhibition: Exhibition, score: int = 4) -> None:
    """The curator scores every eligible application of the exhibition with ``score`` on each criterion."""
    criteria = list(exhibition.criteria.values_list("pk", flat=True))
    for application in exhibition.applications.filter(status=Status.ELIGIBLE):
        services.review_save(actor=curator, application=application, scores=dict.fromkeys(criteria, score))


def to_allocation(staff, exhibition: Exhibition, curator, score: int = 4) -> Exhibition:
    """Close the call, score everyone, close the curation: the exhibition awaits its allocation."""
    services.exhibition_close_call(actor=staff, exhibition=exhibition)
    exhibition.refresh_from_db()
    score_all(curator, exhibition, score)
    services.curation_close(actor=staff, exhibition=exhibition)
    exhibition.refresh_from_db()
    return exhibition


def curator_for(exhibition: Exhibition, *, username: str = "kurator1"):
    user = make_user("pendamping", username=username, full_name="Kurator Uji")
    exhibition.curators.create(user=user)
    return user
