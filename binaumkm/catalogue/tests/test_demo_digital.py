"""Demo digital stages follow the demo training: businesses that completed a digital-marketing or
marketplace batch are assisted by that batch and sell more often than the rest."""

import pytest
from django.apps import apps
from django.urls import reverse

from binaumkm.accounts.models import User
from binaumkm.core.demo import DemoContext, seed_apps
from binaumkm.core.hooks import todo_list
from binaumkm.core.testing import make_user
from binaumkm.registry.demo import DEMO_OWNER_PHONE
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import SELLING, Stage

pytestmark = pytest.mark.django_db


def test_demo_stages_are_consistent_with_training(client):
    Registration = apps.get_model(
        "training", "Registration"
    )  # read directly: modules do not import each other

    seed_apps(
        DemoContext(umkm=400, seed=2021), only=("core", "accounts", "registry", "training", "catalogue")
    )
    digital = {}
    for business_id, topic, title, number, end in (
        Registration.objects.filter(completed=True)
        .values_list(
            "business_id",
            "batch__programme__topic",
            "batch__programme__title",
            "batch__number",
            "batch__end_date",
        )
        .order_by("batch__end_date")
    ):
        if topic in ("pemasaran_digital", "marketplace"):
            digital[business_id] = (f"{title} — Angkatan {number}", end)
    assert len(digital) > 10
    assisted = {p.business_id: p for p in Presence.objects.exclude(assisted_by="")}
    for business_id, (batch, end) in digital.items():
        presence = assisted.get(business_id)
        if presence is not None:  # a closed or unverified business gets no demo stages
            assert (presence.assisted_by, presence.assisted_on) == (batch, end)
    assert sum(b in assisted for b in digital) > len(digital) * 0.7

    def selling_share(ids):
        rows = Presence.objects.filter(business_id__in=ids)
        return rows.filter(stage__in=SELLING).values("business_id").distinct().count() / max(1, len(set(ids)))

    others = set(Presence.objects.values_list("business_id", flat=True)) - set(digital)
    assert selling_share(digital) > selling_share(others) * 1.5
    stages = set(Presence.objects.values_list("stage", flat=True))
    assert {
        Stage.PLANNED,
        Stage.ASSISTED,
        Stage.ACCOUNT,
        Stage.FIRST_SALE,
        Stage.ACTIVE,
        Stage.DORMANT,
    } <= stages
    # Every stage date follows the one before it.
    for p in Presence.objects.exclude(first_sale_on=None).exclude(first_listing_on=None):
        assert p.first_listing_on <= p.first_sale_on
    # The demo owner is asked about a quiet shop; the report shows the funnel.
    owner = User.objects.get(phone=DEMO_OWNER_PHONE)
    assert any("Masih berjualan di Shopee" in item.label for item in todo_list(owner))
    client.force_login(make_user("staf_dinas", username="staf-adopsi"))
    page = client.get(reverse("catalogue:adoption_report")).content.decode()
    assert "Angkatan" not in page and "<svg" in page
