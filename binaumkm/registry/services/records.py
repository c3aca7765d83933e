"""Writes to the registry. Every function is atomic, checks the access policy (``registry.policy``),
and records an audit entry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts import services as accounts
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core import audit, hooks, policy
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.events import Event
from binaumkm.registry.models import (
    Business,
    BusinessStatusChange,
    BusinessVerificationChange,
    Owner,
    Product,
    TurnoverReport,
)
from binaumkm.registry.policy import PERSONAL_DATA
from binaumkm.registry.selectors import business_list, with_online_shop
from binaumkm.registry.services.claims import signup_duplicate_handle
from binaumkm.registry.sizing import classify_size

OWNER_FIELDS = ["full_name", "nik", "phone", "email", "gender"]
BUSINESS_FIELDS = [
    "name", "nib", "address", "kelurahan", "kbli_section", "kbli_code", "capital", "annual_sales",
    "employees", "year_founded", "binaan_since", "instagram", "tiktok", "facebook", "whatsapp", "pirt_number",
    "pirt_expiry", "halal_number", "halal_expiry", "bpom_number", "bpom_expiry",
]  # fmt: skip
# Changing these on a verified business sends it back to verification.
IDENTITY_FIELDS = {"name", "nib", "kbli_section"}
PRODUCT_FIELDS = [
    "name", "category", "description", "price", "unit", "photo", "pirt_number", "bpom_number",
    "halal_number", "is_active",
]  # fmt: skip


def nik_collision_message(owner: Owner) -> str:
    """For staff, who may know the existing owner; a visitor signing up is never told (``owner_signup``)."""
    return _("NIK ini sudah terdaftar atas pemilik “%(name)s” (%(ref)s).") % {
        "name": owner.full_name,
        "ref": owner.reference,
    }


def nib_collision_message(business: Business) -> str:
    return _("NIB ini sudah dipakai usaha “%(name)s” (%(ref)s).") % {
        "name": business.name,
        "ref": business.reference,
    }


# --- Owners ---------------------------------------------------------------------------------------


@transaction.atomic
def owner_signup(
    *, full_name: str, phone: str, email: str, nik: str, gender: str, password: str
) -> User | None:
    """An owner creates their own account (phone is the login) together with their owner record.

    When the NIK, phone or e-mail is already held, nothing is created and None is returned; the
    caller answers exactly as for a new account, and the existing person is told by e-mail (see
    ``claims.signup_duplicate_handle``), so that the sign-up page reveals nobody's registration.
    """
    existing_owner = Owner.objects.filter(nik=nik).first()
    phone_user = accounts.account_find(phone=phone)
    email_user = accounts.account_find(email=email) if email else None
    if existing_owner is not None or phone_user or email_user:
        make_password(password)  # the hashing a new account costs, so the answer takes as long
        matched = [
            name
            for name, hit in (("nik", existing_owner), ("phone", phone_user), ("email", email_user))
            if hit
        ]
        users = list({u.pk: u for u in (phone_user, email_user) if u is not None}.values())
        signup_duplicate_handle(owner=existing_owner, users=users, matched=matched)
        return None
    user = accounts.account_signup(
        role=Role.OWNER, full_name=full_name, phone=phone, email=email, password=password
    )
    owner = Owner.objects.create(
        user=user, full_name=full_name, nik=nik, phone=phone, email=email, gender=gender
    )
    audit.record(
        actor=user,
        action=Event.OWNER_CREATED,
        obj=owner,
        changes=audit.diff({}, audit.snapshot(owner, OWNER_FIELDS)),
    )
    # The consent ticked on the form is stored by whichever app keeps consents (``privacy``).
    list(hooks.collect("owner_signed_up", owner))
    return user


@transaction.atomic
def owner_create(*, actor: User, data: dict[str, Any]) -> Owner:
    policy.require(actor, "add", Owner)
    if existing := Owner.objects.filter(nik=data["nik"]).first():
        raise ValidationError({"nik": nik_collision_message(existing)})
    owner = Owner.objects.create(**{f: data.get(f, "") for f in OWNER_FIELDS})
    audit.record(
        actor=actor,
        action=Event.OWNER_CREATED,
        obj=owner,
        changes=audit.diff({}, audit.snapshot(owner, OWNER_FIELDS)),
    )
    return owner


@transaction.atomic
def owner_update(*, actor: User, owner: Owner, data: dict[str, Any]) -> Owner:
    policy.require(actor, "change", owner)
    owner = Owner.objects.select_for_update().get(pk=owner.pk)  # a ModelForm may have changed the instance
    if data.get("nik") and data["nik"] != owner.nik:
        policy.require(actor, "change_nik", owner)  # an owner cannot change their own NIK; staff correct it
        if other := Owner.objects.filter(nik=data["nik"]).exclude(pk=owner.pk).first():
            raise ValidationError({"nik": nik_collision_message(other)})
    before = audit.snapshot(owner, OWNER_FIELDS)
    for field in OWNER_FIELDS:
        if field == "nik" and not data.get("nik"):
            continue  # left blank: unchanged (the form never shows the full NIK)
        if field in data:
            setattr(owner, field, data[field])
    owner.save()
    changes = audit.diff(before, audit.snapshot(owner, OWNER_FIELDS))
    if changes:
        audit.record(actor=actor, action=Event.OWNER_UPDATED, obj=owner, changes=changes)
    return owner


def personal_data_reveal(*, actor: User, owner: Owner, field: str = "nik") -> str:
    """The full NIK or phone number, for whom the policy allows; every reveal is itself logged."""
    if field not in ("nik", "phone"):
        raise ValueError(field)
    policy.require(actor, "view_personal", owner)
    audit.record(actor=actor, action=Event.PERSONAL_DATA_REVEALED, obj=owner, data={"field": field})
    return getattr(owner, field)


# --- Businesses -----------------------------------------------------------------------------------


def _apply_business_fields(business: Business, data: dict) -> None:
    for field in BUSINESS_FIELDS:
        if field in data:
            setattr(business, field, data[field])
    business.size_class = classify_size(
        capital=business.capital, annual_sales=business.annual_sales, year_founded=business.year_founded
    )


def _save_business(business: Business) -> None:
    try:
        with transaction.atomic():
            business.save()
    except IntegrityError as exc:
        if business.nib and (
            other := Business.objects.filter(nib=business.nib).exclude(pk=business.pk).first()
        ):
            raise ValidationError({"nib": nib_collision_message(other)}) from exc
        raise


def _record_verification(business: Business, old: str, actor: User | None, note: str = "") -> None:
    """Keep the verification as dated history (``registry.history``), like the status."""
    BusinessVerificationChange.objects.create(
        business=business, old_verification=old, new_verification=business.verification, note=note[:500],
        changed_by=actor if getattr(actor, "is_authenticated", False) else None, changed_at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def business_create(*, actor: User, owner: Owner, data: dict[str, Any]) -> Business:
    """Register a business. Owners register their own (it starts as 'baru'); staff any owner's."""
    policy.require(actor, "add", Business)
    policy.require(actor, "change", owner)
    business = Business(owner=owner, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _apply_business_fields(business, data)
    _save_business(business)
    BusinessStatusChange.objects.create(
        business=business, old_status="", new_status=business.status, changed_by=business.created_by,
        changed_at=timezone.now(), reason=_("Pendaftaran"),
    )  # fmt: skip
    _record_verification(business, "", actor, _("Pendaftaran"))
    after = audit.snapshot(business, ["owner", "status", "verification", "size_class", *BUSINESS_FIELDS])
    audit.record(actor=actor, action=Event.BUSINESS_CREATED, obj=business, changes=audit.diff({}, after))
    return business


@transaction.atomic
def business_create_with_owner(
    *, actor: User, owner_data: dict[str, Any], business_data: dict[str, Any]
) -> Business:
    """Staff register a business with its owner's data. An owner already registered under the same
    NIK and name gets the business; the same NIK under another name is a collision to resolve."""
    policy.require(actor, "add", Owner)
    owner = Owner.objects.filter(nik=owner_data["nik"]).first()
    if owner is None:
        owner = owner_create(actor=actor, data=owner_data)
    elif owner.full_name.casefold() != owner_data["full_name"].casefold():
        raise ValidationError({"nik": nik_collision_message(owner)})
    return business_create(actor=actor, owner=owner, data=business_data)


@transaction.atomic
def business_update(*, actor: User, business: Business, data: dict[str, Any]) -> Business:
    policy.require(actor, "change", business)
    # Edits by someone who may verify stay verified; an owner's go back to the queue (below).
    staff = policy.can(actor, "verify", business)
    business = Business.objects.select_for_update().select_related("owner").get(pk=business.pk)
    tracked = ["size_class", "verification", *BUSINESS_FIELDS]
    before = audit.snapshot(business, tracked)
    _apply_business_fields(business, data)
    changed = {f for f in BUSINESS_FIELDS if before[f] != audit.snapshot(business, [f])[f]}
    if not staff and (
        business.verification == Verification.REJECTED
        or (business.verification == Verification.VERIFIED and changed & IDENTITY_FIELDS)
    ):
        # The owner corrected or changed identifying data: it goes back to the verification queue.
        business.verification = Verification.NEW
        business.verification_note = ""
        business.verified_at = None
        business.verified_by = None
    _save_business(business)
    if business.verification != before["verification"]:
        _record_verification(business, before["verification"], actor, _("Data identitas diubah pemilik"))
    changes = audit.diff(before, audit.snapshot(business, tracked))
    if changes:
        audit.record(actor=actor, action=Event.BUSINESS_UPDATED, obj=business, changes=changes)
    return business


@transaction.atomic
def business_verify(*, actor: User, business: Business) -> Business:
    policy.require(actor, "verify", business)
    business = Business.objects.select_for_update().get(pk=business.pk)
    if business.verification == Verification.VERIFIED:
        raise ValidationError(_("Usaha ini sudah terverifikasi."))
    old = business.verification
    business.verification = Verification.VERIFIED
    business.verification_note = ""
    business.verified_by = actor
    business.verified_at = timezone.now()
    if business.binaan_since is None:
        business.binaan_since = timezone.localdate()
    business.save()
    _record_verification(business, old, actor)
    audit.record(
        actor=actor, action=Event.BUSINESS_VERIFIED, obj=business,
        changes={"verification": [old, business.verification]},
    )  # fmt: skip
    return business


@transaction.atomic
def business_reject(*, actor: User, business: Business, reason: str) -> Business:
    policy.require(actor, "verify", business)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan agar pemilik dapat memperbaikinya.")})
    business = Business.objects.select_for_update().get(pk=business.pk)
    old = business.verification
    business.verification = Verification.REJECTED
    business.verification_note = reason
    business.verified_by = actor
    business.verified_at = timezone.now()
    business.save()
    _record_verification(business, old, actor, reason)
    audit.record(
        actor=actor, action=Event.BUSINESS_REJECTED, obj=business,
        changes={"verification": [old, business.verification]}, data={"reason": reason},
    )  # fmt: skip
    return business


@transaction.atomic
def business_set_status(*, actor: User, business: Business, status: str, reason: str = "") -> Business:
    policy.require(actor, "set_status", business)
    if status not in BusinessStatus.values:
        raise ValidationError({"status": _("Status usaha tidak dikenal.")})
    business = Business.objects.select_for_update().get(pk=business.pk)
    if status == business.status:
        raise ValidationError(
            {"status": _("Status usaha sudah %(status)s.") % {"status": business.get_status_display()}}
        )
    old = business.status
    business.status = status
    business.save(update_fields=["status", "updated_at"])
    BusinessStatusChange.objects.create(
        business=business, old_status=old, new_status=status, reason=reason.strip(), changed_by=actor,
        changed_at=timezone.now(),
    )  # fmt: skip
    audit.record(
        actor=actor, action=Event.BUSINESS_STATUS_CHANGED, obj=business,
        changes={"status": [old, status]}, data={"reason": reason.strip()},
    )  # fmt: skip
    return business


@transaction.atomic
def business_delete(*, actor: User, business: Business) -> None:
    policy.require(actor, "delete", business)
    audit.record(actor=actor, action=Event.BUSINESS_DELETED, obj=business,
                 data={"owner": str(business.owner), "nib": business.nib or ""})  # fmt: skip
    business.delete()


@dataclass(frozen=True)
class BusinessExport:
    rows: QuerySet[Business]
    personal_data: bool  # full NIK and phone numbers (else masked)


def business_export(
    *, actor: User, filters: dict[str, Any], fmt: str, personal_data: bool = False
) -> BusinessExport:
    """The filtered list for an .xlsx/.csv download, logged; full NIKs and phones only when asked
    for by a holder of the personal-data permission (every such export is a logged disclosure)."""
    policy.require(actor, "export", Business)
    if personal_data and not policy.holds(actor, PERSONAL_DATA):
        raise ValidationError(_("Anda tidak berhak mengekspor NIK dan nomor HP lengkap."))
    rows = with_online_shop(business_list(actor=actor, filters=filters))  # "Jualan online" without N+1
    audit.record(
        actor=actor, action=Event.BUSINESS_EXPORTED,
        data={"format": fmt, "filters": {k: str(v) for k, v in filters.items()}, "personal_data": personal_data},
    )  # fmt: skip
    return BusinessExport(rows=rows, personal_data=personal_data)


# --- Products -------------------------------------------------------------------------------------


@transaction.atomic
def product_create(*, actor: User, business: Business, data: dict[str, Any]) -> Product:
    policy.require(actor, "change", business)
    product = Product(business=business, **{f: data[f] for f in PRODUCT_FIELDS if f in data})
    product.save()
    audit.record(
        actor=actor, action=Event.PRODUCT_CREATED, obj=product,
        changes=audit.diff({}, audit.snapshot(product, PRODUCT_FIELDS)), data={"business": business.pk},
    )  # fmt: skip
    return product


@transaction.atomic
def product_update(*, actor: User, product: Product, data: dict[str, Any]) -> Product:
    policy.require(actor, "change", product)
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = audit.snapshot(product, PRODUCT_FIELDS)
    for field in PRODUCT_FIELDS:
        if field in data:
            setattr(product, field, data[field])
    product.save()
    changes = audit.diff(before, audit.snapshot(product, PRODUCT_FIELDS))
    if changes:
        audit.record(actor=actor, action=Event.PRODUCT_UPDATED, obj=product, changes=changes,
                     data={"business": product.business_id})  # fmt: skip
    return product


@transaction.atomic
def product_delete(*, actor: User, product: Product) -> None:
    policy.require(actor, "delete", product)
    audit.record(
        actor=actor, action=Event.PRODUCT_DELETED, obj=product, data={"business": product.business_id}
    )
    product.delete()


# --- Turnover -------------------------------------------------------------------------------------


@transaction.atomic
def turnover_report_save(
    *, actor: User, business: Business, period: datetime.date, turnover: int
) -> TurnoverReport:
    """Record (or correct) the turnover of one month."""
    policy.require(actor, "change", business)
    period = period.replace(day=1)
    if period > timezone.localdate().replace(day=1):
        raise ValidationError(
            {"period": _("Omzet hanya bisa dilaporkan untuk bulan ini atau bulan yang lalu.")}
        )
    report = TurnoverReport.objects.select_for_update().filter(business=business, period=period).first()
    old = report.turnover if report else None
    if report is None:
        report = TurnoverReport.objects.create(
            business=business, period=period, turnover=turnover, reported_by=actor
        )
        action = Event.TURNOVER_CREATED
    else:
        report.turnover = turnover
        report.reported_by = actor
        report.save()
        action = Event.TURNOVER_UPDATED
    if old != turnover:
        audit.record(actor=actor, action=action, obj=report, changes={"turnover": [old, turnover]},
                     data={"business": business.pk, "period": period.isoformat()})  # fmt: skip
    return report


@transaction.atomic
def turnover_report_delete(*, actor: User, report: TurnoverReport) -> None:
    policy.require(actor, "change", report)
    audit.record(actor=actor, action=Event.TURNOVER_DELETED, obj=report,
                 changes={"turnover": [report.turnover, None]}, data={"business": report.business_id})  # fmt: skip
    report.delete()
