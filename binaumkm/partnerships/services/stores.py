"""Writes of modern stores and their managers (the accounts of the store portal)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts import services as accounts
from binaumkm.accounts.models import User
from binaumkm.accounts.roles import Role
from binaumkm.core import audit, policy

from .. import conf
from ..events import Event
from ..models import Store, StoreStatus

STORE_FIELDS = [
    "name", "brand", "store_type", "address", "kelurahan", "permit_number", "nib", "email", "opened_on",
    "status", "closed_on",
]  # fmt: skip


def _today() -> datetime.date:
    return timezone.localdate()


def store_warnings(store: Store) -> list[str]:
    """Things staff should check, that do not stop the save."""
    warnings = []
    suspended: datetime.date = conf.NEW_PERMITS_SUSPENDED_SINCE
    if store.opened_on and store.opened_on >= suspended:
        warnings.append(
            _(
                "Sejak %(date)s Kota Surakarta menangguhkan izin toko modern baru. Periksa izin toko ini "
                "(hanya perpanjangan izin toko yang sudah ada yang dilayani)."
            )
            % {"date": suspended.strftime("%d-%m-%Y")}
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
def store_create(*, actor: User, data: dict[str, Any]) -> Store:
    policy.require(actor, "add", Store)
    store = Store(created_by=actor, **{f: data.get(f) for f in STORE_FIELDS if f in data})
    store.nib = store.nib or None
    store.status = store.status or StoreStatus.OPEN
    _validate_store(store)
    store.save()
    audit.record(
        actor=actor,
        action=Event.STORE_CREATED,
        obj=store,
        changes=audit.diff({}, audit.snapshot(store, STORE_FIELDS)),
    )
    return store


@transaction.atomic
def store_update(*, actor: User, store: Store, data: dict[str, Any]) -> Store:
    policy.require(actor, "change", store)
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
        action = Event.STORE_UPDATED
        if "status" in changes:
            action = Event.STORE_CLOSED if store.status == StoreStatus.CLOSED else Event.STORE_REOPENED
        audit.record(actor=actor, action=action, obj=store, changes=changes)
    return store


@transaction.atomic
def store_manager_add(
    *, actor: User, store: Store, full_name: str, phone: str | None, email: str
) -> tuple[User, bool]:
    """Link a store-partner account to the store: the account with that phone or e-mail, or a new one
    without a password (``accounts.services.account_create``: an agency account is never attached).
    Returns (user, created); a new account sets its own password through a one-time link."""
    policy.require(actor, "change", store)
    existing = accounts.account_find(phone=phone, email=email)
    if existing is not None and store.managers.filter(pk=existing.pk).exists():
        raise ValidationError({"phone": _("Akun ini sudah menjadi pengelola toko ini.")})
    user, created = accounts.account_create(
        actor=actor, role=Role.STORE_PARTNER, full_name=full_name, phone=phone, email=email
    )
    store.managers.add(user)
    audit.record(actor=actor, action=Event.MANAGER_ADDED, obj=store, data={"user": user.display_name})
    return user, created


@transaction.atomic
def store_manager_remove(*, actor: User, store: Store, user: User) -> None:
    policy.require(actor, "change", store)
    if not store.managers.filter(pk=user.pk).exists():
        raise ValidationError(_("Akun ini bukan pengelola toko ini."))
    store.managers.remove(user)
    audit.record(actor=actor, action=Event.MANAGER_REMOVED, obj=store, data={"user": user.display_name})
