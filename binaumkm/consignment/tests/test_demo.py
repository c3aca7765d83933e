"""seed_demo adds hotels and souvenir centres in Solo with agreements, months of trade and settlements."""

import pytest

from binaumkm.accounts import demo as accounts_demo
from binaumkm.consignment import demo, selectors
from binaumkm.consignment.models import Agreement, ExpiryAlert, Outlet, Sale, Settlement, StockEntry
from binaumkm.core import demo as core_demo
from binaumkm.core.demo import DemoContext
from binaumkm.registry import demo as registry_demo

pytestmark = pytest.mark.django_db


def test_demo_seeds_outlets_agreements_trade_and_settlements():
    ctx = DemoContext(umkm=500)
    for module in (core_demo, accounts_demo, registry_demo, demo):
        module.seed(ctx)
    outlets = Outlet.objects.all()
    kinds = set(outlets.values_list("kind", flat=True))
    assert {"hotel", "oleh_oleh"} <= kinds
    assert outlets.filter(kind="hotel", address__contains="Slamet Riyadi", star_rating__gte=3).exists()
    agreements = Agreement.objects.select_related("business")
    assert agreements.count() >= 4
    assert all(
        a.business.verification == "terverifikasi" and a.business.status == "aktif" for a in agreements
    )
    kinds_of_entries = set(StockEntry.objects.values_list("kind", flat=True))
    assert {"titip", "jual", "retur"} <= kinds_of_entries
    months = {d.month for d in Sale.objects.values_list("sold_on", flat=True)}
    assert len(months) >= 3
    assert Settlement.objects.filter(state="lunas").exists()
    assert Settlement.objects.filter(state="terbuka").exists()
    staff = demo._actor()
    assert selectors.ledger_mismatches(actor=staff) == []
    partner = outlets.get(name="Hotel Sriwedari Heritage").partners.get()
    assert partner.username == demo.PARTNER_USERNAME and partner.groups.filter(name="mitra_outlet").exists()
    ctx.logins.clear()
    demo.logins(ctx)
    assert ctx.logins[0][1] == demo.PARTNER_USERNAME
    assert ExpiryAlert.objects.count() >= 0
    demo.seed(ctx)  # seeding twice adds nothing
    assert Outlet.objects.count() == outlets.count()
