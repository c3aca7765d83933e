"""Every write of the catalogue: consent, listings and their curation. Atomic, checked against the
policy, audited. Listing states: draft → submitted → (needs revision → submitted)* → approved →
archived; a change of name, photo or category of an approved listing sends it back to review, a
price change does not."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import normalize_phone
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import business_owned

from . import conf, photos
from .events import Event
from .models import CatalogueConsent, Listing, ListingState

# What staff check again when it changes on an approved listing (the price is the owner's to set).
REVIEWED_FIELDS = ("name", "category", "photo")
LISTING_FIELDS = ("name", "category", "description", "price", "unit", "marketplace_url")
AUDITED = (*LISTING_FIELDS, "state", "revision_reason")


def _ensure_own_business(actor: User, business: Business) -> None:
    if (
        not policy.holds(actor, "catalogue.list_own_products")
        or not business_owned(actor=actor).filter(pk=business.pk).exists()
    ):
        raise ValidationError(_("Anda hanya dapat mengelola katalog usaha Anda sendiri."))


@transaction.atomic
def consent_set(*, actor: User, business: Business, given: bool, whatsapp: str = "") -> CatalogueConsent:
    """The owner's choice to show this business's approved products to the public; withdrawing it
    hides them (and their photos, profile and sitemap entries) at once."""
    _ensure_own_business(actor, business)
    number = normalize_phone(whatsapp, mobile_only=True) if (given and whatsapp.strip()) else ""
    consent, _created = CatalogueConsent.objects.select_for_update().get_or_create(business=business)
    before = audit.snapshot(consent, ["given", "whatsapp"])
    now = timezone.now()
    if given and not consent.given:
        consent.given_at, consent.withdrawn_at = now, None
    elif not given and consent.given:
        consent.withdrawn_at = now
    consent.given, consent.whatsapp, consent.changed_by = given, number, actor
    consent.save()
    action = Event.CONSENT_GIVEN if given else Event.CONSENT_WITHDRAWN
    audit.record(
        actor=actor,
        action=action,
        obj=consent,
        changes=audit.diff(before, audit.snapshot(consent, ["given", "whatsapp"])),
    )
    return consent


def _store_photo(listing: Listing, upload) -> None:
    cleaned = photos.clean_photo(upload)
    listing.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(cleaned), save=False)
    listing.thumbnail = ""
    if len(cleaned) <= conf.THUMBNAIL_INLINE_MAX_BYTES:
        listing.thumbnail.save(
            f"{uuid.uuid4().hex}-kecil.jpg", ContentFile(photos.thumbnail(cleaned)), save=False
        )
    else:
        from .tasks import listing_thumbnail_task

        transaction.on_commit(partial(listing_thumbnail_task.enqueue, listing.pk))


@transaction.atomic
def listing_create(*, actor: User, product: Product, data: dict[str, Any], photo=None) -> Listing:
    """A draft listing of one of the owner's registry products (one listing per product)."""
    _ensure_own_business(actor, product.business)
    if Listing.objects.filter(product=product).exists():
        raise ValidationError({"product": _("Produk ini sudah ada di katalog.")})
    listing = Listing(business=product.business, product=product)
    for field in LISTING_FIELDS:
        setattr(listing, field, data.get(field, getattr(product, field, "")) or "")
    listing.price = data.get("price", product.price)
    listing.save()
    if photo is not None:
        _store_photo(listing, photo)
        listing.save()
    audit.record(
        actor=actor,
        action=Event.LISTING_CREATED,
        obj=listing,
        changes=audit.diff({}, audit.snapshot(listing, AUDITED)),
    )
    return listing


def _locked(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


@transaction.atomic
def listing_update(*, actor: User, listing: Listing, data: dict[str, Any], photo=None) -> Listing:
    listing = _locked(listing)
    policy.require(actor, "own", listing)
    if listing.state == ListingState.ARCHIVED:
        raise ValidationError(_("Produk yang sudah diarsipkan tidak dapat diubah."))
    before = audit.snapshot(listing, AUDITED)
    reviewed = any(
        field in data and data[field] != getattr(listing, field)
        for field in REVIEWED_FIELDS
        if field != "photo"
    )
    for field in LISTING_FIELDS:
        if field in data:
            setattr(listing, field, data[field] if data[field] is not None else "")
    if photo is not None:
        _store_photo(listing, photo)
        reviewed = True
    if reviewed and listing.state == ListingState.APPROVED:
        listing.state, listing.submitted_at = ListingState.SUBMITTED, timezone.now()
    listing.save()
    changes = audit.diff(before, audit.snapshot(listing, AUDITED))
    audit.record(
        actor=actor,
        action=Event.LISTING_UPDATED,
        obj=listing,
        changes=changes,
        data={"photo": photo is not None},
    )
    return listing


@transaction.atomic
def listing_submit(*, actor: User, listing: Listing) -> Listing:
    listing = _locked(listing)
    policy.require(actor, "own", listing)
    if listing.state not in (ListingState.DRAFT, ListingState.REVISION):
        raise ValidationError(_("Hanya draf atau produk yang perlu perbaikan yang dapat diajukan."))
    if not listing.photo:
        raise ValidationError({"photo": _("Unggah foto produk sebelum mengajukan kurasi.")})
    return _move(actor, listing, ListingState.SUBMITTED, Event.LISTING_SUBMITTED, submitted_at=timezone.now())


@transaction.atomic
def listing_request_revision(*, actor: User, listing: Listing, reason: str) -> Listing:
    listing = _locked(listing)
    policy.require(actor, "curate", listing)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan apa yang perlu diperbaiki pemilik.")})
    if listing.state != ListingState.SUBMITTED:
        raise ValidationError(_("Hanya produk yang menunggu kurasi yang dapat diminta perbaikan."))
    return _move(actor, listing, ListingState.REVISION, Event.LISTING_REVISION, revision_reason=reason[:500])


@transaction.atomic
def listing_approve(*, actor: User, listing: Listing) -> Listing:
    listing = _locked(listing)
    policy.require(actor, "curate", listing)
    if listing.state != ListingState.SUBMITTED:
        raise ValidationError(_("Hanya produk yang menunggu kurasi yang dapat disetujui."))
    now = timezone.now()
    return _move(
        actor,
        listing,
        ListingState.APPROVED,
        Event.LISTING_APPROVED,
        approved_at=now,
        approved_by=actor,
        revision_reason="",
    )


@transaction.atomic
def listing_archive(*, actor: User, listing: Listing) -> Listing:
    """The owner takes a product off the catalogue, or staff do (a product no longer made)."""
    listing = _locked(listing)
    if not (policy.can(actor, "own", listing) or policy.can(actor, "curate", listing)):
        policy.require(actor, "own", listing)
    if listing.state == ListingState.ARCHIVED:
        raise ValidationError(_("Produk ini sudah diarsipkan."))
    return _move(actor, listing, ListingState.ARCHIVED, Event.LISTING_ARCHIVED)


def _move(actor: User, listing: Listing, state: str, event: str, **fields: Any) -> Listing:
    before = audit.snapshot(listing, ["state", "revision_reason"])
    listing.state = state
    for name, value in fields.items():
        setattr(listing, name, value)
    listing.save()
    audit.record(
        actor=actor,
        action=event,
        obj=listing,
        changes=audit.diff(before, audit.snapshot(listing, ["state", "revision_reason"])),
    )
    return listing


def listing_thumbnail_make(listing_id: int) -> bool:
    """The thumbnail of a listing's photo (background task for large photos). False when gone."""
    listing = Listing.objects.filter(pk=listing_id).first()
    if listing is None or not listing.photo:
        return False
    with listing.photo.open("rb") as handle:
        data = photos.thumbnail(handle.read())
    listing.thumbnail.save(f"{uuid.uuid4().hex}-kecil.jpg", ContentFile(data), save=False)
    Listing.objects.filter(pk=listing_id).update(thumbnail=listing.thumbnail.name)
    return True
