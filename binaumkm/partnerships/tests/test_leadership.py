"""Partnerships' line on the leadership dashboard counts every open store, judging first any store
whose kept compliance state is missing (a change drops it)."""

import pytest

from binaumkm.partnerships.leadership import leadership_line
from binaumkm.partnerships.models import ComplianceState
from binaumkm.partnerships.tests.factories import StoreFactory, partners

pytestmark = pytest.mark.django_db


def test_stores_without_a_kept_state_are_judged_and_counted(staff_user):
    partners(StoreFactory(), 5)
    StoreFactory()  # no partner: not compliant
    ComplianceState.objects.all().delete()  # as after a change, before any dashboard read
    line = leadership_line(actor=staff_user)
    assert line.value == "1 dari 2 toko patuh"
    assert ComplianceState.objects.count() == 2
