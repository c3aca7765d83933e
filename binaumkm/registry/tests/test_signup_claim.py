"""Sign-up that tells nobody who is registered, and claiming a record staff created with a code."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from binaumkm.accounts.models import User
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.registry import services
from binaumkm.registry.events import Event
from binaumkm.registry.models import ClaimCode, Owner
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, nik_for

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')  # fresh per visitor
SLIP_CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{5})-([2-9A-HJKMNP-Z]{5})\b")
GENERIC = "NIK atau kode klaim tidak cocok"


def signup_data(**overrides):
    return {
        "full_name": "Sri Lestari", "phone": "0812 3000 0001", "email": "baru@example.com",
        "nik": nik_for(601, female=True), "gender": "P", "password": "batik-laweyan-77",
        "password_again": "batik-laweyan-77", "consent": "on", **overrides,
    }  # fmt: skip


def observed(client, data):
    """What a visitor sees of one sign-up: the answer, every cookie, and the page it leads to."""
    response = client.post(reverse("registry:signup"), data, REMOTE_ADDR="192.0.2.10")
    # The flash message cookie is signed with the second it was set: compare what it says.
    cookies = {k: v.value.split(":")[0] for k, v in response.cookies.items() if k != "csrftoken"}
    following = client.get(response["Location"]) if response.status_code == 302 else response
    return (
        response.status_code,
        response.get("Location"),
        response.content,
        cookies,
        following.status_code,
        CSRF.sub(b"", following.content),
    )


@pytest.fixture
def registered(areas):
    """A person the agency knows: their record (made by staff) and their own account."""
    user = make_user(
        "pemilik_umkm", username="+6281230009999", phone="+6281230009999", email="lama@example.com"
    )
    owner = OwnerFactory(nik=nik_for(602), phone="+6281230009999", email="", user=user)
    return owner


@pytest.mark.parametrize(
    "taken",
    [
        {"nik": nik_for(602)},
        {"phone": "0812-3000-9999"},
        {"email": "LAMA@example.com"},
    ],
    ids=["nik", "phone", "email"],
)
def test_signup_answers_the_same_whether_or_not_the_data_is_registered(client, registered, taken):
    fresh = observed(client, signup_data())
    client.cookies.clear()
    others = {"nik": nik_for(603, female=True), "phone": "0812 3000 0002", "email": "lain@example.com"}
    again = observed(client, signup_data(**{**others, **taken}))
    assert fresh == again
    assert fresh[0] == 302 and fresh[1] == reverse("registry:signup_done")
    body = again[5].decode()
    assert "sudah terdaftar (" not in body and registered.reference not in body


@pytest.mark.parametrize(
    "taken",
    [{"nik": nik_for(602)}, {"phone": "0812 3000 9999"}, {"email": "lama@example.com"}],
    ids=["nik", "phone", "email"],
)
def test_signup_with_registered_data_creates_nothing_and_tells_the_registered_person(
    client, registered, taken, django_capture_on_commit_callbacks
):
    users, owners = User.objects.count(), Owner.objects.count()
    data = signup_data(**{"phone": "0812 3000 0003", "email": "penyusup@example.com", **taken})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registry:signup"), data)
    assert (User.objects.count(), Owner.objects.count()) == (users, owners)  # no second account
    assert [m.to for m in mail.outbox] == [["lama@example.com"]]  # never the visitor
    assert "/daftar/klaim/" in mail.outbox[0].body and "/akun/sandi/lupa/" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action=Event.SIGNUP_DUPLICATE)
    assert entry.data["matched"] == list(taken)
    assert entry.actor is None


def test_signup_with_a_staff_created_nik_and_no_address_sends_nothing(
    client, areas, django_capture_on_commit_callbacks
):
    OwnerFactory(nik=nik_for(604), email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("registry:signup"), signup_data(nik=nik_for(604), email=""))
    assert response.status_code == 302 and len(callbacks) == 1  # the notice task ran, and found no address
    assert not User.objects.filter(phone="+6281230000001").exists()
    assert mail.outbox == []


# --- Claim codes ----------------------------------------------------------------------------------


@pytest.fixture
def staff(areas):
    return make_user("staf_dinas", username="staf.klaim", full_name="Rina Staf")


@pytest.fixture
def unclaimed(areas):
    owner = OwnerFactory(nik=nik_for(610, female=True), full_name="Bu Darmi", phone="", email="")
    BusinessFactory(owner=owner, name="Gudeg Bu Darmi")
    return owner


def claim_post(client, nik, code, ip="192.0.2.20", **account):
    data = {"nik": nik, "code": code, "phone": "0812 3100 0001", "email": "",
            "password": "gudeg-manggar-9", "password_again": "gudeg-manggar-9", "consent": "on", **account}  # fmt: skip
    return client.post(reverse("registry:claim"), data, REMOTE_ADDR=ip)


def test_issuing_a_claim_code_stores_only_its_hash_and_is_audited(staff, unclaimed):
    issued = services.claim_code_issue(actor=staff, owner=unclaimed)
    stored = ClaimCode.objects.get(owner=unclaimed)
    assert issued.code not in stored.code_hash and len(stored.code_hash) == 64
    entry = AuditEntry.objects.get(action=Event.CLAIM_CODE_ISSUED)
    assert entry.actor == staff and issued.code not in str(entry.data)
    assert stored.expires_at - stored.created_at == datetime.timedelta(days=30)
    again = services.claim_code_issue(actor=staff, owner=unclaimed)
    assert ClaimCode.objects.filter(owner=unclaimed).count() == 1  # the first slip no longer works
    assert again.code != issued.code


def test_staff_print_a_slip_whose_code_claims_the_record_once(client, staff, unclaimed):
    client.force_login(staff)
    response = client.post(reverse("registry:owner_claim_slip", args=[unclaimed.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Bu Darmi" in text and "Gudeg Bu Darmi" in text and unclaimed.nik not in text
    code = "".join(SLIP_CODE.search(text).groups())
    client.logout()

    response = claim_post(client, unclaimed.nik, code.lower())  # any case, with or without the dash
    assert response.status_code == 302 and response.url == reverse("registry:my_businesses")
    unclaimed.refresh_from_db()
    assert unclaimed.user.phone == "+6281231000001" and unclaimed.phone == "+6281231000001"
    assert client.get(reverse("registry:my_businesses")).content.decode().count("Gudeg Bu Darmi") >= 1
    entry = AuditEntry.objects.get(action=Event.OWNER_CLAIMED)
    assert entry.actor == unclaimed.user and entry.data == {"new_account": True}
    assert ClaimCode.objects.get(owner=unclaimed).used_by == unclaimed.user

    client.logout()
    response = claim_post(client, unclaimed.nik, code, phone="0812 3100 0002")
    assert response.status_code == 200 and GENERIC in response.content.decode()
    assert not User.objects.filter(phone="+6281231000002").exists()


def test_a_signed_in_account_claims_a_record(client, staff, unclaimed):
    code = services.claim_code_issue(actor=staff, owner=unclaimed).display
    user = make_user(None, username="+6281231000005", phone="+6281231000005")
    client.force_login(user)
    response = client.post(reverse("registry:claim"), {"nik": unclaimed.nik, "code": code})
    assert response.status_code == 302
    unclaimed.refresh_from_db()
    assert unclaimed.user == user and user.groups.filter(name="pemilik_umkm").exists()


@pytest.mark.parametrize("case", ["wrong", "expired", "unknown_nik", "other_owner"])
def test_wrong_or_expired_codes_get_one_generic_message(client, staff, unclaimed, case):
    issued = services.claim_code_issue(actor=staff, owner=unclaimed)
    nik, code = unclaimed.nik, issued.code
    if case == "wrong":
        code = "2222233333"
    elif case == "expired":
        ClaimCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif case == "unknown_nik":
        nik = nik_for(699)
    else:
        other = OwnerFactory(nik=nik_for(611))
        nik = other.nik
    response = claim_post(client, nik, code)
    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    unclaimed.refresh_from_db()
    assert unclaimed.user is None and not AuditEntry.objects.filter(action=Event.OWNER_CLAIMED).exists()


def test_no_slip_for_an_owner_who_has_an_account(client, staff, registered):
    client.force_login(staff)
    BusinessFactory(owner=registered)
    response = client.post(reverse("registry:owner_claim_slip", args=[registered.pk]), follow=True)
    assert "sudah punya akun" in response.content.decode()
    assert not ClaimCode.objects.exists()


def test_claim_guesses_are_throttled_like_logins(client, staff, unclaimed):
    code = services.claim_code_issue(actor=staff, owner=unclaimed).code
    for _ in range(5):
        assert claim_post(client, unclaimed.nik, "2222233333").status_code == 200
    response = claim_post(client, unclaimed.nik, code)  # even the right code waits now
    assert response.status_code == 429
    assert "Terlalu banyak percobaan kode klaim" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    unclaimed.refresh_from_db()
    assert unclaimed.user is None
