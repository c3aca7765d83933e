from importlib import import_module

import pytest
from django.apps import apps

from binaumkm.consignment.services import ledger, settlement
from binaumkm.consignment.tests.factories import AgreementProductFactory, deliver, last_month
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

PHONE = "+6281299990001"
NIK = "3372014503850007"


@pytest.fixture
def owner(areas):
    """An owner with an account, one business and a settled (paid) consignment settlement."""
    user = make_user(
        "pemilik_umkm", username=PHONE, phone=PHONE, email="sri@example.com", full_name="Sri Rahayu"
    )
    owner = OwnerFactory(user=user, full_name="Sri Rahayu", nik=NIK, phone=PHONE, email="sri@example.com")
    BusinessFactory(owner=owner, name="Batik Sri", whatsapp=PHONE)
    return owner


def settle_for(owner, staff_user, *, paid: bool = True):
    """Three units sold last month through an outlet, settled, and (when ``paid``) paid."""
    item = AgreementProductFactory(agreement__business=owner.businesses.first())
    start, end = last_month()
    deliver(staff_user, item, 10, on=start)
    ledger.sale_record(
        actor=staff_user, outlet=item.agreement.outlet, product=item.product, quantity=3, sold_on=start
    )
    s = settlement.settlement_create(
        actor=staff_user, outlet=item.agreement.outlet, period_start=start, period_end=end
    )
    if paid:
        settlement.settlement_line_pay(actor=staff_user, line=s.lines.get(), paid_on=end, reference="TRF-1")
    return s


def ensure_first_notice():
    """The notice version 1 the data migration creates (a transactional test may have flushed it)."""
    import_module("binaumkm.privacy.migrations.0002_first_notice").first_notice(apps, None)


@pytest.fixture(autouse=True)
def _first_notice(db):
    ensure_first_notice()
