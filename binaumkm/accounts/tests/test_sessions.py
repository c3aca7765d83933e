"""Agency sessions end after 30 minutes idle or 12 hours in total; owners keep the long session."""

import pytest

from binaumkm.accounts import middleware

pytestmark = pytest.mark.django_db
STAFF_PAGE = "/staf/umkm/"


class Clock:
    def __init__(self, now: float = 1_800_000_000):
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "ACCOUNTS": {"SESSION_SEEN_RESOLUTION_SECONDS": 60}}
    clock = Clock()
    monkeypatch.setattr(middleware, "time", clock)
    return clock


def test_an_agency_session_ends_after_thirty_idle_minutes(client, staff_user, clock):
    client.force_login(staff_user)
    assert client.get(STAFF_PAGE).status_code == 200
    assert 0 < client.session.get_expiry_age() <= 30 * 60
    clock.now += 29 * 60
    assert client.get(STAFF_PAGE).status_code == 200
    clock.now += 29 * 60  # still active: each visit restarts the idle clock
    assert client.get(STAFF_PAGE).status_code == 200
    clock.now += 31 * 60
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302 and response.url.startswith("/akun/masuk/?next=")
    assert "_auth_user_id" not in client.session
    assert client.get(STAFF_PAGE).status_code == 302


def test_an_agency_session_ends_twelve_hours_after_login_even_when_busy(client, staff_user, clock):
    client.force_login(staff_user)
    for _ in range(12 * 4):
        assert client.get(STAFF_PAGE).status_code == 200
        clock.now += 15 * 60
    assert client.get(STAFF_PAGE).status_code == 302


def test_the_login_request_itself_starts_the_clock(client, staff_user, clock):
    from binaumkm.core.testing import TEST_PASSWORD

    response = client.post("/akun/masuk/", {"username": staff_user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session[middleware.STARTED] == clock.now


def test_owners_keep_the_long_session(client, owner_user, clock, settings):
    client.force_login(owner_user)
    assert client.get("/").status_code in (200, 302)
    clock.now += 3 * 24 * 3600
    response = client.get("/")
    assert "_auth_user_id" in client.session and response.status_code in (200, 302)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
