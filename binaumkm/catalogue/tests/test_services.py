"""Consent and curation: each transition, each refusal, and the review rule for approved listings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from binaumkm.catalogue import services
from binaumkm.catalogue.events import Event
from binaumkm.catalogue.models import ListingState
from binaumkm.catalogue.selectors import public_listings
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

from .factories import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(owner_user):
    return OwnerFactory(user=owner_user)


@pytest.fixture
def product(owner):
    return ProductFactory(business=BusinessFactory(owner=owner), name="Kemeja Batik Tulis", category="batik")


def audited(code):
    return AuditEntry.objects.filter(action=code).exists()


def draft(owner_user, product, **data):
    return services.listing_create(actor=owner_user, product=product, data=data, photo=upload())


def test_the_whole_curation_path_makes_a_listing_public_only_when_approved(owner_user, staff_user, product):
    services.consent_set(actor=owner_user, business=product.business, given=True, whatsapp="0812-3456-7890")
    listing = draft(owner_user, product, description="Batik tulis tangan")
    assert listing.state == ListingState.DRAFT and listing.name == "Kemeja Batik Tulis"
    assert audited(Event.LISTING_CREATED) and audited(Event.CONSENT_GIVEN)
    services.listing_submit(actor=owner_user, listing=listing)
    assert not public_listings().exists()
    services.listing_request_revision(actor=staff_user, listing=listing, reason="Foto buram")
    listing.refresh_from_db()
    assert (listing.state, listing.revision_reason) == (ListingState.REVISION, "Foto buram")
    services.listing_update(
        actor=owner_user, listing=listing, data={"name": "Kemeja Batik Tulis Sogan"}, photo=upload()
    )
    services.listing_submit(actor=owner_user, listing=listing)
    services.listing_approve(actor=staff_user, listing=listing)
    listing.refresh_from_db()
    assert listing.state == ListingState.APPROVED and listing.revision_reason == ""
    assert list(public_listings()) == [listing]
    for code in (
        Event.LISTING_SUBMITTED,
        Event.LISTING_REVISION,
        Event.LISTING_UPDATED,
        Event.LISTING_APPROVED,
    ):
        assert audited(code), code
    services.listing_archive(actor=owner_user, listing=listing)
    assert audited(Event.LISTING_ARCHIVED) and not public_listings().exists()


def test_consent_stores_the_chosen_whatsapp_number_only(owner_user, product):
    consent = services.consent_set(
        actor=owner_user, business=product.business, given=True, whatsapp="0812 3456 7890"
    )
    assert consent.whatsapp == "+6281234567890" and consent.given_at
    consent = services.consent_set(actor=owner_user, business=product.business, given=True, whatsapp="")
    assert consent.whatsapp == ""
    consent = services.consent_set(
        actor=owner_user, business=product.business, given=False, whatsapp="0812 3456 7890"
    )
    assert not consent.given and consent.withdrawn_at and consent.whatsapp == ""
    assert audited(Event.CONSENT_WITHDRAWN)


def test_another_owner_cannot_list_or_consent_for_a_business(product):
    stranger = make_user("pemilik_umkm", username="lain")
    OwnerFactory(user=stranger)
    with pytest.raises(ValidationError):
        services.consent_set(actor=stranger, business=product.business, given=True)
    with pytest.raises(ValidationError):
        services.listing_create(actor=stranger, product=product, data={})


def approved(owner_user, staff_user, product):
    listing = draft(owner_user, product)
    services.listing_submit(actor=owner_user, listing=listing)
    return services.listing_approve(actor=staff_user, listing=listing)


@pytest.mark.parametrize(
    ("change", "back_to_review"),
    [
        ({"name": "Nama Baru"}, True),
        ({"category": "fesyen"}, True),
        ({"price": 300_000}, False),
        ({"description": "x"}, False),
    ],
)
def test_an_approved_listing_goes_back_to_review_on_name_or_category_not_price(
    owner_user, staff_user, product, change, back_to_review
):
    listing = approved(owner_user, staff_user, product)
    listing = services.listing_update(actor=owner_user, listing=listing, data=change)
    assert listing.state == (ListingState.SUBMITTED if back_to_review else ListingState.APPROVED)


def test_a_new_photo_on_an_approved_listing_goes_back_to_review(owner_user, staff_user, product):
    listing = approved(owner_user, staff_user, product)
    listing = services.listing_update(actor=owner_user, listing=listing, data={}, photo=upload())
    assert listing.state == ListingState.SUBMITTED


def test_refusals(owner_user, staff_user, product):
    listing = services.listing_create(actor=owner_user, product=product, data={})
    with pytest.raises(ValidationError, match="foto"):
        services.listing_submit(actor=owner_user, listing=listing)
    with pytest.raises(ValidationError, match="sudah ada"):
        services.listing_create(actor=owner_user, product=product, data={})
    with pytest.raises(ValidationError, match="menunggu kurasi"):
        services.listing_approve(actor=staff_user, listing=listing)
    services.listing_update(actor=owner_user, listing=listing, data={}, photo=upload())
    services.listing_submit(actor=owner_user, listing=listing)
    with pytest.raises(ValidationError, match="Tuliskan"):
        services.listing_request_revision(actor=staff_user, listing=listing, reason="  ")
    with pytest.raises(PermissionDenied):
        services.listing_approve(actor=owner_user, listing=listing)  # owners do not curate
    with pytest.raises(ValidationError, match="draf"):
        services.listing_submit(actor=owner_user, listing=listing)
    services.listing_archive(actor=staff_user, listing=listing)
    with pytest.raises(ValidationError, match="diarsipkan"):
        services.listing_update(actor=owner_user, listing=listing, data={"name": "x"})
