"""NUL bytes and out-of-range numbers get a 400 in Indonesian, never a 500 (both databases)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_nul_in_path_query_or_form_is_a_400(client, staff_user, areas):
    client.force_login(staff_user)
    for url in ("/pelatihan/sertifikat/ab%00cd/", reverse("registry:business_list") + "?q=a%00b"):
        response = client.get(url)
        assert response.status_code == 400 and "tidak sah" in response.content.decode()
    response = client.post(reverse("registry:business_create"), {"name": "Batik\x00Sri"})
    assert response.status_code == 400


def test_a_huge_id_in_a_choice_field_is_a_400_or_a_form_error(client, staff_user, areas):
    client.force_login(staff_user)
    response = client.get(
        reverse("registry:business_list"), {"kelurahan": str(10**30), "kecamatan": str(10**30)}
    )
    assert response.status_code in (200, 400)
    response = client.post(
        reverse("registry:business_create"), {"kelurahan": str(10**30), "owner-full_name": "Sri"}
    )
    assert response.status_code in (200, 400)
