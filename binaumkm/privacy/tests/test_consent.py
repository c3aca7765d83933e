"""Consent: stored at sign-up with the notice version, entered from paper by staff, and asked again
when a new version of the notice is published."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.privacy import selectors, services
from binaumkm.privacy.models import Consent, PrivacyNotice
from binaumkm.registry.models import Owner
from binaumkm.registry.tests.factories import OwnerFactory, nik_for

pytestmark = pytest.mark.django_db


def current():
    return selectors.notice_current()


def test_a_first_notice_is_in_effect_and_public(client):
    notice = current()
    assert notice is not None and notice.version == 1
    response = client.get(reverse("privacy:notice"))
    assert response.status_code == 200
    assert "Data saya" in response.content.decode()


def test_signup_stores_the_consent_with_version_time_and_channel(client, areas):
    response = client.post(reverse("registry:signup"), {
        "full_name": "Sri Lestari", "phone": "0812 1111 2222", "email": "", "nik": nik_for(5, female=True),
        "gender": "P", "password": "batik-laweyan-77", "password_again": "batik-laweyan-77", "consent": "on",
    })  # fmt: skip
    assert response.status_code == 302
    owner = Owner.objects.get(nik=nik_for(5, female=True))
    consent = Consent.objects.get(owner=owner)
    assert (consent.notice, consent.channel, consent.document_reference) == (current(), "online", "")
    assert timezone.now() - consent.given_at < datetime.timedelta(minutes=1)
    entry = AuditEntry.objects.get(action="privacy.consent.given", object_id=str(owner.pk))
    assert entry.data["version"] == 1


def test_staff_record_a_paper_consent_with_its_document(staff_user, areas):
    owner = OwnerFactory()
    with pytest.raises(ValidationError):
        services.consent_record_paper(actor=staff_user, owner=owner, document_reference=" ",
                                      given_on=timezone.localdate())  # fmt: skip
    with pytest.raises(ValidationError):
        services.consent_record_paper(actor=staff_user, owner=owner, document_reference="F-1",
                                      given_on=timezone.localdate() + datetime.timedelta(days=1))  # fmt: skip
    consent = services.consent_record_paper(
        actor=staff_user, owner=owner, document_reference="F-2026/001", given_on=datetime.date(2026, 1, 5)
    )
    assert (consent.channel, consent.document_reference, consent.recorded_by) == (
        "kertas",
        "F-2026/001",
        staff_user,
    )
    assert AuditEntry.objects.filter(action="privacy.consent.recorded", object_id=str(owner.pk)).exists()
    with pytest.raises(ValidationError, match="sudah menyetujui"):
        services.consent_record_paper(actor=staff_user, owner=owner, document_reference="F-3",
                                      given_on=datetime.date(2026, 1, 6))  # fmt: skip


def test_paper_consent_page_finds_the_owner_by_number(staff_client, areas):
    owner = OwnerFactory()
    url = reverse("privacy:paper_consent")
    response = staff_client.post(
        url, {"owner": "P-999999", "document_reference": "F-1", "given_on": "2026-01-05"}
    )
    assert "tidak ditemukan" in response.content.decode() and 'value="F-1"' in response.content.decode()
    response = staff_client.post(
        url, {"owner": owner.reference, "document_reference": "F-1", "given_on": "2026-01-05"}
    )
    assert response.status_code == 302 and Consent.objects.filter(owner=owner, channel="kertas").exists()


def test_a_paper_consent_without_document_is_refused_by_the_database(areas):
    with pytest.raises(IntegrityError):
        Consent.objects.create(owner=OwnerFactory(), notice=current(), channel="kertas")


def test_only_admins_publish_and_versions_count_up(admin_user, staff_user):
    with pytest.raises(PermissionDenied):
        services.notice_publish(actor=staff_user, text="x", effective_date=timezone.localdate())
    notice = services.notice_publish(actor=admin_user, text="Versi dua.", effective_date=timezone.localdate())
    assert notice.version == 2 and current() == notice
    assert AuditEntry.objects.filter(action="privacy.notice.published", object_id=str(notice.pk)).exists()
    future = services.notice_publish(
        actor=admin_user, text="Versi tiga.", effective_date=timezone.localdate() + datetime.timedelta(days=7)
    )
    assert current() == notice != future  # not in effect yet


def test_a_deployment_can_pin_the_version(admin_user, settings):
    services.notice_publish(actor=admin_user, text="Versi dua.", effective_date=timezone.localdate())
    settings.BINAUMKM = {**settings.BINAUMKM, "PRIVACY": {"NOTICE_VERSION": 1}}
    assert current().version == 1


@pytest.fixture
def consenting_owner(client, areas):
    from binaumkm.core.testing import make_user

    user = make_user("pemilik_umkm", username="+6281277770001", phone="+6281277770001")
    owner = OwnerFactory(user=user)
    Consent.objects.create(owner=owner, notice=current(), channel="online")
    client.force_login(user)
    return owner


def test_a_new_version_asks_owners_again_on_their_next_visit(client, consenting_owner, admin_user):
    assert client.get(reverse("registry:my_businesses")).status_code == 200
    services.notice_publish(
        actor=admin_user, text="Versi dua: data dibagikan ke bank.", effective_date=timezone.localdate()
    )
    response = client.get(reverse("registry:my_businesses"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("privacy:notice"))
    page = client.get(response["Location"]).content.decode()
    assert "Versi dua: data dibagikan ke bank." in page and "Saya setuju" in page
    response = client.post(reverse("privacy:consent"), {"next": reverse("registry:my_businesses")})
    assert response["Location"] == reverse("registry:my_businesses")
    assert consenting_owner.consents.filter(notice__version=2).exists()
    assert client.get(reverse("registry:my_businesses")).status_code == 200


def test_the_consent_page_never_redirects_elsewhere(client, consenting_owner):
    response = client.post(reverse("privacy:consent"), {"next": "https://contoh.jahat/"})
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", ["NaN", "' OR 1=1 --", "\\", "//contoh.jahat/"])
def test_a_next_that_is_not_a_path_of_this_site_goes_home(client, consenting_owner, target):
    """The fuzz test found a 500: redirect() read a bare word as a URL name."""
    response = client.post(reverse("privacy:consent"), {"next": target})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_owners_without_any_consent_get_a_todo_not_a_wall(client, areas):
    from binaumkm.core.testing import make_user

    user = make_user("pemilik_umkm", username="+6281277770002", phone="+6281277770002")
    OwnerFactory(user=user)
    client.force_login(user)
    response = client.get(reverse("registry:my_businesses"))
    assert response.status_code == 200
    assert "setujui pemberitahuan privasi" in response.content.decode()
    assert PrivacyNotice.objects.count() == 1


@pytest.mark.parametrize("reference", ["P-²³", "P-" + "9" * 30, "", "P-", "abc"])
def test_odd_owner_numbers_find_nobody(staff_user, reference):
    assert selectors.owner_by_reference(actor=staff_user, reference=reference) is None
