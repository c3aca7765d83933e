"""Factories for registry models. Valid NIKs and NIBs are generated from a sequence."""

import factory

from binaumkm.core.models import Kelurahan
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business, Owner, Product, TurnoverReport


def nik_for(n: int, *, female: bool = False) -> str:
    """A structurally valid NIK: Surakarta, Laweyan, born 1985-03-(01..28), serial n."""
    day = (n % 28) + 1 + (40 if female else 0)
    return f"337201{day:02d}0385{(n % 9999) + 1:04d}"


def kelurahan():
    found = Kelurahan.objects.order_by("code").first()
    if found is None:
        from binaumkm.core.models import Kecamatan

        kec, _ = Kecamatan.objects.get_or_create(code="33.72.01", defaults={"name": "Laweyan"})
        found, _ = Kelurahan.objects.get_or_create(
            code="33.72.01.1001", defaults={"name": "Pajang", "kecamatan": kec, "postal_code": "57146"}
        )
    return found


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Owner

    full_name = factory.Sequence(lambda n: f"Pemilik Uji {n}")
    nik = factory.Sequence(lambda n: nik_for(n + 1))
    phone = factory.Sequence(lambda n: f"+62812{n:08d}")
    gender = "P"


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business

    owner = factory.SubFactory(OwnerFactory)
    name = factory.Sequence(lambda n: f"Usaha Uji {n}")
    address = "Jl. Slamet Riyadi No. 1"
    kelurahan = factory.LazyFunction(kelurahan)
    kbli_section = "C"
    annual_sales = 120_000_000
    size_class = "mikro"
    status = BusinessStatus.ACTIVE
    verification = Verification.VERIFIED


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    business = factory.SubFactory(BusinessFactory)
    name = factory.Sequence(lambda n: f"Produk {n}")
    category = "makanan"
    price = 25_000
    unit = "pak"


class TurnoverReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TurnoverReport

    business = factory.SubFactory(BusinessFactory)
    period = factory.Sequence(lambda n: __import__("datetime").date(2021, n % 12 + 1, 1))
    turnover = 10_000_000
