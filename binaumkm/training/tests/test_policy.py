"""The access policy of training: partners and other owners cannot act for an owner, staff powers come
from permissions (a city that takes one away from a role takes the action away), and navigation
follows the permissions."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core.testing import make_user
from binaumkm.training import selectors, services
from binaumkm.training.models import BatchState, Registration, RegistrationStatus, SelectionMode
from binaumkm.training.tests.factories import BatchFactory, RegistrationFactory, owner_with_business

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def fresh(user: User) -> User:
    """The user re-read, so Django's permission cache reflects the role's current permissions."""
    return User.objects.get(pk=user.pk)


def take_away(role: str, codename: str) -> None:
    Group.objects.get(name=role).permissions.remove(
        Permission.objects.get(content_type__app_label="training", codename=codename)
    )


@pytest.fixture
def partners(areas):
    return {
        "store": make_user(Role.STORE_PARTNER, username="toko.a"),
        "outlet": make_user(Role.OUTLET_PARTNER, username="gerai.a"),
        "mentor": make_user(Role.MENTOR, username="pendamping.a"),
    }


def test_partners_and_other_owners_cannot_register_or_answer_for_an_owner(areas, partners):
    owner, business = owner_with_business()
    other, _theirs = owner_with_business()
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=1)
    for intruder in [other, *partners.values()]:
        with pytest.raises(PermissionDenied):
            services.registration_create(actor=intruder, batch=batch, business=business)
    assert not Registration.objects.exists()
    seat = services.registration_create(actor=owner, batch=batch, business=business)
    offer = RegistrationFactory(batch=batch, status=S.WAITLISTED)
    services.registration_cancel(actor=owner, registration=seat)
    offer.refresh_from_db()
    assert offer.status == S.OFFERED
    for intruder in [owner, other, *partners.values()]:  # the offer is not the first owner's either
        for act in (services.offer_accept, services.offer_decline):
            with pytest.raises(PermissionDenied):
                act(actor=intruder, registration=offer)
        with pytest.raises(PermissionDenied):
            services.registration_cancel(actor=intruder, registration=offer)
    offer.refresh_from_db()
    assert offer.status == S.OFFERED


def test_owners_cannot_use_staff_services(areas, partners):
    owner, business = owner_with_business()
    registration = RegistrationFactory(business=business)
    batch = registration.batch
    for actor in [owner, *partners.values()]:
        with pytest.raises(PermissionDenied):
            services.batch_open(actor=actor, batch=batch)
        with pytest.raises(PermissionDenied):
            services.registration_set_priority(
                actor=actor, registration=registration, priority=5, reason="saya dulu"
            )
        with pytest.raises(PermissionDenied):
            services.allocation_preview(actor=actor, batch=batch)
        with pytest.raises(PermissionDenied):
            services.coverage_export(actor=actor)


def test_another_owners_registration_and_certificate_are_404(areas):
    owner, business = owner_with_business()
    other, _theirs = owner_with_business()
    registration = RegistrationFactory(business=business)
    with pytest.raises(Http404):
        selectors.registration_owned_get(actor=other, pk=registration.pk)
    assert selectors.registration_owned_get(actor=owner, pk=registration.pk) == registration
    assert not selectors.registrations_owned(actor=other).exists()
    # Staff see every registration in the back office, but "own" pages are only an owner's own.
    staff = make_user(Role.STAFF, username="staf.x")
    assert selectors.registration_get(actor=staff, pk=registration.pk) == registration
    with pytest.raises(Http404):
        selectors.registration_owned_get(actor=staff, pk=registration.pk)


def test_city_taking_change_batch_from_staff_takes_the_buttons_and_the_action(client, areas):
    staff = make_user(Role.STAFF, username="staf.y")
    batch = BatchFactory(state=BatchState.DRAFT)
    client.force_login(staff)
    page = client.get(reverse("training:batch_detail", args=[batch.pk])).content.decode()
    assert "Buka pendaftaran" in page
    take_away(Role.STAFF, "change_batch")
    page = client.get(reverse("training:batch_detail", args=[batch.pk]))
    assert page.status_code == 200 and "Buka pendaftaran" not in page.content.decode()
    assert client.post(reverse("training:batch_open", args=[batch.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.batch_open(actor=fresh(staff), batch=batch)
    batch.refresh_from_db()
    assert batch.state == BatchState.DRAFT
    # Other permissions of the role are untouched.
    assert client.get(reverse("training:programme_list")).status_code == 200


def test_city_taking_self_service_from_owners_takes_registration_away(client, areas):
    owner, business = owner_with_business()
    registration = RegistrationFactory(business=business)
    batch = BatchFactory()
    take_away(Role.OWNER, "register_own_business")
    owner = fresh(owner)
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=owner, batch=batch, business=business)
    client.force_login(owner)
    assert client.get(reverse("training:my_registration", args=[registration.pk])).status_code == 403
    page = client.get(reverse("training:batch_public", args=[batch.pk])).content.decode()
    assert "Kirim pendaftaran" not in page
    assert apps.get_app_config("training").navigation(owner) == []


def test_city_granting_a_role_a_permission_grants_the_page(client, areas):
    mentor = make_user(Role.MENTOR, username="pendamping.b")
    client.force_login(mentor)
    assert client.get(reverse("training:coverage")).status_code == 403
    Group.objects.get(name=Role.MENTOR).permissions.add(
        Permission.objects.get(content_type__app_label="training", codename="view_registration")
    )
    assert client.get(reverse("training:coverage")).status_code == 200


def test_navigation_follows_permissions(areas):
    owner, _business = owner_with_business()
    staff = make_user(Role.STAFF, username="staf.z")
    partner = make_user(Role.STORE_PARTNER, username="toko.b")
    nav = apps.get_app_config("training").navigation
    assert nav(staff) == [("Pelatihan", reverse("training:programme_list"))]
    assert nav(owner) == [("Pelatihan", reverse("training:index"))]
    assert nav(partner) == []
