"""Consignment's step for the outcome and funnel views: goods placed at an outlet."""

import datetime

import pytest
from django.apps import apps

from binaumkm.consignment.models import Delivery
from binaumkm.consignment.tests.factories import AgreementFactory


@pytest.mark.django_db
def test_consignment_step_selects_businesses_that_delivered_goods(areas):
    [step] = apps.get_app_config("consignment").outcome_steps()
    delivered, idle = AgreementFactory(), AgreementFactory()  # an agreement alone is not help yet
    Delivery.objects.create(outlet=delivered.outlet, business=delivered.business, agreement=delivered,
                            delivered_on=datetime.date(2025, 5, 2), sender_name="A", receiver_name="B")  # fmt: skip
    assert step.name == "consignment"
    assert set(step.businesses(None).values_list("business_id", flat=True)) == {delivered.business_id}
    assert idle.business_id not in set(step.businesses(None).values_list("business_id", flat=True))
    assert not step.businesses(datetime.date(2025, 6, 1)).exists()
