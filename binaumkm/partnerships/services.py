"""Writes of the partnership module. Every function is atomic, checks who may do it, validates the
rule and records an audit entry. Matchmaking lives in ``matchmaking.py``, letters in ``letters.py``."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role, is_agency
from binaumkm.core import audit
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business

from . import conf
from .models import Partnership, PartnershipStatus, Store, StoreStatus

STORE_FIELDS = [
    "name", "brand", "store_type", "address", "kelurahan", "permit_number", "nib", "email", "opened_on",
    "status", "closed_on",
]  # fmt: skip
TERM_FIELDS = ["form", "shelf", "start_date", "end_date", "payment_days", "listing_fee", "note"]
STAMP_FIELDS = ["status", "start_date", "end_date"]


def _ensure_agency(actor) -> None:
    if not is_agency(actor):
        raise PermissionDenied


def is_manager(actor, store: Store) -> bool:
    return getattr(actor, "is_authenticated", False) and store.managers.filter(pk=actor.pk).exists()


def _ensure_store_side(actor, store: Store) -> None:
    """Agency staff, or a manager of this store."""
    if not (is_agency(actor) or is_manager(actor, store)):
        raise PermissionDenied


def _ensure_owner_side(actor, partnership: Partnership) -> None:
    """Agency staff (recording on the owner's behalf), or the owner of the business."""
    if is_agency(actor):
        return
    if getattr(actor, "is_authenticated", False) and partnership.business.owner.user_id == actor.pk:
        return
    raise PermissionDenied


def _today() -> datetime.date:
    return timezone.localdate()


# --- Stores -----------------------------------------------------------------------------------------


def store_warnings(store: Store) -> list[str]:
    """Things staff should check, that do not stop the save."""
    warnings = []
    if store.opened_on and store.opened_on >= conf.NEW_PERMITS_SUSPENDED_SINCE:
        warnings.append(
            _(
                "Sejak %(date)s Kota Surakarta menangguhkan izin toko modern baru. Periksa izin toko ini "
                "(hanya perpanjangan izin toko yang sudah ada yang dilayani)."
            )
            % {"date": conf.NEW_PERMITS_SUSPENDED_SINCE.strftime("%d-%m-%Y")}
        )
    return warnings


def _validate_store(store: Store) -> None:
    errors = {}
    if store.opened_on and store.opened_on > _today():
        errors["opened_on"] = _("Tanggal buka tidak boleh di masa depan.")
    if store.status == StoreStatus.CLOSED:
        if not store.closed_on:
            errors["closed_on"] = _("Isi tanggal tutup untuk toko yang sudah tutup.")
        elif store.opened_on and store.closed_on < store.opened_on:
            errors["closed_on"] = _("Tanggal tutup tidak boleh sebelum tanggal buka.")
        elif store.closed_on > _today():
            errors["closed_on"] = _("Tanggal tutup tidak boleh di masa depan.")
    else:
        store.closed_on = None
    if store.nib and Store.objects.filter(nib=store.nib).exclude(pk=store.pk).exists():
        errors["nib"] = _("NIB ini sudah dipakai toko lain.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def store_create(*, actor, data: dict) -> Store:
    _ensure_agency(actor)
    store = Store(created_by=actor, **{f: data.get(f) for f in STORE_FIELDS if f in data})
    store.nib = store.nib or None
    store.status = store.status or StoreStatus.OPEN
    _validate_store(store)
    store.save()
    audit.record(actor=actor, action="partnerships.store.created", obj=store,
                 changes=audit.diff({}, audit.snapshot(store, STORE_FIELDS)))  # fmt: skip
    return store


@transaction.atomic
def store_update(*, actor, store: Store, data: dict) -> Store:
    _ensure_agency(actor)
    store = Store.objects.select_for_update().get(pk=store.pk)
    before = audit.snapshot(store, STORE_FIELDS)
    for field in STORE_FIELDS:
        if field in data:
            setattr(store, field, data[field])
    store.nib = store.nib or None
    _validate_store(store)
    store.save()
    changes = audit.diff(before, audit.snapshot(store, STORE_FIELDS))
    if changes:
        action = "partnerships.store.updated"
        if "status" in changes:
            action = (
                "partnerships.store.closed"
                if store.status == StoreStatus.CLOSED
                else "partnerships.store.reopened"
            )
        audit.record(actor=actor, action=action, obj=store, changes=changes)
    return store


@transaction.atomic
def store_manager_add(*, actor, store: Store, full_name: str, phone: str | None, email: str) -> tuple:
    """Link a store-partner account to the store: an existing account with that phone or e-mail, or
    a new one. Returns (user, temporary password for a new account or None)."""
    _ensure_agency(actor)
    if not phone and not email:
        raise ValidationError({"phone": _("Isi nomor HP atau e-mail pengelola toko.")})
    user = None
    if phone:
        user = User.objects.filter(phone=phone).first()
    if user is None and email:
        user = User.objects.filter(email__iexact=email).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(9)
        user = User(username=phone or email.lower(), phone=phone or None, email=email, full_name=full_name)
        user.set_password(password)
        user.save()
        audit.record(actor=actor, action="accounts.user.created", obj=user, data={"role": Role.STORE_PARTNER})
    elif store.managers.filter(pk=user.pk).exists():
        raise ValidationError({"phone": _("Akun ini sudah menjadi pengelola toko ini.")})
    assign_role(user, Role.STORE_PARTNER)
    store.managers.add(user)
    audit.record(
        actor=actor, action="partnerships.store.manager_added", obj=store, data={"user": user.get_username()}
    )
    return user, password


@transaction.atomic
def store_manager_remove(*, actor, store: Store, user) -> None:
    _ensure_agency(actor)
    if not store.managers.filter(pk=user.pk).exists():
        raise ValidationError(_("Akun ini bukan pengelola toko ini."))
    store.managers.remove(user)
    audit.record(actor=actor, action="partnerships.store.manager_removed", obj=store,
                 data={"user": user.get_username()})  # fmt: skip


# --- Partnerships -------------------------------------------------------------------------------------


def listing_fee_warning(store: Store, fee: int | None) -> str | None:
    """Permendag 23/2021 caps the new-item listing fee per outlet: warn, do not refuse."""
    cap = conf.listing_fee_cap(store.store_type)
    if cap is not None and fee and fee > cap:
        return _(
            "Biaya pendaftaran produk %(fee)s per item melebihi batas Permendag 23/2021 untuk %(type)s "
            "(%(cap)s). Minta toko menyesuaikan syarat dagang."
        ) % {"fee": _rupiah(fee), "cap": _rupiah(cap), "type": store.get_store_type_display()}
    return None


def _rupiah(value: int) -> str:
    from binaumkm.core.money import format_rupiah

    return format_rupiah(value)


def check_business(business: Business) -> None:
    if business.verification != Verification.VERIFIED:
        raise ValidationError(
            {"business": _("UMKM «%(name)s» belum terverifikasi dinas; kemitraan hanya untuk UMKM terverifikasi.")
             % {"name": business.name}}
        )  # fmt: skip
    if business.status == BusinessStatus.CLOSED:
        raise ValidationError({"business": _("UMKM «%(name)s» sudah tutup.") % {"name": business.name}})


def check_partnership(*, store: Store, business: Business, start_date, end_date, exclude_pk=None) -> None:
    """The rules every new or changed partnership meets; raises ValidationError per field."""
    check_terms(store=store, business=business, start_date=start_date, end_date=end_date)
    duplicate = Partnership.objects.filter(
        store=store, business=business, status__in=PartnershipStatus.open_values()
    ).exclude(pk=exclude_pk)
    if duplicate.exists():
        raise ValidationError(
            {"business": _("UMKM «%(name)s» sudah bermitra atau sedang ditawari kemitraan dengan toko ini.")
             % {"name": business.name}}
        )  # fmt: skip


def check_terms(*, store: Store, business: Business, start_date, end_date) -> None:
    """The rules that need no query: open store, verified open business, dates in order."""
    if store.status != StoreStatus.OPEN:
        raise ValidationError({"store": _("Toko «%(name)s» sudah tutup.") % {"name": store.name}})
    check_business(business)
    if start_date and end_date and end_date <= start_date:
        raise ValidationError({"end_date": _("Tanggal selesai harus sesudah tanggal mulai.")})
    if start_date and store.opened_on and start_date < store.opened_on:
        raise ValidationError({"start_date": _("Tanggal mulai tidak boleh sebelum toko buka.")})


def _check_products(business: Business, products) -> list:
    products = list(products or [])
    if any(p.business_id != business.pk for p in products):
        raise ValidationError({"products": _("Produk yang dipilih harus milik UMKM tersebut.")})
    return products


def validate_agreement(upload) -> None:
    """A signed agreement: a PDF file (by its content, not its name) within the size limit."""
    if upload is None:
        return
    if upload.size > conf.AGREEMENT_MAX_BYTES:
        raise ValidationError(
            {"agreement": _("Berkas perjanjian terlalu besar (maksimal %(mb)d MB).")
             % {"mb": conf.AGREEMENT_MAX_BYTES // (1024 * 1024)}}
        )  # fmt: skip
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({"agreement": _("Berkas perjanjian harus berupa PDF.")})


def _save_new(partnership: Partnership) -> None:
    try:
        with transaction.atomic():
            partnership.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"business": _("UMKM ini sudah bermitra atau sedang ditawari kemitraan dengan toko ini.")}
        ) from exc


@transaction.atomic
def partnership_create(
    *, actor, store: Store, business: Business, data: dict, running: bool = False, products=(),
    agreement=None, reasons=None, match_run=None,
) -> Partnership:  # fmt: skip
    """Staff record a partnership: an offer to the owner, or (``running``) one already in force."""
    _ensure_agency(actor)
    store = Store.objects.select_for_update().get(pk=store.pk)
    start_date = data.get("start_date") or _today()
    check_partnership(store=store, business=business, start_date=start_date, end_date=data.get("end_date"))
    products = _check_products(business, products)
    validate_agreement(agreement)
    partnership = Partnership(
        store=store, business=business, proposed_by=actor, reasons=reasons or [], match_run=match_run,
        **{f: data[f] for f in TERM_FIELDS if data.get(f) not in (None, "")},
    )  # fmt: skip
    partnership.start_date = start_date
    if running:
        now = timezone.now()
        partnership.status = PartnershipStatus.ACTIVE
        partnership.activated_by, partnership.activated_at = actor, now
    _save_new(partnership)
    if agreement is not None:
        partnership.agreement.save("perjanjian.pdf", agreement, save=True)
    if products:
        partnership.products.set(products)
    audit.record(
        actor=actor,
        action="partnerships.partnership.recorded" if running else "partnerships.offer.created",
        obj=partnership,
        changes=audit.diff({}, audit.snapshot(partnership, ["store", "business", "status", *TERM_FIELDS])),
        data={"products": [p.pk for p in products], "match_run": getattr(match_run, "pk", None)},
    )
    return partnership


def _lock(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update()
        .select_related("store", "business__owner")
        .get(pk=partnership.pk)
    )


def _transition(actor, partnership, *, allowed, new_status, action, stamp=None, extra=None, data=None):
    if partnership.status not in allowed:
        raise ValidationError(
            _("Kemitraan ini berstatus «%(status)s»; tindakan ini tidak dapat dilakukan.")
            % {"status": partnership.get_status_display()}
        )
    before = audit.snapshot(partnership, STAMP_FIELDS)
    partnership.status = new_status
    if stamp:
        setattr(partnership, f"{stamp}_by", actor)
        setattr(partnership, f"{stamp}_at", timezone.now())
    for field, value in (extra or {}).items():
        setattr(partnership, field, value)
    partnership.save()
    audit.record(actor=actor, action=action, obj=partnership,
                 changes=audit.diff(before, audit.snapshot(partnership, STAMP_FIELDS)), data=data or {})  # fmt: skip
    return partnership


@transaction.atomic
def offer_accept(*, actor, partnership: Partnership) -> Partnership:
    partnership = _lock(partnership)
    _ensure_owner_side(actor, partnership)
    check_business(partnership.business)
    return _transition(actor, partnership, allowed=[PartnershipStatus.PROPOSED], new_status=PartnershipStatus.ACCEPTED,
                       action="partnerships.offer.accepted", stamp="accepted")  # fmt: skip


@transaction.atomic
def offer_decline(*, actor, partnership: Partnership, reason: str) -> Partnership:
    partnership = _lock(partnership)
    _ensure_owner_side(actor, partnership)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan menolak tawaran ini.")})
    return _transition(actor, partnership, allowed=[PartnershipStatus.PROPOSED], new_status=PartnershipStatus.DECLINED,
                       action="partnerships.offer.declined", stamp="declined", extra={"decline_reason": reason},
                       data={"reason": reason})  # fmt: skip


@transaction.atomic
def store_decline(*, actor, partnership: Partnership, reason: str) -> Partnership:
    """The store turns down an offer the owner accepted (e.g. no shelf space for that product)."""
    partnership = _lock(partnership)
    _ensure_store_side(actor, partnership.store)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan toko menolak kemitraan ini.")})
    return _transition(actor, partnership, allowed=[PartnershipStatus.ACCEPTED], new_status=PartnershipStatus.DECLINED,
                       action="partnerships.offer.declined_by_store", stamp="declined",
                       extra={"decline_reason": reason}, data={"reason": reason})  # fmt: skip


@transaction.atomic
def partnership_confirm(*, actor, partnership: Partnership, shelf: str = "", display_ready: bool = False,
                        agreement=None) -> Partnership:  # fmt: skip
    """The store confirms the partnership the owner accepted; with ``display_ready`` the products
    are on the shelf from today and the partnership is active at once."""
    partnership = _lock(partnership)
    _ensure_store_side(actor, partnership.store)
    check_business(partnership.business)
    validate_agreement(agreement)
    shelf = (shelf or "").strip()
    extra = {"shelf": shelf} if shelf else {}
    _transition(actor, partnership, allowed=[PartnershipStatus.ACCEPTED], new_status=PartnershipStatus.CONFIRMED,
                action="partnerships.partnership.confirmed", stamp="confirmed", extra=extra)  # fmt: skip
    if agreement is not None:
        _attach(actor, partnership, agreement)
    if display_ready:
        _activate(actor, partnership)
    return partnership


def _activate(actor, partnership: Partnership) -> Partnership:
    today = _today()
    start = max(partnership.start_date, today)
    if partnership.end_date and partnership.end_date <= start:
        raise ValidationError(
            _("Masa kemitraan sudah lewat (berakhir %(date)s); ubah tanggal selesainya lebih dahulu.")
            % {"date": partnership.end_date.strftime("%d-%m-%Y")}
        )
    return _transition(actor, partnership, allowed=[PartnershipStatus.CONFIRMED], new_status=PartnershipStatus.ACTIVE,
                       action="partnerships.partnership.activated", stamp="activated", extra={"start_date": start})  # fmt: skip


@transaction.atomic
def partnership_activate(*, actor, partnership: Partnership) -> Partnership:
    """The store confirms the products are on display: the partnership counts from today (or its
    agreed start date, if later)."""
    partnership = _lock(partnership)
    _ensure_store_side(actor, partnership.store)
    check_business(partnership.business)
    return _activate(actor, partnership)


@transaction.atomic
def partnership_end(*, actor, partnership: Partnership, end_date: datetime.date, reason: str) -> Partnership:
    """End an active partnership. It stops counting for compliance on ``end_date``."""
    partnership = _lock(partnership)
    _ensure_store_side(actor, partnership.store)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan kemitraan diakhiri.")})
    if end_date > _today():
        raise ValidationError({"end_date": _("Tanggal berakhir tidak boleh di masa depan.")})
    if end_date < partnership.start_date:
        raise ValidationError(
            {"end_date": _("Tanggal berakhir tidak boleh sebelum tanggal mulai kemitraan.")}
        )
    if partnership.end_date and partnership.end_date < end_date:
        end_date = partnership.end_date
    return _transition(actor, partnership, allowed=[PartnershipStatus.ACTIVE], new_status=PartnershipStatus.ENDED,
                       action="partnerships.partnership.ended", stamp="ended",
                       extra={"end_date": end_date, "end_reason": reason}, data={"reason": reason})  # fmt: skip


@transaction.atomic
def partnership_cancel(*, actor, partnership: Partnership, reason: str) -> Partnership:
    """Staff withdraw an offer that is not active yet."""
    _ensure_agency(actor)
    partnership = _lock(partnership)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan tawaran dibatalkan.")})
    return _transition(actor, partnership, allowed=PartnershipStatus.offer_values(),
                       new_status=PartnershipStatus.CANCELLED, action="partnerships.offer.cancelled",
                       extra={"decline_reason": reason}, data={"reason": reason})  # fmt: skip


@transaction.atomic
def partnership_update(
    *, actor, partnership: Partnership, data: dict, products=None, agreement=None
) -> Partnership:
    """Staff correct the terms of a partnership (form, shelf, dates, payment, listing fee)."""
    _ensure_agency(actor)
    partnership = _lock(partnership)
    if partnership.status in (PartnershipStatus.DECLINED, PartnershipStatus.CANCELLED):
        raise ValidationError(_("Kemitraan yang ditolak atau dibatalkan tidak dapat diubah."))
    before = audit.snapshot(partnership, TERM_FIELDS)
    for field in TERM_FIELDS:
        if field in data:
            value = data[field]
            if field == "listing_fee" and value is None:
                value = 0
            setattr(partnership, field, value)
    if partnership.status in PartnershipStatus.open_values():
        check_partnership(store=partnership.store, business=partnership.business, start_date=partnership.start_date,
                          end_date=partnership.end_date, exclude_pk=partnership.pk)  # fmt: skip
    elif partnership.end_date and partnership.end_date < partnership.start_date:
        raise ValidationError({"end_date": _("Tanggal selesai harus sesudah tanggal mulai.")})
    validate_agreement(agreement)
    partnership.save()
    changes = audit.diff(before, audit.snapshot(partnership, TERM_FIELDS))
    if products is not None:
        products = _check_products(partnership.business, products)
        old = sorted(partnership.products.values_list("pk", flat=True))
        new = sorted(p.pk for p in products)
        if old != new:
            partnership.products.set(products)
            changes["products"] = [old, new]
    if changes:
        audit.record(actor=actor, action="partnerships.partnership.updated", obj=partnership, changes=changes)
    if agreement is not None:
        _attach(actor, partnership, agreement)
    return partnership


def _attach(actor, partnership: Partnership, upload) -> None:
    old = partnership.agreement.name or ""
    partnership.agreement.save("perjanjian.pdf", upload, save=True)
    audit.record(actor=actor, action="partnerships.partnership.agreement_uploaded", obj=partnership,
                 changes={"agreement": [old, partnership.agreement.name]})  # fmt: skip


@transaction.atomic
def agreement_attach(*, actor, partnership: Partnership, upload) -> Partnership:
    """Staff or the store upload the signed agreement (PDF)."""
    partnership = _lock(partnership)
    _ensure_store_side(actor, partnership.store)
    if upload is None:
        raise ValidationError({"agreement": _("Pilih berkas PDF perjanjian.")})
    validate_agreement(upload)
    _attach(actor, partnership, upload)
    return partnership
