"""What a first visit trips over: the agency's name on the login page, the icons and manifest, meta
descriptions, the home page's links, friendly error pages, required messages that name the field,
compressed HTML."""

import gzip
import json
import re

import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from binaumkm.core.forms import Form

pytestmark = pytest.mark.django_db

SITE = settings.BINAUMKM


def meta_description(html: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', html).group(1)


def test_login_page_keeps_the_agency_name_in_title_and_footer(client):
    html = client.get("/akun/masuk/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title == f"Masuk · {SITE['AGENCY_SHORT_NAME']}"
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert f"{SITE['AGENCY_NAME']} · {SITE['CITY_NAME']}" in footer


def test_login_label_names_usernames_too(client, staff_user):
    html = client.get("/akun/masuk/").content.decode()
    assert "Nomor HP, e-mail atau nama pengguna" in html
    # Staff really do log in with the username the label now names.
    response = client.post("/akun/masuk/", {"username": "staf1", "password": "binaumkm-demo"})
    assert response.status_code == 302


def test_favicon_and_app_icons_answer(client):
    assert client.get("/favicon.ico").status_code == 200
    html = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="/static/([^"]+)"', html).group(1)
    assert finders.find(icon)
    manifest_url = re.search(r'<link rel="manifest" href="([^"]+)"', html).group(1)
    response = client.get(manifest_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == f"Bina UMKM {SITE['CITY_NAME']}" and manifest["start_url"] == "/"
    sizes = {i["sizes"] for i in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for entry in manifest["icons"]:
        assert finders.find(entry["src"].removeprefix("/static/")), entry


@pytest.mark.parametrize("url", ["/", "/akun/masuk/", "/daftar/", "/pelatihan/"])
def test_public_pages_describe_themselves(client, url):
    description = meta_description(client.get(url).content.decode())
    assert len(description) > 60


def test_public_pages_have_their_own_descriptions(client):
    descriptions = {
        meta_description(client.get(url).content.decode()) for url in ("/", "/daftar/", "/pelatihan/")
    }
    assert len(descriptions) == 3


def test_home_links_the_public_training_list(client):
    html = client.get("/").content.decode()
    assert 'href="/pelatihan/"' in html and 'href="/pelatihan/#cek-sertifikat"' in html


def test_unknown_url_shows_the_friendly_indonesian_404(client):
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html and 'href="/"' in html
    assert SITE["AGENCY_NAME"] in html  # inside the app's own layout


def test_another_roles_page_shows_the_friendly_403(client, owner_user):
    client.force_login(owner_user)
    response = client.get("/staf/umkm/")
    assert response.status_code == 403 and "Akses ditolak" in response.content.decode()


def test_server_error_page_is_indonesian_and_styled_without_a_request():
    html = render_to_string("500.html")
    assert "Maaf, terjadi galat di server" in html
    assert "core/bootstrap.min.css" in html and 'lang="id"' in html


def test_html_is_compressed_for_browsers_that_accept_it(client):
    response = client.get("/daftar/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert b"Buat akun" in gzip.decompress(response.content)


class _Sample(Form):
    full_name = forms.CharField(label="Nama lengkap")
    nik = forms.CharField(label="NIK")
    kelurahan = forms.ChoiceField(label="Kelurahan", choices=[("1", "Kauman")])
    consent = forms.BooleanField(label="Saya setuju")
    reason = forms.CharField(label="Alasan", error_messages={"required": "Tulis alasannya untuk pemilik."})


def test_required_messages_name_their_field():
    form = _Sample(data={})
    assert not form.is_valid()
    assert form.errors["full_name"] == ["Nama lengkap wajib diisi."]
    assert form.errors["nik"] == ["NIK wajib diisi."]
    assert form.errors["kelurahan"] == ["Pilih kelurahan."]
    assert form.errors["consent"] == ["Centang kotak ini untuk melanjutkan."]
    assert form.errors["reason"] == ["Tulis alasannya untuk pemilik."]  # a form's own message stays


def test_after_a_failed_submit_no_field_takes_the_focus_from_the_summary():
    from binaumkm.accounts.forms import LoginForm

    form = LoginForm(data={"username": "", "password": ""})
    assert "autofocus" in str(LoginForm()["username"])
    assert not form.is_valid()
    assert "autofocus" not in str(form["username"])
