"""The token page in Chromium at 360 px: an owner makes a token, copies it, the API answers with it,
the owner revokes it and the API refuses it. (The Swagger docs page is third-party markup that axe
cannot vouch for; ``test_endpoints`` checks it loads only this site's files.)"""

import os

import pytest
from django.test import Client
from playwright.sync_api import expect

from binaumkm.core.testing import (
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("API_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_owner_makes_uses_and_revokes_a_token(page, live_server, areas):
    user = make_user("pemilik_umkm", username="+6281299990001", phone="+6281299990001")
    business = BusinessFactory(owner=OwnerFactory(user=user), name="Batik Sekar")
    page.set_viewport_size(PHONE)
    browser_login(page, live_server.url, "+6281299990001")
    page.goto(f"{live_server.url}/akun/token-api/")
    assert_accessible(page)
    page.get_by_label("Nama token").fill("Aplikasi kasir")
    page.get_by_role("button", name="Buat token").click()
    token = page.get_by_label("Token", exact=True).input_value()
    assert token.startswith("bu_")
    assert_no_sideways_scroll(page)
    shot(page, "token-baru-360")
    assert_accessible(page)

    api = Client()
    body = api.get("/api/v1/registry/businesses", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [row["name"] for row in body["results"]] == [business.name]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cabut").click()
    expect(page.get_by_text("Token dicabut.")).to_be_visible()
    shot(page, "token-dicabut-360")
    assert_accessible(page)
    assert api.get("/api/v1/registry/businesses", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
