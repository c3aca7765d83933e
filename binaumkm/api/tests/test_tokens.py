"""Personal API tokens: made and shown once, stored only as a hash, revocable, expiring, audited."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from binaumkm.api import services
from binaumkm.api.events import Event
from binaumkm.api.models import ApiToken
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user

pytestmark = pytest.mark.django_db
ME = "/api/v1/registry/businesses"


def test_a_token_is_stored_only_as_its_hash_and_its_making_is_audited(owner_user):
    token, raw = services.token_create(actor=owner_user, name="Kasir", days=30)
    assert raw.startswith("bu_") and len(raw) > 40
    assert raw not in str(ApiToken.objects.values_list().get(pk=token.pk))
    assert token.key_hash == services.token_hash(raw)
    assert token.expires_at - token.created_at == datetime.timedelta(days=30)
    entry = AuditEntry.objects.get(action=Event.TOKEN_CREATED)
    assert entry.actor == owner_user and raw not in str(entry.data)


def test_the_token_authenticates_until_revoked_and_the_revocation_is_audited(client, owner_user):
    token, raw = services.token_create(actor=owner_user, name="Kasir")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(ME, **headers).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    services.token_revoke(actor=owner_user, pk=token.pk)
    assert AuditEntry.objects.filter(action=Event.TOKEN_REVOKED, actor=owner_user).count() == 1
    response = client.get(ME, **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "dicabut" in response.json()["detail"]


def test_an_expired_token_is_refused_with_a_json_401(client, owner_user):
    token, raw = services.token_create(actor=owner_user, name="Lama", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(ME, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Token tidak ada")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_token_or_an_unknown_one_is_a_401(client, owner_user):
    assert client.get(ME).status_code == 401
    assert client.get(ME, HTTP_AUTHORIZATION="Bearer bu_palsu").status_code == 401
    assert client.get(ME, HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client, owner_user):
    _token, raw = services.token_create(actor=owner_user, name="Kasir")
    owner_user.is_active = False
    owner_user.save()
    assert client.get(ME, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_nobody_revokes_another_users_token(owner_user, staff_user):
    token, _raw = services.token_create(actor=owner_user, name="Kasir")
    with pytest.raises(Http404):
        services.token_revoke(actor=staff_user, pk=token.pk)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_lifetime_and_number_of_live_tokens_are_bounded(owner_user, settings):
    with pytest.raises(ValidationError):
        services.token_create(actor=owner_user, name="Kasir", days=0)
    with pytest.raises(ValidationError):
        services.token_create(actor=owner_user, name="  ")
    settings.BINAUMKM = {**settings.BINAUMKM, "API": {"MAX_TOKENS": 2}}
    services.token_create(actor=owner_user, name="Satu")
    services.token_create(actor=owner_user, name="Dua")
    with pytest.raises(ValidationError, match="Paling banyak 2"):
        services.token_create(actor=owner_user, name="Tiga")


def test_the_page_shows_a_new_token_once_and_revokes_it(client, areas):
    user = make_user("mitra_toko", username="manajer.x")
    client.force_login(user)
    url = reverse("api:tokens")
    response = client.post(url, {"name": "Aplikasi kasir", "days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    raw = response.context["new_token"]
    assert services.token_hash(raw) == token.key_hash
    assert raw in response.content.decode()
    again = client.get(url).content.decode()
    assert raw not in again and token.prefix in again
    response = client.post(url, {"revoke": str(token.pk)})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_keeps_input_and_explains_bad_values(client, owner_user):
    client.force_login(owner_user)
    response = client.post(reverse("api:tokens"), {"name": "Kasir", "days": "9999"})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
    html = response.content.decode()
    assert 'value="Kasir"' in html and "365" in html


def test_the_page_marks_an_expired_token(client, owner_user):
    token, _raw = services.token_create(actor=owner_user, name="Lama", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(owner_user)
    html = client.get(reverse("api:tokens")).content.decode()
    assert "kedaluwarsa" in html and 'name="revoke"' not in html
