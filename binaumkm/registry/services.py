"""Writes to the registry. Every function is atomic, checks who may do it, and records an audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role, assign_role, is_agency
from binaumkm.core import audit

from .choices import BusinessStatus, Verification
from .models import Business, BusinessStatusChange, Owner, Product, TurnoverReport
from .sizing import classify_size

OWNER_FIELDS = ["full_name", "nik", "phone", "email", "gender"]
BUSINESS_FIELDS = [
    "name", "nib", "address", "kelurahan", "kbli_section", "kbli_code", "capital", "annual_sales",
    "employees", "year_founded", "binaan_since", "shopee_url", "tokopedia_url", "other_marketplace_url",
    "instagram", "tiktok", "facebook", "whatsapp", "pirt_number", "pirt_expiry", "halal_number",
    "halal_expiry", "bpom_number", "bpom_expiry",
]  # fmt: skip
# Changing these on a verified business sends it back to verification.
IDENTITY_FIELDS = {"name", "nib", "kbli_section"}
PRODUCT_FIELDS = [
    "name", "category", "description", "price", "unit", "photo", "pirt_number", "bpom_number",
    "halal_number", "is_active",
]  # fmt: skip


def _ensure_agency(actor) -> None:
    if not is_agency(actor):
        raise PermissionDenied


def _ensure_can_edit(actor, business: Business) -> None:
    if is_agency(actor):
        return
    if getattr(actor, "is_authenticated", False) and business.owner.user_id == actor.pk:
        return
    raise PermissionDenied


def nik_collision_message(owner: Owner, *, for_staff: bool) -> str:
    if for_staff:
        return _("NIK ini sudah terdaftar atas pemilik «%(name)s» (%(ref)s).") % {
            "name": owner.full_name,
            "ref": owner.reference,
        }
    return _(
        "NIK ini sudah terdaftar (%(ref)s). Hubungi dinas untuk menautkan data tersebut ke akun Anda."
    ) % {"ref": owner.reference}


def nib_collision_message(business: Business) -> str:
    return _("NIB ini sudah dipakai usaha «%(name)s» (%(ref)s).") % {
        "name": business.name,
        "ref": business.reference,
    }


# --- Owners ---------------------------------------------------------------------------------------


@transaction.atomic
def owner_signup(*, full_name: str, phone: str, email: str, nik: str, gender: str, password: str) -> User:
    """An owner creates their own account (phone is the login) together with their owner record."""
    if existing := Owner.objects.filter(nik=nik).first():
        raise ValidationError({"nik": nik_collision_message(existing, for_staff=False)})
    if User.objects.filter(phone=phone).exists() or User.objects.filter(username=phone).exists():
        raise ValidationError({"phone": _("Nomor HP ini sudah dipakai akun lain. Silakan masuk.")})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Alamat e-mail ini sudah dipakai akun lain.")})
    user = User(username=phone, phone=phone, email=email, full_name=full_name)
    user.set_password(password)
    user.save()
    assign_role(user, Role.OWNER)
    owner = Owner.objects.create(
        user=user, full_name=full_name, nik=nik, phone=phone, email=email, gender=gender
    )
    audit.record(actor=user, action="accounts.user.signed_up", obj=user)
    audit.record(
        actor=user,
        action="registry.owner.created",
        obj=owner,
        changes=audit.diff({}, audit.snapshot(owner, OWNER_FIELDS)),
    )
    return user


@transaction.atomic
def owner_create(*, actor, data: dict) -> Owner:
    _ensure_agency(actor)
    if existing := Owner.objects.filter(nik=data["nik"]).first():
        raise ValidationError({"nik": nik_collision_message(existing, for_staff=True)})
    owner = Owner.objects.create(**{f: data.get(f, "") for f in OWNER_FIELDS})
    audit.record(
        actor=actor,
        action="registry.owner.created",
        obj=owner,
        changes=audit.diff({}, audit.snapshot(owner, OWNER_FIELDS)),
    )
    return owner


@transaction.atomic
def owner_update(*, actor, owner: Owner, data: dict) -> Owner:
    if not (is_agency(actor) or owner.user_id == getattr(actor, "pk", None)):
        raise PermissionDenied
    if "nik" in data and data["nik"] != owner.nik:
        if not is_agency(actor):
            raise PermissionDenied  # an owner cannot change their own NIK; staff correct it
        if other := Owner.objects.filter(nik=data["nik"]).exclude(pk=owner.pk).first():
            raise ValidationError({"nik": nik_collision_message(other, for_staff=True)})
    before = audit.snapshot(owner, OWNER_FIELDS)
    for field in OWNER_FIELDS:
        if field in data:
            setattr(owner, field, data[field])
    owner.save()
    changes = audit.diff(before, audit.snapshot(owner, OWNER_FIELDS))
    if changes:
        audit.record(actor=actor, action="registry.owner.updated", obj=owner, changes=changes)
    return owner


def nik_reveal(*, actor, owner: Owner) -> str:
    """Full NIK for staff; every reveal is itself logged."""
    _ensure_agency(actor)
    audit.record(actor=actor, action="registry.owner.nik_revealed", obj=owner)
    return owner.nik


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


@transaction.atomic
def business_create(*, actor, owner: Owner, data: dict) -> Business:
    """Register a business. Owners register their own (it starts as 'baru'); staff any owner's."""
    if not (is_agency(actor) or owner.user_id == getattr(actor, "pk", None)):
        raise PermissionDenied
    business = Business(owner=owner, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _apply_business_fields(business, data)
    _save_business(business)
    BusinessStatusChange.objects.create(
        business=business, old_status="", new_status=business.status, changed_by=business.created_by,
        changed_at=timezone.now(), reason=_("Pendaftaran"),
    )  # fmt: skip
    after = audit.snapshot(business, ["owner", "status", "verification", "size_class", *BUSINESS_FIELDS])
    audit.record(actor=actor, action="registry.business.created", obj=business, changes=audit.diff({}, after))
    return business


@transaction.atomic
def business_create_with_owner(*, actor, owner_data: dict, business_data: dict) -> Business:
    """Staff register a business with its owner's data. An owner already registered under the same
    NIK and name gets the business; the same NIK under another name is a collision to resolve."""
    _ensure_agency(actor)
    owner = Owner.objects.filter(nik=owner_data["nik"]).first()
    if owner is None:
        owner = owner_create(actor=actor, data=owner_data)
    elif owner.full_name.casefold() != owner_data["full_name"].casefold():
        raise ValidationError({"nik": nik_collision_message(owner, for_staff=True)})
    return business_create(actor=actor, owner=owner, data=business_data)


@transaction.atomic
def business_update(*, actor, business: Business, data: dict) -> Business:
    _ensure_can_edit(actor, business)
    business = Business.objects.select_for_update().select_related("owner").get(pk=business.pk)
    tracked = ["size_class", "verification", *BUSINESS_FIELDS]
    before = audit.snapshot(business, tracked)
    _apply_business_fields(business, data)
    changed = {f for f in BUSINESS_FIELDS if before[f] != audit.snapshot(business, [f])[f]}
    if not is_agency(actor) and (
        business.verification == Verification.REJECTED
        or (business.verification == Verification.VERIFIED and changed & IDENTITY_FIELDS)
    ):
        # The owner corrected or changed identifying data: it goes back to the verification queue.
        business.verification = Verification.NEW
        business.verification_note = ""
        business.verified_at = None
        business.verified_by = None
    _save_business(business)
    changes = audit.diff(before, audit.snapshot(business, tracked))
    if changes:
        audit.record(actor=actor, action="registry.business.updated", obj=business, changes=changes)
    return business


@transaction.atomic
def business_verify(*, actor, business: Business) -> Business:
    if not actor.has_perm("registry.verify_business"):
        raise PermissionDenied
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
    audit.record(
        actor=actor, action="registry.business.verified", obj=business,
        changes={"verification": [old, business.verification]},
    )  # fmt: skip
    return business


@transaction.atomic
def business_reject(*, actor, business: Business, reason: str) -> Business:
    if not actor.has_perm("registry.verify_business"):
        raise PermissionDenied
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
    audit.record(
        actor=actor, action="registry.business.rejected", obj=business,
        changes={"verification": [old, business.verification]}, data={"reason": reason},
    )  # fmt: skip
    return business


@transaction.atomic
def business_set_status(*, actor, business: Business, status: str, reason: str = "") -> Business:
    _ensure_agency(actor)
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
        actor=actor, action="registry.business.status_changed", obj=business,
        changes={"status": [old, status]}, data={"reason": reason.strip()},
    )  # fmt: skip
    return business


@transaction.atomic
def business_delete(*, actor, business: Business) -> None:
    if not actor.has_perm("registry.delete_business"):
        raise PermissionDenied
    audit.record(actor=actor, action="registry.business.deleted", obj=business,
                 data={"owner": str(business.owner), "nib": business.nib or ""})  # fmt: skip
    business.delete()


# --- Products -------------------------------------------------------------------------------------


@transaction.atomic
def product_create(*, actor, business: Business, data: dict) -> Product:
    _ensure_can_edit(actor, business)
    product = Product(business=business, **{f: data[f] for f in PRODUCT_FIELDS if f in data})
    product.save()
    audit.record(
        actor=actor, action="registry.product.created", obj=product,
        changes=audit.diff({}, audit.snapshot(product, PRODUCT_FIELDS)), data={"business": business.pk},
    )  # fmt: skip
    return product


@transaction.atomic
def product_update(*, actor, product: Product, data: dict) -> Product:
    _ensure_can_edit(actor, product.business)
    before = audit.snapshot(product, PRODUCT_FIELDS)
    for field in PRODUCT_FIELDS:
        if field in data:
            setattr(product, field, data[field])
    product.save()
    changes = audit.diff(before, audit.snapshot(product, PRODUCT_FIELDS))
    if changes:
        audit.record(actor=actor, action="registry.product.updated", obj=product, changes=changes,
                     data={"business": product.business_id})  # fmt: skip
    return product


@transaction.atomic
def product_delete(*, actor, product: Product) -> None:
    _ensure_can_edit(actor, product.business)
    audit.record(
        actor=actor, action="registry.product.deleted", obj=product, data={"business": product.business_id}
    )
    product.delete()


# --- Turnover -------------------------------------------------------------------------------------


@transaction.atomic
def turnover_report_save(*, actor, business: Business, period, turnover: int) -> TurnoverReport:
    """Record (or correct) the turnover of one month."""
    _ensure_can_edit(actor, business)
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
        action = "registry.turnover.created"
    else:
        report.turnover = turnover
        report.reported_by = actor
        report.save()
        action = "registry.turnover.updated"
    if old != turnover:
        audit.record(actor=actor, action=action, obj=report, changes={"turnover": [old, turnover]},
                     data={"business": business.pk, "period": period.isoformat()})  # fmt: skip
    return report


@transaction.atomic
def turnover_report_delete(*, actor, report: TurnoverReport) -> None:
    _ensure_can_edit(actor, report.business)
    audit.record(actor=actor, action="registry.turnover.deleted", obj=report,
                 changes={"turnover": [report.turnover, None]}, data={"business": report.business_id})  # fmt: skip
    report.delete()
