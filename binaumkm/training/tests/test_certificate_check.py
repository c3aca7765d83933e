"""The public "Cek sertifikat" form: a certificate found by its number and holder's name."""

import datetime

import pytest

from binaumkm.training.models import Certificate, RegistrationStatus

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

URL = "/pelatihan/cek-sertifikat/"


@pytest.fixture
def certificate(areas):
    registration = RegistrationFactory(status=RegistrationStatus.ACCEPTED, completed=True)
    return Certificate.objects.create(
        registration=registration, number="2026/PLT-0012/0003", holder_name="Sri Rahayu",
        business_name="Serabi Bu Sri", programme_title="Jualan Online", batch_label="Angkatan 1",
        start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 3),
    )  # fmt: skip


def test_the_public_training_page_offers_the_check(client):
    html = client.get("/pelatihan/").content.decode()
    assert f'action="{URL}"' in html and 'name="number"' in html and 'name="name"' in html


def test_number_and_name_as_printed_lead_to_the_verification_page(client, certificate):
    response = client.get(URL, {"number": " 2026/plt-0012/0003 ", "name": "sri  RAHAYU"})
    assert response.status_code == 302
    assert response["Location"] == f"/pelatihan/sertifikat/{certificate.code}/"
    page = client.get(response["Location"]).content.decode()
    assert "Sertifikat ini sah" in page and "Sri Rahayu" in page


def test_a_number_with_another_name_shows_nothing_of_the_holder(client, certificate):
    response = client.get(URL, {"number": certificate.number, "name": "Budi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada sertifikat dengan nomor dan nama itu" in html
    assert "Sri Rahayu" not in html and "Serabi Bu Sri" not in html
    assert 'value="Budi"' in html  # what was typed stays


def test_an_empty_check_names_each_missing_field(client):
    html = client.get(URL, {"number": "", "name": ""}).content.decode()
    assert "Nomor sertifikat wajib diisi." in html and "Nama pada sertifikat wajib diisi." in html
    assert "data-error-summary" in html


def test_first_visit_shows_the_form_without_errors(client):
    html = client.get(URL).content.decode()
    assert "wajib diisi" not in html and "data-error-summary" not in html
