"""Writes of partnerships: staff record offers and running partnerships, the owner answers an offer,
the store confirms, displays and ends it; staff may act on either party's behalf (the audit log names
who did it). Every function is atomic, checks the access policy and records an audit entry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.money import format_rupiah
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import ensure_eligible

from .. import conf
from ..events import Event
from ..models import MatchRun, Partnership, PartnershipStatus, Store, StoreStatus

TERM_FIELDS = ["form", "shelf", "start_date", "end_date", "payment_days", "listing_fee", "note"]
STAMP_FIELDS = ["status", "start_date", "end_date"]


def _today() -> datetime.date:
    return timezone.localdate()


# --- Rules ----------------------------------------------------------------------------------------


def listing_fee_warning(store: Store, fee: int | None) -> str | None:
    """Permendag 23/2021 caps the new-item listing fee per outlet: warn, do not refuse."""
    cap = conf.listing_fee_cap(store.store_type)
    if cap is not None and fee and fee > cap:
        return _(
            "Biaya pendaftaran produk %(fee)s per item melebihi batas Permendag 23/2021 untuk %(type)s "
            "(%(cap)s). Minta toko menyesuaikan syarat dagang."
        ) % {"fee": format_rupiah(fee), "cap": format_rupiah(cap), "type": store.get_store_type_display()}
    return None


def check_partnership(
    *,
    store: Store,
    business: Business,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    exclude_pk: int | None = None,
) -> None:
    """The rules every new or changed partnership meets; raises ValidationError per field."""
    check_terms(store=store, business=business, start_date=start_date, end_date=end_date)
    duplicate = Partnership.objects.filter(
        store=store, business=business, status__in=PartnershipStatus.open_values()
    )
    if exclude_pk is not None:
        duplicate = duplicate.exclude(pk=exclude_pk)
    if duplicate.exists():
        raise ValidationError(
            {
                "business": _(
                    "UMKM “%(name)s” sudah bermitra atau sedang ditawari kemitraan dengan toko ini."
                )
                % {"name": business.name}
            }
        )


def check_terms(
    *, store: Store, business: Business, start_date: datetime.date | None, end_date: datetime.date | None
) -> None:
    """The rules that need no query: open store, eligible business (verified, not closed), dates in
    order."""
    if store.status != StoreStatus.OPEN:
        raise ValidationError({"store": _("Toko “%(name)s” sudah tutup.") % {"name": store.name}})
    ensure_eligible(business)
    if start_date and end_date and end_date <= start_date:
        raise ValidationError({"end_date": _("Tanggal selesai harus sesudah tanggal mulai.")})
    if start_date and store.opened_on and start_date < store.opened_on:
        raise ValidationError({"start_date": _("Tanggal mulai tidak boleh sebelum toko buka.")})


def _check_products(business: Business, products: Iterable[Product] | None) -> list[Product]:
    chosen = list(products or [])
    if any(p.business_id != business.pk for p in chosen):
        raise ValidationError({"products": _("Produk yang dipilih harus milik UMKM tersebut.")})
    return chosen


def validate_agreement(upload: IO[bytes] | None) -> None:
    """A signed agreement: a PDF file (by its content, not its name) within the size limit."""
    if upload is None:
        return
    limit: int = conf.AGREEMENT_MAX_BYTES
    if getattr(upload, "size", 0) > limit:
        raise ValidationError(
            {
                "agreement": _("Berkas perjanjian terlalu besar (maksimal %(mb)d MB).")
                % {"mb": limit // (1024 * 1024)}
            }
        )
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


# --- Recording ------------------------------------------------------------------------------------


@transaction.atomic
def partnership_create(
    *,
    actor: User,
    store: Store,
    business: Business,
    data: dict[str, Any],
    running: bool = False,
    products: Iterable[Product] = (),
    agreement: IO[bytes] | None = None,
    reasons: list[Any] | None = None,
    match_run: MatchRun | None = None,
) -> Partnership:
    """Staff record a partnership: an offer to the owner, or (``running``) one already in force."""
    policy.require(actor, "add", Partnership)
    store = Store.objects.select_for_update().get(pk=store.pk)
    start_date = data.get("start_date") or _today()
    check_partnership(store=store, business=business, start_date=start_date, end_date=data.get("end_date"))
    chosen = _check_products(business, products)
    validate_agreement(agreement)
    partnership = Partnership(
        store=store,
        business=business,
        proposed_by=actor,
        reasons=reasons or [],
        match_run=match_run,
        **{f: data[f] for f in TERM_FIELDS if data.get(f) not in (None, "")},
    )
    partnership.start_date = start_date
    if running:
        now = timezone.now()
        partnership.status = PartnershipStatus.ACTIVE
        partnership.activated_by, partnership.activated_at = actor, now
    _save_new(partnership)
    if agreement is not None:
        partnership.agreement.save("perjanjian.pdf", agreement, save=True)
    if chosen:
        partnership.products.set(chosen)
    audit.record(
        actor=actor,
        action=Event.PARTNERSHIP_RECORDED if running else Event.OFFER_CREATED,
        obj=partnership,
        changes=audit.diff({}, audit.snapshot(partnership, ["store", "business", "status", *TERM_FIELDS])),
        data={"products": [p.pk for p in chosen], "match_run": getattr(match_run, "pk", None)},
    )
    return partnership


def _lock(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update()
        .select_related("store", "business__owner")
        .get(pk=partnership.pk)
    )


def _transition(
    actor: User,
    partnership: Partnership,
    *,
    allowed: Iterable[str],
    new_status: str,
    action: Event,
    stamp: str | None = None,
    extra: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> Partnership:
    if partnership.status not in allowed:
        raise ValidationError(
            _("Kemitraan ini berstatus “%(status)s”; tindakan ini tidak dapat dilakukan.")
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
    audit.record(
        actor=actor,
        action=action,
        obj=partnership,
        changes=audit.diff(before, audit.snapshot(partnership, STAMP_FIELDS)),
        data=data or {},
    )
    return partnership


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


# --- The owner's side (or staff on the owner's behalf) ------------------------------------------------


@transaction.atomic
def offer_accept(*, actor: User, partnership: Partnership) -> Partnership:
    partnership = _lock(partnership)
    policy.require(actor, "answer", partnership)
    ensure_eligible(partnership.business)
    return _transition(
        actor,
        partnership,
        allowed=[PartnershipStatus.PROPOSED],
        new_status=PartnershipStatus.ACCEPTED,
        action=Event.OFFER_ACCEPTED,
        stamp="accepted",
    )


@transaction.atomic
def offer_decline(*, actor: User, partnership: Partnership, reason: str) -> Partnership:
    partnership = _lock(partnership)
    policy.require(actor, "answer", partnership)
    reason = _reason(reason, _("Tuliskan alasan menolak tawaran ini."))
    return _transition(
        actor,
        partnership,
        allowed=[PartnershipStatus.PROPOSED],
        new_status=PartnershipStatus.DECLINED,
        action=Event.OFFER_DECLINED,
        stamp="declined",
        extra={"decline_reason": reason},
        data={"reason": reason},
    )


# --- The store's side (or staff on the store's behalf) ------------------------------------------------


@transaction.atomic
def store_decline(*, actor: User, partnership: Partnership, reason: str) -> Partnership:
    """The store turns down an offer the owner accepted (e.g. no shelf space for that product)."""
    partnership = _lock(partnership)
    policy.require(actor, "store_answer", partnership)
    reason = _reason(reason, _("Tuliskan alasan toko menolak kemitraan ini."))
    return _transition(
        actor,
        partnership,
        allowed=[PartnershipStatus.ACCEPTED],
        new_status=PartnershipStatus.DECLINED,
        action=Event.OFFER_DECLINED_BY_STORE,
        stamp="declined",
        extra={"decline_reason": reason},
        data={"reason": reason},
    )


@transaction.atomic
def partnership_confirm(
    *,
    actor: User,
    partnership: Partnership,
    shelf: str = "",
    display_ready: bool = False,
    agreement: IO[bytes] | None = None,
) -> Partnership:
    """The store confirms the partnership the owner accepted; with ``display_ready`` the products
    are on the shelf from today and the partnership is active at once."""
    partnership = _lock(partnership)
    policy.require(actor, "store_answer", partnership)
    ensure_eligible(partnership.business)
    validate_agreement(agreement)
    shelf = (shelf or "").strip()
    _transition(
        actor,
        partnership,
        allowed=[PartnershipStatus.ACCEPTED],
        new_status=PartnershipStatus.CONFIRMED,
        action=Event.PARTNERSHIP_CONFIRMED,
        stamp="confirmed",
        extra={"shelf": shelf} if shelf else {},
    )
    if agreement is not None:
        _attach(actor, partnership, agreement)
    if display_ready:
        _activate(actor, partnership)
    return partnership


def _activate(actor: User, partnership: Partnership) -> Partnership:
    start = max(partnership.start_date, _today())
    if partnership.end_date and partnership.end_date <= start:
        raise ValidationError(
            _("Masa kemitraan sudah lewat (berakhir %(date)s); ubah tanggal selesainya lebih dahulu.")
            % {"date": partnership.end_date.strftime("%d-%m-%Y")}
        )
    return _transition(
        actor,
        partnership,
        allowed=[PartnershipStatus.CONFIRMED],
        new_status=PartnershipStatus.ACTIVE,
        action=Event.PARTNERSHIP_ACTIVATED,
        stamp="activated",
        extra={"start_date": start},
    )


@transaction.atomic
def partnership_activate(*, actor: User, partnership: Partnership) -> Partnership:
    """The store confirms the products are on display: the partnership counts from today (or its
    agreed start date, if later)."""
    partnership = _lock(partnership)
    policy.require(actor, "store_answer", partnership)
    ensure_eligible(partnership.business)
    return _activate(actor, partnership)


@transaction.atomic
def partnership_end(
    *, actor: User, partnership: Partnership, end_date: datetime.date, reason: str
) -> Partnership:
    """End an active partnership. It stops counting for compliance on ``end_date``."""
    partnership = _lock(partnership)
    policy.require(actor, "store_answer", partnership)
    reason = _reason(reason, _("Tuliskan alasan kemitraan diakhiri."))
    if end_date > _today():
        raise ValidationError({"end_date": _("Tanggal berakhir tidak boleh di masa depan.")})
    if end_date < partnership.start_date:
        raise ValidationError(
            {"end_date": _("Tanggal berakhir tidak boleh sebelum tanggal mulai kemitraan.")}
        )
    if partnership.end_date and partnership.end_date < end_date:
        end_date = partnership.end_date
    return _transition(
        actor,
        partnership,
        allowed=[PartnershipStatus.ACTIVE],
        new_status=PartnershipStatus.ENDED,
        action=Event.PARTNERSHIP_ENDED,
        stamp="ended",
        extra={"end_date": end_date, "end_reason": reason},
        data={"reason": reason},
    )


def _attach(actor: User, partnership: Partnership, upload: IO[bytes]) -> None:
    old = partnership.agreement.name or ""
    partnership.agreement.save("perjanjian.pdf", upload, save=True)
    audit.record(
        actor=actor,
        action=Event.AGREEMENT_UPLOADED,
        obj=partnership,
        changes={"agreement": [old, partnership.agreement.name]},
    )


@transaction.atomic
def agreement_attach(*, actor: User, partnership: Partnership, upload: IO[bytes] | None) -> Partnership:
    """Staff or the store upload the signed agreement (PDF)."""
    partnership = _lock(partnership)
    policy.require(actor, "store_answer", partnership)
    if upload is None:
        raise ValidationError({"agreement": _("Pilih berkas PDF perjanjian.")})
    validate_agreement(upload)
    _attach(actor, partnership, upload)
    return partnership


# --- Staff only ---------------------------------------------------------------------------------------


@transaction.atomic
def partnership_cancel(*, actor: User, partnership: Partnership, reason: str) -> Partnership:
    """Staff withdraw an offer that is not active yet."""
    policy.require(actor, "change", partnership)
    partnership = _lock(partnership)
    reason = _reason(reason, _("Tuliskan alasan tawaran dibatalkan."))
    return _transition(
        actor,
        partnership,
        allowed=PartnershipStatus.offer_values(),
        new_status=PartnershipStatus.CANCELLED,
        action=Event.OFFER_CANCELLED,
        extra={"decline_reason": reason},
        data={"reason": reason},
    )


@transaction.atomic
def partnership_update(
    *,
    actor: User,
    partnership: Partnership,
    data: dict[str, Any],
    products: Iterable[Product] | None = None,
    agreement: IO[bytes] | None = None,
) -> Partnership:
    """Staff correct the terms of a partnership (form, shelf, dates, payment, listing fee)."""
    policy.require(actor, "change", partnership)
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
        check_partnership(
            store=partnership.store,
            business=partnership.business,
            start_date=partnership.start_date,
            end_date=partnership.end_date,
            exclude_pk=partnership.pk,
        )
    elif partnership.end_date and partnership.end_date < partnership.start_date:
        raise ValidationError({"end_date": _("Tanggal selesai harus sesudah tanggal mulai.")})
    validate_agreement(agreement)
    partnership.save()
    changes = audit.diff(before, audit.snapshot(partnership, TERM_FIELDS))
    if products is not None:
        chosen = _check_products(partnership.business, products)
        old = sorted(partnership.products.values_list("pk", flat=True))
        new = sorted(p.pk for p in chosen)
        if old != new:
            partnership.products.set(chosen)
            changes["products"] = [old, new]
    if changes:
        audit.record(actor=actor, action=Event.PARTNERSHIP_UPDATED, obj=partnership, changes=changes)
    if agreement is not None:
        _attach(actor, partnership, agreement)
    return partnership
