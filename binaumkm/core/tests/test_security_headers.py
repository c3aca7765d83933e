"""Security headers on every answer, the client address behind proxies, and what /healthz tells whom."""

import pytest
from django.test import RequestFactory, override_settings

from binaumkm.core.charts import bar_chart
from binaumkm.core.net import client_ip, is_loopback

pytestmark = pytest.mark.django_db
PUBLIC_ADDRESS = "203.0.113.7"


def test_every_answer_carries_a_csp_without_inline_code_and_a_permissions_policy(client, staff_client):
    for response in (client.get("/akun/masuk/"), client.get("/tidak-ada/"), staff_client.get("/staf/umkm/")):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert "geolocation=()" in response.headers["Permissions-Policy"]


def test_charts_carry_no_inline_style():
    assert "style=" not in str(bar_chart([("Jan", 5), ("Feb", 7)], title="Omzet"))


def test_the_django_admin_is_gone(client):
    assert client.get("/admin/login/").status_code == 404
    assert client.post("/admin/login/", {"username": "admin", "password": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "198.51.100.9", "10.0.0.2", "10.0.0.2"),  # no proxy configured: the header is a lie
        (1, "198.51.100.9", "10.0.0.2", "198.51.100.9"),
        (1, "1.2.3.4, 198.51.100.9", "10.0.0.2", "198.51.100.9"),  # client-written entry ignored
        (2, "1.2.3.4, 198.51.100.9, 10.0.0.3", "10.0.0.2", "198.51.100.9"),
        (1, "", "10.0.0.2", "10.0.0.2"),
    ],
)
def test_client_ip_reads_forwarded_for_from_the_right_only_behind_trusted_proxies(
    proxies, forwarded, remote, expected
):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_ip(request) == expected


def test_a_forwarded_request_is_never_loopback():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=PUBLIC_ADDRESS, REMOTE_ADDR="127.0.0.1")
    with override_settings(TRUSTED_PROXIES=1):
        assert not is_loopback(request)
    with override_settings(TRUSTED_PROXIES=0):
        assert is_loopback(request)


def test_healthz_tells_the_public_only_that_it_is_up(client, staff_user, owner_user):
    assert client.get("/healthz", REMOTE_ADDR=PUBLIC_ADDRESS).json() == {"status": "ok"}
    client.force_login(owner_user)
    assert client.get("/healthz", REMOTE_ADDR=PUBLIC_ADDRESS).json() == {"status": "ok"}
    client.force_login(staff_user)
    assert client.get("/healthz", REMOTE_ADDR=PUBLIC_ADDRESS).json()["database"]["status"] == "ok"
    client.logout()
    assert client.get("/healthz", REMOTE_ADDR="127.0.0.1").json()["database"]["status"] == "ok"
    with override_settings(TRUSTED_PROXIES=1):  # nginx on loopback forwarding a visitor
        answer = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=PUBLIC_ADDRESS)
    assert answer.json() == {"status": "ok"}
