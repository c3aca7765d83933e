"""The registry's step for the outcome and funnel views: "online" = a digital presence that reached
its first sale or active selling (an account alone does not count)."""

import datetime

import pytest
from django.apps import apps

from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import Stage
from binaumkm.registry.tests.factories import BusinessFactory


@pytest.mark.django_db
def test_online_step_selects_presences_that_sold(areas):
    [step] = apps.get_app_config("registry").outcome_steps()
    sold, active, account = BusinessFactory(), BusinessFactory(), BusinessFactory()
    Presence.objects.create(business=sold, platform="shopee", stage=Stage.FIRST_SALE,
                            first_sale_on=datetime.date(2025, 3, 1))  # fmt: skip
    Presence.objects.create(business=active, platform="tokopedia", stage=Stage.ACTIVE,
                            active_on=datetime.date(2024, 1, 1))  # fmt: skip
    Presence.objects.create(business=account, platform="shopee", stage=Stage.ACCOUNT,
                            account_on=datetime.date(2025, 1, 1))  # fmt: skip
    assert step.name == "online"
    assert set(step.businesses(None).values_list("business_id", flat=True)) == {sold.pk, active.pk}
    assert set(step.businesses(datetime.date(2025, 1, 1)).values_list("business_id", flat=True)) == {sold.pk}
