"""Writes for outlets, partner accounts and agreements. Stock moves live in ``ledger``, settlements in
``settlement``. Every function is atomic, checks who may act, and records an audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role, has_role, is_agency
from binaumkm.core import audit
from binaumkm.registry.choices import BusinessStatus, Verification

from .models import Agreement, AgreementProduct, Outlet

OUTLET_FIELDS = [
    "name", "kind", "star_rating", "address", "kelurahan", "contact_name", "contact_phone", "contact_email",
    "commission_bp", "settlement_period", "is_active",
]  # fmt: skip
AGREEMENT_FIELDS = ["commission_bp", "starts_on", "ends_on", "expiry_handling", "expiry_discount_bp", "notes"]


def ensure_agency(actor) -> None:
    if not is_agency(actor):
        raise PermissionDenied


def can_use_outlet(actor, outlet: Outlet) -> bool:
    """Agency staff act for every outlet; an outlet partner only for the outlets linked to them."""
    if is_agency(actor):
        return True
    return (
        getattr(actor, "is_authenticated", False)
        and has_role(actor, Role.OUTLET_PARTNER)
        and outlet.partners.filter(pk=actor.pk).exists()
    )


def ensure_outlet_access(actor, outlet: Outlet) -> None:
    if not can_use_outlet(actor, outlet):
        raise PermissionDenied


def _check_outlet(data: dict) -> None:
    if data.get("kind") == Outlet.Kind.HOTEL and not data.get("star_rating"):
        raise ValidationError({"star_rating": _("Isi jumlah bintang hotel (1–5).")})
    if data.get("kind") != Outlet.Kind.HOTEL:
        data["star_rating"] = None
    if not 0 <= data.get("commission_bp", 0) <= 10000:
        raise ValidationError({"commission_bp": _("Komisi harus antara 0 dan 100 %.")})


# --- Outlets --------------------------------------------------------------------------------------


@transaction.atomic
def outlet_create(*, actor, data: dict) -> Outlet:
    ensure_agency(actor)
    data = dict(data)
    _check_outlet(data)
    outlet = Outlet.objects.create(created_by=actor, **{f: data[f] for f in OUTLET_FIELDS if f in data})
    audit.record(
        actor=actor, action="consignment.outlet.created", obj=outlet,
        changes=audit.diff({}, audit.snapshot(outlet, OUTLET_FIELDS)),
    )  # fmt: skip
    return outlet


@transaction.atomic
def outlet_update(*, actor, outlet: Outlet, data: dict) -> Outlet:
    ensure_agency(actor)
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
        audit.record(actor=actor, action="consignment.outlet.updated", obj=outlet, changes=changes)
    return outlet


@transaction.atomic
def outlet_partner_add(
    *, actor, outlet: Outlet, full_name: str, phone: str, email: str = "", password: str = ""
):
    """Link an outlet-partner account to the outlet: an existing account with that phone number, or a
    new one (then ``password`` is required). Returns the user."""
    ensure_agency(actor)
    user = User.objects.filter(phone=phone).first() or User.objects.filter(username=phone).first()
    if user is None:
        if not password:
            raise ValidationError({"password": _("Akun baru butuh kata sandi awal.")})
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": _("Alamat e-mail ini sudah dipakai akun lain.")})
        user = User(username=phone, phone=phone, email=email, full_name=full_name)
        user.set_password(password)
        user.save()
        audit.record(
            actor=actor, action="accounts.user.created", obj=user, data={"role": Role.OUTLET_PARTNER}
        )
    elif is_agency(user):
        raise ValidationError({"phone": _("Nomor ini milik akun staf dinas, bukan akun mitra outlet.")})
    if outlet.partners.filter(pk=user.pk).exists():
        raise ValidationError({"phone": _("Akun ini sudah terhubung ke outlet ini.")})
    assign_role(user, Role.OUTLET_PARTNER)
    outlet.partners.add(user)
    audit.record(
        actor=actor, action="consignment.outlet.partner_added", obj=outlet, data={"user": user.username}
    )
    return user


@transaction.atomic
def outlet_partner_remove(*, actor, outlet: Outlet, user) -> None:
    ensure_agency(actor)
    if not outlet.partners.filter(pk=user.pk).exists():
        raise ValidationError(_("Akun ini tidak terhubung ke outlet ini."))
    outlet.partners.remove(user)
    audit.record(
        actor=actor, action="consignment.outlet.partner_removed", obj=outlet, data={"user": user.username}
    )


# --- Agreements -----------------------------------------------------------------------------------


def _check_agreement(agreement: Agreement) -> None:
    errors = {}
    business = agreement.business
    if business.verification != Verification.VERIFIED:
        errors["business"] = _("Usaha «%(name)s» belum terverifikasi dinas.") % {"name": business.name}
    elif business.status == BusinessStatus.CLOSED:
        errors["business"] = _("Usaha «%(name)s» berstatus tutup.") % {"name": business.name}
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
def agreement_create(*, actor, outlet: Outlet, business, data: dict) -> Agreement:
    """A new agreement. The commission defaults to the outlet's when not given."""
    ensure_agency(actor)
    Outlet.objects.select_for_update().get(pk=outlet.pk)  # serialise overlap checks per outlet
    data = dict(data)
    if data.get("commission_bp") is None:
        data["commission_bp"] = outlet.commission_bp
    agreement = Agreement(outlet=outlet, business=business, created_by=actor,
                          **{f: data[f] for f in AGREEMENT_FIELDS if f in data})  # fmt: skip
    _check_agreement(agreement)
    agreement.save()
    audit.record(
        actor=actor, action="consignment.agreement.created", obj=agreement,
        changes=audit.diff({}, audit.snapshot(agreement, ["outlet", "business", *AGREEMENT_FIELDS])),
    )  # fmt: skip
    return agreement


@transaction.atomic
def agreement_update(*, actor, agreement: Agreement, data: dict) -> Agreement:
    """Change terms. Sales already recorded keep the commission they were recorded with."""
    ensure_agency(actor)
    Outlet.objects.select_for_update().get(pk=agreement.outlet_id)
    agreement = Agreement.objects.select_related("business", "outlet").get(pk=agreement.pk)
    before = audit.snapshot(agreement, AGREEMENT_FIELDS)
    for field in AGREEMENT_FIELDS:
        if field in data:
            setattr(agreement, field, data[field])
    if agreement.commission_bp is None:
        agreement.commission_bp = agreement.outlet.commission_bp
    _check_agreement(agreement)
    agreement.save()
    changes = audit.diff(before, audit.snapshot(agreement, AGREEMENT_FIELDS))
    if changes:
        audit.record(actor=actor, action="consignment.agreement.updated", obj=agreement, changes=changes)
    return agreement


@transaction.atomic
def agreement_item_save(*, actor, agreement: Agreement, product, price: int, is_active: bool = True):
    """Accept a product under the agreement (or change its price). New deliveries use the new price;
    batches already delivered keep the price printed on their delivery note."""
    from . import conf

    ensure_agency(actor)
    if product.business_id != agreement.business_id:
        raise ValidationError({"product": _("Produk ini bukan milik usaha dalam perjanjian.")})
    if not 0 < price <= conf.MAX_PRICE:
        raise ValidationError(
            {"price": _("Harga harus lebih dari Rp 0 dan wajar (maksimal Rp 100.000.000).")}
        )
    item = AgreementProduct.objects.select_for_update().filter(agreement=agreement, product=product).first()
    if item is None:
        item = AgreementProduct.objects.create(
            agreement=agreement, product=product, price=price, is_active=is_active
        )
        audit.record(
            actor=actor, action="consignment.agreement.product_added", obj=agreement,
            data={"product": product.name, "price": price},
        )  # fmt: skip
        return item
    before = {"price": item.price, "is_active": item.is_active}
    item.price, item.is_active = price, is_active
    item.save()
    changes = audit.diff(before, {"price": item.price, "is_active": item.is_active})
    if changes:
        audit.record(
            actor=actor, action="consignment.agreement.product_changed", obj=agreement, changes=changes,
            data={"product": product.name},
        )  # fmt: skip
    return item
