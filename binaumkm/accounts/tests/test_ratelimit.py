"""Guessing passwords is slow and never locks the owner out; reset and sign-up are throttled."""

import pytest
from django.core import mail
from django.urls import reverse

from binaumkm.accounts import ratelimit
from binaumkm.accounts.roles import Role
from binaumkm.core.testing import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = "/akun/masuk/"
HOME = "198.51.100.10"  # the owner's usual address
ATTACKER = "203.0.113.66"


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ratelimit, "time", clock)
    return clock


@pytest.fixture
def owner(db):
    return make_user(Role.OWNER, username="+6281255556666", phone="+6281255556666", email="sri@example.com")


def attempt(client, identifier, password, ip):
    response = client.post(LOGIN, {"username": identifier, "password": password}, REMOTE_ADDR=ip)
    client.logout()
    return response.status_code


def test_spellings_of_one_phone_and_email_case_share_one_identifier():
    spellings = {"0812-5555-6666", "+62 812 5555 6666", "6281255556666", " 081255556666 "}
    assert {ratelimit.normalize_identifier(s) for s in spellings} == {"+6281255556666"}
    assert ratelimit.normalize_identifier("Sri@Example.COM ") == "sri@example.com"
    assert ratelimit.normalize_identifier(" Staf1 ") == "staf1"


def test_one_address_guessing_one_account_is_blocked_in_any_spelling(client, owner, clock):
    for spelling in (
        "081255556666",
        "+62 812 5555 6666",
        "62-812-5555-6666",
        "0812 5555 6666",
        "081255556666",
    ):
        assert attempt(client, spelling, "salah", ATTACKER) == 200
    # Even the right password is refused from this address, with a clear message.
    response = client.post(
        LOGIN, {"username": "081255556666", "password": TEST_PASSWORD}, REMOTE_ADDR=ATTACKER
    )
    assert response.status_code == 429 and "Terlalu banyak percobaan" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_the_owner_logs_in_from_home_while_an_attacker_guesses_from_elsewhere(client, owner, clock):
    assert attempt(client, "081255556666", TEST_PASSWORD, HOME) == 302  # a known address now
    refused = 0
    for i in range(40):  # a botnet: each guess from a different address
        status = attempt(client, "081255556666", "salah", f"203.0.113.{i}")
        refused += status == 429
        clock.now += 1
    assert refused > 20  # the account slowed down: most guesses never reached the password check
    assert attempt(client, "0812 5555 6666", TEST_PASSWORD, HOME) == 302
    # A new address waits the growing delay, then may try (the owner on a new phone gets in).
    for _ in range(5):
        ratelimit.Limiter("login", "081255556666", ATTACKER).login_failed()
    assert attempt(client, "081255556666", TEST_PASSWORD, "192.0.2.50") == 429
    clock.now += 15 * 60
    assert attempt(client, "081255556666", TEST_PASSWORD, "192.0.2.50") == 302


def test_the_delay_grows_with_every_failure(owner, clock):
    limiter = ratelimit.Limiter("login", "081255556666", ATTACKER)
    waits = []
    for i in range(9):
        ratelimit.Limiter("login", "081255556666", f"192.0.2.{i}").login_failed()
        waits.append(limiter.login_check().retry_after)
    assert waits[:4] == [0, 0, 0, 0] and waits[4] < waits[6] < waits[8]


def test_one_address_guessing_many_accounts_is_throttled_but_the_office_keeps_working(client, clock):
    office = "198.51.100.200"
    colleague = make_user(Role.STAFF, username="ani")
    assert attempt(client, "ani", TEST_PASSWORD, office) == 302  # signed in from the office before
    for i in range(30):  # someone in the office tries 30 accounts, twice each at most
        assert attempt(client, f"korban{i}", "salah", office) == 200
    assert attempt(client, "korban99", "salah", office) == 429
    assert attempt(client, "korban99", "salah", "192.0.2.1") == 200  # elsewhere: not affected
    assert attempt(client, colleague.username, TEST_PASSWORD, office) == 302


def test_password_reset_is_throttled_per_email_and_per_address(client, owner):
    url = reverse("accounts:password_reset")
    for _ in range(5):
        response = client.post(url, {"email": "SRI@example.com"}, REMOTE_ADDR=ATTACKER)
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 3
    for i in range(30):
        client.post(url, {"email": f"orang{i}@example.com"}, REMOTE_ADDR="192.0.2.9")
    client.post(url, {"email": "sri@example.com"}, REMOTE_ADDR="192.0.2.9")
    assert len(mail.outbox) == 3  # the address used its budget before asking for Sri


def test_signup_is_throttled_per_phone_and_per_address(client, areas):
    url = reverse("registry:signup")
    data = {"full_name": "Sri", "phone": "0812 7777 8888", "password": "x"}
    statuses = [client.post(url, data, REMOTE_ADDR=ATTACKER).status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    assert "Terlalu banyak pendaftaran" in client.post(url, data, REMOTE_ADDR=ATTACKER).content.decode()
    assert client.post(url, {**data, "phone": "0812 7777 9999"}, REMOTE_ADDR="192.0.2.77").status_code == 200
    for i in range(40):
        client.post(url, {**data, "phone": f"0812 7000 {i:04d}"}, REMOTE_ADDR="192.0.2.88")
    assert client.post(url, {**data, "phone": "0812 7777 1111"}, REMOTE_ADDR="192.0.2.88").status_code == 429
