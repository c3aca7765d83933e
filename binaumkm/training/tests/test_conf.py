"""Training settings read through ``core.conf``: the existing environment variables still work, the
project settings may override them, and links use the site address from core."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from binaumkm.training import certificates, conf, services
from binaumkm.training.models import Certificate, RegistrationStatus, SelectionMode
from binaumkm.training.tests.factories import BatchFactory, RegistrationFactory, owner_with_business


def test_defaults_and_environment_variables(monkeypatch):
    assert conf.OFFER_HOURS == 48 and conf.COMPLETION_PERCENT == 80 and conf.MAX_QUESTIONS == 5
    assert conf.lottery_weights() == {"aktif": 1.0, "stagnan": 2.0, "tutup": 1.0}
    monkeypatch.setenv("BINAUMKM_TRAINING_OFFER_HOURS", "24")
    monkeypatch.setenv("BINAUMKM_TRAINING_WEIGHT_STAGNAN", "3.5")
    monkeypatch.setenv("BINAUMKM_TRAINING_COMPLETION_PERCENT", "75")
    assert conf.OFFER_HOURS == 24 and conf.COMPLETION_PERCENT == 75
    assert conf.lottery_weights()["stagnan"] == 3.5
    with override_settings(BINAUMKM={**settings.BINAUMKM, "TRAINING": {"OFFER_HOURS": 12}}):
        assert conf.OFFER_HOURS == 12
    with pytest.raises(AttributeError):
        conf.SITE_URL  # noqa: B018 - the site address lives in core now


@pytest.mark.django_db
def test_offer_deadline_follows_the_setting(areas, monkeypatch):
    monkeypatch.setenv("BINAUMKM_TRAINING_OFFER_HOURS", "6")
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=1)
    (u1, b1), (u2, b2) = owner_with_business(), owner_with_business()
    seat = services.registration_create(actor=u1, batch=batch, business=b1)
    waiting = services.registration_create(actor=u2, batch=batch, business=b2)
    services.registration_cancel(actor=u1, registration=seat)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    assert waiting.offer_expires_at - waiting.offered_at == datetime.timedelta(hours=6)


@pytest.mark.django_db
def test_links_in_emails_and_certificates_use_the_core_site_address(areas):
    site = {**settings.BINAUMKM, "SITE_URL": "https://umkm.surakarta.go.id/"}
    with override_settings(BINAUMKM=site):
        user, business = owner_with_business()
        registration = services.registration_create(actor=user, batch=BatchFactory(), business=business)
        assert (
            f"https://umkm.surakarta.go.id/pelatihan/pendaftaran/{registration.pk}/" in mail.outbox[-1].body
        )
        reg = RegistrationFactory(status=RegistrationStatus.ACCEPTED, completed=True)
        certificate = Certificate.objects.create(
            registration=reg,
            number="2026/PLT-0001/0001",
            holder_name="Sri",
            business_name="Batik",
            programme_title="Foto",
            batch_label="Angkatan 1",
            start_date=reg.batch.start_date,
            end_date=reg.batch.end_date,
        )
        url = certificates.verification_url(certificate)
        assert url == f"https://umkm.surakarta.go.id/pelatihan/sertifikat/{certificate.code}/"
