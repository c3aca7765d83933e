"""Each registry service records its audit event (every code is asserted somewhere: house rule)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from binaumkm.core.models import AuditEntry
from binaumkm.registry import services
from binaumkm.registry.events import Event
from binaumkm.registry.models import ImportJob
from binaumkm.registry.services import imports
from binaumkm.registry.tests.factories import BusinessFactory

pytestmark = pytest.mark.django_db


def recorded(action, obj=None) -> bool:
    entries = AuditEntry.objects.filter(action=action)
    return (entries.filter(object_id=str(obj.pk)) if obj is not None else entries).exists()


def test_record_services_record_their_events(staff_user, admin_user, areas):
    business = BusinessFactory()
    services.business_set_status(actor=staff_user, business=business, status="stagnan", reason="Sepi")
    assert recorded(Event.BUSINESS_STATUS_CHANGED, business)
    product = services.product_create(
        actor=staff_user,
        business=business,
        data={"name": "Serabi", "category": "makanan", "price": 5000, "unit": "pcs"},
    )
    assert recorded(Event.PRODUCT_CREATED, product)
    report = services.turnover_report_save(
        actor=staff_user, business=business, period=datetime.date(2026, 1, 1), turnover=1_000_000
    )
    assert recorded(Event.TURNOVER_CREATED, report)
    services.turnover_report_delete(actor=staff_user, report=report)
    assert recorded(Event.TURNOVER_DELETED)
    services.business_export(actor=staff_user, filters={}, fmt="xlsx")
    assert AuditEntry.objects.get(action=Event.BUSINESS_EXPORTED).data["personal_data"] is False
    services.business_delete(actor=admin_user, business=business)
    assert recorded(Event.BUSINESS_DELETED)


def test_import_services_record_upload_and_confirmation(staff_user, monkeypatch):
    monkeypatch.setattr(imports, "enqueue_step", lambda step, job_id: None)  # no worker here
    upload = SimpleUploadedFile(
        "data.xlsx", b"PK\x03\x04 not really", content_type="application/octet-stream"
    )
    job = imports.import_job_create(actor=staff_user, upload=upload)
    assert recorded(Event.IMPORT_UPLOADED, job)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.READY, valid_rows=3, total_rows=3)
    imports.import_job_start_write(actor=staff_user, job=job, only_valid=False)
    assert recorded(Event.IMPORT_CONFIRMED, job)
