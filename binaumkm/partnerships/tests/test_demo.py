"""seed_demo's partnership step: modern stores across every kecamatan, mixed brands and types, some
compliant and some not, offers under way, letters, and a store-manager login with work to do."""

import pytest
from django.utils import timezone

from binaumkm.accounts import demo as accounts_demo
from binaumkm.accounts.models import User
from binaumkm.core import demo as core_demo
from binaumkm.core.demo import DemoContext
from binaumkm.core.models import Kecamatan
from binaumkm.partnerships import demo, selectors
from binaumkm.partnerships.models import Partnership, PartnershipStatus, Store, WarningLetter
from binaumkm.registry import demo as registry_demo


@pytest.mark.django_db
def test_demo_stores_some_comply_some_do_not():
    ctx = DemoContext(umkm=600, seed=2021)
    core_demo.seed(ctx)
    accounts_demo.seed(ctx)
    registry_demo.seed(ctx, turnover_months=0)
    demo.seed(ctx)
    demo.logins(ctx)
    stores = Store.objects.all()
    assert stores.count() >= 40
    assert set(stores.values_list("kelurahan__kecamatan", flat=True)) == set(
        Kecamatan.objects.values_list("pk", flat=True)
    )
    assert {"Indomaret", "Alfamart", "Superindo", "Matahari"} <= set(stores.values_list("brand", flat=True))
    assert len(set(stores.values_list("store_type", flat=True))) == 5
    overview = selectors.compliance_overview(actor=User.objects.get(username="staf"))
    assert overview.compliant >= 5 and overview.non_compliant >= 5
    assert overview.offers > 0 and WarningLetter.objects.exists()
    manager = User.objects.get(username=demo.MANAGER_USERNAME)
    store = selectors.store_managed(actor=manager).get()
    assert not selectors.store_compliance(actor=manager, store=store).compliant
    assert store.partnerships.filter(status=PartnershipStatus.ACCEPTED).exists()  # something to confirm
    assert ("Mitra toko modern", demo.MANAGER_USERNAME, "binaumkm-demo") in ctx.logins
    # Past partnerships start once their UMKM was verified (the registry's dated history), so the
    # compliance history counts them from their start.
    counting = Partnership.objects.filter(status__in=PartnershipStatus.counting_values())
    for start, verified_at in counting.values_list("start_date", "business__verified_at"):
        assert start >= timezone.localdate(verified_at)
