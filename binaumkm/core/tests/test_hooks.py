"""The AppConfig hooks modules contribute through (``core.hooks``): each answers for many businesses
in a few queries."""

import datetime

import pytest
from django.apps import apps

from binaumkm.core.hooks import collect
from binaumkm.core.testing import count_queries
from binaumkm.registry.models import Business
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.training.models import RegistrationStatus
from binaumkm.training.tests.factories import BatchFactory, ProgrammeFactory, RegistrationFactory


def finished_batch(end: datetime.date, title: str):
    return BatchFactory(
        start_date=end - datetime.timedelta(days=2), end_date=end, programme=ProgrammeFactory(title=title)
    )


def training_facts(ids):
    return dict(collect("business_facts", ids))["training"]


def training_hook(ids):
    """Training's own hook alone: other modules answer with their own queries."""
    return apps.get_app_config("training").business_facts(ids)


@pytest.mark.django_db
def test_training_tells_which_businesses_completed_training_and_when(areas):
    done, failed, never = BusinessFactory.create_batch(3)
    old = finished_batch(datetime.date(2025, 3, 1), "Foto Produk")
    new = finished_batch(datetime.date(2026, 2, 1), "Pembukuan")
    RegistrationFactory(batch=new, business=done, status=RegistrationStatus.ACCEPTED, completed=True)
    RegistrationFactory(batch=old, business=done, status=RegistrationStatus.ACCEPTED, completed=True)
    RegistrationFactory(batch=old, business=failed, status=RegistrationStatus.ACCEPTED, completed=False)

    facts = training_facts([done.pk, failed.pk, never.pk])

    # The factory's programmes are digital-marketing ones with a partner: the latest such batch is
    # also the business's digital training (digital presence reads it).
    latest_digital = {
        "end_date": datetime.date(2026, 2, 1),
        "partner": "Shopee",
        "batch": f"Pembukuan — Angkatan {new.number}",
    }
    assert facts == {
        done.pk: {"completed_training": datetime.date(2026, 2, 1), "completed_training_title": "Pembukuan",
                  "digital_training": latest_digital}
    }  # fmt: skip


@pytest.mark.django_db
def test_training_facts_take_a_query_per_5000_ids_or_one_for_a_queryset(areas):
    from binaumkm.training import selectors

    few = count_queries(lambda: training_hook(range(1, 11)))
    many = count_queries(lambda: training_hook(range(1, 12_001)))
    assert few == 1
    assert many == -(-12_000 // selectors.FACTS_CHUNK)  # one query per chunk of ids, never per business
    BusinessFactory.create_batch(3)
    assert count_queries(lambda: training_hook(Business.objects.values_list("pk", flat=True))) == 1
