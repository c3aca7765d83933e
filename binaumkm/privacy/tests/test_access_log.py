"""The NIK access log for admins, and the rule that the audit log never stores a full NIK or phone."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.privacy import services as privacy
from binaumkm.registry import services as registry
from binaumkm.registry.tests.factories import OwnerFactory

from .conftest import NIK, PHONE, settle_for

pytestmark = pytest.mark.django_db


def test_log_lists_reveals_and_personal_exports_filtered(admin_client, staff_user, owner, areas):
    other = OwnerFactory(full_name="Budi Santoso")
    nosy = make_user("staf_dinas", username="staf.nosy", full_name="Staf Penasaran")
    registry.personal_data_reveal(actor=staff_user, owner=owner, field="nik")
    registry.personal_data_reveal(actor=nosy, owner=other, field="phone")
    registry.business_export(actor=staff_user, filters={}, fmt="xlsx", personal_data=True)
    registry.business_export(actor=staff_user, filters={}, fmt="csv", personal_data=False)
    url = reverse("privacy:access_log")

    page = admin_client.get(url).content.decode()
    assert page.count("<tr>") == 1 + 3  # header + two reveals + the export with personal data
    page = admin_client.get(url, {"actor": "penasaran"}).content.decode()
    assert "Budi Santoso" in page and "Sri Rahayu" not in page and "(PHONE)" in page
    page = admin_client.get(url, {"owner": owner.reference}).content.decode()
    assert "Sri Rahayu" in page and "Budi Santoso" not in page
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert admin_client.get(url, {"since": tomorrow}).content.decode().count("<tr>") == 2  # header + "none"
    response = admin_client.get(url, {"since": "kemarin"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_staff_cannot_open_the_log(staff_client):
    assert staff_client.get(reverse("privacy:access_log")).status_code == 403


def test_log_query_count_is_constant(admin_client, staff_user, areas):
    def grow(n):
        for _ in range(n):
            registry.personal_data_reveal(actor=staff_user, owner=OwnerFactory(), field="nik")

    assert_constant_queries(lambda: admin_client.get(reverse("privacy:access_log")), grow, small=10, large=60)


def test_no_audit_entry_stores_a_full_nik_or_phone(client, owner, staff_user, admin_user, areas):
    """Every service that touches personal data, then a scan of every entry."""
    from binaumkm.registry.tests.factories import nik_for

    client.post(reverse("registry:signup"), {
        "full_name": "Ani Wijaya", "phone": "0812 5555 6666", "email": "ani@example.com", "nik": nik_for(9),
        "gender": "P", "password": "batik-laweyan-77", "password_again": "batik-laweyan-77", "consent": "on",
    })  # fmt: skip
    registry.owner_update(
        actor=staff_user, owner=owner, data={"phone": "+6281299990002", "email": "s@example.com"}
    )
    registry.owner_update(actor=staff_user, owner=owner, data={"phone": PHONE})
    registry.personal_data_reveal(actor=staff_user, owner=owner, field="nik")
    registry.business_export(actor=staff_user, filters={}, fmt="xlsx", personal_data=True)
    settle_for(owner, staff_user)
    privacy.own_data_show(actor=owner.user)
    privacy.own_data_download(actor=owner.user, fmt="json")
    privacy.consent_record_paper(actor=staff_user, owner=OwnerFactory(), document_reference="F-1",
                                 given_on=timezone.localdate())  # fmt: skip
    request = privacy.request_create(actor=owner.user, kind="hapus", message="hapus")
    privacy.request_complete(actor=staff_user, request=request, outcome="")

    secrets = {NIK, PHONE, "081299990001", "+6281299990002", "+6281255556666", nik_for(9)}
    entries = list(AuditEntry.objects.all())
    assert len(entries) > 10
    for entry in entries:
        text = json.dumps([entry.actor_label, entry.object_repr, entry.changes, entry.data])
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{entry.action} stores {leaked}"
