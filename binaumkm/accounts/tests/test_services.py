"""One way to create accounts, one-time set-password links, and role permissions as data."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from binaumkm.accounts import services
from binaumkm.accounts.events import Event
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core import policy
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user

pytestmark = pytest.mark.django_db


def test_a_partner_account_is_created_without_a_usable_password_and_found_by_any_spelling(staff_user):
    user, created = services.account_create(
        actor=staff_user,
        role=Role.STORE_PARTNER,
        full_name="Bu Ani",
        phone="+6281299990001",
        email="Ani@Example.com",
    )
    assert created and not user.has_usable_password()
    assert policy.holds(user, "partnerships.view_store") is False  # a role of its own, not staff's
    assert user.groups.filter(name=Role.STORE_PARTNER).exists()
    # The same person, typed another way, is the same account (it gets the further role).
    again, created = services.account_create(
        actor=staff_user, role=Role.OUTLET_PARTNER, full_name="Ani", phone=None, email="ani@example.COM"
    )
    assert again == user and not created and user.groups.filter(name=Role.OUTLET_PARTNER).exists()
    assert AuditEntry.objects.filter(action=Event.USER_CREATED, object_id=str(user.pk)).count() == 1
    assert AuditEntry.objects.filter(action=Event.ROLE_GIVEN, object_id=str(user.pk)).count() == 2


def test_an_agency_account_is_never_attached_as_a_partner_nor_a_partner_made_staff(staff_user, admin_user):
    staff_user.phone = "+6281299990002"
    staff_user.save()
    with pytest.raises(ValidationError) as exc:
        services.account_create(
            actor=admin_user, role=Role.OUTLET_PARTNER, full_name="X", phone="+6281299990002"
        )
    assert "pegawai dinas" in str(exc.value)
    partner, _ = services.account_create(
        actor=staff_user, role=Role.STORE_PARTNER, full_name="Toko", phone="+6281299990003"
    )
    with pytest.raises(ValidationError):
        services.account_create(actor=admin_user, role=Role.STAFF, full_name="Toko", phone="+6281299990003")
    assert not partner.groups.filter(name=Role.STAFF).exists()


def test_only_holders_of_add_user_create_agency_accounts(staff_user, admin_user):
    with pytest.raises(PermissionDenied):
        services.account_create(actor=staff_user, role=Role.STAFF, full_name="Baru", email="baru@dinas.go.id")
    user, _ = services.account_create(
        actor=admin_user, role=Role.STAFF, full_name="Baru", email="baru@dinas.go.id"
    )
    assert policy.holds(user, "registry.view_business")


def test_staff_invite_partners_but_never_agency_accounts(staff_user, admin_user):
    partner, _ = services.account_create(
        actor=staff_user, role=Role.OUTLET_PARTNER, full_name="Gerai", phone="+6281299990004"
    )
    assert services.invitation_create(actor=staff_user, user=partner).url.startswith("http")
    assert AuditEntry.objects.filter(action=Event.INVITATION_CREATED, object_id=str(partner.pk)).exists()
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=staff_user, user=admin_user)
    assert services.invitation_create(actor=admin_user, user=staff_user).user == staff_user


def test_the_set_password_link_works_once_and_no_password_reaches_a_page_or_cookie(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:user_list"),
        {"full_name": "Dewi Lestari", "email": "dewi@dinas.go.id", "phone": "", "role": Role.STAFF},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "kata sandi" in html.lower() and not response.cookies.get("messages")
    link = re.search(r'value="https?://[^/]+(/akun/sandi/atur/[^"]+)"', html).group(1)
    user = User.objects.get(email="dewi@dinas.go.id")
    assert not user.has_usable_password()
    client.logout()
    form_url = client.get(link)["Location"]
    assert (
        client.post(
            form_url, {"new_password1": "serabi-notosuman-7", "new_password2": "serabi-notosuman-7"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("accounts:login"), {"username": "dewi@dinas.go.id", "password": "serabi-notosuman-7"}
        ).status_code
        == 302
    )
    client.logout()
    # A second use of the same link is refused.
    second = client.get(link, follow=True).content.decode()
    assert "new_password1" not in second


def test_a_city_changes_a_role_on_the_roles_page_and_it_is_logged(client, admin_user, staff_user):
    client.force_login(admin_user)
    group = Group.objects.get(name=Role.STAFF)
    keep = [p.pk for p in group.permissions.exclude(codename="verify_business")]
    response = client.post(reverse("accounts:role_edit", args=[Role.STAFF]), {"permissions": keep})
    assert response.status_code == 302
    assert not policy.holds(User.objects.get(pk=staff_user.pk), "registry.verify_business")
    entry = AuditEntry.objects.get(action=Event.ROLE_CHANGED)
    assert (
        entry.data["removed"] == ["registry.verify_business"] and entry.actor_label == admin_user.display_name
    )
    assert not Permission.objects.filter(codename="verify_business", group=group).exists()
    client.force_login(staff_user)
    assert client.get(reverse("accounts:role_list")).status_code == 403


def test_deactivated_accounts_cannot_log_in(admin_user, client):
    user = make_user(Role.STORE_PARTNER, username="toko.x")
    services.account_deactivate(actor=admin_user, user=user)
    assert not User.objects.get(pk=user.pk).is_active
    assert AuditEntry.objects.filter(action=Event.USER_DEACTIVATED).exists()
    response = client.post(reverse("accounts:login"), {"username": "toko.x", "password": "binaumkm-demo"})
    assert response.status_code == 200
