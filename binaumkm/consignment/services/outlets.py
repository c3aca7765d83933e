"""Writes for outlets, partner accounts and agreements. Every function is atomic, checks the access
policy (``consignment.policy``), and records an audit entry."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts import services as accounts
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core import audit, policy
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import eligibility_problem

from .. import conf
from ..events import Event
from ..models import Agreement, AgreementProduct, AgreementTerms, Outlet, Sale

OUTLET_FIELDS = [
    "name", "kind", "star_rating", "address", "kelurahan", "contact_name", "contact_phone", "contact_email",
    "commission_bp", "settlement_period", "is_active",
]  # fmt: skip
AGREEMENT_FIELDS = ["commission_bp", "starts_on", "ends_on", "expiry_handling", "expiry_discount_bp", "notes"]
TERM_FIELDS = ["commission_bp", "expiry_handling", "expiry_discount_bp"]  # versioned (consignment.terms)


def _terms_version(agreement: Agreement, effective_from: datetime.date, actor: User) -> AgreementTerms:
    """Record the agreement's current terms as the version in force from ``effective_from``."""
    version, _created = AgreementTerms.objects.update_or_create(
        agreement=agreement, effective_from=effective_from,
        defaults={**{f: getattr(agreement, f) for f in TERM_FIELDS}, "created_by": actor},
    )  # fmt: skip
    return version


def _check_outlet(data: dict[str, Any]) -> None:
    if data.get("kind") == Outlet.Kind.HOTEL and not data.get("star_rating"):
        raise ValidationError({"star_rating": _("Isi jumlah bintang hotel (1–5).")})
    if data.get("kind") != Outlet.Kind.HOTEL:
        data["star_rating"] = None
    if not 0 <= data.get("commission_bp", 0) <= 10000:
        raise ValidationError({"commission_bp": _("Komisi harus antara 0 dan 100 %.")})


# --- Outlets --------------------------------------------------------------------------------------


@transaction.atomic
def outlet_create(*, actor: User, data: dict[str, Any]) -> Outlet:
    policy.require(actor, "add", Outlet)
    data = dict(data)
    _check_outlet(data)
    outlet = Outlet.objects.create(created_by=actor, **{f: data[f] for f in OUTLET_FIELDS if f in data})
    audit.record(
        actor=actor, action=Event.OUTLET_CREATED, obj=outlet,
        changes=audit.diff({}, audit.snapshot(outlet, OUTLET_FIELDS)),
    )  # fmt: skip
    return outlet


@transaction.atomic
def outlet_update(*, actor: User, outlet: Outlet, data: dict[str, Any]) -> Outlet:
    policy.require(actor, "change", outlet)
    data = dict(data)
    _check_outlet(data)
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    before = audit.snapshot(outlet, OUTLET_FIELDS)
    for field in OUTLET_FIELDS:
        if field in data:
            setattr(outlet, field, data[field])
    outlet.save()
    changes = audit.diff(before, audit.snapshot(outlet, OUTLET_FIELDS))
    if changes:
        audit.record(actor=actor, action=Event.OUTLET_UPDATED, obj=outlet, changes=changes)
    return outlet


@transaction.atomic
def outlet_partner_add(
    *, actor: User, outlet: Outlet, full_name: str, phone: str, email: str = ""
) -> tuple[User, bool]:
    """Link an outlet-partner account to the outlet: the account with that phone number (or e-mail),
    or a new one without a password (its holder sets one through a link staff pass on).
    Returns (user, created). An agency account is never linked."""
    policy.require(actor, "change", outlet)
    user, created = accounts.account_create(
        actor=actor, role=Role.OUTLET_PARTNER, full_name=full_name, phone=phone, email=email
    )
    if outlet.partners.filter(pk=user.pk).exists():
        raise ValidationError({"phone": _("Akun ini sudah terhubung ke outlet ini.")})
    outlet.partners.add(user)
    audit.record(actor=actor, action=Event.PARTNER_ADDED, obj=outlet, data={"user": user.display_name})
    return user, created


@transaction.atomic
def outlet_partner_remove(*, actor: User, outlet: Outlet, user: User) -> None:
    policy.require(actor, "change", outlet)
    if not outlet.partners.filter(pk=user.pk).exists():
        raise ValidationError(_("Akun ini tidak terhubung ke outlet ini."))
    outlet.partners.remove(user)
    audit.record(actor=actor, action=Event.PARTNER_REMOVED, obj=outlet, data={"user": user.display_name})


# --- Agreements -----------------------------------------------------------------------------------


def _check_agreement(agreement: Agreement) -> None:
    errors = {}
    business = agreement.business
    if problem := eligibility_problem(business):
        errors["business"] = problem
    if agreement.ends_on and agreement.ends_on < agreement.starts_on:
        errors["ends_on"] = _("Tanggal berakhir tidak boleh sebelum tanggal mulai.")
    if not 0 <= agreement.commission_bp <= 10000:
        errors["commission_bp"] = _("Komisi harus antara 0 dan 100 %.")
    if (
        agreement.expiry_handling == Agreement.ExpiryHandling.DISCOUNT
        and not 0 < agreement.expiry_discount_bp < 10000
    ):
        errors["expiry_discount_bp"] = _("Isi diskon lebih dari 0 % dan kurang dari 100 %.")
    if agreement.expiry_handling == Agreement.ExpiryHandling.RETURN:
        agreement.expiry_discount_bp = 0
    if errors:
        raise ValidationError(errors)
    overlapping = Agreement.objects.filter(outlet=agreement.outlet, business=business).exclude(
        pk=agreement.pk
    )
    for other in overlapping:
        if (other.ends_on is None or other.ends_on >= agreement.starts_on) and (
            agreement.ends_on is None or agreement.ends_on >= other.starts_on
        ):
            raise ValidationError(
                {
                    "starts_on": _(
                        "Masa berlaku bertumpuk dengan perjanjian %(ref)s (mulai %(start)s). Akhiri perjanjian itu dahulu."
                    )
                    % {"ref": other.reference, "start": other.starts_on.strftime("%d/%m/%Y")}
                }
            )


@transaction.atomic
def agreement_create(*, actor: User, outlet: Outlet, business: Business, data: dict[str, Any]) -> Agreement:
    """A new agreement. The commission defaults to the outlet's when not given."""
    policy.require(actor, "add", Agreement)
    Outlet.objects.select_for_update().get(pk=outlet.pk)  # serialise overlap checks per outlet
    data = dict(data)
    if data.get("commission_bp") is None:
        data["commission_bp"] = outlet.commission_bp
    agreement = Agreement(outlet=outlet, business=business, created_by=actor,
                          **{f: data[f] for f in AGREEMENT_FIELDS if f in data})  # fmt: skip
    _check_agreement(agreement)
    agreement.save()
    _terms_version(agreement, agreement.starts_on, actor)
    audit.record(
        actor=actor, action=Event.AGREEMENT_CREATED, obj=agreement,
        changes=audit.diff({}, audit.snapshot(agreement, ["outlet", "business", *AGREEMENT_FIELDS])),
    )  # fmt: skip
    return agreement


@transaction.atomic
def agreement_update(
    *, actor: User, agreement: Agreement, data: dict[str, Any], effective_from: datetime.date | None = None
) -> Agreement:
    """Change terms. New commission or near-expiry terms are a new version in force from
    ``effective_from`` (default: today, or the day after the last sale already recorded under the
    agreement): every sale of one day has the same terms, and a sale recorded late uses the version in
    force on its date. Sales already recorded keep what they were recorded with."""
    policy.require(actor, "change", agreement)
    Outlet.objects.select_for_update().get(pk=agreement.outlet_id)
    agreement = Agreement.objects.select_related("business", "outlet").get(pk=agreement.pk)
    before = audit.snapshot(agreement, AGREEMENT_FIELDS)
    for field in AGREEMENT_FIELDS:
        if field in data:
            setattr(agreement, field, data[field])
    if agreement.commission_bp is None:
        agreement.commission_bp = agreement.outlet.commission_bp
    _check_agreement(agreement)
    start: datetime.date | None = None  # of the new terms version, when the terms change
    if any(before[f] != audit.snapshot(agreement, [f])[f] for f in TERM_FIELDS):
        last_sale = Sale.objects.filter(agreement=agreement, cancelled_at__isnull=True).aggregate(
            d=Max("sold_on")
        )["d"]
        earliest = (
            max(timezone.localdate(), last_sale + datetime.timedelta(days=1))
            if last_sale
            else timezone.localdate()
        )
        start = effective_from or earliest
        if start < earliest:
            raise ValidationError(
                {"effective_from": _("Syarat baru paling cepat berlaku %(day)s: penjualan sampai tanggal itu sudah tercatat dengan syarat lama.")
                 % {"day": earliest.strftime("%d/%m/%Y")}}
            )  # fmt: skip
        if not agreement.terms.exists():  # an agreement from before versioning: keep its first terms
            AgreementTerms.objects.create(
                agreement=agreement, effective_from=agreement.starts_on, created_by=agreement.created_by,
                **{f: before[f] for f in TERM_FIELDS},
            )  # fmt: skip
    agreement.save()
    if start is not None:
        _terms_version(agreement, start, actor)
    changes = audit.diff(before, audit.snapshot(agreement, AGREEMENT_FIELDS))
    if changes:
        audit.record(
            actor=actor, action=Event.AGREEMENT_UPDATED, obj=agreement, changes=changes,
            data={"effective_from": start.isoformat()} if start else None,
        )  # fmt: skip
    return agreement


@transaction.atomic
def agreement_item_save(
    *, actor: User, agreement: Agreement, product: Product, price: int, is_active: bool = True
) -> AgreementProduct:
    """Accept a product under the agreement (or change its price). New deliveries use the new price;
    batches already delivered keep the price printed on their delivery note."""
    policy.require(actor, "change", agreement)
    if product.business_id != agreement.business_id:
        raise ValidationError({"product": _("Produk ini bukan milik usaha dalam perjanjian.")})
    if not 0 < price <= conf.MAX_PRICE:
        raise ValidationError({"price": _("Harga harus lebih dari Rp0 dan wajar (maksimal Rp100.000.000).")})
    item = AgreementProduct.objects.select_for_update().filter(agreement=agreement, product=product).first()
    if item is None:
        item = AgreementProduct.objects.create(
            agreement=agreement, product=product, price=price, is_active=is_active
        )
        audit.record(
            actor=actor, action=Event.AGREEMENT_PRODUCT_ADDED, obj=agreement,
            data={"product": product.name, "price": price},
        )  # fmt: skip
        return item
    before = {"price": item.price, "is_active": item.is_active}
    item.price, item.is_active = price, is_active
    item.save()
    changes = audit.diff(before, {"price": item.price, "is_active": item.is_active})
    if changes:
        audit.record(
            actor=actor, action=Event.AGREEMENT_PRODUCT_CHANGED, obj=agreement, changes=changes,
            data={"product": product.name},
        )  # fmt: skip
    return item
