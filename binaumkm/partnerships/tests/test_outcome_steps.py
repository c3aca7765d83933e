"""Partnerships' step for the outcome and funnel views: a store partnership that ran."""

import datetime

import pytest
from django.apps import apps

from binaumkm.partnerships.models import PartnershipStatus
from binaumkm.partnerships.tests.factories import PartnershipFactory


@pytest.mark.django_db
def test_store_partnership_step_selects_partnerships_that_ran(areas):
    [step] = apps.get_app_config("partnerships").outcome_steps()
    active = PartnershipFactory(start_date=datetime.date(2024, 3, 1))
    ended = PartnershipFactory(status=PartnershipStatus.ENDED, start_date=datetime.date(2022, 1, 1),
                               end_date=datetime.date(2023, 1, 1))  # fmt: skip
    PartnershipFactory(status=PartnershipStatus.PROPOSED)
    PartnershipFactory(status=PartnershipStatus.DECLINED)
    assert step.name == "store_partnership"
    assert set(step.businesses(None).values_list("business_id", flat=True)) == {
        active.business_id,
        ended.business_id,
    }
    assert set(step.businesses(datetime.date(2024, 1, 1)).values_list("business_id", flat=True)) == {
        active.business_id
    }
