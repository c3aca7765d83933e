"""The demo data: past trainings give the coverage report history; the demo owner can register."""

import pytest
from django.urls import reverse

from binaumkm.core.demo import DemoContext, seed_apps
from binaumkm.registry.demo import DEMO_OWNER_PHONE
from binaumkm.registry.models import Business
from binaumkm.training import services
from binaumkm.training.models import (
    Batch,
    BatchState,
    Certificate,
    Programme,
    Registration,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ctx = DemoContext(umkm=400, seed=2021)
    seed_apps(ctx, only=("core", "accounts", "registry", "training"))
    return ctx


def test_demo_has_partners_history_and_an_open_batch(demo, staff_client):
    partners = set(Programme.objects.values_list("partner", flat=True))
    assert {"Shopee", "Tokopedia", "Blibli", "Grab", "Gojek", "Bank Solo", "Solo Technopark"} <= partners
    assert Batch.objects.filter(state=BatchState.FINISHED).count() == 14
    assert Certificate.objects.count() > 20
    # Fair past batches carry their recorded seed and never more seats than capacity.
    for batch in Batch.objects.exclude(allocation_seed=None):
        assert batch.registrations.filter(status=RegistrationStatus.ACCEPTED).count() <= batch.capacity
    # The coverage report shows that history.
    response = staff_client.get(reverse("training:coverage"))
    report = response.context["report"]
    assert report.total.trained > 20 and report.total.seats > 0 and 0 < report.gini < 1
    assert staff_client.get(reverse("training:coverage"), {"year": 2021}).context["report"].total.trained > 0
    # The demo owner has certificates and can register for the open batch.
    business = Business.objects.get(owner__user__phone=DEMO_OWNER_PHONE)
    assert Certificate.objects.filter(registration__business=business).exists()
    open_batch = Batch.objects.get(state=BatchState.OPEN)
    reg = services.registration_create(
        actor=business.owner.user, batch=open_batch, business=business, answers=["Batik tulis", "Sudah"]
    )
    assert reg.status == RegistrationStatus.PENDING
    # Staff can preview the batch awaiting selection.
    waiting = Batch.objects.get(state=BatchState.CLOSED)
    assert staff_client.get(reverse("training:allocation_preview", args=[waiting.pk])).status_code == 200
    assert Registration.objects.filter(batch=waiting, status=RegistrationStatus.PENDING).exists()
