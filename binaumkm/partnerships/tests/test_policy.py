"""The access policy of partnerships: each party acts only for itself (another party's object is a 404
on pages and a refusal in services), and a city that takes a permission away from a role takes the
action away, pages and services alike."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.core.testing import make_user
from binaumkm.partnerships import selectors, services
from binaumkm.partnerships.models import PartnershipStatus, WarningLetter
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def parties(areas, staff_user, store_user, other_store_user):
    """A store with its manager, another store with its own, and an owner whose business has an
    accepted offer from the first store."""
    store, other = StoreFactory(name="Indomaret Veteran"), StoreFactory(name="Alfamart Kauman")
    store.managers.add(store_user)
    other.managers.add(other_store_user)
    owner = make_user("pemilik_umkm", username="+6281255550000", phone="+6281255550000")
    business = BusinessFactory(owner=OwnerFactory(user=owner), name="Serabi Bu Sri")
    accepted = PartnershipFactory(store=store, business=business, status=PartnershipStatus.ACCEPTED)
    active = PartnershipFactory(store=store, status=PartnershipStatus.ACTIVE)
    past = PartnershipFactory(
        store=store, business=business, status=PartnershipStatus.ENDED, end_date=datetime.date(2021, 1, 1)
    )
    return {
        "store": store,
        "other": other,
        "owner": owner,
        "accepted": accepted,
        "active": active,
        "past": past,
    }


def without(role: str, codename: str) -> None:
    """A city takes a permission away from a role (as on the "Peran dan izin" page)."""
    Group.objects.get(name=role).permissions.remove(Permission.objects.get(codename=codename))


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # permissions are cached on the user object


# --- Nobody acts for another party ------------------------------------------------------------------


def test_a_store_manager_cannot_act_for_another_store(parties, other_store_user):
    accepted, active = parties["accepted"], parties["active"]
    today = timezone.localdate()
    for act in (
        lambda: services.partnership_confirm(
            actor=other_store_user, partnership=accepted, display_ready=True
        ),
        lambda: services.store_decline(actor=other_store_user, partnership=accepted, reason="Rak penuh"),
        lambda: services.partnership_end(
            actor=other_store_user, partnership=active, end_date=today, reason="x"
        ),
        lambda: services.agreement_attach(
            actor=other_store_user, partnership=active, upload=SimpleUploadedFile("a.pdf", PDF)
        ),
    ):
        with pytest.raises(PermissionDenied):
            act()
    accepted.refresh_from_db()
    assert accepted.status == PartnershipStatus.ACCEPTED


def test_a_store_manager_cannot_answer_for_the_owner_nor_the_owner_for_the_store(parties, store_user):
    offer = PartnershipFactory(
        store=parties["store"], business=BusinessFactory(owner=parties["owner"].owner), status="diusulkan"
    )
    with pytest.raises(PermissionDenied):
        services.offer_accept(actor=store_user, partnership=offer)
    with pytest.raises(PermissionDenied):
        services.partnership_confirm(
            actor=parties["owner"], partnership=parties["accepted"], display_ready=True
        )


def back_office_acts(actor, store, partnership):
    return (
        lambda: services.store_update(actor=actor, store=store, data={"address": "Jl. Lain 1"}),
        lambda: services.partnership_create(
            actor=actor, store=store, business=BusinessFactory(), data={"form": "pasokan"}
        ),
        lambda: services.partnership_cancel(actor=actor, partnership=partnership, reason="x"),
        lambda: services.letter_create(actor=actor, store=store),
        lambda: services.match_run_create(actor=actor, stores=[store]),
        lambda: services.store_manager_add(
            actor=actor, store=store, full_name="Teman", phone="+6281200009999", email=""
        ),
    )


def test_partners_cannot_use_the_back_office_services(parties, store_user):
    for actor in (store_user, parties["owner"]):
        for act in back_office_acts(actor, parties["store"], parties["accepted"]):
            with pytest.raises(PermissionDenied):
                act()
    assert not WarningLetter.objects.exists() and not User.objects.filter(phone="+6281200009999").exists()


def test_each_party_reads_only_its_own(parties, staff_user, store_user, other_store_user):
    staff_user_letter = services.letter_create(actor=staff_user, store=parties["store"])
    services.letter_create(actor=staff_user, store=parties["other"])
    assert list(selectors.store_managed(actor=store_user)) == [parties["store"]]
    assert list(selectors.letter_list(actor=store_user)) == [staff_user_letter]
    assert selectors.letter_list(actor=staff_user).count() == 2
    owned = selectors.partnership_owned(actor=parties["owner"])
    assert set(owned) == {parties["accepted"], parties["past"]}
    assert not selectors.partnership_owned(actor=store_user).exists()
    assert not selectors.store_partnerships(actor=other_store_user, store=parties["store"]).exists()
    # Another store's compliance counts nothing for a manager who cannot see it.
    assert selectors.store_compliance(actor=other_store_user, store=parties["store"]).active == 0
    assert selectors.store_compliance(actor=store_user, store=parties["store"]).active == 1


def test_another_partys_objects_are_404_on_pages(client, parties, other_store_user):
    client.force_login(other_store_user)
    active = parties["active"]
    assert client.get(reverse("partnerships:store_home", args=[parties["store"].pk])).status_code == 404
    # Their own store in the URL, another store's partnership: also 404.
    url = reverse("partnerships:store_end", args=[parties["other"].pk, active.pk])
    assert client.post(url, {"end_date": timezone.localdate().isoformat(), "reason": "x"}).status_code == 404
    active.refresh_from_db()
    assert active.status == PartnershipStatus.ACTIVE
    stranger = make_user("pemilik_umkm", username="+6281255550009", phone="+6281255550009")
    client.force_login(stranger)
    assert (
        client.post(reverse("partnerships:my_offer_accept", args=[parties["accepted"].pk])).status_code == 404
    )
    assert client.get(reverse("partnerships:agreement", args=[parties["accepted"].pk])).status_code == 404


# --- A city removing a permission removes the action ---------------------------------------------------


def test_without_own_store_the_portal_is_closed(client, parties, store_user):
    client.force_login(store_user)
    assert client.get(reverse("partnerships:store_home", args=[parties["store"].pk])).status_code == 200
    without("mitra_toko", "manage_own_store")
    manager = fresh(store_user)
    client.force_login(manager)
    assert client.get(reverse("partnerships:portal")).status_code == 403
    assert client.get(reverse("partnerships:store_home", args=[parties["store"].pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.partnership_confirm(actor=manager, partnership=parties["accepted"], display_ready=True)
    home = client.get("/")  # no longer sent to the portal, and no "Toko saya" in the menu
    assert home.status_code == 200 and "Toko saya" not in home.content.decode()


def test_without_own_partnership_owners_cannot_answer_offers(client, parties):
    owner = parties["owner"]
    client.force_login(owner)
    assert ">Kemitraan<" in client.get(reverse("partnerships:my_offers")).content.decode()
    without("pemilik_umkm", "manage_own_partnership")
    owner = fresh(owner)
    client.force_login(owner)
    assert client.get(reverse("partnerships:my_offers")).status_code == 403
    offer = PartnershipFactory(
        store=parties["other"], business=parties["accepted"].business, status=PartnershipStatus.PROPOSED
    )
    with pytest.raises(PermissionDenied):
        services.offer_accept(actor=owner, partnership=offer)


def test_without_send_warning_letter_staff_issue_no_letters(client, parties, staff_user):
    without("staf_dinas", "send_warning_letter")
    staff = fresh(staff_user)
    client.force_login(staff)
    assert client.get(reverse("partnerships:dashboard")).status_code == 200  # the rest stays
    page = client.get(reverse("partnerships:store_detail", args=[parties["store"].pk])).content.decode()
    assert 'data-testid="letter-create"' not in page and 'data-testid="match-store"' in page
    assert client.post(reverse("partnerships:letter_create", args=[parties["store"].pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.letter_create(actor=staff, store=parties["store"])
    assert not WarningLetter.objects.exists()


def test_without_change_partnership_staff_cannot_act_on_partnerships(client, parties, staff_user):
    without("staf_dinas", "change_partnership")
    staff = fresh(staff_user)
    client.force_login(staff)
    accepted = parties["accepted"]
    url = reverse("partnerships:partnership_action", args=[accepted.pk, "konfirmasi"])
    assert client.post(url).status_code == 403
    detail = client.get(reverse("partnerships:partnership_detail", args=[accepted.pk]))
    assert detail.status_code == 200 and "Tindakan staf" not in detail.content.decode()
    with pytest.raises(PermissionDenied):
        services.partnership_confirm(actor=staff, partnership=accepted, display_ready=True)
    accepted.refresh_from_db()
    assert accepted.status == PartnershipStatus.ACCEPTED


def test_business_search_lists_only_eligible_umkm(staff_client, areas):
    BusinessFactory(name="Batik Sekar Verified")
    BusinessFactory(name="Batik Sekar Baru", verification="baru")
    BusinessFactory(name="Batik Sekar Tutup", status="tutup")
    html = staff_client.get(
        reverse("partnerships:business_search"), {"business": "Batik Sekar"}
    ).content.decode()
    assert "Batik Sekar Verified" in html and "Baru" not in html and "Tutup" not in html
    assert staff_client.get(reverse("partnerships:business_search"), {"business": "B"}).content.strip() == b""
