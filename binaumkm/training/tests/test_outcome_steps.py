"""Training's step for the outcome and funnel views: "trained" = completed a batch."""

import datetime

import pytest
from django.apps import apps

from binaumkm.training.tests.factories import BatchFactory, RegistrationFactory


@pytest.mark.django_db
def test_trained_step_selects_businesses_that_completed_a_batch(areas):
    [step] = apps.get_app_config("training").outcome_steps()
    batch = BatchFactory()
    end = batch.end_date
    done = RegistrationFactory(batch=batch, completed=True)
    RegistrationFactory(batch=batch, completed=False)
    RegistrationFactory(batch=batch, completed=None)
    assert step.name == "trained"
    assert set(step.businesses(None).values_list("business_id", flat=True)) == {done.business_id}
    assert set(step.businesses(end).values_list("business_id", flat=True)) == {done.business_id}
    assert not step.businesses(end + datetime.timedelta(days=1)).exists()
