import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from binaumkm.accounts.models import RoleDefault
from binaumkm.accounts.roles import Role, roles_sync
from binaumkm.core import policy
from binaumkm.core.testing import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_every_role_exists_with_its_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert {r.value for r in Role} <= names
    staff = Group.objects.get(name=Role.STAFF)
    admin = Group.objects.get(name=Role.ADMIN)
    assert staff.permissions.filter(codename="verify_business").exists()
    assert staff.permissions.filter(codename="view_personal_data").exists()
    assert not staff.permissions.filter(codename="delete_business").exists()
    assert admin.permissions.filter(codename="delete_business").exists()
    assert set(staff.permissions.all()) <= set(admin.permissions.all())
    owner = Group.objects.get(name=Role.OWNER)
    assert set(owner.permissions.values_list("codename", flat=True)) >= {"manage_own_business"}


def test_roles_are_data_a_permission_a_city_removed_stays_removed_after_an_upgrade():
    staff = Group.objects.get(name=Role.STAFF)
    staff.permissions.remove(staff.permissions.get(codename="verify_business"))
    roles_sync()  # what every migrate runs
    assert not staff.permissions.filter(codename="verify_business").exists()
    # A default that a new release declares (never applied before) is added on upgrade.
    RoleDefault.objects.filter(role=Role.STAFF, permission="registry.view_personal_data").delete()
    staff.permissions.remove(staff.permissions.get(codename="view_personal_data"))
    roles_sync()
    assert staff.permissions.filter(codename="view_personal_data").exists()


def test_the_policy_follows_permissions_not_role_names():
    owner = make_user(Role.OWNER, username="o1")
    staff = make_user(Role.STAFF, username="s1")
    assert policy.holds(owner, "registry.manage_own_business") and not policy.holds(
        owner, "registry.view_business"
    )
    assert policy.holds(staff, "registry.verify_business")
    # A city narrows the staff role: the same user loses the action without a deploy.
    group = Group.objects.get(name=Role.STAFF)
    group.permissions.remove(group.permissions.get(codename="verify_business"))
    staff = type(staff).objects.get(pk=staff.pk)
    assert not policy.holds(staff, "registry.verify_business")


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = make_user(Role.OWNER, username="argon")
    assert user.password.startswith("argon2")


def test_login_with_phone_in_any_spelling_or_email(client):
    make_user(Role.OWNER, username="+6281233334444", phone="+6281233334444", email="sri@example.com")
    for identifier in ("0812-3333-4444", "+62 812 3333 4444", "SRI@example.com"):
        response = client.post(reverse("accounts:login"), {"username": identifier, "password": TEST_PASSWORD})
        assert response.status_code == 302, identifier
        client.logout()


def test_login_attempts_are_rate_limited(client):
    make_user(Role.OWNER, username="+6281255556666", phone="+6281255556666")
    for _ in range(5):
        response = client.post(reverse("accounts:login"), {"username": "081255556666", "password": "salah"})
        assert response.status_code == 200
        assert "salah" in response.content.decode()
    # Even the right password is refused while blocked, with a clear message.
    response = client.post(reverse("accounts:login"), {"username": "081255556666", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_home_sends_each_role_to_its_start_page(client):
    assert "Daftarkan usaha Anda" in client.get("/").content.decode()
    client.force_login(make_user(Role.STAFF, username="s2"))
    assert client.get("/")["Location"] == reverse("registry:staff_dashboard")
    client.force_login(make_user(Role.OWNER, username="o2"))
    assert client.get("/")["Location"] == reverse("registry:my_businesses")


def test_indonesian_first_english_on_request(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert "Masuk ke Bina UMKM" in response.content.decode()  # browser language does not switch it
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert "Log in to Bina UMKM" in response.content.decode()
    assert response["Content-Language"] == "en"


def test_password_reset_by_email_and_change(client, mailoutbox):
    import re

    make_user(Role.OWNER, username="+6281277778888", phone="+6281277778888", email="wulan@example.com")
    response = client.post(reverse("accounts:password_reset"), {"email": "wulan@example.com"})
    assert response.status_code == 302 and len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/akun/sandi/atur/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "wedang-uwuh-99", "new_password2": "wedang-uwuh-99"})
    assert response.status_code == 302
    assert (
        client.post(
            reverse("accounts:login"), {"username": "081277778888", "password": "wedang-uwuh-99"}
        ).status_code
        == 302
    )
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "salah", "new_password1": "x", "new_password2": "y"})  # fmt: skip
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_anonymous_home_links_to_the_public_catalogue(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("catalogue:home")}"' in html and reverse("catalogue:home") == "/katalog/"
