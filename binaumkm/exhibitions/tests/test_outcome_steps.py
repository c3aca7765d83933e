"""Exhibitions' step for the outcome and funnel views: checked in at an exhibition."""

import datetime

import pytest
from django.apps import apps

from binaumkm.exhibitions.models import Application, Status
from binaumkm.exhibitions.tests.factories import ExhibitionFactory
from binaumkm.registry.tests.factories import BusinessFactory


@pytest.mark.django_db
def test_exhibited_step_selects_businesses_checked_in(areas):
    [step] = apps.get_app_config("exhibitions").outcome_steps()
    exhibition = ExhibitionFactory()
    when = datetime.datetime(2025, 8, 1, 3, tzinfo=datetime.UTC)
    came = Application.objects.create(exhibition=exhibition, business=BusinessFactory(), sector="kerajinan",
                                      status=Status.CHECKED_IN, submitted_at=when)  # fmt: skip
    for status in (Status.NO_SHOW, Status.ACCEPTED, Status.NOT_PASSED):
        Application.objects.create(
            exhibition=exhibition, business=BusinessFactory(), sector="kerajinan", status=status
        )
    assert step.name == "exhibited"
    assert set(step.businesses(None).values_list("business_id", flat=True)) == {came.business_id}
    assert not step.businesses(datetime.date(2025, 9, 1)).exists()
