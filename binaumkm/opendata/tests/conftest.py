"""A small city for the open-data tests: one kecamatan with enough UMKM in every module to publish,
another with only a few (small cells), and personal data and formula-looking text the open files
must never carry or must carry inert."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from binaumkm.consignment.services import ledger
from binaumkm.consignment.tests.factories import AgreementProductFactory, OutletFactory, days_ago, deliver
from binaumkm.core.models import Kelurahan
from binaumkm.financing.models import Referral, ReferralState
from binaumkm.financing.tests.factories import BranchFactory, SchemeFactory
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import Stage
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory
from binaumkm.reporting.services import snapshots_refresh
from binaumkm.training.models import RegistrationStatus
from binaumkm.training.tests.factories import BatchFactory, RegistrationFactory

# Personal data the world carries; no open file may contain any of it.
SECRETS = {
    "nik": "3372015503850042",
    "phone": "+6281298765432",
    "owner": "Sri Rahayuningsih Wibowo",
    "business": "Batik Rahasia Kauman",
}


def _businesses(kelurahan, n, *, first_secret=False):
    found = []
    for i in range(n):
        if first_secret and i == 0:
            owner = OwnerFactory(full_name=SECRETS["owner"], nik=SECRETS["nik"], phone=SECRETS["phone"])
            found.append(BusinessFactory(owner=owner, name=SECRETS["business"], kelurahan=kelurahan))
        else:
            found.append(BusinessFactory(kelurahan=kelurahan, name=f'=HYPERLINK("http://x","Usaha {i}")'))
    return found


def _module_records(businesses, *, online, trained, completed, partners, sellers, referred, staff):
    for business in businesses[:online]:
        Presence.objects.create(business=business, platform="shopee", stage=Stage.ACTIVE,
                                active_on=timezone.localdate())  # fmt: skip
    batch = BatchFactory(start_date=datetime.date(2025, 3, 1), end_date=datetime.date(2025, 3, 2))
    for i, business in enumerate(businesses[:trained]):
        RegistrationFactory(
            batch=batch, business=business, status=RegistrationStatus.ACCEPTED, completed=i < completed
        )
    store = StoreFactory(kelurahan=businesses[0].kelurahan)
    for business in businesses[:partners]:
        PartnershipFactory(store=store, business=business)
    outlet = OutletFactory(kelurahan=businesses[0].kelurahan)
    for business in businesses[:sellers]:
        item = AgreementProductFactory(agreement__outlet=outlet, agreement__business=business)
        deliver(staff, item, 10)
        ledger.sale_record(actor=staff, outlet=outlet, product=item.product, quantity=2, sold_on=days_ago(30))
    branch = BranchFactory()
    scheme = SchemeFactory(provider=branch.provider)
    sent = timezone.now() - datetime.timedelta(days=40)
    for i, business in enumerate(businesses[:referred]):
        Referral.objects.create(
            business=business, scheme=scheme, branch=branch, amount=30_000_000, purpose="modal",
            state=ReferralState.DISBURSED if i % 2 == 0 else ReferralState.SENT, state_changed_at=sent,
            sent_at=sent, disbursed_amount=25_000_000 if i % 2 == 0 else None,
            disbursed_on=sent.date() if i % 2 == 0 else None,
        )  # fmt: skip


@pytest.fixture
def city(areas, staff_user):
    """Kecamatan ``big`` (8 UMKM, every module above the threshold except where a test says) and
    ``small`` (3 UMKM: every figure about them must be suppressed)."""
    kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("code"))
    big_kel = kelurahan[0]
    small_kel = next(k for k in kelurahan if k.kecamatan_id != big_kel.kecamatan_id)
    big = _businesses(big_kel, 10, first_secret=True)
    small = _businesses(small_kel, 3)
    _module_records(
        big, online=5, trained=7, completed=3, partners=6, sellers=6, referred=10, staff=staff_user
    )
    _module_records(
        small, online=2, trained=2, completed=1, partners=2, sellers=2, referred=2, staff=staff_user
    )
    # Reporting's recovery dataset reads the monthly snapshots: months up to one that holds these UMKM.
    snapshots_refresh(today=timezone.localdate() + datetime.timedelta(days=62))
    return SimpleNamespace(
        big=big, small=small, big_kecamatan=big_kel.kecamatan, small_kecamatan=small_kel.kecamatan
    )
