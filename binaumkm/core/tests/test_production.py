"""The production path, exactly as docs/operations.md tells a city's IT person: prepare a fresh
database with ``prepare_production``, start gunicorn with the production settings on loopback behind
a (simulated) TLS proxy, log in over HTTP and open the staff list."""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def production(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "binaumkm.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "BINAUMKM_TRUSTED_PROXIES": "1",
    }
    # Production requires a second factor of agency accounts unless told otherwise.
    shown = "from django.conf import settings; print(settings.BINAUMKM['REQUIRE_2FA'])"
    manage_py = [sys.executable, str(ROOT / "manage.py"), "shell", "-c", shown]
    on = subprocess.run(
        manage_py, env={**env, "DJANGO_ALLOW_ASYNC_UNSAFE": ""}, capture_output=True, text=True, cwd=ROOT
    )
    assert on.stdout.strip().splitlines()[-1] == "True", on.stdout + on.stderr
    env["BINAUMKM_REQUIRE_2FA"] = "0"  # this test logs in with a password only
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    manage = [sys.executable, str(ROOT / "manage.py")]
    prepared = subprocess.run(
        [*manage, "prepare_production"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert prepared.returncode == 0, prepared.stderr + prepared.stdout
    assert "no issues" in prepared.stdout + prepared.stderr  # check --deploy: 0 warnings
    create_staff = (
        "from binaumkm.accounts.models import User; from binaumkm.accounts.roles import Role, assign_role;"
        "u = User.objects.create(username='staf.prod', full_name='Staf Produksi'); u.set_password('Sragen-2026!x');"
        "u.save(); assign_role(u, Role.STAFF)"
    )
    subprocess.run([*manage, "shell", "-c", create_staff], env=env, check=True, cwd=ROOT, capture_output=True)
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "binaumkm.config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


class Browser:
    """Just enough of a browser behind nginx: HTTPS as seen by the app, cookies kept by hand
    (they are Secure, which a plain-HTTP client would otherwise drop)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                # Every cookie, the CSRF and language cookies too: the token reaches forms and htmx
                # through the page, never through a script reading cookies.
                assert morsel["secure"] and morsel["httponly"], header
                self.cookies[key] = morsel.value
        conn.close()
        return response, data


def test_production_server_logs_in_and_shows_the_staff_list(production):
    browser = Browser(production)
    response, page = browser.request("GET", "/akun/masuk/")
    assert response.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = f"csrfmiddlewaretoken={token}&username=staf.prod&password=Sragen-2026%21x"
    response, _ = browser.request(
        "POST",
        "/akun/masuk/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://127.0.0.1:{production}"},
    )
    assert response.status == 302, "login failed"
    assert "sessionid" in browser.cookies
    response, page = browser.request("GET", "/staf/umkm/")
    assert response.status == 200 and "UMKM" in page
    # Static files are served under their hashed names only (the ones pages link to).
    stylesheet = re.search(r'href="(/static/core/app\.[0-9a-f]{12}\.css)"', page).group(1)
    response, _ = browser.request("GET", stylesheet)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    # The language switch sets its cookie Secure and HttpOnly (checked in Browser.request).
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response, _ = browser.request(
        "POST",
        "/i18n/setlang/",
        f"csrfmiddlewaretoken={token}&language=en&next=/",
        {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://127.0.0.1:{production}"},
    )
    assert response.status == 302 and browser.cookies.get("django_language") == "en"


def test_production_healthz_tells_a_forwarded_visitor_only_that_it_is_up(production):
    browser = Browser(production)
    response, body = browser.request("GET", "/healthz", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.status == 200 and json.loads(body) == {"status": "ok"}
    # Monitoring on the server itself, not through nginx, is told which database answers.
    response, body = browser.request("GET", "/healthz")
    assert json.loads(body)["database"]["status"] == "ok"
